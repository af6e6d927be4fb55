"""Regions set on import, one series per region and indicator across plans, the default plan,
and plan settings — on SQLite and PostgreSQL."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import func, select

from planwatch.errors import InvalidInput
from planwatch.read import read_document
from planwatch.services.catalogue import catalogue_entry
from planwatch.services.observations import add_observation, find_indicator
from planwatch.services.plan_settings import PlanChanges, edit_plan, set_default_plan
from planwatch.services.plans import RegionChoice, get_plan, import_plan
from planwatch.services.regions import resolve_region
from planwatch.services.series import series_view
from planwatch.store.database import Database
from planwatch.store.models import AuditEntry, Plan, Region, Series

PLANS = Path(__file__).parent.parent / "data" / "plans"
LIMIT = 10 * 1024 * 1024


def load(database: Database, name: str, region: RegionChoice | None = None) -> int:
    document = read_document(PLANS / name, max_bytes=LIMIT)
    with database.session() as session:
        return import_plan(session, document, "规划科", region).plan_id


def test_region_and_level_are_proposed_from_the_title(database: Database) -> None:
    district = load(database, "qinghe-district-14th.txt")
    city = load(database, "linjiang-city-14th.txt")
    province = load(database, "qingchuan-province-14th.txt")
    with database.session() as session:
        levels = [
            (session.get(Plan, i).region_name, session.get(Plan, i).level)  # type: ignore[union-attr]
            for i in (district, city, province)
        ]
    assert levels == [("临江市清河区", "县区"), ("临江市", "市"), ("青川省", "省")]


def test_a_parent_is_set_on_import_and_must_be_higher(database: Database) -> None:
    load(database, "qinghe-district-14th.txt", RegionChoice(parent="临江市"))
    with database.session() as session:
        region = session.scalars(select(Region).where(Region.name == "临江市清河区")).one()
        assert region.parent is not None and region.parent.name == "临江市"
        assert region.parent.level == "市"
    with database.session() as session, pytest.raises(InvalidInput, match="级别不高于"):
        resolve_region(session, "临江市", parent="临江市清河区")


@pytest.mark.parametrize(
    ("name", "level", "message"),
    [
        ("临江市清河区", "大区", "无法识别"),  # unknown level word
        ("青川省", "县区", "矛盾"),  # contradicts the name
        ("某某开发区管委会", None, None),  # a name that ends in no level word: 会
    ],
    ids=["unknown-level", "contradictory-level", "undecidable-level"],
)
def test_bad_regions_are_refused(
    database: Database, name: str, level: str | None, message: str | None
) -> None:
    with database.session() as session, pytest.raises(InvalidInput, match=message or "--level"):
        resolve_region(session, name, level)
    with database.session() as session:
        assert session.scalar(select(func.count()).select_from(Region)) == 0


def test_a_stored_region_keeps_its_level(database: Database) -> None:
    load(database, "qinghe-district-14th.txt")
    with database.session() as session, pytest.raises(InvalidInput, match="已登记为县区级"):
        resolve_region(session, "临江市清河区", "市")


def test_two_plans_of_one_region_share_its_series(database: Database) -> None:
    fourteenth = load(database, "qinghe-district-14th.txt")
    fifteenth = load(database, "qinghe-district-15th.txt")
    with database.session() as session:
        old, new = session.get(Plan, fourteenth), session.get(Plan, fifteenth)
        assert old is not None and new is not None
        gdp14 = next(i for i in old.indicators if i.name == "地区生产总值" and i.unit == "亿元")
        gdp15 = next(i for i in new.indicators if i.name == "地区生产总值" and i.unit == "亿元")
        assert gdp14.series_id == gdp15.series_id
        # the growth rate (%) and the per-capita GDP are other series of the same region
        growth = next(i for i in old.indicators if i.name == "地区生产总值" and i.unit == "%")
        per_capita = next(i for i in old.indicators if i.name == "人均地区生产总值")
        assert len({gdp14.series_id, growth.series_id, per_capita.series_id}) == 3
        add_observation(session, gdp14, 2023, Decimal("700"), "统计局")
    with database.session() as session:
        new = session.get(Plan, fifteenth)
        assert new is not None
        gdp15 = next(i for i in new.indicators if i.name == "地区生产总值" and i.unit == "亿元")
        assert [(o.year, o.value) for o in gdp15.observations] == [(2023, Decimal("700"))]
        view = series_view(session, gdp15.series_id or 0)
        assert view.region == "临江市清河区" and view.name == "地区生产总值"
        assert [s.period for s in view.plans] == [(2021, 2025), (2026, 2030)]
        assert [s.baseline_value for s in view.plans] == [Decimal("560"), Decimal("812")]


def test_regions_keep_statistics_apart(database: Database) -> None:
    district = load(database, "qinghe-district-14th.txt")
    city = load(database, "linjiang-city-14th.txt")
    with database.session() as session:
        series = [
            next(i for i in session.get(Plan, p).indicators if i.name == "森林覆盖率").series  # type: ignore[union-attr]
            for p in (district, city)
        ]
        assert series[0] is not None and series[1] is not None
        assert series[0].id != series[1].id
        assert series[0].catalogue_id == series[1].catalogue_id  # one catalogue entry


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("GDP", "地区生产总值", True),
        ("全区地区生产总值", "地区生产总值", True),
        ("人均地区生产总值", "地区生产总值", False),
        ("农村居民人均可支配收入", "居民人均可支配收入", False),
        ("单位GDP能耗", "能耗", False),
    ],
    ids=["alias", "scope-word", "per-capita", "rural", "per-unit"],
)
def test_catalogue_identity_keeps_qualifiers(
    database: Database, a: str, b: str, same: bool
) -> None:
    with database.session() as session:
        first, second = catalogue_entry(session, a, "亿元"), catalogue_entry(session, b, "亿元")
        assert (first.id == second.id) is same


def test_default_plan_is_chosen_by_an_administrator(database: Database) -> None:
    district = load(database, "qinghe-district-14th.txt")
    city = load(database, "linjiang-city-14th.txt")
    with database.session() as session:
        assert get_plan(session, None).id == city  # the newest, until someone chooses
        set_default_plan(session, get_plan(session, str(district)), "管理员")
    with database.session() as session:
        assert get_plan(session, None).id == district


def test_editing_a_plans_region_moves_its_series(database: Database, tmp_path: Path) -> None:
    text = (PLANS / "qinghe-district-14th.txt").read_text("utf-8").replace("临江市清河区", "")
    (tmp_path / "plan.txt").write_text(text, "utf-8")
    document = read_document(tmp_path / "plan.txt", max_bytes=LIMIT)
    with database.session() as session:
        plan_id = import_plan(session, document, "规划科").plan_id
    with database.session() as session:
        plan = session.get(Plan, plan_id)
        assert plan is not None and plan.region is None
        gdp = find_indicator(plan, "地区生产总值")
        add_observation(session, gdp, 2022, Decimal("650"), "统计局")
        edit_plan(session, plan, PlanChanges(region="临江市清河区", title="清河区规划"), "管理员")
    with database.session() as session:
        plan = session.get(Plan, plan_id)
        assert (
            plan is not None and plan.region_name == "临江市清河区" and plan.title == "清河区规划"
        )
        gdp = find_indicator(plan, "地区生产总值")
        assert gdp.series is not None and gdp.series.region is not None
        assert [(o.year, o.value) for o in gdp.observations] == [(2022, Decimal("650"))]
        assert (
            session.scalar(
                select(func.count()).select_from(Series).where(Series.region_id.is_(None))
            )
            == 0
        )
        actions = [a.action for a in session.scalars(select(AuditEntry))]
        assert actions[-1] == "edit"
