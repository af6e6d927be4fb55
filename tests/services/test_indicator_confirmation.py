"""People confirm indicators: the main-indicator table and single edits, audited."""

from decimal import Decimal

import pytest

from planwatch.errors import InvalidInput
from planwatch.services.department_list import find_department
from planwatch.services.indicators import (
    IndicatorChanges,
    edit_indicator,
    import_indicator_table,
    parse_cell,
)
from planwatch.services.observations import find_indicator
from planwatch.services.plans import get_plan
from planwatch.services.sample import load_sample
from planwatch.services.tables import parse_table
from planwatch.settings import Settings
from planwatch.store.database import Database
from planwatch.store.models import AuditEntry

CELLS = [
    # id, cell as printed, value, comparator, cumulative
    ("plain", "1000", "1000", ">=", False),
    ("thousands", "1,000", "1000", ">=", False),
    ("five-year bracket", "[13.5]", "13.5", ">=", True),
    ("Chinese bracket", "〔18〕", "18", ">=", True),
    ("ceiling sign", "<2.39", "2.39", "<", False),
    ("ceiling sign or equal", "≤5.5", "5.5", "<=", False),
    ("floor words", "6以上", "6", ">=", False),
    ("within", "5.5以内", "5.5", "<=", False),
    ("approximately", "7左右", "7", "=", False),
    ("percent", "65%", "65", ">=", False),
]


@pytest.mark.parametrize(
    ("cell", "value", "comparator", "cumulative"), [c[1:] for c in CELLS], ids=[c[0] for c in CELLS]
)
def test_parse_cell(cell: str, value: str, comparator: str, cumulative: bool) -> None:
    parsed = parse_cell(cell)
    assert parsed is not None
    assert (parsed.value, parsed.comparator, parsed.cumulative) == (
        Decimal(value),
        comparator,
        cumulative,
    )


@pytest.mark.parametrize("cell", ["保持在合理区间", "—", "", "与经济增长基本同步"])
def test_text_cells_are_not_numbers(cell: str) -> None:
    assert parse_cell(cell) is None


TABLE = """序号,指标,单位,2020年,2025年,年均增长/累计,属性,牵头单位
1,地区生产总值,亿元,616.36,1000,10%,预期性,区发展改革局
2,森林覆盖率,%,39.2,39.6,,约束性,区自然资源局
3,单位地区生产总值能源消耗降低,%,,,[13.5],约束性,区发展改革局
4,用水总量,亿立方米,,<2.39,,约束性,区水务局
5,城镇调查失业率（%）,,,5.5以内,,预期性,区人力资源社会保障局
"""


@pytest.fixture
def loaded(database: Database) -> Database:
    with database.session() as session:
        load_sample(session, Settings(), actor="样例")
    return database


def test_main_indicator_table_updates_and_adds(loaded: Database) -> None:
    table = parse_table(TABLE.encode("utf-8"), "主要指标.csv")
    with loaded.session() as session:
        plan = get_plan(session, None)
        before = len(plan.indicators)
        refused = import_indicator_table(session, plan, table, "规划科")
        # Five units the list does not hold (rows 2 to 6): questions, nothing written.
        assert [p.row for p in refused.problems] == [2, 3, 4, 5, 6]
        assert "未知单位「区水务局」" in str(refused.problems[3])
        assert len(plan.indicators) == before
        report = import_indicator_table(session, plan, table, "规划科", create_departments=True)
        assert report.ok, report.problems
        assert (report.updated, report.added) == (2, 3)  # 森林覆盖率 and 用水总量 were extracted
    with loaded.session() as session:
        plan = get_plan(session, None)
        assert len(plan.indicators) == before + 3
        gdp = find_indicator(plan, "地区生产总值")
        assert (gdp.baseline_year, gdp.baseline_value, gdp.attribute, gdp.confirmed) == (
            2020,
            Decimal("616.36"),
            "expected",
            True,
        )
        assert [(t.value, t.year, t.comparator) for t in gdp.targets] == [
            (Decimal("1000"), 2025, ">=")
        ]
        assert gdp.department is not None and gdp.department.name == "区发展改革局"
        forest = find_indicator(plan, "森林覆盖率")
        assert (forest.attribute, forest.kind, forest.origin) == ("binding", "level", "extracted")
        energy = find_indicator(plan, "单位地区生产总值能源消耗降低")
        assert (energy.kind, energy.direction) == ("change", "decrease")
        assert [(t.value, t.year) for t in energy.targets] == [(Decimal("13.5"), 2025)]
        water = find_indicator(plan, "用水总量")
        assert (water.kind, water.direction, water.targets[0].comparator) == (
            "ceiling",
            "decrease",
            "<",
        )
        jobless = find_indicator(plan, "城镇调查失业率")
        assert (jobless.unit, jobless.kind) == ("%", "ceiling")
        assert session.query(AuditEntry).filter_by(action="indicator_table").count() == 5


BAD_TABLES = [
    ("no year columns", "指标,单位,属性\n地区生产总值,亿元,预期性\n", (1, "表头")),
    ("bad attribute", "指标,单位,2020年,2025年,属性\n地区生产总值,亿元,1,2,重要性\n", (2, "属性")),
    ("duplicate indicator", "指标,单位,2020年,2025年\n甲,个,1,2\n甲,个,1,3\n", (3, "指标")),
    ("no target at all", "指标,单位,2020年,2025年\n甲,个,1,\n", (2, "2025年")),
]


@pytest.mark.parametrize(
    ("text", "where"), [c[1:] for c in BAD_TABLES], ids=[c[0] for c in BAD_TABLES]
)
def test_bad_table_writes_nothing(loaded: Database, text: str, where: tuple[int, str]) -> None:
    with loaded.session() as session:
        plan = get_plan(session, None)
        count = len(plan.indicators)
        report = import_indicator_table(session, plan, parse_table(text.encode(), "t.csv"), "x")
        assert [(p.row, p.column) for p in report.problems] == [where]
    with loaded.session() as session:
        assert len(get_plan(session, None).indicators) == count


def test_edit_indicator_is_checked_and_audited(loaded: Database) -> None:
    with loaded.session() as session:
        gdp = find_indicator(get_plan(session, None), "GDP")
        find_department(session, "区统计局", create=True)
        edit_indicator(session, gdp, IndicatorChanges(name="地区生产总值", attribute="预期性",
                       baseline_year=2020, baseline_value=Decimal("616.36"), confirmed=True,
                       department="区统计局"), "规划科")  # fmt: skip
        assert (gdp.name, gdp.attribute, gdp.confirmed, gdp.department.name) == (
            "地区生产总值",
            "expected",
            True,
            "区统计局",
        )
        entry = session.query(AuditEntry).filter_by(action="edit").one()
        assert entry.before is not None and entry.after is not None
        assert (entry.before["name"], entry.after["name"]) == ("GDP", "地区生产总值")
        with pytest.raises(InvalidInput, match="属性"):
            edit_indicator(session, gdp, IndicatorChanges(attribute="重要"), "规划科")
        with pytest.raises(InvalidInput, match="比较符"):
            edit_indicator(session, gdp, IndicatorChanges(comparator="=>"), "规划科")
