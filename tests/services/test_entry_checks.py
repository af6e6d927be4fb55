"""Entry checks and typed values: implausible values need a confirmation, which is recorded.

The sample's 旅游综合收入 (亿元) has 87 for 2020; 森林覆盖率 (%) has the baseline 39.2 (2020).
"""

from decimal import Decimal

import pytest

from planwatch.errors import InvalidInput
from planwatch.services.entry_checks import (
    EntryCheckRules,
    ImplausibleValue,
    check_entry,
    level_history,
    parse_entered,
)
from planwatch.services.observations import (
    add_observation,
    current_observation,
    find_indicator,
    import_observations,
)
from planwatch.services.plans import get_plan
from planwatch.services.sample import load_sample
from planwatch.services.tables import parse_table
from planwatch.settings import Settings
from planwatch.store.database import Database
from planwatch.store.models import AuditEntry

RULES = EntryCheckRules()
HEADER = "指标编号,指标名称,单位,年份,数值,口径,状态,来源,备注,模拟数据"

TYPED = [
    # id, typed, unit, expected (hand-computed)
    ("plain", "87", "亿元", Decimal("87")),
    ("full-width digits", "１５６００", "亿元", Decimal("15600")),
    ("thousands", "1,234.5", "亿元", Decimal("1234.5")),
    ("亿元 into 万元: 120 × 10⁸ / 10⁴", "120亿元", "万元", Decimal("1200000")),
    ("full-width 亿元 into 万元", "１２０亿元", "万元", Decimal("1200000")),
    ("bare 亿 into 万元", "120亿", "万元", Decimal("1200000")),
    ("万元 into 亿元: 5000 × 10⁴ / 10⁸", "5000万元", "亿元", Decimal("0.5")),
    ("万亩 into 亩", "3.5万亩", "亩", Decimal("35000")),
    ("the unit itself", "39.5%", "%", Decimal("39.5")),
    ("negative", "-5", "亿元", Decimal("-5")),
]


@pytest.mark.parametrize(("typed", "unit", "expected"), [c[1:] for c in TYPED],
                         ids=[c[0] for c in TYPED])  # fmt: skip
def test_typed_values_in_the_indicators_unit(typed: str, unit: str, expected: Decimal) -> None:
    assert parse_entered(typed, unit) == expected


REFUSED = [
    ("text", "很多", "亿元", "不是数字"),
    ("another kind of unit", "12万人", "亿元", "不是同一类"),
    ("misgrouped thousands", "1,2,3", "亿元", "千位分隔符"),
    ("unknown unit", "12斤两", "亿元", "不是可识别的单位"),
    ("empty", "  ", "亿元", "为空"),
]


@pytest.mark.parametrize(("typed", "unit", "reason"), [c[1:] for c in REFUSED],
                         ids=[c[0] for c in REFUSED])  # fmt: skip
def test_typed_values_refused_with_a_reason(typed: str, unit: str, reason: str) -> None:
    with pytest.raises(InvalidInput, match=reason):
        parse_entered(typed, unit)


@pytest.fixture
def loaded(database: Database) -> Database:
    with database.session() as session:
        load_sample(session, Settings(), actor="样例")
    return database


CHECKS = [
    # id, indicator, year, value, expected check codes (hand-computed against the sample)
    ("15600 after 87 is 179.3 times: a jump", "旅游综合收入", 2021, "15600", ["jump"]),
    ("100 after 87 is 1.15 times: fine", "旅游综合收入", 2021, "100", []),
    ("28 after 87 is 32%, below ÷3: a jump", "旅游综合收入", 2021, "28", ["jump"]),
    ("870000 is 10⁴ × 87: a unit slip", "旅游综合收入", 2021, "870000", ["unit_slip"]),
    ("−5 for an amount: sign", "旅游综合收入", 2021, "-5", ["sign"]),
    ("130% after 39.2: range, and 3.3 times", "森林覆盖率", 2021, "130", ["range", "jump"]),
    ("40% after 39.2: fine", "森林覆盖率", 2021, "40", []),
]


@pytest.mark.parametrize(("name", "year", "value", "codes"), [c[1:] for c in CHECKS],
                         ids=[c[0] for c in CHECKS])  # fmt: skip
def test_checks(loaded: Database, name: str, year: int, value: str, codes: list[str]) -> None:
    with loaded.session() as session:
        indicator = find_indicator(get_plan(session, None), name)
        found = check_entry(indicator, year, Decimal(value), RULES,
                            history=level_history(indicator.observations))  # fmt: skip
        assert [c.code for c in found] == codes


def test_a_larger_jump_factor_lets_the_value_pass(loaded: Database) -> None:
    with loaded.session() as session:
        indicator = find_indicator(get_plan(session, None), "旅游综合收入")
        # 28 / 87 = 0.32: beyond ÷3 but within ÷4
        assert check_entry(indicator, 2021, Decimal(28), EntryCheckRules(jump_factor=Decimal(4)),
                           history={2020: Decimal(87)}) == []  # fmt: skip


