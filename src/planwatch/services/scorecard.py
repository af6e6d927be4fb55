"""Use case: the department scorecard (绩效考核): per department its indicators and tasks.

Binding (约束性) indicators come first, as the seed's implementation chapter puts them into
performance assessment; each with its status on approved data. Tasks count by the status of
their newest approved progress report (未启动 / 推进中 / 已完成 / 滞后), or 未报送.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session

from planwatch.domain.indicator import Attribute
from planwatch.services.overview import IndicatorView, PlanOverview
from planwatch.services.progress_reports import PERIODS, STATUSES
from planwatch.services.tables import table_suffix, write_csv, write_xlsx
from planwatch.services.tasks import lead_of, plan_tasks
from planwatch.store.models import Plan, TaskRecord

NOT_REPORTED = "未报送"
TASK_STATES = (*STATUSES, NOT_REPORTED)
UNASSIGNED = "未指定牵头单位"
PERIOD_ORDER = {p: i for i, p in enumerate(PERIODS)}


@dataclass(frozen=True, slots=True)
class TaskLine:
    code: str
    title: str
    status: str  # of the newest approved report, or 未报送


@dataclass(frozen=True, slots=True)
class Scorecard:
    """One department: its indicators (binding first) and its tasks with status counts."""

    department: str
    indicators: tuple[IndicatorView, ...]
    tasks: tuple[TaskLine, ...]

    @property
    def task_counts(self) -> dict[str, int]:
        counts = {state: 0 for state in TASK_STATES}
        for task in self.tasks:
            counts[task.status] += 1
        return counts

    @property
    def binding(self) -> int:
        return sum(1 for v in self.indicators if v.indicator.attribute is Attribute.BINDING)


def task_status(task: TaskRecord) -> str:
    """The status of the newest approved report (by year, then period), or 未报送."""
    approved = [r for r in task.reports if r.review_state == "approved"]
    if not approved:
        return NOT_REPORTED
    newest = max(approved, key=lambda r: (r.year, PERIOD_ORDER.get(r.period, 0)))
    return newest.status


def scorecards(session: Session, plan: Plan, overview: PlanOverview) -> list[Scorecard]:
    """One scorecard per lead department, by name; unassigned last."""
    indicators: dict[str, list[IndicatorView]] = {}
    for view in overview.indicators:
        indicators.setdefault(view.department or UNASSIGNED, []).append(view)
    tasks: dict[str, list[TaskLine]] = {}
    for task in plan_tasks(session, plan):
        if task.status != "confirmed":
            continue
        lead = lead_of(task)
        line = TaskLine(task.code, task.title, task_status(task))
        tasks.setdefault(lead.name if lead else UNASSIGNED, []).append(line)
    names = sorted((set(indicators) | set(tasks)) - {UNASSIGNED})
    if UNASSIGNED in indicators or UNASSIGNED in tasks:
        names.append(UNASSIGNED)
    cards = []
    for name in names:
        views = sorted(
            indicators.get(name, []), key=lambda v: v.indicator.attribute is not Attribute.BINDING
        )
        cards.append(Scorecard(name, tuple(views), tuple(tasks.get(name, []))))
    return cards


SUMMARY_HEADER = ["部门", "约束性指标", "指标数", "滞后指标", *(f"任务{s}" for s in TASK_STATES)]
DETAIL_HEADER = ["部门", "类型", "编号", "名称", "属性", "状态"]


def export_scorecards(path: Path, cards: list[Scorecard]) -> None:
    """Write the scorecards as .xlsx (a summary sheet and a detail sheet) or .csv (detail)."""
    summary: list[list[object]] = []
    detail: list[list[object]] = []
    for card in cards:
        lagging = sum(1 for v in card.indicators if v.status.value == "滞后")
        counts = card.task_counts
        summary.append([card.department, card.binding, len(card.indicators), lagging,
                        *(counts[s] for s in TASK_STATES)])  # fmt: skip
        for view in card.indicators:
            detail.append([card.department, "指标", view.code, view.indicator.name,
                           view.indicator.attribute.label, view.status.value])  # fmt: skip
        for task in card.tasks:
            detail.append([card.department, "任务", task.code, task.title, "", task.status])
    if table_suffix(path) == ".xlsx":
        write_xlsx(path, [("部门考核汇总", SUMMARY_HEADER, summary),
                          ("指标与任务", DETAIL_HEADER, detail)])  # fmt: skip
    else:  # one sheet: the detail, which the summary adds up
        write_csv(path, DETAIL_HEADER, detail)
