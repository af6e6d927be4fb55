"""`planwatch gdp`: the researcher's table of growth targets and results over many reports."""

from __future__ import annotations

import csv
import io
import json
from concurrent.futures import ProcessPoolExecutor
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import Progress

from planwatch.cli.app import fail, settings, user_errors
from planwatch.cli.corpus import documents
from planwatch.cli.documents import aligned
from planwatch.report.charts import render_chart
from planwatch.services.annual_growth import (
    ReportFigures,
    growth_chart,
    growth_table,
    report_figures,
    table_json,
    table_rows,
)

CHART_FORMATS = (".png", ".svg")


class TableFormat(StrEnum):
    TABLE = "table"
    CSV = "csv"
    JSON = "json"


def gdp(
    paths: Annotated[
        list[Path],
        typer.Argument(help="政府工作报告或计划报告文件或文件夹(递归查找 .txt .docx .pdf .html)。"),
    ],
    format: Annotated[TableFormat, typer.Option("--format", help="输出格式。")] = TableFormat.TABLE,
    chart: Annotated[
        Path | None, typer.Option("--chart", help="同时绘制折线图:.png 或 .svg 文件。")
    ] = None,
    jobs: Annotated[int, typer.Option("--jobs", min=1, help="并行进程数。")] = 1,
) -> None:
    """逐年列出经济增长目标(当年报告)与实际增长(次年报告的回顾),可绘图(见 docs/reports.md)。"""
    if chart is not None and chart.suffix.lower() not in CHART_FORMATS:
        fail(f"{chart}: 图表文件须为 .png 或 .svg")
    current = settings()
    files = documents(paths)
    if not files:
        fail("没有找到报告文件(.txt .docx .pdf .html)")
    figures: list[ReportFigures] = []
    with (
        Progress(console=Console(stderr=True), transient=True) as progress,
        ProcessPoolExecutor(max_workers=jobs) as pool,
    ):
        task = progress.add_task("读取报告", total=len(files))
        for found in pool.map(report_figures, files, [current] * len(files)):
            figures.append(found)
            progress.advance(task)
    table = growth_table(figures)
    if chart is not None:
        with user_errors():
            image = render_chart(growth_chart(table), image_format=chart.suffix.lower()[1:])
        chart.write_bytes(image)
    typer.echo(_render(table_rows(table), table_json(table), format))
    for problem in table.problems:
        typer.echo(f"跳过  {problem}", err=True)


def _render(rows: list[list[str]], data: dict[str, object], format: TableFormat) -> str:
    if format is TableFormat.JSON:
        return json.dumps(data, ensure_ascii=False, indent=2)
    if format is TableFormat.CSV:
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="\n").writerows(rows)
        return buffer.getvalue().rstrip("\n")
    return "\n".join(aligned(rows))


def register(app: typer.Typer) -> None:
    app.command()(gdp)
