"""Spreadsheets as a careless user or an attacker sends them: damaged XLSX, numbers that are
not what they look like, formulas without results, control characters, formula injection,
and the row limit."""

from __future__ import annotations

import io
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from planwatch.errors import InvalidInput
from planwatch.services.tables import (
    MAX_ROWS,
    Table,
    amount_problems,
    number_problem,
    parse_number,
    parse_table,
    read_table,
    write_csv,
    write_xlsx,
)


def xlsx(rows: list[list[object]]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def rezip(data: bytes, change: dict[str, bytes | None]) -> bytes:
    """The package with members replaced (or removed, for None)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            if item.filename in change:
                if change[item.filename] is not None:
                    target.writestr(item.filename, change[item.filename])  # type: ignore[arg-type]
            else:
                target.writestr(item, source.read(item.filename))
    return buffer.getvalue()


GOOD = xlsx([["指标编号", "年份", "数值"], ["I005", 2023, 900]])
SHEET = "xl/worksheets/sheet1.xml"


def flipped_deflate(data: bytes) -> bytes:
    """The package with bytes inside the sheet's compressed stream changed (a zlib error)."""
    archive = zipfile.ZipFile(io.BytesIO(data))
    info = archive.getinfo(SHEET)
    start = info.header_offset + 30 + len(info.filename) + len(info.extra) + 2
    damaged = bytearray(data)
    for offset in range(start, start + 8):
        damaged[offset] ^= 0xFF
    return bytes(damaged)


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(rezip(GOOD, {SHEET: None}), id="sheet-xml-missing"),
        pytest.param(
            rezip(GOOD, {SHEET: zipfile.ZipFile(io.BytesIO(GOOD)).read(SHEET)[:300]}),
            id="sheet-xml-cut",
        ),
        pytest.param(flipped_deflate(GOOD), id="zlib-error"),
        pytest.param(GOOD[: len(GOOD) // 2], id="archive-cut-in-half"),
        pytest.param(b"PK\x03\x04" + b"\x00" * 200, id="only-a-signature"),
    ],
)
def test_damaged_xlsx_is_a_clear_error(data: bytes) -> None:
    with pytest.raises(InvalidInput, match=r"^d\.xlsx: .*(损坏|不是 Excel)"):
        parse_table(data, "d.xlsx")


NUMBERS = [
    ("plain", "1234.5", Decimal("1234.5"), None),
    ("grouped", "1,234,567.8", Decimal("1234567.8"), None),
    ("full-width", "１２３", Decimal("123"), None),
    ("exponent", "1.5E+3", Decimal("1.5E+3"), None),
    ("misgrouped", "1,2,3", None, "千位分隔符位置不正确(应每三位一组,如 1,234.5)"),
    ("group of two", "12,34", None, "千位分隔符位置不正确(应每三位一组,如 1,234.5)"),
    ("too large", "1e30", Decimal("1e30"), "数值过大(整数部分最多 20 位)"),
    ("21 digits", "100000000000000000000", Decimal("1E20"), "数值过大(整数部分最多 20 位)"),
    ("20 digits", "99999999999999999999", Decimal("99999999999999999999"), None),
    ("text", "很多", None, None),
    ("nan", "NaN", None, None),
]


@pytest.mark.parametrize(
    ("text", "value", "problem"), [n[1:] for n in NUMBERS], ids=[n[0] for n in NUMBERS]
)
def test_number_cells(text: str, value: Decimal | None, problem: str | None) -> None:
    assert parse_number(text) == value
    assert number_problem(text) == problem


def test_amount_problems_name_row_and_column() -> None:
    table = Table(
        "d.csv",
        ["指标编号", "年份", "数值"],
        [["I005", "2023", "1,2,3"], ["I005", "2024", "9"], ["I005", "2025", "1e30"]],
    )
    problems = amount_problems(table, [2], "数值")
    assert [(p.row, p.column, p.value) for p in problems] == [
        (2, "数值", "1,2,3"),
        (4, "数值", "1e30"),
    ]


def test_formula_without_a_cached_value_is_refused() -> None:
    # openpyxl writes formulas without results, as a script or a web tool would.
    data = xlsx([["指标编号", "年份", "数值"], ["I005", 2023, "=B2*2"]])
    with pytest.raises(InvalidInput, match="第2行第3列是公式"):
        parse_table(data, "d.xlsx")


def test_formula_with_a_cached_value_reads_the_value() -> None:
    sheet_xml = zipfile.ZipFile(io.BytesIO(GOOD)).read(SHEET)
    with_result = sheet_xml.replace(
        b'<c r="C2" t="n"><v>900</v></c>', b'<c r="C2"><f>450*2</f><v>900</v></c>'
    )
    assert with_result != sheet_xml
    table = parse_table(rezip(GOOD, {SHEET: with_result}), "d.xlsx")
    assert table.rows == [["I005", "2023", "900"]]


def test_float_noise_of_excel_reads_as_excel_shows_it() -> None:
    table = parse_table(xlsx([["数值"], [0.1 + 0.2]]), "d.xlsx")
    assert table.rows == [["0.3"]]


def test_control_characters_are_removed_from_cells() -> None:
    table = parse_table("指标名称,来源\n森林\x01覆盖率,统计\x07公报\n".encode(), "d.csv")
    assert table.rows == [["森林覆盖率", "统计公报"]]


@pytest.mark.parametrize(
    ("data_rows", "accepted"),
    [(MAX_ROWS, True), (MAX_ROWS + 1, False)],
    ids=["at-limit", "over-limit"],
)
def test_the_row_limit_counts_data_rows(data_rows: int, accepted: bool) -> None:
    data = ("年份,数值\n" + "2023,1\n" * data_rows).encode()
    if accepted:
        assert len(parse_table(data, "d.csv").rows) == MAX_ROWS
    else:
        with pytest.raises(InvalidInput, match="数据行数超过 100000 行上限"):
            parse_table(data, "d.csv")


INJECTIONS = ["=1+1", '=HYPERLINK("http://evil.example","点击")', "+1", "-1+2", "@SUM(A1)"]


@pytest.mark.parametrize("text", INJECTIONS)
def test_xlsx_writer_keeps_formula_text_literal(tmp_path: Path, text: str) -> None:
    path = tmp_path / "t.xlsx"
    write_xlsx(path, [("观测数据", ["指标名称", "来源\x01"], [[text, "统计\x02公报"]])])
    sheet = load_workbook(path).worksheets[0]
    assert sheet["A2"].data_type == "s" and sheet["A2"].value == text
    assert sheet["B1"].value == "来源" and sheet["B2"].value == "统计公报"
    assert read_table(path).rows == [[text, "统计公报"]]


@pytest.mark.parametrize("text", INJECTIONS)
def test_csv_writer_quotes_formulas_and_reads_them_back(tmp_path: Path, text: str) -> None:
    path = tmp_path / "t.csv"
    write_csv(path, ["指标名称", "数值"], [[text, Decimal("-5")]])
    raw = path.read_text(encoding="utf-8-sig")
    assert f"'{text}" in raw.replace('""', '"') and ",-5" in raw
    assert read_table(path).rows == [[text, "-5"]]
