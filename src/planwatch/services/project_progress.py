"""Use case: import progress reports (月报/季报) of many projects from one XLSX or CSV file.

Columns: 项目编号 or 项目名称, 报告期, 本期完成投资, 累计完成投资 (万元 or 亿元 in the header),
形象进度, 备注, 佐证材料. Rows are checked in the file's order against the stored reports and
the rows before them; on any problem, or in a dry run, nothing is written.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy.orm import Session

from planwatch.errors import NotFound
from planwatch.services.project_cells import (
    fold_header,
    money_unit,
    parse_amount,
    parse_report_period,
)
from planwatch.services.projects import ReportEntry, add_report, find_project, report_problems
from planwatch.services.tables import RowProblem, RowReport, Table
from planwatch.store.models import Plan

COLUMNS: dict[str, tuple[str, ...]] = {
    "code": ("项目编号", "序号", "编号"),
    "name": ("项目名称",),
    "period": ("报告期", "填报期", "月份", "季度"),
    "completed": ("本期完成投资", "当月完成投资", "本月完成投资", "本季度完成投资"),
    "cumulative": ("累计完成投资", "开工累计完成投资", "自开工累计完成投资"),
    "progress": ("形象进度", "工程形象进度"),
    "note": ("备注", "说明"),
    "evidence": ("佐证材料", "附件"),
}
TEMPLATE_HEADER = ["项目编号", "项目名称", "报告期", "本期完成投资(万元)", "累计完成投资(万元)",
                   "形象进度", "备注", "佐证材料"]  # fmt: skip


@dataclass(slots=True)
class ProgressImport(RowReport):
    added: int = 0


def import_progress(
    session: Session, plan: Plan, table: Table, actor: str, *, dry_run: bool = False
) -> ProgressImport:
    """Check every row, then store all reports or none."""
    report = ProgressImport(dry_run=dry_run)
    folded = [fold_header(h) for h in table.header]
    columns = {
        key: next(folded.index(n) for n in names if n in folded)
        for key, names in COLUMNS.items()
        if any(n in folded for n in names)
    }
    for key, label in (("period", "报告期"), ("cumulative", "累计完成投资")):
        if key not in columns and not (key == "cumulative" and "completed" in columns):
            report.problems.append(RowProblem(1, label, "", "缺少此列"))
    if "code" not in columns and "name" not in columns:
        report.problems.append(RowProblem(1, "项目编号", "", "缺少「项目编号」或「项目名称」列"))
    units: dict[str, str | None] = {
        k: money_unit(table.header[columns[k]]) for k in ("completed", "cumulative") if k in columns
    }
    report.problems.extend(
        RowProblem(1, table.header[columns[k]], "", "未注明金额单位(万元或亿元)")
        for k, unit in units.items()
        if unit is None
    )
    if report.problems:
        return report
    savepoint = session.begin_nested()
    for number, cells in table.numbered_rows():

        def cell(key: str, cells: list[str] = cells) -> str:
            return cells[columns[key]].strip() if key in columns else ""

        def bad(column: str, value: str, reason: str, number: int = number) -> None:
            report.problems.append(RowProblem(number, column, value, reason))

        report.rows += 1
        reference = cell("code") or cell("name")
        try:
            project = find_project(session, plan, reference)
        except NotFound:
            bad("项目编号" if cell("code") else "项目名称", reference, "规划中没有这个项目")
            continue
        try:
            period = parse_report_period(cell("period"))
        except ValueError as error:
            bad("报告期", cell("period"), str(error))
            continue
        amounts: dict[str, Decimal | None] = {}
        for key, label in (("completed", "本期完成投资"), ("cumulative", "累计完成投资")):
            try:
                amounts[key] = parse_amount(cell(key), units.get(key))
            except ValueError as error:
                bad(label, cell(key), str(error))
        if len(amounts) < 2:
            continue
        evidence = tuple(
            e.strip() for e in cell("evidence").replace(";", ";").split(";") if e.strip()
        )
        entry = ReportEntry(
            period,
            amounts["completed"],
            amounts["cumulative"],
            cell("progress"),
            cell("note"),
            evidence,
        )
        problems, _, _ = report_problems(project, plan, entry)
        for field, reason in problems:
            bad(field, cell("cumulative") if "累计" in field else cell("period"), reason)
        if not problems:
            add_report(session, plan, project, entry, actor)
            report.added += 1
    if report.problems or dry_run:
        savepoint.rollback()
    else:
        savepoint.commit()
    return report
