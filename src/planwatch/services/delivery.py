"""Use case: what the reports say about tasks and projects (任务落实和重大项目), for one year.

The reports never touch the database: a caller builds a :class:`Delivery` here and hands it
to :func:`planwatch.report.render_report` beside the overview. It holds each confirmed task
with the status of its newest approved progress report up to the year (submitted ones too
when pending data is shown, marked), the reporting completeness of the year (values and
yearly task reports, :mod:`planwatch.services.completeness`), and the summary of the major
projects (:mod:`planwatch.services.project_summary`) at the year's end.

    delivery = plan_delivery(session, plan, 2022, ProjectThresholds())
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from planwatch.assess.project_summary import ProjectSummary
from planwatch.assess.projects import ProjectThresholds
from planwatch.services.completeness import Completeness, completeness
from planwatch.services.progress_reports import PERIODS
from planwatch.services.project_summary import plan_project_summary
from planwatch.services.tasks import plan_tasks
from planwatch.store.models import Plan, ProgressReport, ProjectRecord, TaskRecord

NOT_REPORTED = "未报送"
OTHER_CHAPTER = "其他"
UNASSIGNED = "未指定牵头单位"
# When a period ends within its year (month, then the longer period last): Q2 < H1 < … < Y.
PERIOD_END = {"Q1": (3, 0), "Q2": (6, 0), "H1": (6, 1), "Q3": (9, 0),
              "Q4": (12, 0), "H2": (12, 1), "Y": (12, 2)}  # fmt: skip


@dataclass(frozen=True, slots=True)
class TaskProgress:
    """A confirmed task as a report shows it, at the report's year."""

    title: str
    chapter: str  # 第三章 …, or 其他
    lead: str  # or 未指定牵头单位
    co: tuple[str, ...]
    status: str  # 未启动 / 推进中 / 已完成 / 滞后, or 未报送
    period: str  # the report it comes from: 2022年全年; "" when none
    narrative: str
    pending: bool = False  # the report awaits review (only when pending data is shown)


@dataclass(frozen=True, slots=True)
class Delivery:
    """Tasks, reporting completeness and projects of a plan for the year ``year``."""

    year: int
    tasks: tuple[TaskProgress, ...]
    completeness: Completeness | None  # None when the plan has no confirmed task
    projects: ProjectSummary | None  # None when the plan has no project
    pending: bool = False  # submitted reports count, labelled 待审核

    @property
    def empty(self) -> bool:
        return not self.tasks and self.projects is None


def newest_report(task: TaskRecord, year: int, pending: bool = False) -> ProgressReport | None:
    """The task's newest approved report of ``year`` or before (submitted too if ``pending``).

    Newest by year, then by when the period ends (全年 after 下半年 after 四季度).
    """
    shown = ("approved", "submitted") if pending else ("approved",)
    usable = [r for r in task.reports if r.year <= year and r.review_state in shown]
    if not usable:
        return None
    return max(usable, key=lambda r: (r.year, PERIOD_END.get(r.period, (0, 0))))


def task_progress(task: TaskRecord, year: int, pending: bool = False) -> TaskProgress:
    """What a report says of one task at ``year``."""
    lead = next((u.department.name for u in task.units if u.role == "lead"), UNASSIGNED)
    co = tuple(u.department.name for u in task.units if u.role != "lead")
    report = newest_report(task, year, pending)
    if report is None:
        return TaskProgress(task.title, task.chapter or OTHER_CHAPTER, lead, co, NOT_REPORTED,
                            "", "")  # fmt: skip
    return TaskProgress(
        task.title, task.chapter or OTHER_CHAPTER, lead, co, report.status,
        f"{report.year}年{PERIODS.get(report.period, report.period)}",
        report.narrative.strip(), report.review_state != "approved",
    )  # fmt: skip


def plan_delivery(
    session: Session,
    plan: Plan,
    year: int,
    thresholds: ProjectThresholds,
    pending: bool = False,
) -> Delivery:
    """The tasks, the completeness of ``year`` and the projects at the end of ``year``."""
    confirmed = [t for t in plan_tasks(session, plan) if t.status == "confirmed"]
    tasks = tuple(task_progress(t, year, pending) for t in confirmed)
    due = completeness(session, plan, year, ("Y",)) if tasks else None
    has_projects = session.scalar(
        select(func.count()).select_from(ProjectRecord).where(ProjectRecord.plan_id == plan.id)
    )
    projects = (
        plan_project_summary(session, plan, date(year, 12, 31), thresholds)
        if has_projects
        else None
    )
    return Delivery(year, tasks, due, projects, pending)
