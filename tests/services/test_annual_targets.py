"""Annual targets: entry, revisions, validated import, template round trip, judgement, on both
databases."""

from decimal import Decimal
from pathlib import Path

import pytest

from planwatch.assess.annual import AnnualRules, AnnualStatus
from planwatch.errors import InvalidInput
from planwatch.services.annual import annual_views
from planwatch.services.annual_targets import (
    TEMPLATE_HEADER,
    TargetEntry,
    add_annual_target,
    current_target,
    import_annual_targets,
    plan_targets,
    template_rows,
)
from planwatch.services.observations import add_observation, find_indicator
from planwatch.services.plans import get_plan
from planwatch.services.sample import load_sample
from planwatch.services.tables import Table, parse_table, read_table, write_xlsx
from planwatch.settings import Settings
from planwatch.store.database import Database
from planwatch.store.models import AnnualTargetRecord, AuditEntry

HEADER = "指标编号,指标名称,年份,比较符,目标值,单位,口径,左右,来源"


@pytest.fixture
def loaded(database: Database) -> Database:
    with database.session() as session:
        load_sample(session, Settings(), actor="样例")
    return database


def csv(text: str) -> Table:
    return parse_table(text.encode("utf-8-sig"), "targets.csv")


def test_a_target_is_a_revision_and_the_same_one_changes_nothing(loaded: Database) -> None:
    with loaded.session() as session:
        gdp = find_indicator(get_plan(session, None), "GDP")
        entry = TargetEntry(2024, "=", Decimal("6.5"), "", True, True, "2024年政府工作报告")
        first = add_annual_target(session, gdp, entry, "规划科")
        again = add_annual_target(session, gdp, entry, "规划科")
        changed = add_annual_target(
            session, gdp, TargetEntry(2024, "=", Decimal(6), "%", True, True), "规划科"
        )
        assert first is not None and again is None and changed is not None
        assert (first.revision, changed.revision, first.unit) == (1, 2, "%")
        current = current_target(gdp, 2024, session)
        assert current is not None and current.value == Decimal(6)
        assert session.query(AuditEntry).filter_by(action="annual_target").count() == 2


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        (TargetEntry(2024, ">=", Decimal(1), "万人"), "不能换算"),  # GDP is in 亿元
        (TargetEntry(2024, ">=", Decimal(6), "亿元", growth_rate=True), "应为 %"),
        (TargetEntry(2024, "~", Decimal(6), ""), "比较符"),
        (TargetEntry(2090, ">=", Decimal(6), ""), "不在规划期附近"),
    ],
    ids=["unit of another kind", "rate not in %", "comparator", "year"],
)
def test_bad_targets_are_refused(loaded: Database, entry: TargetEntry, message: str) -> None:
    with loaded.session() as session:
        gdp = find_indicator(get_plan(session, None), "GDP")
        with pytest.raises(InvalidInput, match=message):
            add_annual_target(session, gdp, entry, "规划科")


def test_import_checks_every_row_and_writes_nothing_on_an_error(loaded: Database) -> None:
    bad = csv(
        f"{HEADER}\n"
        "I005,,2024,左右,6.5,%,增长率,是,政府工作报告\n"
        "I999,,2024,>=,1,,,,\n"  # no such indicator
        "I011,,二〇二四,>=,500,亿元,,,\n"  # year
        "I011,,2024,约,500,亿元,,,\n"  # comparator
        "I011,,2025,>=,500,万人,,,\n"  # unit
        "I005,,2024,>=,7,%,增长率,,\n"  # duplicate of row 2
        "I011,GDP,2024,>=,500,亿元,,,\n"  # the name of another indicator than I011's
    )
    with loaded.session() as session:
        plan = get_plan(session, None)
        report = import_annual_targets(session, plan, bad, "规划科")
        found = [(p.row, p.column) for p in report.problems]
        assert found == [
            (3, "指标编号"), (4, "年份"), (5, "比较符"), (6, "单位"), (7, "年份"), (8, "指标名称")
        ]  # fmt: skip
        assert session.query(AnnualTargetRecord).count() == 0


