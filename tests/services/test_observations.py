"""Observed values: single entry, template round trip, validated import, revisions, on both databases."""

from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from planwatch.errors import InvalidInput
from planwatch.services.observations import (
    TEMPLATE_HEADER,
    add_observation,
    current_observation,
    find_indicator,
    import_observations,
    template_rows,
)
from planwatch.services.plans import get_plan
from planwatch.services.sample import load_sample
from planwatch.services.tables import parse_table, read_table, write_csv, write_xlsx
from planwatch.settings import Settings
from planwatch.store.database import Database
from planwatch.store.models import AuditEntry, ObservationRecord

HEADER = "指标编号,指标名称,单位,年份,数值,口径,状态,来源,备注,模拟数据"


@pytest.fixture
def loaded(database: Database) -> Database:
    with database.session() as session:
        load_sample(session, Settings(), actor="样例")
    return database


def gdp_code(database: Database) -> str:
    with database.session() as session:
        return find_indicator(get_plan(session, None), "GDP").code


def csv_table(text: str) -> object:
    return parse_table(text.encode("utf-8-sig"), "data.csv")


def test_sample_observations_are_the_sourced_values(loaded: Database) -> None:
    with loaded.session() as session:
        gdp = find_indicator(get_plan(session, None), "GDP")
        values = {o.year: o.value for o in gdp.observations}
        # ../shared/data/jiangyang_observations.csv: 430.32 (2016), 616.36 (2020), 767.81 (2022)
        assert values == {2016: Decimal("430.32"), 2020: Decimal("616.36"), 2022: Decimal("767.81")}
        assert all("可信度:高" in o.source and not o.simulated for o in gdp.observations)


def test_a_new_value_is_a_new_revision_and_the_old_one_stays(loaded: Database) -> None:
    with loaded.session() as session:
        gdp = find_indicator(get_plan(session, None), "GDP")
        first = add_observation(session, gdp, 2023, Decimal("850"), "统计局", status="preliminary")
        same = add_observation(session, gdp, 2023, Decimal("850"), "统计局", status="preliminary")
        final = add_observation(session, gdp, 2023, Decimal("862.4"), "统计局", status="final")
        assert first is not None and same is None and final is not None
        assert (first.revision, final.revision) == (1, 2)
        current = current_observation(gdp, 2023)
        assert current is not None and (current.value, current.status) == (
            Decimal("862.4"),
            "final",
        )
        revisions = [o for o in gdp.observations if o.year == 2023]
        assert [(o.revision, o.value) for o in revisions] == [
            (1, Decimal("850")),
            (2, Decimal("862.4")),
        ]
        audit = [
            a
            for a in session.query(AuditEntry).all()
            if a.action == "observe" and a.actor == "统计局"
        ]
        assert audit[-1].before is not None and audit[-1].before["value"].startswith("850")


def test_year_far_from_the_period_is_refused(loaded: Database) -> None:
    with loaded.session() as session:
        gdp = find_indicator(get_plan(session, None), "GDP")
        with pytest.raises(InvalidInput, match="2099"):
            add_observation(session, gdp, 2099, Decimal(1), "x")


def test_template_round_trip_xlsx(loaded: Database, tmp_path: Path) -> None:
    with loaded.session() as session:
        plan = get_plan(session, None)
        rows = template_rows(plan)
        gdp = find_indicator(plan, "GDP").code
    path = tmp_path / "模板.xlsx"
    write_xlsx(path, [("观测数据", TEMPLATE_HEADER, rows)])
    sheet = load_workbook(path).worksheets[0]
    assert [c.value for c in sheet[1]] == TEMPLATE_HEADER
    # fill in GDP 2023 as a department would
    for row in sheet.iter_rows(min_row=2):
        if row[0].value == gdp and row[3].value == 2023:
            row[4].value, row[6].value, row[7].value = 880.5, "初步", "区统计局快报"
    sheet.parent.save(path)
    with loaded.session() as session:
        report = import_observations(session, get_plan(session, None), read_table(path), "统计局")
    assert report.ok and report.added == 1
    assert report.unchanged == 10  # the sample's own values come back unchanged
    with loaded.session() as session:
        again = import_observations(session, get_plan(session, None), read_table(path), "统计局")
        assert (again.added, again.unchanged) == (0, 11)
        value = current_observation(find_indicator(get_plan(session, None), gdp), 2023)
        assert value is not None and (value.value, value.status) == (
            Decimal("880.5"),
            "preliminary",
        )


def test_dry_run_writes_nothing(loaded: Database) -> None:
    code = gdp_code(loaded)
    with loaded.session() as session:
        count = session.query(ObservationRecord).count()
        report = import_observations(session, get_plan(session, None),
                                     csv_table(f"{HEADER}\n{code},,亿元,2023,880,,,,,\n"), "x", dry_run=True)  # fmt: skip
        assert (report.ok, report.added, report.dry_run) == (True, 1, True)
    with loaded.session() as session:
        assert session.query(ObservationRecord).count() == count


