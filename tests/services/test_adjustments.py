"""Approved adjustments (规划调整): the target in force by year, the history, bad adjustments."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import func, select

from planwatch.assess.thresholds import Thresholds
from planwatch.errors import InvalidInput
from planwatch.read import read_document
from planwatch.services.adjustments import (
    AdjustmentFacts,
    TargetChange,
    add_adjustment,
    target_in_force,
)
from planwatch.services.observations import add_observation, find_indicator
from planwatch.services.overview import plan_overview
from planwatch.services.plans import import_plan
from planwatch.store.database import Database
from planwatch.store.models import Adjustment, IndicatorRecord, Plan

PLANS = Path(__file__).parent.parent / "data" / "plans"
APPROVAL = AdjustmentFacts(
    approved_by="区人大常委会",
    decided_on=date(2023, 6, 28),
    effective_year=2023,
    document_number="清人常〔2023〕7号",
    proposed_by="区人民政府",
    reason="受外部环境影响,经济总量目标下调",
)


@pytest.fixture
def plan_id(database: Database) -> int:
    document = read_document(PLANS / "qinghe-district-14th.txt", max_bytes=1 << 20)
    with database.session() as session:
        return import_plan(session, document, "规划科").plan_id


def gdp(plan: Plan) -> IndicatorRecord:
    return next(i for i in plan.indicators if i.name == "地区生产总值" and i.unit == "亿元")


def test_the_target_in_force_follows_the_effective_year(database: Database, plan_id: int) -> None:
    with database.session() as session:
        plan = session.get(Plan, plan_id)
        assert plan is not None
        add_adjustment(session, plan, APPROVAL, [TargetChange(gdp(plan), Decimal(760))], "规划科")
    with database.session() as session:
        plan = session.get(Plan, plan_id)
        assert plan is not None
        values = {y: target_in_force(gdp(plan), y).value for y in (2021, 2022, 2023, 2025)}  # type: ignore[union-attr]
        assert values == {2021: 800, 2022: 800, 2023: 760, 2025: 760}
        in_force = target_in_force(gdp(plan), 2024)
        assert in_force is not None and in_force.year == 2025 and in_force.comparator == ">="
        assert in_force.adjustment is not None
        assert in_force.adjustment.document_number == "清人常〔2023〕7号"


def test_assessment_uses_the_target_in_force(database: Database, plan_id: int) -> None:
    with database.session() as session:
        plan = session.get(Plan, plan_id)
        assert plan is not None
        add_observation(session, gdp(plan), 2022, Decimal(650), "统计局")
        add_observation(session, gdp(plan), 2023, Decimal(700), "统计局")
        add_adjustment(session, plan, APPROVAL, [TargetChange(gdp(plan), Decimal(760))], "规划科")
    with database.session() as session:
        before = plan_overview(session, str(plan_id), 2022, Thresholds())
        after = plan_overview(session, str(plan_id), 2023, Thresholds())
    view22 = next(
        v
        for v in before.indicators
        if v.indicator.name == "地区生产总值" and v.indicator.unit == "亿元"
    )
    view23 = next(
        v
        for v in after.indicators
        if v.indicator.name == "地区生产总值" and v.indicator.unit == "亿元"
    )
    assert view22.indicator.main_target is not None and view22.indicator.main_target.value == 800
    assert view23.indicator.main_target is not None and view23.indicator.main_target.value == 760
    # progress P = (x_t − x₀)/(X − x₀): 2022 (650 − 560)/(800 − 560) = 0.375;
    # 2023 against the adjusted target (700 − 560)/(760 − 560) = 0.7
    assert view22.assessment is not None and view22.assessment.progress == Decimal("0.375")
    assert view23.assessment is not None and view23.assessment.progress == Decimal("0.7")
    # the history is shown at both years; only 2023 has it in force
    assert [(a.old[0], a.new[0], a.in_force) for a in view22.adjustments] == [(800, 760, False)]
    assert [a.in_force for a in view23.adjustments] == [True]
    assert [v.code for v in after.adjusted] == [view23.code]


def test_adjustments_apply_in_order_of_effective_year(database: Database, plan_id: int) -> None:
    later = AdjustmentFacts("区人大常委会", date(2024, 6, 1), 2024, "清人常〔2024〕3号")
    with database.session() as session:
        plan = session.get(Plan, plan_id)
        assert plan is not None
        add_adjustment(session, plan, later, [TargetChange(gdp(plan), Decimal(740))], "规划科")
        add_adjustment(session, plan, APPROVAL, [TargetChange(gdp(plan), Decimal(760))], "规划科")
        values = [target_in_force(gdp(plan), y).value for y in (2022, 2023, 2024)]  # type: ignore[union-attr]
        assert values == [800, 760, 740]


def _refused(database: Database, plan_id: int, make: object, message: str) -> None:
    with database.session() as session, pytest.raises(InvalidInput, match=message):
        plan = session.get(Plan, plan_id)
        assert plan is not None
        facts, changes = make(plan)  # type: ignore[operator]
        add_adjustment(session, plan, facts, changes, "规划科")
    with database.session() as session:
        assert session.scalar(select(func.count()).select_from(Adjustment)) == 0


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (
            lambda p: (
                AdjustmentFacts("区人大常委会", date(2027, 1, 1), 2027),
                [TargetChange(gdp(p), Decimal(1))],
            ),
            "不在规划期",
        ),
        (
            lambda p: (
                AdjustmentFacts("", date(2023, 1, 1), 2023),
                [TargetChange(gdp(p), Decimal(1))],
            ),
            "批准机关",
        ),
        (lambda p: (APPROVAL, []), "至少"),
        (lambda p: (APPROVAL, [TargetChange(gdp(p), Decimal(1), stretch=True)]), "没有力争目标"),
        (
            lambda p: (
                APPROVAL,
                [TargetChange(gdp(p), Decimal(1)), TargetChange(gdp(p), Decimal(2))],
            ),
            "两次",
        ),
        (lambda p: (APPROVAL, [TargetChange(gdp(p), Decimal(1), comparator="≥")]), "比较符"),
        (lambda p: (APPROVAL, [TargetChange(gdp(p), Decimal(1), year=2022)]), "早于生效年份"),
    ],
    ids=[
        "outside-period",
        "no-approver",
        "no-change",
        "no-such-target",
        "twice",
        "bad-comparator",
        "year-before-effect",
    ],
)
def test_bad_adjustments_write_nothing(
    database: Database, plan_id: int, make: object, message: str
) -> None:
    _refused(database, plan_id, make, message)


def test_two_conflicting_adjustments_are_refused(database: Database, plan_id: int) -> None:
    with database.session() as session:
        plan = session.get(Plan, plan_id)
        assert plan is not None
        add_adjustment(session, plan, APPROVAL, [TargetChange(gdp(plan), Decimal(760))], "规划科")
    other = AdjustmentFacts("区人大常委会", date(2023, 9, 1), 2023, "清人常〔2023〕9号")
    with database.session() as session, pytest.raises(InvalidInput, match="冲突"):
        plan = session.get(Plan, plan_id)
        assert plan is not None
        add_adjustment(session, plan, other, [TargetChange(gdp(plan), Decimal(750))], "规划科")
    with database.session() as session:
        assert session.scalar(select(func.count()).select_from(Adjustment)) == 1


def test_an_indicator_of_another_plan_is_refused(database: Database, plan_id: int) -> None:
    document = read_document(PLANS / "linjiang-city-14th.txt", max_bytes=1 << 20)
    with database.session() as session:
        city_id = import_plan(session, document, "规划科").plan_id
    with database.session() as session, pytest.raises(InvalidInput, match="不属于"):
        plan, city = session.get(Plan, plan_id), session.get(Plan, city_id)
        assert plan is not None and city is not None
        add_adjustment(
            session,
            plan,
            APPROVAL,
            [TargetChange(find_indicator(city, "森林覆盖率"), Decimal(1))],
            "规划科",
        )


def test_reports_list_adjusted_targets(database: Database, plan_id: int) -> None:
    from planwatch.report import ReportKind
    from planwatch.report.content import build_report

    with database.session() as session:
        plan = session.get(Plan, plan_id)
        assert plan is not None
        add_adjustment(session, plan, APPROVAL, [TargetChange(gdp(plan), Decimal(760))], "规划科")
    with database.session() as session:
        overview = plan_overview(session, str(plan_id), 2023, Thresholds())
    for kind in (ReportKind.MIDTERM, ReportKind.FINAL):
        report = build_report(overview, kind)
        section = next(s for s in report.sections if s.title == "规划调整情况")
        table = section.blocks[1]
        assert table.rows == (  # type: ignore[union-attr]
            ("地区生产总值", "800（2025年）", "760（2025年）", "区人大常委会 清人常〔2023〕7号",
             "2023年6月28日", "2023年起", "受外部环境影响,经济总量目标下调"),
        )  # fmt: skip
    with database.session() as session:  # a plan without adjustments has no such section
        other = import_plan(
            session, read_document(PLANS / "linjiang-city-14th.txt", max_bytes=1 << 20), "规划科"
        ).plan_id
        unadjusted = plan_overview(session, str(other), 2023, Thresholds())
    assert all(
        s.title != "规划调整情况" for s in build_report(unadjusted, ReportKind.ANNUAL).sections
    )
