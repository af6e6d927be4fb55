"""The rows of a spreadsheet about a plan's indicators, each with the indicator it names.

Observations and annual targets are imported from tables of the same shape: a row names its
indicator by 指标编号 or 指标名称 and holds a value. Walking them, skipping blank rows and
refusing a row whose indicator is unknown or whose name contradicts its code is one rule.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Protocol

from planwatch.services.tables import RowProblem, Table
from planwatch.store.models import IndicatorRecord, Plan


class RowsReport(Protocol):
    """What an import counts: blank rows and problems."""

    blank: int
    problems: list[RowProblem]


@dataclass(frozen=True, slots=True)
class IndicatorRow:
    """A non-blank row with a value and the indicator its code (or else its name) names."""

    number: int  # as a spreadsheet shows it (the header is row 1)
    cells: list[str]
    columns: Mapping[str, int]
    headers: Mapping[str, tuple[str, ...]]
    indicator: IndicatorRecord
    problems: list[RowProblem]

    def cell(self, key: str) -> str:
        return _cell(self.cells, self.columns, key)

    def problem(self, key: str, reason: str) -> None:
        self.problems.append(RowProblem(self.number, self.headers[key][0], self.cell(key), reason))

    @property
    def reference(self) -> str:
        """The column that named the indicator: ``code`` or ``name``."""
        return "code" if self.cell("code") else "name"


def missing_columns(
    table: Table, columns: Mapping[str, int], headers: Mapping[str, tuple[str, ...]]
) -> RowProblem | None:
    """The header's problem when it lacks a value, a year or a column naming the indicator.

    >>> table = Table("数据", ["指标名称", "年份"], [])
    >>> str(missing_columns(table, {"name": 0, "year": 1}, {"year": ("年份",), "value": ("数值",)}))
    "第1行「表头」'指标名称、年份':缺少列:数值"
    """
    missing = [headers[key][0] for key in ("year", "value") if key not in columns]
    if "code" not in columns and "name" not in columns:
        missing.insert(0, "指标编号 或 指标名称")
    if not missing:
        return None
    return RowProblem(1, "表头", "、".join(table.header), f"缺少列:{'、'.join(missing)}")


def _cell(cells: list[str], columns: Mapping[str, int], key: str) -> str:
    index = columns.get(key)
    return cells[index].strip() if index is not None and index < len(cells) else ""


def indicator_rows(
    plan: Plan,
    table: Table,
    columns: Mapping[str, int],
    headers: Mapping[str, tuple[str, ...]],
    report: RowsReport,
) -> Iterator[IndicatorRow]:
    """The rows holding a value, each with its indicator; the others are counted or reported.

    A row without a value is blank; a row naming no indicator of the plan, or whose 指标名称
    is not the name of its 指标编号, is a problem (a template filled in against the wrong
    row must not write to another indicator).
    """
    by_code = {i.code: i for i in plan.indicators}
    by_name = {i.name: i for i in plan.indicators}
    for number, cells in table.numbered_rows():

        def problem(key: str, reason: str, number: int = number, cells: list[str] = cells) -> None:
            value = _cell(cells, columns, key)
            report.problems.append(RowProblem(number, headers[key][0], value, reason))

        if not _cell(cells, columns, "value"):
            report.blank += 1
            continue
        code, name = _cell(cells, columns, "code"), _cell(cells, columns, "name")
        indicator = by_code.get(code) if code else by_name.get(name)
        if indicator is None:
            reason = "找不到该指标" if code or name else "指标编号和指标名称都为空"
            problem("code" if code else "name", reason)
            continue
        if code and name and name != indicator.name:
            problem("name", f"与指标编号 {indicator.code} 的名称「{indicator.name}」不一致")
            continue
        yield IndicatorRow(number, cells, columns, headers, indicator, report.problems)
