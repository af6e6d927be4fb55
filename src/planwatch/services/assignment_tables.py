"""Assignments in and out of spreadsheets: 序号, 任务, 牵头单位, 责任单位, 完成时限, 年度目标.

Departments exchange task division plans as Excel workbooks or CSV files. Reading is pure
over a :class:`~planwatch.services.tables.Table`: every row comes back parsed, beside the
row-level problems (row, column, reason) a form shows next to it; nothing is stored here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from planwatch.domain.assignment import Assignment, Deadline, Role
from planwatch.errors import InvalidInput
from planwatch.extract.annotations import deadline_year, is_ongoing, read_annotation, vocab
from planwatch.extract.departments import MatchKind, match_department
from planwatch.extract.normalize import normalize
from planwatch.services.tables import RowProblem, Table, read_table, write_table

ASSIGNMENT_HEADER = ["序号", "任务", "牵头单位", "责任单位", "完成时限", "年度目标"]
SHEET_TITLE = "任务分工"
# Four digits before 年 that no deadline year reads (deadline_year takes 19xx and 20xx): "3024年".
YEAR_LIKE = re.compile(r"\d{4}\s*年")
UNIT_JOINER = "、"


@dataclass(frozen=True, slots=True)
class AssignmentRow:
    """One spreadsheet row read as an assignment; ``row`` as a spreadsheet numbers it.

    >>> AssignmentRow(2, "1", "推进城市更新", ("县住建局",), (), None, None).row
    2
    """

    row: int
    number: str
    task: str
    lead: tuple[str, ...]
    co: tuple[str, ...]
    deadline: Deadline | None
    milestones: str | None


@dataclass(frozen=True, slots=True)
class AssignmentTable:
    """Every non-empty row, parsed, and the problems found in them (a row may have several)."""

    rows: tuple[AssignmentRow, ...]
    problems: tuple[RowProblem, ...]

    @property
    def ok(self) -> bool:
        return not self.problems


def _columns() -> dict[str, tuple[str, ...]]:
    names = vocab()["columns"]
    keys = ("number", "task", "lead", "co", "deadline", "milestones")
    return {key: tuple(names[key]) for key in keys}


def _units(text: str, role: Role) -> tuple[list[str], list[str]]:
    """Lead and co units of a cell; role words in it ("县发改局牵头") override the column's."""
    normal = normalize(text)
    annotation = read_annotation(normal.text, 0, len(normal.text), default=role)
    lead: list[str] = []
    co: list[str] = []
    for unit in annotation.units:
        start, end = normal.span(unit.start, unit.end)
        name = "".join(text[start:end].split())
        (lead if unit.role is Role.LEAD else co).append(name)
    return lead, co


def _deadline(row: int, text: str) -> tuple[Deadline | None, list[RowProblem]]:
    if not text:
        return None, []
    words = normalize(text).text
    deadline = Deadline(text, deadline_year(words), is_ongoing(words))
    if deadline.year is None and YEAR_LIKE.search(words):  # 3024年: a typo, not a deadline
        return deadline, [RowProblem(row, "完成时限", text, "年份不在合理范围内")]
    if deadline.year is None and not deadline.ongoing:
        reason = "无法识别完成时限(应为年份,如 2024年、2024年底,或 持续推进、长期)"
        return deadline, [RowProblem(row, "完成时限", text, reason)]
    return deadline, []


def _unknown_units(
    row: int, column: str, names: Iterable[str], known: Sequence[str]
) -> list[RowProblem]:
    problems = []
    for name in names:
        match = match_department(name, known)
        if match.kind is not MatchKind.UNKNOWN:
            continue
        if match.candidates:
            choices = "、".join(c.name for c in match.candidates[:3])
            reason = f"未知单位,是否为:{choices}?请选择已有部门或新建"
        else:
            reason = "未知单位,请选择已有部门或新建"
        problems.append(RowProblem(row, column, name, reason))
    return problems


def read_assignment_rows(table: Table, known: Sequence[str] | None = None) -> AssignmentTable:
    """Read a table of assignments; ``known`` department names make unknown units problems.

    A table without a task column, or without both unit columns, raises InvalidInput.

    >>> t = Table("fg.csv", ["序号", "任务", "牵头单位", "责任单位", "完成时限"],
    ...           [["1", "推进城市更新", "县住建局", "各乡镇、县财政局", "2024年底"],
    ...            ["2", "建设园区", "", "", "尽快"]])
    >>> result = read_assignment_rows(t)
    >>> result.rows[0].co, result.rows[0].deadline.year
    (('各乡镇', '县财政局'), 2024)
    >>> [(p.row, p.column) for p in result.problems]
    [(3, '牵头单位'), (3, '完成时限')]
    """
    found = table.resolve(_columns())
    if "task" not in found:
        raise InvalidInput(f"{table.name}: 表头缺少「任务」列")
    if "lead" not in found and "co" not in found:
        raise InvalidInput(f"{table.name}: 表头缺少「牵头单位」或「责任单位」列")
    rows: list[AssignmentRow] = []
    problems: list[RowProblem] = []
    for number, cells in table.numbered_rows():

        def cell(key: str, cells: list[str] = cells) -> str:
            return cells[found[key]].strip() if key in found else ""

        task = cell("task")
        lead_lead, lead_co = _units(cell("lead"), Role.LEAD)
        co_lead, co_co = _units(cell("co"), Role.CO)
        lead, co = tuple(lead_lead + co_lead), tuple(lead_co + co_co)
        deadline, deadline_problems = _deadline(number, cell("deadline"))
        if not task:
            problems.append(RowProblem(number, "任务", "", "任务为空"))
        if not lead and not co:
            problems.append(RowProblem(number, "牵头单位", "", "未填写牵头单位或责任单位"))
        problems.extend(deadline_problems)
        if known is not None:
            problems.extend(_unknown_units(number, "牵头单位", lead, known))
            problems.extend(_unknown_units(number, "责任单位", co, known))
        milestones = cell("milestones") or None
        rows.append(AssignmentRow(number, cell("number"), task, lead, co, deadline, milestones))
    return AssignmentTable(tuple(rows), tuple(problems))


def load_assignment_table(path: Path, known: Sequence[str] | None = None) -> AssignmentTable:
    """Read a CSV or XLSX file of assignments (see :func:`read_assignment_rows`)."""
    return read_assignment_rows(read_table(path), known)


def assignment_rows(assignments: Iterable[Assignment]) -> list[list[object]]:
    """Rows under :data:`ASSIGNMENT_HEADER`; an item without a number gets its position.

    >>> from planwatch.extract.assignments import find_assignments
    >>> assignment_rows(find_assignments("1.推进城市更新。(牵头:住建局;配合:各街道)"))
    [['1', '推进城市更新', '住建局', '各街道', '', '']]
    """
    rows: list[list[object]] = []
    for position, item in enumerate(assignments, start=1):
        number = item.label.strip(" .、()（）") or str(position)
        rows.append(
            [
                number,
                item.text,
                UNIT_JOINER.join(item.lead),
                UNIT_JOINER.join(item.co),
                item.deadline.text if item.deadline else "",
                item.milestones or "",
            ]
        )
    return rows


def write_assignment_table(path: Path, assignments: Iterable[Assignment]) -> None:
    """Write assignments as .xlsx or .csv (by the suffix); another suffix is InvalidInput."""
    write_table(path, SHEET_TITLE, ASSIGNMENT_HEADER, assignment_rows(assignments))
