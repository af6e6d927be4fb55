"""Spreadsheets in and out: a CSV or XLSX file as a header and rows of text cells.

Departments send data as Excel workbooks or CSV files saved by Excel (UTF-8 with a BOM, or
GB18030 on Chinese Windows); both read into the same :class:`Table`.
"""

from __future__ import annotations

import csv
import io
import re
import warnings
import zipfile
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet.worksheet import Worksheet

from planwatch.domain.amount import amount_problem
from planwatch.domain.text import clean_text, looks_like_formula
from planwatch.errors import InvalidInput

MAX_TABLE_BYTES = 20 * 1024 * 1024
MAX_ROWS = 100_000  # data rows, the header not counted
DAMAGED_XLSX = "XLSX 文件已损坏或不是 Excel 工作簿"
# What openpyxl raises on a damaged workbook, also lazily while rows are read (read-only
# mode parses the sheet XML as it goes): a bad zip or deflate stream, a missing part, cut
# XML (ElementTree's ParseError is a SyntaxError).
_XLSX_ERRORS = (
    zipfile.BadZipFile,
    zlib.error,
    InvalidFileException,
    KeyError,
    OSError,
    ValueError,
    SyntaxError,
    EOFError,
    TypeError,
    AttributeError,
    IndexError,
)
# A number cell: "1234.5", "-3", "1,234,567.8", "1.2E+3". Thousands separators only in
# groups of three after the first group, so "1,2,3" is no number (not 123).
NUMBER = re.compile(
    r"""^[-+]?
        (?: \d{1,3} (?:,\d{3})+ | \d+ )   # 1,234,567 or 1234567
        (?: \.\d+ )?                     # .5
        (?: [eE] [-+]? \d+ )?$            # E+3
    """,
    re.VERBOSE,
)
# A formula in the sheet XML: <f>SUM(A1:A3)</f>, <x:f t="shared" .../>.
FORMULA_TAG = re.compile(rb"<(?:\w+:)?f[\s>/]")
_FULL_WIDTH = str.maketrans("０１２３４５６７８９．－，＋", "0123456789.-,+")
# A CSV cell that write_csv protected from spreadsheet formulas: "'=1+1" reads back "=1+1".
_QUOTED_FORMULA = re.compile(r"^'(?=[=+\-@\t\r])")


@dataclass(frozen=True, slots=True)
class RowProblem:
    """A bad cell: 1-based row as a spreadsheet shows it (the header is row 1).

    >>> str(RowProblem(3, "数值", "很多", "不是数字"))
    "第3行「数值」'很多':不是数字"
    """

    row: int
    column: str
    value: str
    reason: str

    def __str__(self) -> str:
        return f"第{self.row}行「{self.column}」{self.value!r}:{self.reason}"


