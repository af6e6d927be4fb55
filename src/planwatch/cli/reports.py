"""``planwatch report``: draft the annual monitoring report or an evaluation as a file."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from planwatch.assess.thresholds import Thresholds
from planwatch.cli.app import PlanOption, fail, settings, user_errors
from planwatch.cli.data import session
from planwatch.cli.projects import thresholds as project_thresholds
from planwatch.report import (
    ReportFormat,
    ReportKind,
    document_fonts,
    file_name,
    render_report,
)
from planwatch.services.annual import rules_of
from planwatch.services.delivery import plan_delivery
from planwatch.services.overview import plan_overview
from planwatch.services.plans import get_plan


def report(
    kind: Annotated[
        ReportKind,
        typer.Option(
            "--kind", help="annual 年度监测报告,midterm 中期评估报告,final 总结评估报告。"
        ),
    ] = ReportKind.MIDTERM,
    as_of: Annotated[
        int | None,
        typer.Option("--as-of", help="评估年份;省略时为最新有数据的年份(总结评估为规划期末年)。"),
    ] = None,
    format: Annotated[
        ReportFormat | None,
        typer.Option("--format", help="docx、html 或 xlsx;省略时按输出文件后缀,默认 docx。"),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="输出文件;省略时为「地区-年份-报告名.格式」。"),
    ] = None,
    plan: PlanOption = None,
) -> None:
    """生成年度监测报告、中期评估报告或总结评估报告(DOCX、HTML 或 XLSX)。"""
    fmt = format or _format_of(output)
    current = settings()
    with user_errors():
        thresholds = Thresholds.from_mapping(current.thresholds)
    with session(current) as opened:
        year = as_of
        if year is None and kind is ReportKind.FINAL:
            year = get_plan(opened, plan).period_end
        overview = plan_overview(
            opened, plan, year, thresholds, annual_rules=rules_of(current),
            pending=current.show_pending,
        )  # fmt: skip
        with user_errors():
            delivery = plan_delivery(
                opened,
                get_plan(opened, plan),
                overview.as_of,
                project_thresholds(current),
                current.show_pending,
            )
    with user_errors():
        data = render_report(overview, kind, fmt, delivery)
    path = output or Path(file_name(overview, kind, fmt))
    try:
        path.write_bytes(data)
    except OSError as error:
        fail(f"{path}: 无法写入({error.strerror or error})")
    if fmt is ReportFormat.DOCX:
        for note in document_fonts().fallbacks:
            typer.echo(f"提示:{note}。", err=True)
    typer.echo(
        f"已生成{kind.label} {path}(截至 {overview.as_of} 年,{len(overview.assessed)} 项指标"
        f"{',含模拟数据' if overview.simulated else ''})。"
    )


def _format_of(output: Path | None) -> ReportFormat:
    """The format an output file's suffix names, DOCX when it names none."""
    suffix = output.suffix.lower().lstrip(".") if output else ""
    if suffix in {f.value for f in ReportFormat}:
        return ReportFormat(suffix)
    if output is not None and suffix:
        fail(f"{output}: 报告只能保存为 .docx、.html 或 .xlsx")
    return ReportFormat.DOCX


def register(app: typer.Typer) -> None:
    app.command()(report)
