"""Rows of a main-indicator table (主要指标, usually 专栏1) that survive in the text.

Readers of docx, pdf and html files give each table row as one line of cells separated by
tabs. A header row names the columns (a cell with 指标 and at least one year column
``20xx年``; optionally 类别, 单位, 年均增长/累计, 属性); every following line with cells is an
indicator row, until a line without cells::

    类别	指标	单位	2020年	2025年	年均增长(%)/累计	属性
    经济发展	地区生产总值增长(%)	—	3.9	—	6左右	预期性
    绿色生态	单位地区生产总值能源消耗降低(%)		—	—	[13.5]	约束性

Cells are split on the original line's tabs, because the normal form folds a run of tabs
(empty cells) into one gap and would shift the columns. Each number cell gives one
:class:`~planwatch.domain.quantity.Quantity` whose ``text`` and span are the cell in the
original text and whose ``sentence`` is the row.
"""

from __future__ import annotations

import bisect
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from decimal import Decimal

from planwatch.domain.issue import Issue
from planwatch.domain.outline import Outline
from planwatch.domain.plan import PlanMeta
from planwatch.domain.quantity import Change, Comparator, Quantity, QuantityKind
from planwatch.extract.lexicon import alternation, words
from planwatch.extract.normalize import LINE_BREAK, NormalText
from planwatch.extract.numbers import within_range
from planwatch.extract.table_cells import (
    YEAR_HEADER,
    Cell,
    decreasing_name,
    is_empty_cell,
    parse_cell,
    split_unit,
)
from planwatch.extract.units import UnitReading, read_unit
from planwatch.extract.vocabulary import Vocabulary, per_vocabulary

logger = logging.getLogger(__name__)

# Where a line without tabs splits into cells: an ideographic space or two or more spaces.
CELL_GAP = re.compile(r"\u3000+|[ \u00a0]{2,}  # 指标　　单位 / 指标   单位", re.VERBOSE)
# Column headers, matched against the normal form of a header cell.
ROW_SENTENCE_MAX = 600  # a row's text kept as each cell's sentence; a longer row is cut
FOOTNOTE_MARK = "①②③④⑤⑥⑦⑧⑨⑩*※"
_CELL_SPACE = " \u00a0\u3000"


@dataclass(frozen=True, slots=True)
class Columns:
    """Where the columns of an indicator table are, read from its header row."""

    name: int
    width: int
    years: tuple[tuple[int, int], ...]  # (year, column), left to right
    category: int | None = None
    unit: int | None = None
    growth: int | None = None
    annual: bool = False  # the growth column's header says 年均: plain numbers are rates


@dataclass(frozen=True, slots=True)
class _Cell:
    start: int  # span in the original text
    end: int
    normal: str  # the cell's normal form, for matching


@dataclass(slots=True)
class TableRows:
    """The quantities and issues of every table line, by 1-based line number."""

    quantities: dict[int, list[Quantity]] = field(default_factory=dict)
    issues: dict[int, list[Issue]] = field(default_factory=dict)

    def consumed(self, line: int) -> bool:
        """Whether the line is a table header or row (and not running text)."""
        return line in self.quantities


@dataclass(frozen=True, slots=True)
class _Headers:
    name: re.Pattern[str]  # 指标 / 指标名称: the whole cell
    category: re.Pattern[str]  # 类别
    unit: re.Pattern[str]  # 单位
    growth: re.Pattern[str]  # 年均增长(%) / 五年累计: anywhere in the cell
    annual: re.Pattern[str]  # 年均增长: a plain number in it is a growth rate
    growth_name: re.Pattern[str]  # 地区生产总值增长, 居民消费价格涨幅


@per_vocabulary
def _headers(vocab: Vocabulary) -> _Headers:
    def whole(key: str) -> re.Pattern[str]:
        return re.compile(rf"^(?:{alternation(vocab.words(key))})$")

    def part(key: str) -> re.Pattern[str]:
        return re.compile(alternation(vocab.words(key)))

    return _Headers(
        whole("table_name_headers"), whole("table_category_headers"),
        whole("table_unit_headers"), part("table_growth_headers"),
        part("table_annual_headers"), part("growth_names"),
    )  # fmt: skip