@dataclass(slots=True)
class RowReport:
    """What importing a spreadsheet did or, in a dry run or with problems, would do."""

    rows: int = 0
    dry_run: bool = False
    problems: list[RowProblem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass(frozen=True, slots=True)
class Table:
    """Text cells of one sheet; ``rows`` excludes the header (spreadsheet row 1)."""

    name: str
    header: list[str]
    rows: list[list[str]]

    def numbered_rows(self) -> Iterator[tuple[int, list[str]]]:
        """Rows with the number a spreadsheet shows for them (the first data row is 2)."""
        for index, row in enumerate(self.rows, start=2):
            if any(cell.strip() for cell in row):
                yield index, row

    def resolve(self, columns: dict[str, tuple[str, ...]]) -> dict[str, int]:
        """Index of each known column present in the header, by any of its accepted names.

        >>> columns = {"year": ("年份",), "value": ("数值", "value")}
        >>> Table("t", ["年份", "Value"], []).resolve(columns)
        {'year': 0, 'value': 1}
        """
        header = [h.strip().lower() for h in self.header]
        found: dict[str, int] = {}
        for key, names in columns.items():
            for name in names:
                if name.lower() in header:
                    found[key] = header.index(name.lower())
                    break
        return found


def read_table(path: Path, *, merged: bool = False) -> Table:
    """Read a CSV or XLSX file; a bad file raises InvalidInput naming the file and the problem.

    ``merged``: read a sheet laid out for people (see :func:`parse_table`).
    """
    name = str(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError as error:
        raise InvalidInput(f"{name}: 文件不存在") from error
    except OSError as error:
        raise InvalidInput(f"{name}: 无法读取文件({error.strerror or error})") from error
    return parse_table(data, name, merged=merged)


def parse_table(data: bytes, name: str, *, merged: bool = False) -> Table:
    """Parse spreadsheet bytes (XLSX by its zip signature, else CSV).

    With ``merged``, for sheets laid out for people (title lines, two-row headers): every
    cell of a merged range reads as its top-left value, and blank rows are kept (trailing
    ones dropped) so that row ``i`` of header + rows is spreadsheet row ``i + 1``.
    """
    if len(data) > MAX_TABLE_BYTES:
        raise InvalidInput(f"{name}: 文件超过 {MAX_TABLE_BYTES // (1024 * 1024)} MB 上限")
    if not data.strip():
        raise InvalidInput(f"{name}: 文件为空")
    is_xlsx = data.startswith(b"PK\x03\x04")
    rows = _xlsx_rows(data, name, merged) if is_xlsx else _csv_rows(data, name)
    if merged:
        while rows and not any(cell.strip() for cell in rows[-1]):
            rows.pop()
    elif rows:
        rows = [row for row in rows if any(cell.strip() for cell in row)]
    if not rows:
        raise InvalidInput(f"{name}: 表格中没有内容")
    if len(rows) - 1 > MAX_ROWS:
        raise InvalidInput(f"{name}: 数据行数超过 {MAX_ROWS} 行上限(不含表头)")
    width = max(len(row) for row in rows)
    padded = [row + [""] * (width - len(row)) for row in rows]
    return Table(name, [cell.strip() for cell in padded[0]], padded[1:])


def _csv_rows(data: bytes, name: str) -> list[list[str]]:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise InvalidInput(f"{name}: 既不是 XLSX,也不是 UTF-8 或 GB18030 编码的 CSV")
    if "\x00" in text:
        raise InvalidInput(f"{name}: 不是文本格式的 CSV 文件")
    try:
        return [
            [clean_text(_QUOTED_FORMULA.sub("", cell)) for cell in row]
            for row in _limited(csv.reader(io.StringIO(text, newline="")))
        ]
    except csv.Error as error:
        raise InvalidInput(f"{name}: CSV 格式错误({error})") from error


def _limited(rows: Iterator[Any]) -> Iterator[Any]:
    """Rows, stopping just past the limit (header plus MAX_ROWS plus one to tell)."""
    for index, row in enumerate(rows):
        if index > MAX_ROWS + 1:
            return
        yield row


def _xlsx_rows(data: bytes, name: str, merged: bool = False) -> list[list[str]]:
    try:
        rows = _sheet_values(data, formulas=False, merged=merged)
        if not _has_formulas(data):
            return [[_cell_text(value) for value in row] for row in rows]
        formulas = _sheet_values(data, formulas=True)
    except _XLSX_ERRORS as error:
        raise InvalidInput(f"{name}: {DAMAGED_XLSX}") from error
    for number, (values, written) in enumerate(zip(rows, formulas, strict=False), start=1):
        for column, (value, formula) in enumerate(zip(values, written, strict=False), start=1):
            if value is None and isinstance(formula, str) and formula.startswith("="):
                raise InvalidInput(
                    f"{name}: 第{number}行第{column}列是公式({formula[:40]})但没有计算结果,"
                    "请在 Excel 中打开、重新计算并保存后再导入"
                )
    return [[_cell_text(value) for value in row] for row in rows]


def _sheet_values(data: bytes, *, formulas: bool, merged: bool = False) -> list[tuple[Any, ...]]:
    """The first sheet's cell values: cached results, or the formulas as written.

    With ``merged`` every cell of a merged range reads as its top-left value; merged ranges
    are known only to a fully loaded sheet, not to a read-only one.
    """
    with warnings.catch_warnings():  # "Data Validation extension is not supported", …
        warnings.simplefilter("ignore")
        workbook = load_workbook(io.BytesIO(data), read_only=not merged, data_only=not formulas)
        try:
            sheet = workbook.worksheets[0]
            rows = [list(row) for row in _limited(sheet.iter_rows(values_only=True))]
            if merged:
                for cells in list(sheet.merged_cells.ranges):
                    top = rows[cells.min_row - 1][cells.min_col - 1]
                    for row in range(cells.min_row - 1, min(cells.max_row, len(rows))):
                        for column in range(cells.min_col - 1, cells.max_col):
                            rows[row][column] = top
            return [tuple(row) for row in rows]
        finally:
            workbook.close()


def _has_formulas(data: bytes) -> bool:
    """Whether any worksheet of the package holds a formula (an ``<f>`` element)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for member in archive.namelist():
            sheet = member.startswith("xl/worksheets/") and member.endswith(".xml")
            if sheet and FORMULA_TAG.search(archive.read(member)):
                return True
    return False


def parse_number(text: str) -> Decimal | None:
    """A number cell as the value it means, or None: full-width digits and thousands
    separators in groups of three are accepted; "1,2,3", "12亿" and "NaN" are not numbers.

    >>> parse_number("1,234.5"), parse_number("１２"), parse_number("1,2,3"), parse_number("NaN")
    (Decimal('1234.5'), Decimal('12'), None, None)
    """
    cleaned = text.strip().replace(" ", "").translate(_FULL_WIDTH)
    if not NUMBER.match(cleaned):
        return None
    try:
        return Decimal(cleaned.replace(",", ""))
    except InvalidOperation:
        return None


def number_problem(text: str) -> str | None:
    """Why a number cell cannot be stored, or None (also None for text that is no number,
    which the importer names itself).

    >>> number_problem("1,2,3"), number_problem("1e30"), number_problem("12.5")
    ('千位分隔符位置不正确(应每三位一组,如 1,234.5)', '数值过大(整数部分最多 20 位)', None)
    """
    cleaned = text.strip().replace(" ", "").translate(_FULL_WIDTH)
    if "," in cleaned and parse_number(cleaned) is None:
        if NUMBER.match(cleaned.replace(",", "")):
            return "千位分隔符位置不正确(应每三位一组,如 1,234.5)"
        return None
    value = parse_number(cleaned)
    return amount_problem(value) if value is not None else None


def amount_problems(table: Table, columns: Sequence[int | None], name: str) -> list[RowProblem]:
    """A problem for every number in these columns that is misgrouped or too large to store.

    ``name`` labels the column in messages; a column that is None (absent) is skipped.
    """
    problems: list[RowProblem] = []
    for number, row in table.numbered_rows():
        for column in columns:
            if column is None or column >= len(row):
                continue
            cell = row[column].strip()
            for token in _NUMBER_TOKEN.findall(cell) if cell else ():
                problem = number_problem(token)
                if problem:
                    label = table.header[column] if column < len(table.header) else name
                    problems.append(RowProblem(number, label or name, cell, problem))
                    break
    return problems


# The numbers inside a cell such as "[13.5]" or "<2.39" or "1,2,3亿": digits, commas, a point
# and an exponent.
_NUMBER_TOKEN = re.compile(r"[-+]?[\d０-９][\d０-９,，.．]*(?:[eE][-+]?\d+)?")


def append_row(sheet: Worksheet, row: Sequence[object]) -> None:
    """Append a row with every text cell safe: control characters removed, and a text that
    begins with = + - @ kept as literal text, never a live formula (formula injection)."""
    values = [clean_text(value) if isinstance(value, str) else value for value in row]
    sheet.append(values)
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str) and looks_like_formula(cell.value):
            cell.data_type = "s"


def _cell_text(value: object) -> str:
    """A cell as text: 2022 stays "2022", 12.5 "12.5", a date its ISO form, empty "".

    >>> from decimal import Decimal
    >>> _cell_text(2022.0), _cell_text(12.5), _cell_text(None), _cell_text(Decimal("1.20"))
    ('2022', '12.5', '', '1.20')
    """
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e16:
        return str(int(value))
    if isinstance(value, float):
        return format(value, ".15g")  # Excel's precision: 0.1 + 0.2 reads "0.3"
    if isinstance(value, datetime | date):
        return value.isoformat()
    return clean_text(str(value))


def write_xlsx(path: Path, sheets: Sequence[tuple[str, list[str], list[list[object]]]]) -> None:
    """Write sheets of (title, header, rows) with a bold, frozen header row."""
    workbook = Workbook()
    for default in list(workbook.worksheets):
        workbook.remove(default)
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DDEBF7")
    for title, header, rows in sheets:
        sheet = workbook.create_sheet(title)
        append_row(sheet, header)
        for cell in sheet[1]:
            cell.font, cell.fill = bold, fill
        for row in rows:
            append_row(sheet, row)
        sheet.freeze_panes = "A2"
        for index, column in enumerate(header, start=1):
            width = max(
                [len(str(column)) * 2, *(len(str(r[index - 1])) for r in rows if len(r) >= index)]
            )
            sheet.column_dimensions[sheet.cell(1, index).column_letter].width = min(width + 2, 60)
    workbook.save(path)


def table_suffix(path: Path) -> str:
    """".xlsx" or ".csv", the file's suffix; any other is refused before anything is written.

    >>> table_suffix(Path("表.XLSX")), table_suffix(Path("表.csv"))
    ('.xlsx', '.csv')
    >>> table_suffix(Path("表.pdf"))
    Traceback (most recent call last):
    ...
    planwatch.errors.InvalidInput: 表.pdf: 只能保存为 .xlsx 或 .csv 文件
    """
    suffix = path.suffix.lower()
    if suffix not in (".xlsx", ".csv"):
        raise InvalidInput(f"{path}: 只能保存为 .xlsx 或 .csv 文件")
    return suffix


def write_table(path: Path, title: str, header: list[str], rows: list[list[object]]) -> None:
    """Write one sheet as XLSX or CSV, by the file's suffix (:func:`table_suffix`)."""
    if table_suffix(path) == ".xlsx":
        write_xlsx(path, [(title, header, rows)])
    else:
        write_csv(path, header, rows)


def write_csv(path: Path, header: list[str], rows: list[list[object]]) -> None:
    """Write a CSV that Excel opens correctly (UTF-8 with a BOM).

    A text that begins with = + - @ gets a leading ' so that Excel shows it instead of
    running it; read_table drops that quote again, so the file re-imports unchanged.
    """
    with path.open("w", encoding="utf-8-sig", newline="") as file:
        writer = csv.writer(file)
        writer.writerow([_csv_cell(cell) for cell in header])
        writer.writerows([_csv_cell(cell) for cell in row] for row in rows)


def _csv_cell(value: object) -> object:
    """A CSV cell that Excel shows as written: no control characters, formulas quoted.

    >>> _csv_cell("=1+1"), _csv_cell("森林\x01"), _csv_cell(-5)
    ("'=1+1", '森林', -5)
    """
    if not isinstance(value, str):
        return value
    text = clean_text(value)
    return f"'{text}" if looks_like_formula(text) else text
