"""plan_overview, the data function of every view: stored records through the engine, on both databases."""

from decimal import Decimal

import pytest

from planwatch.assess.thresholds import Thresholds
from planwatch.domain.assessment import Light, Status
from planwatch.errors import InvalidInput
from planwatch.services.observations import add_observation, find_indicator
from planwatch.services.overview import plan_overview
from planwatch.services.plans import get_plan
from planwatch.services.sample import load_sample
from planwatch.settings import Settings
from planwatch.store.database import Database


@pytest.fixture
def loaded(database: Database) -> Database:
    with database.session() as session:
        load_sample(session, Settings(), actor="样例")
    return database


def test_sample_gdp_as_of_2022(loaded: Database) -> None:
    with loaded.session() as session:
        result = plan_overview(session, None, None, Thresholds())
    assert result.as_of == 2022  # the latest year with data
    gdp = next(r.assessment for r in result.assessed if r.indicator.name == "GDP")
    # τ = (2022 − 2020)/(2025 − 2020) = 0.4; P = (767.81 − 616.36)/(1000 − 616.36) = 151.45/383.64
    assert gdp.time_share == Decimal("0.4")
    assert gdp.progress is not None and abs(gdp.progress - Decimal("0.39477")) < Decimal("0.00001")
    assert (gdp.status, gdp.light) == (Status.ON_TRACK, Light.GREEN)
    # (767.81/616.36)^(1/2) − 1 = 1.245716^0.5 − 1 = 0.11612
    # (1000/767.81)^(1/3) − 1: ln 1.302406 = 0.264214, /3 = 0.088071, e^0.088071 − 1 = 0.092066
    assert gdp.observed_growth is not None and abs(
        gdp.observed_growth - Decimal("0.11612")
    ) < Decimal("0.00001")
    assert gdp.required_growth_remaining is not None
    assert abs(gdp.required_growth_remaining - Decimal("0.092066")) < Decimal("0.000001")
    assert sum(result.counts.values()) == len(result.assessed)
    assert result.counts[Status.ON_TRACK] >= 1


def test_binding_indicators_come_first(loaded: Database) -> None:
    with loaded.session() as session:
        water = find_indicator(get_plan(session, None), "用水总量")
        water.attribute = "binding"
    with loaded.session() as session:
        result = plan_overview(session, None, 2022, Thresholds())
    assert result.indicators[0].indicator.name == "用水总量"


def test_a_new_observation_changes_the_status(loaded: Database) -> None:
    with loaded.session() as session:
        gdp = find_indicator(get_plan(session, None), "GDP")
        add_observation(session, gdp, 2023, Decimal("1010"), "统计局")
    with loaded.session() as session:
        result = plan_overview(session, None, 2023, Thresholds())
        default = plan_overview(session, None, None, Thresholds())
    gdp_row = next(r.assessment for r in result.assessed if r.indicator.name == "GDP")
    assert (result.as_of, gdp_row.status) == (2023, Status.ACHIEVED_EARLY)
    # one indicator with 2023 data does not move the default year: most have data up to 2022
    assert default.as_of == 2022


def test_thresholds_decide_the_band(loaded: Database) -> None:
    strict = Thresholds.from_mapping(
        {"ahead": "0.001", "lag_yellow": "0.001", "binding_lag_yellow": "0.001"}
    )
    with loaded.session() as session:
        result = plan_overview(session, None, 2022, strict)
    gdp = next(r.assessment for r in result.assessed if r.indicator.name == "GDP")
    # P − τ = 0.39477 − 0.4 = −0.0052, beyond a 0.001 band for the status and the light
    assert (gdp.status, gdp.light) == (Status.LAGGING, Light.YELLOW)


def test_unreasonable_year(loaded: Database) -> None:
    with loaded.session() as session, pytest.raises(InvalidInput, match="评估年份"):
        plan_overview(session, None, 99999, Thresholds())


def test_overview_carries_what_renderers_show(loaded: Database) -> None:
    with loaded.session() as session:
        gdp = find_indicator(get_plan(session, None), "GDP")
        add_observation(
            session, gdp, 2022, Decimal("770"), "统计局", status="revised", source="年鉴"
        )
    with loaded.session() as session:
        overview = plan_overview(session, None, 2022, Thresholds())
    view = next(v for v in overview.indicators if v.indicator.name == "GDP")
    assert view.chapter == "第三章 主要目标"  # 到“十四五”末GDP突破1000亿元 is in 第三章
    assert view.sentence is not None and "1000" in view.sentence
    assert [(r.year, r.revision, r.value) for r in view.revisions if r.year == 2022] == [
        (2022, 1, Decimal("767.81")),
        (2022, 2, Decimal("770")),
    ]
    assert [o.value for o in view.observations if o.year == 2022] == [Decimal("770")]
    monitoring = next(v for v in overview.indicators if v.indicator.name == "第二产业增加值")
    assert monitoring.assessment is None and monitoring.origin == "data"
    assert not overview.simulated and any("可信度" in s for s in overview.sources)
    assert overview.version == 1 and overview.period == (2021, 2025)