def read_header(cells: list[str]) -> Columns | None:
    """The columns of a header row, or None when the row is no indicator-table header.

    >>> columns = read_header(["指标", "单位", "2020年", "2025年", "年均增长(%)", "属性"])
    >>> columns.name, columns.unit, columns.years, columns.growth, columns.annual
    (0, 1, ((2020, 2), (2025, 3)), 4, True)
    >>> read_header(["序号", "项目名称", "建设内容"]) is None
    True
    """
    headers = _headers()
    name = next((i for i, c in enumerate(cells) if headers.name.match(c)), None)
    years: list[tuple[int, int]] = []
    growth: int | None = None
    for index, cell in enumerate(cells):
        if headers.growth.search(cell):
            growth = index if growth is None else growth
        elif match := YEAR_HEADER.match(cell):
            years.append((int(match["year"]), index))
    if name is None or not years:
        return None
    category = next((i for i, c in enumerate(cells[:name]) if headers.category.match(c)), None)
    unit = next((i for i, c in enumerate(cells) if headers.unit.match(c)), None)
    annual = growth is not None and headers.annual.search(cells[growth]) is not None
    return Columns(name, len(cells), tuple(years), category, unit, growth, annual)


def find_table_rows(text: NormalText, outline: Outline, plan: PlanMeta, scope: str) -> TableRows:
    """Every indicator-table row of the text, read into quantities (see the module docstring)."""
    found = TableRows()
    columns: Columns | None = None
    for line, (start, end) in enumerate(_original_lines(text.original), start=1):
        line_text = text.original[start:end]
        cells = _cells(text, start, end) if "\t" in line_text or CELL_GAP.search(line_text) else []
        if len(cells) < 2:
            columns = None
            continue
        header = read_header([c.normal for c in cells])
        if header is not None:
            columns = header
            found.quantities[line] = []
            continue
        if columns is None:
            continue
        row = _align(cells, columns)
        try:
            quantities, issues = _row(text, outline, plan, scope, columns, row, (start, end))
        except Exception as error:
            logger.debug("table row on line %d failed", line, exc_info=error)
            quantities, issues = [], [_failed_row(line, error)]
        found.quantities[line] = quantities
        if issues:
            found.issues[line] = issues
    return found


def _failed_row(line: int, error: Exception) -> Issue:
    return Issue("row_failed", f"表格行未能读取（{type(error).__name__}），已跳过", line)


def _original_lines(original: str) -> Iterator[tuple[int, int]]:
    """Line spans, broken where NormalText breaks lines (not at form feeds or U+2028).

    >>> list(_original_lines("a\\x0cb\\r\\nc"))
    [(0, 3), (5, 6)]
    """
    at = 0
    for match in LINE_BREAK.finditer(original):
        yield at, match.start()
        at = match.end()
    yield at, len(original)


def _cells(text: NormalText, start: int, end: int) -> list[_Cell]:
    """The cells of an original line, each trimmed, with its normal form."""
    line = text.original[start:end]
    if "\t" in line:
        bounds, at = [], 0
        for piece in line.split("\t"):
            bounds.append((at, at + len(piece)))
            at += len(piece) + 1
    else:
        cuts = [(m.start(), m.end()) for m in CELL_GAP.finditer(line.strip(_CELL_SPACE))]
        offset = len(line) - len(line.lstrip(_CELL_SPACE))
        edges = [0, *(e for cut in cuts for e in cut), len(line.strip(_CELL_SPACE))]
        bounds = [(offset + a, offset + b) for a, b in zip(edges[::2], edges[1::2], strict=True)]
    cells = []
    for left, right in bounds:
        piece = line[left:right]
        left += len(piece) - len(piece.lstrip(_CELL_SPACE))
        right -= len(piece) - len(piece.rstrip(_CELL_SPACE))
        cell_start, cell_end = start + max(left, 0), start + max(left, right)
        normal_start = bisect.bisect_left(text.origin, cell_start)
        normal_end = bisect.bisect_left(text.origin, cell_end)
        cells.append(_Cell(cell_start, cell_end, text.text[normal_start:normal_end]))
    return cells