def test_a_jump_is_refused_then_accepted_with_a_recorded_confirmation(loaded: Database) -> None:
    with loaded.session() as session:
        tourism = find_indicator(get_plan(session, None), "旅游综合收入")
        with pytest.raises(ImplausibleValue) as refused:
            add_observation(session, tourism, 2021, Decimal(15600), "录入员", checks=RULES)
        assert [c.code for c in refused.value.checks] == ["jump"]
        assert "87" in str(refused.value) and "179.3 倍" in str(refused.value)
        assert current_observation(tourism, 2021) is None
        added = add_observation(session, tourism, 2021, Decimal(15600), "录入员", checks=RULES,
                                confirm=True)  # fmt: skip
        assert added is not None and added.confirmed_checks == "jump"
        assert added.recorded_by == "录入员"
        session.commit()
    with loaded.session() as session:
        entry = session.query(AuditEntry).filter_by(action="observe").order_by(
            AuditEntry.id.desc()).first()  # fmt: skip
        assert entry is not None and entry.actor == "录入员"
        assert entry.after is not None and entry.after["confirmed_checks"] == "jump"


@pytest.mark.parametrize(
    ("name", "value", "code"), [("旅游综合收入", "-5", "sign"), ("森林覆盖率", "130", "range")]
)
def test_negative_and_above_100_percent_are_refused(
    loaded: Database, name: str, value: str, code: str
) -> None:
    with loaded.session() as session:
        indicator = find_indicator(get_plan(session, None), name)
        with pytest.raises(ImplausibleValue) as refused:
            add_observation(session, indicator, 2021, Decimal(value), "录入员", checks=RULES)
        assert code in [c.code for c in refused.value.checks]
        assert current_observation(indicator, 2021) is None


def test_without_checks_trusted_loads_are_not_questioned(loaded: Database) -> None:
    with loaded.session() as session:
        tourism = find_indicator(get_plan(session, None), "旅游综合收入")
        added = add_observation(session, tourism, 2021, Decimal(15600), "统计数据")
        assert added is not None and added.confirmed_checks == ""


def _table(rows: str) -> object:
    return parse_table(f"{HEADER}\n{rows}\n".encode("utf-8-sig"), "data.csv")


def test_an_import_with_a_jump_needs_the_confirmation(loaded: Database) -> None:
    with loaded.session() as session:
        plan = get_plan(session, None)
        code = find_indicator(plan, "旅游综合收入").code
        rows = f"{code},,亿元,2021,15600,,,,,"
        report = import_observations(session, plan, _table(rows), "x", checks=RULES)
        assert [(p.row, p.column) for p in report.problems] == [(2, "数值")]
        assert "--confirm-checks" in report.problems[0].reason and report.added == 0
        report = import_observations(session, plan, _table(rows), "x", checks=RULES, confirm=True)
        assert report.ok and report.added == 1
        assert current_observation(find_indicator(plan, code), 2021).confirmed_checks == "jump"


def test_an_import_checks_each_year_against_the_files_previous_year(loaded: Database) -> None:
    with loaded.session() as session:
        plan = get_plan(session, None)
        code = find_indicator(plan, "旅游综合收入").code
        # 2021: 95 after 87 (fine); 2022: 300 after the file's 95 is 3.16 times (a jump),
        # though after the stored 87 alone it would be compared with 87 just the same
        rows = f"{code},,亿元,2022,300,,,,,\n{code},,亿元,2021,95,,,,,"
        report = import_observations(session, plan, _table(rows), "x", checks=RULES)
        assert [p.row for p in report.problems] == [2]
        rows = f"{code},,亿元,2022,250,,,,,\n{code},,亿元,2021,95,,,,,"  # 250 / 95 = 2.6
        assert import_observations(session, plan, _table(rows), "x", checks=RULES).ok


def test_an_import_converts_a_value_with_a_unit(loaded: Database) -> None:
    with loaded.session() as session:
        plan = get_plan(session, None)
        code = find_indicator(plan, "旅游综合收入").code
        # 900000万元 = 900000 × 10⁴ / 10⁸ 亿元 = 90 亿元
        report = import_observations(session, plan, _table(f"{code},,,2021,900000万元,,,,,"), "x",
                                     checks=RULES)  # fmt: skip
        assert report.ok and report.added == 1
        assert current_observation(find_indicator(plan, code), 2021).value == Decimal(90)


def test_a_name_that_does_not_match_its_code_is_refused(loaded: Database) -> None:
    with loaded.session() as session:
        plan = get_plan(session, None)
        code = find_indicator(plan, "旅游综合收入").code
        report = import_observations(session, plan, _table(f"{code},森林覆盖率,,2021,90,,,,,"), "x")
        assert [(p.row, p.column, p.value) for p in report.problems] == [
            (2, "指标名称", "森林覆盖率")
        ]
        assert "旅游综合收入" in report.problems[0].reason


def test_another_departments_rows_left_as_they_were_are_not_errors(loaded: Database) -> None:
    with loaded.session() as session:
        plan = get_plan(session, None)
        tourism, gdp = find_indicator(plan, "旅游综合收入"), find_indicator(plan, "GDP")
        mine = lambda indicator: indicator.id == tourism.id  # noqa: E731
        untouched = f"{gdp.code},GDP,亿元,2022,767.81,,,,,"  # GDP's stored 2022 value
        rows = f"{tourism.code},,亿元,2021,95,,,,,\n{untouched}"
        report = import_observations(session, plan, _table(rows), "x", may_edit=mine)
        assert report.ok and (report.added, report.unchanged) == (1, 1)
        changed = f"{gdp.code},GDP,亿元,2022,800,,,,,"
        report = import_observations(session, plan, _table(changed), "x", may_edit=mine)
        assert [(p.row, p.reason) for p in report.problems] == [(2, "无权修改该指标(不属于本部门)")]
