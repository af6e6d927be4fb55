"""Use case: a project's progress reports, milestones and confidence ratings; who may write.

Until the review workflow of the tasks issue lands, projects use the permissions of
observations: an administrator changes any project, an editor those of its department.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from planwatch.domain.project import MILESTONE_LABELS, Confidence, MilestoneKind
from planwatch.errors import Forbidden, InvalidInput, NotFound, Unauthorized
from planwatch.services.audit import record
from planwatch.services.project_cells import ReportPeriod
from planwatch.services.users import Role
from planwatch.store.models import (
    Plan,
    ProjectMilestone,
    ProjectRating,
    ProjectRecord,
    ProjectReport,
    UserRecord,
)

MILESTONE_NAMES = {label: kind for kind, label in MILESTONE_LABELS.items()}


@dataclass(frozen=True, slots=True)
class ReportEntry:
    """One period's report as a person enters it; either amount may be left out (None)."""

    period: ReportPeriod
    completed: Decimal | None
    cumulative: Decimal | None
    progress: str = ""
    note: str = ""
    evidence: tuple[str, ...] = ()


def find_project(session: Session, plan: Plan, reference: str) -> ProjectRecord:
    """A project of the plan by id, code or name; NotFound otherwise."""
    query = select(ProjectRecord).where(ProjectRecord.plan_id == plan.id)
    for condition in (ProjectRecord.code == reference, ProjectRecord.name == reference):
        found = session.scalars(query.where(condition)).first()
        if found is not None:
            return found
    if reference.isdigit():
        found = session.get(ProjectRecord, int(reference))
        if found is not None and found.plan_id == plan.id:
            return found
    raise NotFound(f"找不到项目:{reference}")


def can_edit_project(user: UserRecord | None, project: ProjectRecord) -> bool:
    """Administrators any project; an editor those of its own department; no one else."""
    if user is None or not user.active:
        return False
    if user.role == Role.ADMIN:
        return True
    return (
        user.role == Role.EDITOR
        and user.department_id is not None
        and project.department_id == user.department_id
    )


def require_project_edit(user: UserRecord | None, project: ProjectRecord) -> UserRecord:
    """The user, if it may change the project; else Unauthorized or Forbidden."""
    if user is None or not user.active:
        raise Unauthorized("请先登录")
    if not can_edit_project(user, project):
        if user.role == Role.EDITOR:
            raise Forbidden(f"只能填报本部门的项目,「{project.name}」不属于本部门")
        raise Forbidden(f"{Role(user.role).label}不能填报项目")
    return user


def report_problems(
    project: ProjectRecord, plan: Plan, entry: ReportEntry
) -> tuple[list[tuple[str, str]], Decimal, Decimal]:
    """(field, reason) problems of ``entry``, and its completed and cumulative amounts.

    The missing amount is derived from the previous period's cumulative. Refused: a negative
    amount, a cumulative below an earlier period's or above a later one's, a cumulative
    beyond the total without a note, a period outside the plan or before the project.
    """
    problems: list[tuple[str, str]] = []
    others = [r for r in project.reports if r.period != entry.period.label]
    earlier = [r for r in others if r.period_end < entry.period.end]
    later = [r for r in others if r.period_end > entry.period.end]
    previous = earlier[-1].cumulative if earlier else Decimal(0)
    completed, cumulative = entry.completed, entry.cumulative
    if completed is None and cumulative is None:
        problems.append(("累计完成投资", "须填写本期或累计完成投资"))
        return problems, Decimal(0), Decimal(0)
    for name, value in (("本期完成投资", completed), ("累计完成投资", cumulative)):
        if value is not None and value < 0:
            problems.append((name, "投资不能为负数"))
    if problems:
        return problems, Decimal(0), Decimal(0)
    cumulative = cumulative if cumulative is not None else previous + (completed or Decimal(0))
    completed = completed if completed is not None else cumulative - previous
    if cumulative < previous:
        problems.append(("累计完成投资", f"少于上一报告期({earlier[-1].period})的 {previous} 万元"))
    if later and cumulative > later[0].cumulative:
        problems.append(
            ("累计完成投资", f"多于下一报告期({later[0].period})的 {later[0].cumulative} 万元")
        )
    if cumulative > project.total_investment and not entry.note.strip():
        problems.append(
            ("累计完成投资", f"超过总投资 {project.total_investment} 万元,须在备注中说明原因")
        )
    year = entry.period.end.year
    if plan.period_start and plan.period_end and not plan.period_start <= year <= plan.period_end:
        problems.append(("报告期", f"不在规划期({plan.period_start}—{plan.period_end}年)内"))
    elif entry.period.end < project.start_on:
        problems.append(("报告期", f"早于项目开工({project.start_on.isoformat()})"))
    return problems, completed, cumulative


