"""Commands over plans: list, show, edit, the default plan, and approved adjustments."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from planwatch.cli.app import PlanOption, actor, fail, settings
from planwatch.cli.data import date_option, decimal_option, plain, session
from planwatch.cli.documents import aligned
from planwatch.services.adjustments import (
    AdjustmentFacts,
    TargetChange,
    add_adjustment,
    adjustment_snapshot,
)
from planwatch.services.observations import find_indicator
from planwatch.services.plan_settings import PlanChanges, edit_plan, set_default_plan
from planwatch.services.plans import default_plan, get_plan
from planwatch.store.models import Plan

plan_app = typer.Typer(help="查看和设置规划:地区、级别、标题、默认规划。", no_args_is_help=True)
adjust_app = typer.Typer(
    help="规划调整:经批准改变目标,自生效年份起用于评估。", no_args_is_help=True
)

PlanArgument = Annotated[str, typer.Argument(help="规划编号或标识。")]


def plan_list() -> None:
    """列出数据库中的所有规划。"""
    current = settings()
    with session(current) as opened:
        default = default_plan(opened)
        rows = [("编号", "标识", "标题", "地区", "级别", "上级", "规划期", "版本", "指标", "默认")]
        for plan in opened.query(Plan).order_by(Plan.id):
            region = plan.region
            rows.append((
                str(plan.id),
                plan.key,
                plan.title or "",
                region.name if region else "",
                region.level if region else "",
                region.parent.name if region and region.parent else "",
                f"{plan.period_start}–{plan.period_end}" if plan.period_start else "",
                str(len(plan.versions)),
                str(len(plan.indicators)),
                "是" if default is not None and default.id == plan.id else "",
            ))  # fmt: skip
    typer.echo("\n".join(aligned(rows)))


def plan_show(plan: PlanArgument) -> None:
    """显示一项规划:地区、版本(日期、批准机关)、指标数和规划调整。"""
    current = settings()
    with session(current) as opened:
        found = get_plan(opened, plan)
        region = found.region
        lines = [
            f"规划 {found.id}「{found.key}」",
            f"标题:{found.title or '—'}",
            f"地区:{region.name if region else '—'}({region.level if region else '级别未知'})"
            + (f",上级:{region.parent.name}" if region and region.parent else ""),
            f"规划期:{found.period_start or '—'}–{found.period_end or '—'} 年",
            f"指标:{len(found.indicators)} 项",
        ]
        for version in found.versions:
            adopted = f",{version.adopted_on}" if version.adopted_on else ""
            body = f",{version.approved_by}" if version.approved_by else ""
            lines.append(
                f"第{version.number}版:{version.source_path.split('/')[-1]}{adopted}{body},"
                f"sha256 {version.sha256[:12]},{len(version.quantities)} 处目标与基期值"
            )
        for adjustment in found.adjustments:
            lines.append(
                f"调整:{adjustment.document_number or '(无文号)'} {adjustment.approved_by} "
                f"{adjustment.decided_on} 批准,{adjustment.effective_year} 年起生效,"
                f"{len(adjustment.changes)} 项目标"
            )
    typer.echo("\n".join(lines))


def plan_edit(
    plan: PlanArgument,
    title: Annotated[str | None, typer.Option(help="标题。")] = None,
    region: Annotated[str | None, typer.Option(help="地区名称。")] = None,
    level: Annotated[str | None, typer.Option(help="地区级别:国家、省、市、县区 或 乡镇。")] = None,
    parent: Annotated[str | None, typer.Option(help="上级地区名称。")] = None,
) -> None:
    """修改规划的标题、地区、级别或上级地区;记入审计日志。"""
    current = settings()
    with session(current) as opened:
        found = edit_plan(
            opened,
            get_plan(opened, plan),
            PlanChanges(title, region, level, parent),
            actor(current),
        )
        typer.echo(f"已更新规划 {found.id}「{found.key}」。")


def plan_default(plan: PlanArgument) -> None:
    """设置默认规划:页面和命令未指定规划时使用它。"""
    current = settings()
    with session(current) as opened:
        found = get_plan(opened, plan)
        set_default_plan(opened, found, actor(current))
        typer.echo(f"默认规划已设为 {found.id}「{found.key}」。")


def adjust_add(
    changes: Annotated[
        list[str],
        typer.Argument(
            help="要调整的目标,每项写作 指标编号=新值[@目标年份][:比较符],力争目标在编号后加 +,"
            "如 I005=900@2025 I012+=1200。"
        ),
    ],
    approved_by: Annotated[str, typer.Option("--approved-by", help="批准机关,如 区人大常委会。")],
    decided_on: Annotated[str, typer.Option("--date", help="批准日期,如 2023-06-30。")],
    effective_year: Annotated[int, typer.Option("--effective-year", help="自哪一年起生效。")],
    plan: PlanOption = None,
    document_number: Annotated[str, typer.Option("--document", help="批准文号。")] = "",
    proposed_by: Annotated[str, typer.Option("--proposed-by", help="提出机关。")] = "",
    reason: Annotated[str, typer.Option(help="调整理由。")] = "",
) -> None:
    """记录一次经批准的规划调整(改变一项或多项目标);有任何错误则不写入。"""
    day = date_option("--date", decided_on)
    assert day is not None
    current = settings()
    with session(current) as opened:
        found = get_plan(opened, plan)
        targets = [_change(found, text) for text in changes]
        facts = AdjustmentFacts(
            approved_by, day, effective_year, document_number, proposed_by, reason
        )
        adjustment = add_adjustment(opened, found, facts, targets, actor(current))
        typer.echo(
            f"已记录规划调整({adjustment.document_number or adjustment.approved_by}),"
            f"{effective_year} 年起生效,调整目标 {len(adjustment.changes)} 项。"
        )


def _change(plan: Plan, text: str) -> TargetChange:
    """``I005=900@2025:<=`` → the change it names."""
    code, sep, rest = text.partition("=")
    if not sep or not code or not rest:
        fail(f"「{text}」应写作 指标编号=新值[@目标年份][:比较符]")
    stretch = code.endswith("+")
    rest, _, comparator = rest.partition(":")
    value, _, year = rest.partition("@")
    number = decimal_option(text, value)
    assert number is not None
    if year and not year.isdigit():
        fail(f"「{text}」中的目标年份「{year}」不是年份")
    return TargetChange(
        find_indicator(plan, code.rstrip("+")),
        number,
        int(year) if year else None,
        comparator or None,
        stretch,
    )


def adjust_list(
    plan: PlanOption = None,
    format: Annotated[str, typer.Option("--format", help="table 或 json。")] = "table",
) -> None:
    """列出规划的全部调整及每项目标调整前后的值。"""
    if format not in ("table", "json"):
        fail(f"--format 应为 table 或 json,而不是「{format}」")
    current = settings()
    rows = [("文号", "批准机关", "日期", "生效年份", "指标", "调整前", "调整后")]
    with session(current) as opened:
        found = get_plan(opened, plan)
        if format == "json":
            snapshots = [adjustment_snapshot(a) for a in found.adjustments]
            typer.echo(json.dumps(snapshots, ensure_ascii=False, indent=2))
            return
        for a in found.adjustments:
            for c in a.changes:
                rows.append((
                    a.document_number, a.approved_by, str(a.decided_on), str(a.effective_year),
                    f"{c.indicator.code} {c.indicator.name}" + ("(力争)" if c.stretch else ""),
                    f"{c.old_year}年{c.old_comparator}{plain(c.old_value)}",
                    f"{c.year}年{c.comparator}{plain(c.value)}",
                ))  # fmt: skip
    typer.echo("\n".join(aligned(rows)))


def register(app: typer.Typer) -> None:
    plan_app.command("list")(plan_list)
    plan_app.command("show")(plan_show)
    plan_app.command("edit")(plan_edit)
    plan_app.command("default")(plan_default)
    adjust_app.command("add")(adjust_add)
    adjust_app.command("list")(adjust_list)
    app.add_typer(plan_app, name="plan")
    app.add_typer(adjust_app, name="adjust")