def test_import_then_again_is_idempotent_and_the_template_round_trips(
    loaded: Database, tmp_path: Path
) -> None:
    good = csv(
        f"{HEADER}\nI005,,2024,左右,6.5,%,增长率,是,政府工作报告\nI011,,2024,>=,50000,万元,,,\n"
    )
    with loaded.session() as session:
        plan = get_plan(session, None)
        first = import_annual_targets(session, plan, good, "规划科")
        again = import_annual_targets(session, plan, good, "规划科")
        assert (first.added, first.unchanged, again.added, again.unchanged) == (2, 0, 0, 2)
        stored = {(t.indicator.code, t.year): t for t in plan_targets(session, plan)}
        assert stored[("I005", 2024)].approximate and stored[("I005", 2024)].is_growth_rate
        assert stored[("I011", 2024)].unit == "万元"
        path = tmp_path / "年度目标.xlsx"
        write_xlsx(path, [("年度目标", TEMPLATE_HEADER, template_rows(session, plan, [2024]))])
        round_trip = import_annual_targets(session, plan, read_table(path), "规划科")
        assert (round_trip.added, round_trip.unchanged, round_trip.ok) == (0, 2, True)
        assert round_trip.blank == len(plan.indicators) - 2


def test_judgement_uses_approved_data_and_converts_units(loaded: Database) -> None:
    with loaded.session() as session:
        plan = get_plan(session, None)
        retail = find_indicator(plan, "社会消费品零售总额")  # 482 亿元 in 2022 (sample)
        # 5000000 万元 = 500 亿元 (1 亿 = 10000 万); 2023 value 512 亿元 approved → met by 12
        add_annual_target(session, retail, TargetEntry(2023, ">=", Decimal(5000000), "万元"), "a")
        add_observation(session, retail, 2023, Decimal(512), "统计局")
        gdp = find_indicator(plan, "GDP")  # 767.81 in 2022
        add_annual_target(session, gdp, TargetEntry(2023, ">=", Decimal(7), "%", True), "a")
        # 2023: 800 submitted only → no data; the pending value does not count
        add_observation(session, gdp, 2023, Decimal(800), "统计局", review="submitted")
        views = {v.code: v for v in annual_views(session, plan, AnnualRules(), year=2023)}
        assert views["I011"].assessment.status is AnnualStatus.MET
        assert views["I011"].assessment.gap == Decimal(12)
        assert views[gdp.code].assessment.status is AnnualStatus.NO_DATA
        # approved 2023 level 821.56: (821.56 / 767.81 − 1) × 100 = 7.000… → 7.00 ≥ 7, met
        add_observation(session, gdp, 2023, Decimal("821.56"), "统计局")
        views = {v.code: v for v in annual_views(session, plan, AnnualRules(), year=2023)}
        assert views[gdp.code].assessment.basis == "computed_rate"
        assert views[gdp.code].assessment.actual == Decimal("7.00")
        assert views[gdp.code].assessment.status is AnnualStatus.MET


def test_a_pending_target_is_not_judged_until_approved(loaded: Database) -> None:
    with loaded.session() as session:
        plan = get_plan(session, None)
        gdp = find_indicator(plan, "GDP")
        add_annual_target(session, gdp, TargetEntry(2023, ">=", Decimal(7), "%", True), "统计局",
                          review="submitted")  # fmt: skip
        assert annual_views(session, plan, AnnualRules()) == []
        assert len(plan_targets(session, plan, approved=False)) == 1


def test_a_rate_indicators_target_is_the_years_rate(loaded: Database) -> None:
    with loaded.session() as session:
        plan = get_plan(session, None)
        rate = find_indicator(plan, "I004")
        rate.kind = "growth_rate"  # as 年均增长 7% would be stored
        target = add_annual_target(session, rate, TargetEntry(2024, ">=", Decimal(7), ""), "a")
        assert target is not None and (target.is_growth_rate, target.unit) == (True, "%")