def _align(cells: list[_Cell], columns: Columns) -> list[_Cell | None]:
    """The row's cells by column; a merged category cell may be left out of a row."""
    row: list[_Cell | None] = list(cells)
    if (
        len(row) == columns.width - 1
        and columns.category is not None
        and columns.category < columns.name
    ):
        row.insert(columns.category, None)
    return row + [None] * (columns.width - len(row))


def _row(
    text: NormalText,
    outline: Outline,
    plan: PlanMeta,
    scope: str,
    columns: Columns,
    row: list[_Cell | None],
    span: tuple[int, int],
) -> tuple[list[Quantity], list[Issue]]:
    name_cell = row[columns.name]
    if name_cell is None or is_empty_cell(name_cell.normal):
        return [], []
    indicator, unit_text = split_unit(name_cell.normal.rstrip(FOOTNOTE_MARK))
    unit_cell = row[columns.unit] if columns.unit is not None else None
    if unit_cell is not None and not is_empty_cell(unit_cell.normal):
        unit_text = unit_cell.normal
    unit = _unit(unit_text)
    change: Change | None = "decrease" if decreasing_name(indicator) else None
    template = Quantity(
        kind="target",
        indicator=indicator,
        scope=scope,
        value=Decimal(0),
        unit="",
        base_value=Decimal(0),
        base_unit="",
        comparator=">=",
        year=None,
        cumulative=False,
        growth_rate=False,
        stretch=False,
        change=change,
        text="",
        line=text.line_of(span[0]),
        start=0,
        end=0,
        sentence=text.original[span[0] : min(span[1], span[0] + ROW_SENTENCE_MAX)],
        node=None,
    )
    out: list[Quantity] = []
    out_of_range: list[Issue] = []
    unknown = False
    for cell, kind, year, growth in _value_cells(plan, columns, row):
        parsed = parse_cell(cell.normal)
        if parsed is None:
            continue  # "—", "高于GDP增长", "保持在合理区间"
        rate = growth and columns.annual and not parsed.cumulative and _grows(indicator, unit)
        cell_unit = read_unit("%") if rate else unit
        if cell_unit is None:
            unknown = True
            continue
        if not (within_range(parsed.value) and within_range(cell_unit.to_base(parsed.value))):
            out_of_range.append(Issue(
                "value_out_of_range", f"表格指标“{indicator}”的数值超出可计算范围，未读取",
                text.line_of(cell.start), (cell.start, cell.end),
            ))  # fmt: skip
            continue
        comparator, cumulative = _meaning(kind, parsed, growth, columns.annual)
        if (
            kind == "target"
            and not growth
            and parsed.bare
            and _is_rate(indicator, cell_unit)
            and _below_baseline(parsed.value, out)
        ):
            comparator = "<="  # "城镇调查失业率 | % | 5.8 | 5.5": brought down to 5.5
        row_change, value = change, parsed.value
        points = read_unit("百分点")
        if growth and cumulative and points and _in_points(indicator, cell_unit, change, out):
            # "常住人口城镇化率 | % | 56.7 | 62 | [5.3]": the period's change, in points
            cell_unit, cumulative, row_change = points, False, _direction(out)
            value = abs(value)  # "[-0.3]" beside 5.8 → 5.5: a decrease of 0.3 points
        node = outline.deepest_at(cell.start)
        quantity = replace(
            template,
            kind=kind,
            value=value,
            unit=cell_unit.name,
            base_value=cell_unit.to_base(value),
            base_unit=cell_unit.base,
            comparator=comparator,
            year=year,
            cumulative=cumulative,
            growth_rate=rate,
            change=row_change,
            text=text.original[cell.start : cell.end],
            start=cell.start,
            end=cell.end,
            node=node.id if node else None,
            approximate=parsed.approximate,
        )
        out.append(quantity)
    issues = [_unknown_unit(text, name_cell, indicator, unit_text)] if unknown else []
    return out, issues + out_of_range


