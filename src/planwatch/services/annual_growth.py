"""The researcher's table: per year, the growth target a report set and the result reported.

Each work report (or annual plan report) sets the year's economic growth target ("今年发展主要
预期目标是:国内生产总值增长6.5%左右") and reviews the year before ("国内生产总值增长6.6%").
Over a corpus of reports, year Y's row holds the target from Y's report and the result from
Y + 1's review. The measure is the one the reports use, in this order of preference:
国内生产总值 (GDP), 国民生产总值 (GNP, the 1980s), 经济增长(速度) (the 1990s' wording of
the same rate), 工农业总产值 (the gross output of industry and agriculture, before the
1980s). A year whose report states no such growth rate has a blank, never a guess.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from planwatch.domain.quantity import Quantity
from planwatch.errors import PlanwatchError
from planwatch.extract.document_kind import KIND_NAMES
from planwatch.extract.metadata import chinese_year
from planwatch.report.model import GrowthChart
from planwatch.services.extraction import Extraction, extract_file, json_number
from planwatch.settings import Settings

# Names of the economy's growth rate, most preferred first (docs/reports.md).
MEASURES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("国内生产总值", re.compile(r"(?:国内|地区)生产总值|GDP")),
    ("国民生产总值", re.compile(r"国民生产总值")),
    ("经济增长", re.compile(r"经济增长(?:速度)?|经济增速")),
    ("工农业总产值", re.compile(r"工农业(?:生产)?总产值")),
)  # fmt: skip
# Between the measure's name and the number: a growth word, no other rate, no average.
GROWTH_WORD = re.compile(r"增长|增速|速度|调控目标|预期目标")
NOT_ONE_YEAR = re.compile(
    r"""年均|平均每年|每年平均|[%‰]|百分之|百分点    # 平均每年增长7.3%: an average, not a year
      | 占 | 比重 | 贡献 | 能耗 | 人均            # 占国内生产总值的比重: not its growth
      | 预计                                      # 由今年预计的3%: an estimate, not a target""",
    re.VERBOSE,
)
COMPARED_YEAR = re.compile(r"比(?P<year>(?:19|20)\d{2}|[一二][〇零一二三四五六七八九]{3})年")
NEAR = 24  # characters between the measure's name and the number, at most
# A period before the name: "五年内全国工农业总产值增长百分之三十八" is a five-year growth.
PERIOD_BEFORE = re.compile(r"五年|期间|时期|以来|[一二三四五六七八九十]五")
PERIOD_LOOKBACK = 16
PLAUSIBLE = (Decimal(-30), Decimal(40))  # a year's growth in percent outside this is no rate


@dataclass(frozen=True, slots=True)
class Figure:
    """One growth rate read from a report, with where it was read."""

    measure: str
    value: Decimal
    range_high: Decimal | None
    approximate: bool
    comparator: str
    text: str
    path: str
    line: int

    def display(self) -> str:
        """The rate as the report writes it: "6.5左右", "6-6.5", "≥7" (7%以上), "8".

        >>> Figure("国内生产总值", Decimal("6.5"), None, True, "=", "6.5%左右", "a", 1).display()
        '6.5左右'
        >>> Figure("国内生产总值", Decimal("7"), None, False, ">=", "7%以上", "a", 1).display()
        '≥7'
        """
        value = f"{self.value}"
        if self.range_high is not None:
            return f"{value}-{self.range_high}"
        if self.approximate:
            return f"{value}左右"
        if "以上" in self.text:
            return f"≥{value}"
        if "以内" in self.text or "以下" in self.text:
            return f"≤{value}"
        return value


@dataclass(frozen=True, slots=True)
class GrowthRow:
    """Year Y: the target of Y's report and the result reported in Y + 1's."""

    year: int
    target: Figure | None
    result: Figure | None


@dataclass(frozen=True, slots=True)
class GrowthTable:
    rows: tuple[GrowthRow, ...]
    problems: tuple[str, ...]  # documents that could not be read or dated, one line each


def growth_figure(extraction: Extraction, *, target: bool) -> Figure | None:
    """The report's growth target for its year (``target``) or its result for the year before.

    The first quantity in document order that is a growth rate in percent of a measure of
    :data:`MEASURES`, of the right kind and year, the most preferred measure winning.
    """
    year = extraction.document_year
    if year is None:
        return None
    kind, wanted = ("target", year) if target else ("baseline", year - 1)
    path = extraction.document.source.path
    found: list[tuple[int, Figure]] = []
    for q in extraction.findings.quantities:
        if q.kind != kind or q.year != wanted or q.unit != "%" or q.change is not None:
            continue
        if q.cumulative or not PLAUSIBLE[0] < q.value < PLAUSIBLE[1]:
            continue
        measure = _measure(q, wanted)
        if measure is not None:
            rank, name = measure
            found.append((rank, _figure(name, q, path)))
    return min(found, key=lambda pair: pair[0])[1] if found else None


