"""Spreadsheets in and out: a CSV or XLSX file as a header and rows of text cells.

Departments send data as Excel workbooks or CSV files saved by Excel (UTF-8 with a BOM, or
GB18030 on Chinese Windows); both read into the same :class:`Table`.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils.exceptions import InvalidFileException

from planwatch.errors import InvalidInput

MAX_TABLE_BYTES = 20 * 1024 * 1024
MAX_ROWS = 100_000


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
    if len(rows) > MAX_ROWS:
        raise InvalidInput(f"{name}: 行数超过 {MAX_ROWS} 行上限")
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
        return [list(row) for row in csv.reader(io.StringIO(text, newline=""))]
    except csv.Error as error:
        raise InvalidInput(f"{name}: CSV 格式错误({error})") from error


def _xlsx_rows(data: bytes, name: str, merged: bool = False) -> list[list[str]]:
    try:
        # merged ranges are known only to a fully loaded sheet, not to a read-only one
        workbook = load_workbook(io.BytesIO(data), read_only=not merged, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError) as error:
        raise InvalidInput(f"{name}: XLSX 文件已损坏或不是 Excel 工作簿") from error
    try:
        sheet = workbook.worksheets[0]
        rows = [[_cell_text(value) for value in row] for row in sheet.iter_rows(values_only=True)]
        if merged:
            for cells in list(sheet.merged_cells.ranges):
                top = rows[cells.min_row - 1][cells.min_col - 1]
                for row in range(cells.min_row - 1, min(cells.max_row, len(rows))):
                    for column in range(cells.min_col - 1, cells.max_col):
                        rows[row][column] = top
        return rows
    finally:
        workbook.close()


def _cell_text(value: object) -> str:
    """A cell as text: 2022 stays "2022", 12.5 "12.5", a date its ISO form, empty "".

    >>> from decimal import Decimal
    >>> _cell_text(2022.0), _cell_text(12.5), _cell_text(None), _cell_text(Decimal("1.20"))
    ('2022', '12.5', '', '1.20')
    """
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value)


def write_xlsx(path: Path, sheets: Sequence[tuple[str, list[str], list[list[object]]]]) -> None:
    """Write sheets of (title, header, rows) with a bold, frozen header row."""
    workbook = Workbook()
    for default in list(workbook.worksheets):
        workbook.remove(default)
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DDEBF7")
    for title, header, rows in sheets:
        sheet = workbook.create_sheet(title)
        sheet.append(header)
        for cell in sheet[1]:
            cell.font, cell.fill = bold, fill
        for row in rows:
            sheet.append(row)
        sheet.freeze_panes = "A2"
        for index, column in enumerate(header, start=1):
            width = max(
                [len(str(column)) * 2, *(len(str(r[index - 1])) for r in rows if len(r) >= index)]
            )
            sheet.column_dimensions[sheet.cell(1, index).column_letter].width = min(width + 2, 60)
    workbook.save(path)


def write_csv(path: Path, header: list[str], rows: list[list[object]]) -> None:
    """Write a CSV that Excel opens correctly (UTF-8 with a BOM)."""
    with path.open("w", encoding="utf-8-sig", newline="") as file:
        writer = csv.writer(file)
        writer.writerow(header)
        writer.writerows(rows)
