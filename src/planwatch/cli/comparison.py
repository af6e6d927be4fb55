"""Commands that compare plans: versions (diff), the next plan (continuity), the plans above
(align)."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from planwatch.cli.app import PlanOption, actor, fail, settings
from planwatch.cli.data import session
from planwatch.cli.documents import aligned
from planwatch.serialize import alignment_json, continuity_json, diff_json
from planwatch.services.alignment import alignment, decide, propose
from planwatch.services.continuity import confirm_continuity, continuity
from planwatch.services.diff import diff_versions
from planwatch.services.plans import get_plan

Format = Annotated[str, typer.Option("--format", help="table 或 json。")]


def _format(value: str) -> None:
    if value not in ("table", "json"):
        fail(f"--format 应为 table 或 json,而不是「{value}」")


def diff(
    plan: PlanOption = None,
    from_: Annotated[
        int | None, typer.Option("--from", help="旧版本号;省略时为新版本的上一版。")
    ] = None,
    to: Annotated[int | None, typer.Option("--to", help="新版本号;省略时为最新版本。")] = None,
    against: Annotated[
        str | None, typer.Option("--against", help="与另一项规划的最新版本对比(编号或标识)。")
    ] = None,
    format: Format = "table",
) -> None:
    """对比规划的两个版本:篇章节的增删、更名、调整位置,目标值、年份、比较符、类型、属性的变化。"""
    _format(format)
    current = settings()
    with session(current) as opened:
        found = get_plan(opened, plan)
        other = get_plan(opened, against) if against else None
        result = diff_versions(found, from_, to, other)
        data = diff_json(result)
    if format == "json":
        typer.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    lines = [
        f"「{data['from']['plan']}」第{data['from']['version']}版 → "
        f"「{data['to']['plan']}」第{data['to']['version']}版",
        f"篇章节变化 {len(data['outline'])} 处:",
        *(f"  {c['message']}" for c in data["outline"]),
        *(f"  {r['message']}" for r in data["renumbered"]),
        f"目标变化 {len(data['targets'])} 处:",
        *(f"  {c['message']}" for c in data["targets"]),
    ]
    typer.echo("\n".join(lines))


def continuity_command(
    plan: PlanOption = None,
    confirm: Annotated[
        bool, typer.Option("--confirm", help="把缺少统计值的基期值写为上一规划末年的观测值。")
    ] = False,
    format: Format = "table",
) -> None:
    """规划接续:本规划所述基期值与数据系列中统计值的比较;缺失的可确认写入。"""
    _format(format)
    current = settings()
    with session(current) as opened:
        found = get_plan(opened, plan)
        if confirm:
            written = confirm_continuity(opened, found, actor(current))
            typer.echo(f"已写入观测值 {written} 条(来源:本规划所述基期值)。")
            return
        data = continuity_json(continuity(opened, found))
    if format == "json":
        typer.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    rows = [("指标", "年份", "规划所述", "统计值", "比较")]
    for row in data["rows"]:
        stated, observed = row["stated"], row["observed"]
        rows.append((
            stated["series"].split("|")[0], str(stated["year"]),
            f"{stated['value']}{stated['unit']}",
            f"{observed['value']}{observed['unit']}" if observed else "—", row["message"],
        ))  # fmt: skip
    previous = data["previous"] or "(数据库中没有上一规划)"
    typer.echo(f"基期 {data['base_year']} 年,上一规划:{previous}")
    typer.echo("\n".join(aligned(rows)))


def align_command(
    above: Annotated[str, typer.Option("--above", help="上级规划(编号或标识)。")],
    plan: PlanOption = None,
    propose_pairs: Annotated[
        bool, typer.Option("--propose", help="按指标目录提出待确认的指标对。")
    ] = False,
    confirm: Annotated[
        list[str] | None, typer.Option("--confirm", help="确认指标对:本级编号=上级编号。")
    ] = None,
    reject: Annotated[
        list[str] | None, typer.Option("--reject", help="否定指标对:本级编号=上级编号。")
    ] = None,
    format: Format = "table",
) -> None:
    """规划衔接:与上级规划逐项比较目标(方向、年份、单位),列出上级约束性指标的缺项。"""
    _format(format)
    current = settings()
    with session(current) as opened:
        lower, upper = get_plan(opened, plan), get_plan(opened, above)
        if propose_pairs:
            typer.echo(f"新提出待确认的指标对 {propose(opened, lower, upper, actor(current))} 项。")
        for status, pairs in (("confirmed", confirm or []), ("rejected", reject or [])):
            for text in pairs:
                low, sep, high = text.partition("=")
                if not sep or not low or not high:
                    fail(f"「{text}」应写作 本级编号=上级编号")
                decide(opened, lower, upper, low, high, status, actor(current))
        data = alignment_json(alignment(opened, lower, upper))
    if format == "json":
        typer.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    labels = {"proposed": "待确认", "confirmed": "已确认", "rejected": "已否定"}
    pairs_table = [("本级指标", "上级指标", "状态", "得分")]
    for pair in data["pairs"]:
        pairs_table.append((
            f"{pair['lower']['code']} {pair['lower']['name']}",
            f"{pair['upper']['code']} {pair['upper']['name']}",
            labels[pair["status"]], str(pair["score"]),
        ))  # fmt: skip
    typer.echo("\n".join(aligned(pairs_table)))
    typer.echo(f"比较({data['plan']} ↔ {data['above']}):")
    for row in data["rows"]:
        typer.echo(f"  [{row['label']}] {row['message']}")


def register(app: typer.Typer) -> None:
    app.command()(diff)
    app.command("continuity")(continuity_command)
    app.command("align")(align_command)