def _measure(quantity: Quantity, year: int) -> tuple[int, str] | None:
    """Which measure of :data:`MEASURES` the rate is the growth of, by the words before it in
    its sentence: "国内生产总值达到74.4万亿元,增长6.7%" is the growth of 国内生产总值."""
    at = quantity.sentence.find(quantity.text)
    before = quantity.sentence[: max(at, 0)]
    best: tuple[int, int] | None = None  # (end of the name, rank): the nearest name wins
    for rank, (_, pattern) in enumerate(MEASURES):
        for match in pattern.finditer(before):
            if best is None or match.end() > best[0]:
                best = (match.end(), rank)
    if best is None:
        return None
    between = before[best[0] :]
    name = before[: best[0]]
    if len(between) > NEAR or NOT_ONE_YEAR.search(between) or "人均" in name[-4:]:
        return None
    clause = re.split(r"[,,;;:]", name)[-1]
    if PERIOD_BEFORE.search(clause[-PERIOD_LOOKBACK:]):
        return None
    compared = COMPARED_YEAR.search(between)
    if compared is not None and chinese_year(compared["year"]) != year - 1:
        return None  # 比1978年增长32.6%: growth over several years
    growth = quantity.growth_rate or GROWTH_WORD.search(before[best[0] - 8 :])
    label = MEASURES[best[1]][0]
    if "地区生产总值" in name[-8:]:
        label = "地区生产总值"  # a province's or city's report: the same measure, its region's
    return (best[1], label) if growth else None


def _figure(measure: str, q: Quantity, path: str) -> Figure:
    return Figure(measure, q.value, q.range_high, q.approximate, q.comparator, q.text, path, q.line)


@dataclass(frozen=True, slots=True)
class ReportFigures:
    """What one document gives the table: its year, target and result, or a problem."""

    path: str
    year: int | None
    target: Figure | None
    result: Figure | None
    problem: str | None = None


def report_figures(path: Path, settings: Settings) -> ReportFigures:
    """Read one report for the table; a problem is returned, not raised (a pool runs this).

    >>> report_figures(Path("missing.txt"), Settings()).problem
    'missing.txt: 文件不存在'
    """
    try:
        extraction = extract_file(path, settings)
    except PlanwatchError as error:
        return ReportFigures(str(path), None, None, None, str(error))
    year = extraction.document_year
    if year is None:
        kind = KIND_NAMES[extraction.kind.kind]
        return ReportFigures(
            str(path), None, None, None, f"{path}: 识别为{kind},不是年度报告,已跳过"
        )
    target = growth_figure(extraction, target=True)
    return ReportFigures(str(path), year, target, growth_figure(extraction, target=False))


def growth_table(figures: Iterable[ReportFigures]) -> GrowthTable:
    """Pair each year's target with the next report's result; every year a report covers
    (its own and the one it reviews) has a row, blank where nothing was stated."""
    targets: dict[int, Figure] = {}
    results: dict[int, Figure] = {}
    years: set[int] = set()
    problems: list[str] = []
    for item in figures:
        if item.year is None:
            problems.append(item.problem or f"{item.path}: 无法读取")
            continue
        years.update((item.year, item.year - 1))
        if item.target is not None:
            targets.setdefault(item.year, item.target)
        if item.result is not None:
            results.setdefault(item.year - 1, item.result)
    rows = tuple(GrowthRow(y, targets.get(y), results.get(y)) for y in sorted(years))
    return GrowthTable(rows, tuple(problems))


def growth_chart(table: GrowthTable) -> GrowthChart:
    """The chart spec of the table (drawn by report/charts.py)."""
    return GrowthChart(
        "经济增长:当年目标与次年报告的实际",
        tuple(r.year for r in table.rows),
        tuple(r.target.value if r.target else None for r in table.rows),
        tuple(r.result.value if r.result else None for r in table.rows),
    )


COLUMNS = ("年份", "指标", "目标(%)", "实际(%)", "差距(百分点)", "目标出处", "实际出处")


def gap(row: GrowthRow) -> Decimal | None:
    """Result minus target, in percentage points (a range's low end is the target).

    >>> target = Figure("国内生产总值", Decimal("6.5"), None, True, "=", "", "a", 1)
    >>> result = Figure("国内生产总值", Decimal("6.6"), None, False, "=", "", "b", 1)
    >>> gap(GrowthRow(2018, target, result))
    Decimal('0.1')
    """
    if row.target is None or row.result is None:
        return None
    return row.result.value - row.target.value


def _source(figure: Figure | None) -> str:
    return f"{Path(figure.path).name}:{figure.line}" if figure else ""


def table_rows(table: GrowthTable) -> list[list[str]]:
    """The table as text cells, blanks where a report states no figure."""
    out = [list(COLUMNS)]
    for row in table.rows:
        shown = row.target or row.result
        measure = shown.measure if shown else ""
        difference = gap(row)
        out.append([
            str(row.year), measure,
            row.target.display() if row.target else "",
            row.result.display() if row.result else "",
            f"{difference:+}" if difference is not None else "",
            _source(row.target), _source(row.result),
        ])  # fmt: skip
    return out


def table_json(table: GrowthTable) -> dict[str, Any]:
    """The table as JSON: one object per year, numbers as numbers, null where blank."""

    def figure(f: Figure | None) -> dict[str, Any] | None:
        if f is None:
            return None
        high = json_number(f.range_high) if f.range_high is not None else None
        return {
            "measure": f.measure, "value": json_number(f.value), "range_high": high,
            "approximate": f.approximate, "comparator": f.comparator, "text": f.text,
            "path": f.path, "line": f.line,
        }  # fmt: skip

    return {
        "rows": [
            {
                "year": r.year,
                "target": figure(r.target),
                "result": figure(r.result),
                "gap": json_number(g) if (g := gap(r)) is not None else None,
            }
            for r in table.rows
        ],
        "problems": list(table.problems),
    }
