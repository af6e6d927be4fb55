"""``planwatch assignments``: read a task division plan (任务分工方案) without a database."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from planwatch.cli.app import settings, user_errors
from planwatch.cli.documents import aligned
from planwatch.domain.assignment import Assignment
from planwatch.services.assignment_documents import (
    AssignmentDocument,
    assignments_contract,
    read_assignment_file,
)

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


def register(app: typer.Typer) -> None:
    app.add_typer(assignments_app)
