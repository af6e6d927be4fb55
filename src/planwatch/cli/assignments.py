"""``planwatch assignments``: read a task division plan (任务分工方案), import it into a plan.

``extract`` needs no database; ``import`` matches each item to a stored plan and proposes
tasks; ``export`` writes a plan's tasks as a spreadsheet.
"""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from planwatch.cli.app import PlanOption, actor, fail, settings, user_errors
from planwatch.cli.data import DryRun, session
from planwatch.cli.documents import aligned
from planwatch.domain.assignment import Assignment
from planwatch.services.assignment_documents import (
    AssignmentDocument,
    assignments_contract,
    read_assignment_file,
)
from planwatch.services.assignment_import import (
    AssignmentImport,
    ImportItem,
    import_assignments,
    items_from_document,
    items_from_table,
)
from planwatch.services.assignment_tables import ASSIGNMENT_HEADER, load_assignment_table
from planwatch.services.plans import get_plan
from planwatch.services.tables import write_table
from planwatch.services.tasks import plan_tasks
from planwatch.settings import Settings

TABLE_SUFFIXES = (".xlsx", ".csv")

TASK_WIDTH = 30  # characters of the task shown in the table

assignments_app = typer.Typer(
    name="assignments", help="读取任务分工方案:任务、牵头单位、责任单位与完成时限。",
    no_args_is_help=True,
)  # fmt: skip


class AssignmentFormat(StrEnum):
    JSON = "json"
    TABLE = "table"


def _row(item: Assignment) -> list[str]:
    text = item.text if len(item.text) <= TASK_WIDTH else item.text[: TASK_WIDTH - 1] + "…"
    return [
        str(item.line),
        item.label,
        item.category.label if item.category else "—",
        "、".join(item.lead) or "—",
        "、".join(item.co) or "—",
        item.deadline.text if item.deadline else "—",
        text,
    ]


def table_lines(result: AssignmentDocument) -> list[str]:
    """The readable table: one item a row, then the problems with their lines."""
    header = ["行", "序号", "类别", "牵头单位", "责任单位", "完成时限", "任务"]
    lines = aligned([header, *(_row(item) for item in result.assignments)])
    lines.append(f"共 {len(result.assignments)} 项")
    lines.extend(f"问题  第{issue.line}行:{issue.message}" for issue in result.issues)
    return lines


@assignments_app.command("extract")
def extract(
    file: Annotated[Path, typer.Argument(help="任务分工方案文件(.txt .docx .pdf .html)。")],
    format: Annotated[
        AssignmentFormat, typer.Option("--format", help="输出格式。")
    ] = AssignmentFormat.JSON,
) -> None:
    """列出分工方案中的每一项:任务或指标、类别、牵头与责任单位、完成时限、行号。

    JSON 格式见 docs/cli.md。
    """
    current = settings()
    with user_errors():
        result = read_assignment_file(file, current)
    if format is AssignmentFormat.JSON:
        typer.echo(json.dumps(assignments_contract(result), ensure_ascii=False, indent=2))
    else:
        typer.echo("\n".join(table_lines(result)))


def _items(file: Path, current: Settings) -> list[ImportItem]:
    if file.suffix.lower() in TABLE_SUFFIXES:
        table = load_assignment_table(file)
        if not table.ok:
            for problem in table.problems:
                typer.echo(f"{file}: {problem}", err=True)
            fail(f"{file}: {len(table.problems)} 处错误,未写入任何数据")
        return items_from_table(table)
    return items_from_document(read_assignment_file(file, current))


def import_lines(result: AssignmentImport) -> list[str]:
    """One row per item: line, task, what it matched with the score, lead and co units."""
    header = ["行", "任务", "匹配", "得分", "牵头单位", "责任单位"]
    rows = [
        [
            str(m.item.line),
            m.item.text if len(m.item.text) <= TASK_WIDTH else m.item.text[: TASK_WIDTH - 1] + "…",
            m.target or "(未匹配)",
            str(m.score),
            "、".join(m.lead) or "—",
            "、".join(m.co) or "—",
        ]
        for m in result.matches
    ]
    return aligned([header, *rows])


@assignments_app.command("import")
def import_(
    file: Annotated[Path, typer.Argument(help="任务分工方案(.txt .docx .pdf .html .xlsx .csv)。")],
    plan: PlanOption = None,
    dry_run: DryRun = False,
) -> None:
    """将分工方案逐项匹配到规划的指标与章节(附得分),作为待确认的任务导入。

    任一项未写明单位或单位不在名单中时,不写入任何数据。
    """
    current = settings()
    with user_errors():
        items = _items(file, current)
    with session(current) as opened:
        result = import_assignments(
            opened, get_plan(opened, plan), items, actor(current), dry_run=dry_run
        )
        if not result.ok:
            for problem in result.problems:
                typer.echo(f"{file}: {problem}", err=True)
            fail(f"{file}: {len(result.problems)} 处问题,未写入任何数据")
    lines = import_lines(result)
    verb = "将新增" if dry_run else "已新增"
    lines.append(f"{verb}待确认任务 {result.fresh} 项(共 {len(result.matches)} 项)。")
    typer.echo("\n".join(lines))


@assignments_app.command("export")
def export(
    output: Annotated[Path, typer.Argument(help="输出文件(.xlsx 或 .csv)。")],
    plan: PlanOption = None,
) -> None:
    """导出规划的任务:序号、任务、牵头单位、责任单位、完成时限、年度目标。"""
    current = settings()
    with session(current) as opened:
        rows: list[list[object]] = []
        for task in plan_tasks(opened, get_plan(opened, plan)):
            if task.status == "rejected":
                continue
            units = sorted(task.units, key=lambda u: u.id)
            rows.append(
                [
                    task.code,
                    task.title,
                    "、".join(u.department.name for u in units if u.role == "lead"),
                    "、".join(u.department.name for u in units if u.role == "co"),
                    task.deadline_text,
                    ";".join(f"{m.year}年:{m.target}" for m in task.milestones),
                ]
            )
    with user_errors():
        write_table(output, "任务分工", ASSIGNMENT_HEADER, rows)
    typer.echo(f"已导出任务 {len(rows)} 项到 {output}。")


def register(app: typer.Typer) -> None:
    app.add_typer(assignments_app)
