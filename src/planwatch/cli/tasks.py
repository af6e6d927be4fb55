"""``planwatch task``: propose a plan's tasks from its outline, list, confirm or reject them."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from planwatch.assess.thresholds import Thresholds
from planwatch.cli.app import PlanOption, actor, settings
from planwatch.cli.data import session
from planwatch.cli.documents import aligned
from planwatch.services.completeness import STATE_LABELS, completeness, export_completeness
from planwatch.services.overview import plan_overview
from planwatch.services.plans import get_plan
from planwatch.services.scorecard import TASK_STATES, export_scorecards, scorecards
from planwatch.services.tasks import decide_task, find_task, plan_tasks, propose_tasks

task_app = typer.Typer(help="规划的任务:从纲要提出、列出、确认或否决。", no_args_is_help=True)

STATUS_LABELS = {"proposed": "待确认", "confirmed": "已确认", "rejected": "已否决"}
CATEGORY_LABELS = {
    "section": "节", "measure": "举措", "indicator": "指标", "assignment": "分工",
    "project": "重大工程项目", "policy": "重大政策", "reform": "改革任务",
}  # fmt: skip
Code = Annotated[str, typer.Argument(help="任务编号,如 T001。")]


def task_propose(plan: PlanOption = None) -> None:
    """从规划的最新文本(每一节、以举措开头的段落)和指标提出待确认的任务。"""
    current = settings()
    with session(current) as opened:
        result = propose_tasks(opened, get_plan(opened, plan), actor(current))
    typer.echo(f"已提出任务 {len(result.added)} 项(原有 {result.kept} 项)。")


def task_list(plan: PlanOption = None) -> None:
    """列出规划的任务。"""
    with session(settings()) as opened:
        rows = [
            [
                t.code,
                CATEGORY_LABELS.get(t.category, t.category),
                STATUS_LABELS.get(t.status, t.status),
                "、".join(u.department.name for u in t.units if u.role == "lead") or "—",
                "、".join(u.department.name for u in t.units if u.role == "co") or "—",
                t.deadline_text or "—",
                t.title[:30],
            ]
            for t in plan_tasks(opened, get_plan(opened, plan))
        ]
    header = ["编号", "类别", "状态", "牵头单位", "责任单位", "完成时限", "任务"]
    typer.echo("\n".join(aligned([header, *rows])))


def _decide(code: str, plan: str | None, status: str) -> None:
    current = settings()
    with session(current) as opened:
        task = decide_task(opened, find_task(opened, get_plan(opened, plan), code), status,
                           actor(current))  # fmt: skip
        message = f"任务 {task.code} {STATUS_LABELS[status]}。"
    typer.echo(message)


def task_confirm(code: Code, plan: PlanOption = None) -> None:
    """确认一项任务。"""
    _decide(code, plan, "confirmed")


def task_reject(code: Code, plan: PlanOption = None) -> None:
    """否决一项任务(如误提取的段落)。"""
    _decide(code, plan, "rejected")


Output = Annotated[Path | None, typer.Option("--output", "-o", help="导出为 .xlsx 或 .csv。")]


def completeness_command(
    year: Annotated[int, typer.Option("--year", help="年度。")],
    period: Annotated[
        list[str] | None, typer.Option("--period", help="报送期 Q1–Q4、H1、H2、Y(可多次)。")
    ] = None,
    plan: PlanOption = None,
    output: Output = None,
) -> None:
    """各部门应报、已报、待审核、退回与未报送的数据和任务进展;-o 导出待跟进清单。"""
    with session(settings()) as opened:
        result = completeness(opened, get_plan(opened, plan), year, period or ["Y"])
        written = export_completeness(output, result) if output else None
    header = ["部门", "期间", *(STATE_LABELS[s] for s in STATE_LABELS)]
    rows = [
        [d, p, *(str(result.cell(d, p).counts.get(s, 0)) for s in STATE_LABELS)]
        for d in result.departments
        for p in result.periods
    ]
    lines = aligned([header, *rows])
    if written is not None:
        lines.append(f"已导出待跟进 {written} 项到 {output}。")
    typer.echo("\n".join(lines))


def scorecard_command(
    plan: PlanOption = None,
    as_of: Annotated[int | None, typer.Option("--as-of", help="评估年份。")] = None,
    output: Output = None,
) -> None:
    """部门绩效考核:各部门的指标(约束性在前)与任务进展状态计数;-o 导出。"""
    current = settings()
    with session(current) as opened:
        chosen = get_plan(opened, plan)
        limits = Thresholds.from_mapping(current.thresholds)
        overview = plan_overview(opened, str(chosen.id), as_of, limits)
        cards = scorecards(opened, chosen, overview)
        if output:
            export_scorecards(output, cards)
    header = ["部门", "约束性", "指标", *TASK_STATES]
    rows = [
        [c.department, str(c.binding), str(len(c.indicators)),
         *(str(c.task_counts[s]) for s in TASK_STATES)]
        for c in cards
    ]  # fmt: skip
    lines = aligned([header, *rows])
    if output:
        lines.append(f"已导出到 {output}。")
    typer.echo("\n".join(lines))


def register(app: typer.Typer) -> None:
    app.command("completeness")(completeness_command)
    app.command("scorecard")(scorecard_command)
    task_app.command("propose")(task_propose)
    task_app.command("list")(task_list)
    task_app.command("confirm")(task_confirm)
    task_app.command("reject")(task_reject)
    app.add_typer(task_app, name="task")
