"""``planwatch assess``: where every target stands, as a coloured table or JSON."""

from __future__ import annotations

import json
import sys
from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from planwatch import serialize
from planwatch.assess.thresholds import Thresholds
from planwatch.cli.app import PlanOption, settings, user_errors
from planwatch.cli.data import session
from planwatch.domain.assessment import Assessment, Light, Status
from planwatch.domain.indicator import Attribute
from planwatch.services.overview import PlanOverview, plan_overview

LIGHT_STYLE = {Light.GREEN: "green", Light.YELLOW: "yellow", Light.RED: "red", Light.GREY: "dim"}
STATUS_STYLE = {
    Status.ACHIEVED_EARLY: "bold green",
    Status.AHEAD: "green",
    Status.ON_TRACK: "cyan",
    Status.LAGGING: "bold red",
    Status.COMPLETED_EARLY: "bold green",
    Status.COMPLETED: "green",
    Status.UNMET: "bold red",
    Status.NO_DATA: "dim",
}


class AssessFormat(StrEnum):
    TABLE = "table"
    JSON = "json"


def assess(
    plan: PlanOption = None,
    as_of: Annotated[
        int | None, typer.Option("--as-of", help="评估年份;省略时为最新有数据的年份。")
    ] = None,
    format: Annotated[
        AssessFormat, typer.Option("--format", help="输出格式。")
    ] = AssessFormat.TABLE,
) -> None:
    """评估每项指标的进展:状态、预警灯、进度与序时进度、所需增速。"""
    current = settings()
    with user_errors():
        thresholds = Thresholds.from_mapping(current.thresholds)
    with session(current) as opened:
        result = plan_overview(opened, plan, as_of, thresholds)
    if format is AssessFormat.JSON:
        typer.echo(json.dumps(to_json(result), ensure_ascii=False, indent=2))
        return
    # A pipe or a file gets the whole table, not one cut to 80 columns.
    console = Console(highlight=False, width=None if sys.stdout.isatty() else 200)
    console.print(_table(result))
    console.print(summary_line(result))


def summary_line(result: PlanOverview) -> str:
    """共 N 项:提前实现 a 项,快于预期 b 项,基本符合预期 c 项,滞后 d 项,无数据 e 项。"""
    parts = ",".join(f"{status.value} {result.counts[status]} 项" for status in Status)
    return f"截至 {result.as_of} 年,共 {len(result.assessed)} 项:{parts}。"


def _percent(value: Decimal | None) -> str:
    return "" if value is None else f"{value * 100:.1f}%"


def _number(value: Decimal | None) -> str:
    return "" if value is None else format(value.normalize(), "f")


def _table(result: PlanOverview) -> Table:
    title = f"{result.title or result.key} — 截至 {result.as_of} 年"
    table = Table(title=title, show_lines=False, header_style="bold")
    for column in (
        "编号",
        "指标",
        "属性",
        "基期",
        "目标",
        "最新",
        "进度P",
        "序时τ",
        "状态",
        "灯",
        "实际增速",
        "尚需年均增速",
    ):
        table.add_column(column, no_wrap=column != "指标")
    for row in result.assessed:
        a = row.assessment
        assert a is not None
        indicator = a.indicator
        target = indicator.main_target
        light_style = LIGHT_STYLE[a.light]
        table.add_row(
            row.code,
            f"{indicator.name}({indicator.unit})",
            "约束性" if indicator.attribute is Attribute.BINDING else "预期性",
            f"{indicator.baseline_year}:{_number(indicator.baseline_value)}"
            if indicator.baseline_value is not None
            else "",
            f"{target.year}{target.comparator}{_number(target.value)}" if target else "",
            f"{a.latest.year}:{_number(a.latest.value)}" if a.latest else "",
            _percent(a.progress),
            _percent(a.time_share),
            f"[{STATUS_STYLE[a.status]}]{a.status.value}[/]",
            f"[{light_style}]●[/] {a.light.label}",
            _percent(a.observed_growth),
            _percent(a.required_growth_remaining),
        )
    return table


def assessment_json(code: str, a: Assessment) -> dict[str, Any]:
    """One assessed indicator as JSON: the indicator, then every result with formula and inputs."""
    return {"code": code, **serialize.indicator_json(a.indicator), **serialize.assessment_json(a)}


def to_json(result: PlanOverview) -> dict[str, Any]:
    return {
        "plan": result.key,
        "as_of": result.as_of,
        "counts": {status.value: count for status, count in result.counts.items()},
        "indicators": [
            assessment_json(row.code, row.assessment) for row in result.assessed if row.assessment
        ],
    }


def register(app: typer.Typer) -> None:
    app.command()(assess)