def add_report(
    session: Session, plan: Plan, project: ProjectRecord, entry: ReportEntry, actor: str
) -> ProjectReport:
    """Store one period's report (a second report of a period corrects the first)."""
    problems, completed, cumulative = report_problems(project, plan, entry)
    if problems:
        field, reason = problems[0]
        raise InvalidInput(f"{project.name} {entry.period.label}「{field}」:{reason}")
    report = next((r for r in project.reports if r.period == entry.period.label), None)
    before = _report_snapshot(report) if report else None
    if report is None:
        report = ProjectReport(period=entry.period.label, period_end=entry.period.end)
        project.reports.append(report)
    report.completed, report.cumulative = completed, cumulative
    report.progress, report.note = entry.progress, entry.note
    report.evidence, report.recorded_by = list(entry.evidence), actor
    session.flush()
    record(session, actor, "report", "project", project.id, before, _report_snapshot(report))
    return report


def set_milestone(
    session: Session,
    project: ProjectRecord,
    kind: MilestoneKind,
    actor: str,
    *,
    planned: date | None = None,
    actual: date | None = None,
    note: str = "",
) -> ProjectMilestone:
    """Set a milestone's planned and/or actual date (what is not given stays)."""
    milestone = next((m for m in project.milestones if m.kind == kind), None)
    before = _milestone_snapshot(milestone) if milestone else None
    if milestone is None:
        milestone = ProjectMilestone(kind=kind.value, note="")
        project.milestones.append(milestone)
    if planned is not None:
        milestone.planned_on = planned
    if actual is not None:
        if actual < project.start_on.replace(day=1) and kind is not MilestoneKind.APPROVALS:
            raise InvalidInput(f"{kind.label}日期 {actual.isoformat()} 早于项目建设期")
        milestone.actual_on = actual
    if note:
        milestone.note = note
    session.flush()
    record(
        session, actor, "milestone", "project", project.id, before, _milestone_snapshot(milestone)
    )
    return milestone


def rate_project(
    session: Session, project: ProjectRecord, rating: str, reason: str, actor: str
) -> ProjectRating:
    """Append a delivery confidence rating (绿 / 绿黄 / 黄 / 黄红 / 红); a reason is required."""
    try:
        level = Confidence(rating.strip())
    except ValueError as error:
        raise InvalidInput(f"交付信心评级「{rating}」应为 绿、绿黄、黄、黄红 或 红") from error
    if not reason.strip():
        raise InvalidInput("交付信心评级须说明理由")
    entry = ProjectRating(rating=level.value, reason=reason.strip(), rated_by=actor)
    project.ratings.append(entry)
    session.flush()
    record(
        session,
        actor,
        "rate",
        "project",
        project.id,
        None,
        {"rating": level.value, "reason": entry.reason},
    )
    return entry


def parse_milestone(text: str) -> MilestoneKind:
    """A milestone by its Chinese name or code.

    >>> parse_milestone("开工"), parse_milestone("completion")
    (<MilestoneKind.START: 'start'>, <MilestoneKind.COMPLETION: 'completion'>)
    """
    if text in MILESTONE_NAMES:
        return MILESTONE_NAMES[text]
    try:
        return MilestoneKind(text)
    except ValueError as error:
        names = "、".join(MILESTONE_NAMES)
        raise InvalidInput(f"里程碑「{text}」应为 {names} 之一") from error


def _report_snapshot(report: ProjectReport) -> dict[str, object]:
    return {
        "period": report.period, "completed": str(report.completed),
        "cumulative": str(report.cumulative), "progress": report.progress, "note": report.note,
    }  # fmt: skip


def _milestone_snapshot(milestone: ProjectMilestone) -> dict[str, object]:
    return {
        "kind": milestone.kind,
        "planned": milestone.planned_on.isoformat() if milestone.planned_on else None,
        "actual": milestone.actual_on.isoformat() if milestone.actual_on else None,
    }
