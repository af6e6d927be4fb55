"""One project in full for its page, the API and the CLI: investment by year, the cumulative
curve, milestones, ratings and the history of changes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from planwatch.assess.projects import ProjectJudgement, ProjectThresholds, judge_project
from planwatch.domain.project import Milestone, MilestoneKind, ProgressReport, Project
from planwatch.services.project_boxes import plan_outline
from planwatch.store.models import AuditEntry, Plan, ProjectRating, ProjectRecord, ProjectReport

ORDER = list(MilestoneKind)


@dataclass(frozen=True, slots=True)
class YearInvestment:
    year: int
    planned: Decimal | None
    completed: Decimal


@dataclass(frozen=True, slots=True)
class ProjectDetail:
    record: ProjectRecord
    box: str
    chapter: str
    judgement: ProjectJudgement
    years: tuple[YearInvestment, ...]
    curve: tuple[tuple[date, Decimal], ...]  # (period end, cumulative)
    milestones: tuple[Milestone, ...]
    reports: tuple[ProjectReport, ...]
    ratings: tuple[ProjectRating, ...]  # newest first
    history: tuple[AuditEntry, ...]  # newest first


def domain_project(record: ProjectRecord) -> Project:
    """The judgement's view of a stored project.

    >>> from planwatch.store.models import ProjectRecord
    >>> r = ProjectRecord(code="1", name="港", start_on=date(2021, 1, 1), end_on=date(2021, 12, 31),
    ...                   total_investment=Decimal(100), year_plans=[], reports=[], milestones=[])
    >>> domain_project(r).duration_days
    365
    """
    return Project(
        record.code, record.name, record.start_on, record.end_on, record.total_investment,
        {p.year: p.amount for p in record.year_plans},
        tuple(ProgressReport(r.period, r.period_end, r.completed, r.cumulative, r.progress)
              for r in record.reports),
        tuple(Milestone(MilestoneKind(m.kind), m.planned_on, m.actual_on)
              for m in sorted(record.milestones, key=lambda m: ORDER.index(MilestoneKind(m.kind)))),
    )  # fmt: skip


def project_detail(
    session: Session, plan: Plan, record: ProjectRecord, as_of: date, thresholds: ProjectThresholds
) -> ProjectDetail:
    """Everything the project page shows."""
    project = domain_project(record)
    outline = plan_outline(plan)
    planned = dict(project.year_plans)
    done: dict[int, Decimal] = {}
    for report in record.reports:
        year = report.period_end.year
        done[year] = done.get(year, Decimal(0)) + report.completed
    years = tuple(
        YearInvestment(y, planned.get(y), done.get(y, Decimal(0)))
        for y in range(record.start_on.year, record.end_on.year + 1)
    )
    history = session.scalars(
        select(AuditEntry)
        .where(AuditEntry.entity == "project", AuditEntry.entity_id == record.id)
        .order_by(AuditEntry.id.desc())
        .limit(100)
    )
    return ProjectDetail(
        record,
        outline.title(record.box_key) if record.box_key else "",
        outline.title(record.chapter_key) if record.chapter_key else "",
        judge_project(project, as_of, thresholds),
        years,
        tuple((r.period_end, r.cumulative) for r in record.reports),
        project.milestones,
        tuple(record.reports),
        tuple(reversed(record.ratings)),
        tuple(history),
    )
