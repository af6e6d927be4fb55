"""Commands that read a plan document without a database: extract, outline, indicators."""

from __future__ import annotations

import json
from collections.abc import Sequence
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from planwatch.cli.app import PlanFile, settings, user_errors
from planwatch.domain.document import DocumentKind
from planwatch.domain.outline import OutlineNode
from planwatch.extract.indicators import format_indicator_rows
from planwatch.services.extraction import Extraction, extract_file, to_contract


class OutputFormat(StrEnum):
    JSON = "json"


def _extract(
    path: Path | None, kind: DocumentKind | None = None, year: int | None = None
) -> Extraction:
    current = settings()
    with user_errors():
        return extract_file(path, current, kind=kind, year=year)
    raise AssertionError("unreachable: user_errors exits on error")


KindOption = Annotated[
    DocumentKind | None,
    typer.Option(
        "--kind",
        help="文种(默认自动识别):规划纲要、政府工作报告、计划报告、统计公报、任务分工方案。",
    ),
]
YearOption = Annotated[
    int | None,
    typer.Option("--year", min=1949, max=2100, help="报告或公报所属年份(默认从文档读取)。"),
]


def extract(
    file: PlanFile = None,
    format: Annotated[
        OutputFormat, typer.Option("--format", help="输出格式。")
    ] = OutputFormat.JSON,
    kind: KindOption = None,
    year: YearOption = None,
) -> None:
    """提取规划或报告的结构、目标与基期值,输出 JSON(格式见 docs/cli.md)。"""
    result = to_contract(_extract(file, kind, year))
    typer.echo(json.dumps(result, ensure_ascii=False, indent=2))


def _tree_lines(node: OutlineNode, depth: int) -> list[str]:
    title = f"{node.label} {node.title}".strip() if node.label != node.title else node.title
    lines = [f"{node.line:>6}  {'  ' * depth}{title}"]
    for child in node.children:
        lines.extend(_tree_lines(child, depth + 1))
    return lines


def outline(file: PlanFile = None) -> None:
    """以缩进树显示规划的篇、章、节、专栏及行号,并列出编号问题。"""
    result = _extract(file, DocumentKind.PLAN_OUTLINE)  # the outline does not depend on the kind
    lines = [f"{result.plan.title or '(未识别标题)'}"]
    for node in result.outline.nodes:
        lines.extend(_tree_lines(node, 0))
    for issue in result.issues:
        if issue.code in NUMBERING_CODES:
            lines.append(f"问题  第{issue.line}行:{issue.message}")
    typer.echo("\n".join(lines))


NUMBERING_CODES = ("duplicate_number", "skipped_number", "number_out_of_order", "numbering_start")


def indicators(file: PlanFile = None, kind: KindOption = None, year: YearOption = None) -> None:
    """列出规划中的指标:名称、单位、基期年份与数值、目标年份与数值、比较、类型、出处行号。"""
    rows = format_indicator_rows(_extract(file, kind, year).indicators)
    typer.echo("\n".join(aligned(rows)))


def aligned(rows: Sequence[Sequence[str]]) -> list[str]:
    """Rows of cells padded to columns, counting a Chinese character as two columns."""
    widths = [max(display_width(row[i]) for row in rows) for i in range(len(rows[0]))]
    return [
        "  ".join(
            cell + " " * (w - display_width(cell)) for cell, w in zip(row, widths, strict=True)
        ).rstrip()
        for row in rows
    ]


def display_width(text: str) -> int:
    """Columns a terminal gives ``text``: two for each wide (CJK) character.

    >>> display_width("GDP亿元")
    7
    """
    return sum(2 if ord(c) >= 0x2E80 else 1 for c in text)


def register(app: typer.Typer) -> None:
    app.command()(extract)
    app.command()(outline)
    app.command()(indicators)