BAD_ROWS = [
    # id, data rows ({gdp} is the GDP code), expected (row, column, reason fragment)
    ("text in a number cell", "{gdp},,亿元,2023,八百八十,,,,,", [(2, "数值", "不是数字")]),
    ("unknown indicator", "I999,,亿元,2023,1,,,,,", [(2, "指标编号", "找不到")]),
    ("unknown indicator by name", ",不存在的指标,亿元,2023,1,,,,,", [(2, "指标名称", "找不到")]),
    ("impossible year", "{gdp},,亿元,3023,1,,,,,", [(2, "年份", "不在规划期附近")]),
    ("year not a number", "{gdp},,亿元,二〇二三,1,,,,,", [(2, "年份", "四位整数")]),
    ("wrong unit", "{gdp},,万元,2023,1,,,,,", [(2, "单位", "不一致")]),
    ("bad status", "{gdp},,亿元,2023,1,,估计,,,", [(2, "状态", "初步、最终 或 修订")]),
    (
        "duplicate rows",
        "{gdp},,亿元,2023,1,,,,,\n{gdp},,亿元,2023,2,,,,,",
        [(3, "年份", "与第2行重复")],
    ),
    (
        "one bad among good",
        "{gdp},,亿元,2023,1,,,,,\n{gdp},,亿元,2024,x,,,,,",
        [(3, "数值", "不是数字")],
    ),
]


@pytest.mark.parametrize(
    ("rows", "expected"), [c[1:] for c in BAD_ROWS], ids=[c[0] for c in BAD_ROWS]
)
def test_bad_rows_are_reported_and_nothing_is_written(
    loaded: Database, rows: str, expected: list[tuple[int, str, str]]
) -> None:
    code = gdp_code(loaded)
    with loaded.session() as session:
        count = session.query(ObservationRecord).count()
        report = import_observations(session, get_plan(session, None),
                                     csv_table(f"{HEADER}\n{rows.format(gdp=code)}\n"), "x")  # fmt: skip
        assert (not report.ok and report.added == 0) or report.problems
        got = [(p.row, p.column, p.reason) for p in report.problems]
        assert [(r, c) for r, c, _ in got] == [(r, c) for r, c, _ in expected]
        assert all(
            fragment in reason
            for (_, _, reason), (_, _, fragment) in zip(got, expected, strict=True)
        )
    with loaded.session() as session:
        assert session.query(ObservationRecord).count() == count


def test_wrong_columns_are_named(loaded: Database) -> None:
    with loaded.session() as session:
        report = import_observations(
            session, get_plan(session, None), csv_table("名称,数量\nGDP,1\n"), "x"
        )
    assert [(p.row, p.column) for p in report.problems] == [(1, "表头")]
    assert (
        "指标编号 或 指标名称" in report.problems[0].reason and "年份" in report.problems[0].reason
    )


MALFORMED_FILES = [
    ("empty", b"", "文件为空"),
    ("not a spreadsheet", bytes(range(256)) * 4, "CSV"),
    ("truncated xlsx", b"PK\x03\x04" + b"\x00" * 100, "XLSX 文件已损坏"),
    ("header only", "指标编号,年份,数值\n".encode(), None),
]


@pytest.mark.parametrize(
    ("data", "message"), [c[1:] for c in MALFORMED_FILES], ids=[c[0] for c in MALFORMED_FILES]
)
def test_malformed_files(data: bytes, message: str | None) -> None:
    if message is None:
        assert parse_table(data, "d.csv").rows == []
        return
    with pytest.raises(InvalidInput, match=message):
        parse_table(data, "d.csv")


def test_gb18030_csv_from_chinese_excel(loaded: Database, tmp_path: Path) -> None:
    code = gdp_code(loaded)
    path = tmp_path / "data.csv"
    path.write_bytes(f"{HEADER}\n{code},GDP,亿元,2023,881,,最终,统计年鉴,,否\n".encode("gb18030"))
    with loaded.session() as session:
        report = import_observations(session, get_plan(session, None), read_table(path), "x")
    assert report.ok and report.added == 1


def test_csv_template(loaded: Database, tmp_path: Path) -> None:
    with loaded.session() as session:
        rows = template_rows(get_plan(session, None))
    path = tmp_path / "t.csv"
    write_csv(path, TEMPLATE_HEADER, rows)
    table = read_table(path)
    assert table.header == TEMPLATE_HEADER and len(table.rows) == len(rows)


def test_progress_note_is_kept_per_year_and_audited(loaded: Database) -> None:
    from planwatch.services.observations import set_progress_note

    with loaded.session() as session:
        gdp = find_indicator(get_plan(session, None), "GDP")
        set_progress_note(session, gdp, 2022, "疫情影响消费", "发放消费券", "发改局")
        set_progress_note(
            session, gdp, 2022, "疫情影响消费和投资", "发放消费券;加快项目建设", "发改局"
        )
        assert [(n.year, n.reason) for n in gdp.notes] == [(2022, "疫情影响消费和投资")]
        with pytest.raises(InvalidInput, match="不能都为空"):
            set_progress_note(session, gdp, 2023, " ", "", "发改局")
        entries = session.query(AuditEntry).filter_by(action="note").all()
        assert entries[-1].before == {"reason": "疫情影响消费", "measures": "发放消费券"}