def _value_cells(
    plan: PlanMeta, columns: Columns, row: list[_Cell | None]
) -> Iterator[tuple[_Cell, QuantityKind, int | None, bool]]:
    """The number columns of a row: (cell, kind, year, whether it is the growth column).

    A year before the plan period is a baseline; without a period, the first of several
    year columns is. The growth/cumulative column is a target for the last year column.
    """
    first_year = columns.years[0][0]
    for year, index in columns.years:
        baseline = (
            year < plan.period[0]
            if plan.period
            else (year == first_year and len(columns.years) > 1)
        )
        cell = row[index]
        if cell is not None:
            yield cell, "baseline" if baseline else "target", year, False
    if columns.growth is not None and (cell := row[columns.growth]) is not None:
        target_year = columns.years[-1][0]
        if plan.period and target_year < plan.period[0]:
            target_year = plan.period[1]
        yield cell, "target", target_year, True


def _in_points(
    indicator: str, unit: UnitReading, change: Change | None, levels: list[Quantity]
) -> bool:
    """Whether a 累计 cell of a percentage is a change in points: the row also states levels
    (56.7 → 62) and its name is neither a growth nor a decrease ("能源消耗降低 [13.5]" is a
    relative decrease, in %)."""
    return (
        unit.base == "%"
        and change is None
        and bool(levels)
        and _headers().growth_name.search(indicator) is None
    )


def _is_rate(indicator: str, unit: UnitReading) -> bool:
    """A rate or an intensity (by its unit or its name), not a total that may have a floor."""
    if unit.base in ("%", "‰") or "/" in unit.name:
        return True
    return any(word in indicator for word in words()["rate_name_words"])


def _below_baseline(value: Decimal, levels: list[Quantity]) -> bool:
    """Whether a plain target lies below the row's baseline: a level to bring down."""
    return any(q.kind == "baseline" and not q.growth_rate and value < q.value for q in levels)


def _direction(levels: list[Quantity]) -> Change:
    """Up unless the row's target level is below its baseline (a rate brought down)."""
    baseline = next((q.value for q in levels if q.kind == "baseline"), None)
    target = next((q.value for q in levels if q.kind == "target"), None)
    if baseline is not None and target is not None and target < baseline:
        return "decrease"
    return "increase"


def _grows(indicator: str, unit: UnitReading | None) -> bool:
    """Whether a plain number in a 年均 column is a growth rate: the name says it grows
    ("地区生产总值增长") or the row's unit is no percentage ("地区生产总值 | 亿元"). Else it
    is a level that holds every year ("城镇调查失业率(%) | <5.5")."""
    return _headers().growth_name.search(indicator) is not None or unit is None or unit.base != "%"


def _meaning(kind: QuantityKind, cell: Cell, growth: bool, annual: bool) -> tuple[Comparator, bool]:
    """Comparator and cumulative flag of a number cell: "[13.5]" or a plain number under a
    累计 header (not 年均) is cumulative; a baseline states what was achieved ("=")."""
    comparator = "=" if kind == "baseline" else cell.comparator
    return comparator, cell.cumulative or (growth and not annual)  # type: ignore[return-value]


def _unit(unit_text: str) -> UnitReading | None:
    """The unit a table names, read by the same vocabulary as running text; None if unknown."""
    reading = read_unit(unit_text) if unit_text else None
    if reading is None or reading.surface != unit_text or reading.unit is None:
        return None
    return reading


def _unknown_unit(text: NormalText, cell: _Cell, indicator: str, unit: str) -> Issue:
    message = (
        f"表格指标“{indicator}”的单位“{unit}”不是已知单位,未作为指标值读取"
        if unit
        else f"表格指标“{indicator}”没有单位,未作为指标值读取"
    )
    return Issue("unknown_unit", message, text.line_of(cell.start), (cell.start, cell.end))
