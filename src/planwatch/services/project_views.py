"""The one data function behind the 重大项目 page, the API, the export and the CLI.

``project_list()`` judges every project of a plan with few queries — the newest report on or
before the date and the year's completed investment are aggregated in SQL — so a register
of thousands of projects with years of monthly reports lists quickly. ``project_detail()``
reads one project in full: reports, milestones, ratings, investment by year.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session, selectinload

from planwatch.assess.projects import ProjectJudgement, ProjectThresholds, judge_project
from planwatch.domain.assessment import Light
from planwatch.domain.project import (
    Milestone,
    MilestoneKind,
    ProgressReport,
    Project,
    ProjectStatus,
)
from planwatch.services.project_boxes import PlanOutline, plan_outline
from planwatch.store.models import (
    Plan,
    ProjectMilestone,
    ProjectRating,
    ProjectRecord,
    ProjectReport,
    ProjectYearPlan,
)


@dataclass(frozen=True, slots=True)
class ProjectFilters:
    """What the list shows; None is any. ``year`` is the year judged (default: as_of's)."""

    box: str | None = None  # stable key
    chapter: str | None = None  # stable key
    department: str | None = None  # name
    status: ProjectStatus | None = None
    light: Light | None = None
    year: int | None = None


@dataclass(frozen=True, slots=True)
class ProjectRow:
    id: int
    code: str
    name: str
    department: str
    box_key: str | None
    box: str
    chapter_key: str | None
    chapter: str
    period_text: str
    total: Decimal
    year_plan: Decimal | None
    rating: str | None
    rating_reason: str
    judgement: ProjectJudgement


@dataclass(frozen=True, slots=True)
class ProjectTotals:
    count: int = 0
    total: Decimal = Decimal(0)
    cumulative: Decimal = Decimal(0)
    year_plan: Decimal = Decimal(0)
    year_completed: Decimal = Decimal(0)
    lights: dict[Light, int] = field(default_factory=dict)
    statuses: dict[ProjectStatus, int] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class ProjectList:
    plan_id: int
    as_of: date
    rows: tuple[ProjectRow, ...]
    totals: ProjectTotals
    boxes: tuple[tuple[str, str], ...]  # (key, "专栏1 标题") for the filters
    chapters: tuple[tuple[str, str], ...]
    departments: tuple[str, ...]


def as_of_date(year: int | None, today: date) -> date:
    """The date a year is judged on: today within this year, else the year's last day.

    >>> as_of_date(2023, date(2025, 3, 1)), as_of_date(None, date(2025, 3, 1))
    (datetime.date(2023, 12, 31), datetime.date(2025, 3, 1))
    """
    if year is None or year == today.year:
        return today
    return date(year, 12, 31) if year < today.year else date(year, 1, 1)


def project_list(
    session: Session,
    plan: Plan,
    thresholds: ProjectThresholds,
    filters: ProjectFilters = ProjectFilters(),
    today: date | None = None,
) -> ProjectList:
    """Every project of ``plan`` judged on the filters' year, filtered, with totals."""
    as_of = as_of_date(filters.year, today or date.today())
    return filter_projects(all_projects(session, plan, thresholds, as_of), filters)


def filter_projects(listing: ProjectList, filters: ProjectFilters) -> ProjectList:
    """The projects of ``listing`` that match ``filters`` (the year aside), with their totals."""
    rows = [row for row in listing.rows if _matches(row, filters)]
    return replace(listing, rows=tuple(rows), totals=_totals(rows))


def all_projects(
    session: Session, plan: Plan, thresholds: ProjectThresholds, as_of: date
) -> ProjectList:
    """Every project of ``plan`` judged on ``as_of``, with totals: what a cache keeps."""
    outline = plan_outline(plan)
    return _listing(plan, as_of, outline, judged_rows(session, plan, outline, thresholds, as_of))


def rejudged(
    session: Session,
    plan: Plan,
    thresholds: ProjectThresholds,
    listing: ProjectList,
    ids: set[int],
) -> ProjectList:
    """``listing`` with the projects ``ids`` read and judged again (a project no longer
    stored leaves the list): what a cache does after writes to a few projects."""
    outline = plan_outline(plan)
    fresh = {
        row.id: row for row in judged_rows(session, plan, outline, thresholds, listing.as_of, ids)
    }
    rows = [fresh.get(row.id, row) for row in listing.rows if row.id not in ids or row.id in fresh]
    known = {row.id for row in rows}
    rows += [row for row in fresh.values() if row.id not in known]
    rows.sort(key=lambda row: row.id)
    return _listing(plan, listing.as_of, outline, rows)


def judged_rows(
    session: Session,
    plan: Plan,
    outline: PlanOutline,
    thresholds: ProjectThresholds,
    as_of: date,
    ids: set[int] | None = None,
) -> list[ProjectRow]:
    """The projects of ``plan`` (only ``ids`` when given) judged on ``as_of``, by id."""
    chosen = ProjectRecord.plan_id == plan.id
    if ids is not None:
        chosen = and_(chosen, ProjectRecord.id.in_(sorted(ids)))
    records = list(
        session.scalars(
            select(ProjectRecord)
            .where(chosen)
            .options(selectinload(ProjectRecord.department))
            .order_by(ProjectRecord.id)
        )
    )
    if not records:
        return []
    latest, year_done = _report_facts(session, plan.id, as_of, ids)
    milestones: dict[int, list[Milestone]] = defaultdict(list)
    for m in session.scalars(select(ProjectMilestone).join(ProjectRecord).where(chosen)):
        milestones[m.project_id].append(Milestone(MilestoneKind(m.kind), m.planned_on, m.actual_on))
    year_plans = {
        project_id: planned
        for project_id, planned in session.execute(
            select(ProjectYearPlan.project_id, ProjectYearPlan.amount)
            .join(ProjectRecord)
            .where(chosen, ProjectYearPlan.year == as_of.year)
        )
    }
    ratings = _current_ratings(session, plan.id, ids)
    rows: list[ProjectRow] = []
    for record in records:
        reports: tuple[ProgressReport, ...] = ()
        if record.id in latest:
            end, cumulative = latest[record.id]
            # one report standing for all: the newest cumulative, the year's completed sum
            reports = (ProgressReport("", end, year_done.get(record.id, Decimal(0)), cumulative),)
        plans = {as_of.year: year_plans[record.id]} if record.id in year_plans else {}
        project = Project(
            record.code, record.name, record.start_on, record.end_on, record.total_investment,
            plans, reports, tuple(milestones.get(record.id, ())),
        )  # fmt: skip
        rows.append(_row(record, outline, judge_project(project, as_of, thresholds), ratings))
    return rows


def _listing(plan: Plan, as_of: date, outline: PlanOutline, rows: list[ProjectRow]) -> ProjectList:
    return ProjectList(
        plan.id, as_of, tuple(rows), _totals(rows),
        tuple((b.key, f"{b.label} {b.title}") for b in outline.boxes),
        tuple(sorted({(k, outline.title(k)) for r in rows if (k := r.chapter_key)},
                     key=lambda c: outline.nodes[c[0]].start if c[0] in outline.nodes else 0)),
        tuple(sorted({r.department for r in rows if r.department})),
    )  # fmt: skip


def _report_facts(
    session: Session, plan_id: int, as_of: date, ids: set[int] | None = None
) -> tuple[dict[int, tuple[date, Decimal]], dict[int, Decimal]]:
    """Per project: the newest report's (period end, cumulative) by ``as_of``; the year's sum."""
    of_plan = select(ProjectRecord.id).where(ProjectRecord.plan_id == plan_id)
    in_plan = ProjectReport.project_id.in_(of_plan if ids is None else sorted(ids))
    newest = (
        select(ProjectReport.project_id, func.max(ProjectReport.period_end).label("end"))
        .where(in_plan, ProjectReport.period_end <= as_of)
        .group_by(ProjectReport.project_id)
        .subquery()
    )
    latest = {
        project_id: (end, cumulative)
        for project_id, end, cumulative in session.execute(
            select(ProjectReport.project_id, ProjectReport.period_end, ProjectReport.cumulative)
            .join(newest, and_(ProjectReport.project_id == newest.c.project_id,
                               ProjectReport.period_end == newest.c.end))
            .where(in_plan)
        )
    }  # fmt: skip
    year_done: dict[int, Decimal] = defaultdict(Decimal)
    # summed in Python: the amounts are text on SQLite, where SUM would turn them into floats
    for project_id, completed in session.execute(
        select(ProjectReport.project_id, ProjectReport.completed).where(
            in_plan,
            ProjectReport.period_end >= date(as_of.year, 1, 1),
            ProjectReport.period_end <= as_of,
        )
    ):
        year_done[project_id] += completed
    return latest, year_done


def _current_ratings(
    session: Session, plan_id: int, ids: set[int] | None = None
) -> dict[int, ProjectRating]:
    chosen = ProjectRecord.plan_id == plan_id
    if ids is not None:
        chosen = and_(chosen, ProjectRecord.id.in_(sorted(ids)))
    newest = (
        select(func.max(ProjectRating.id))
        .join(ProjectRecord)
        .where(chosen)
        .group_by(ProjectRating.project_id)
    )
    return {
        r.project_id: r
        for r in session.scalars(select(ProjectRating).where(ProjectRating.id.in_(newest)))
    }


def _row(
    record: ProjectRecord,
    outline: PlanOutline,
    judgement: ProjectJudgement,
    ratings: dict[int, ProjectRating],
) -> ProjectRow:
    rating = ratings.get(record.id)
    return ProjectRow(
        record.id, record.code, record.name,
        record.department.name if record.department else "",
        record.box_key, outline.title(record.box_key) if record.box_key else "",
        record.chapter_key, outline.title(record.chapter_key) if record.chapter_key else "",
        record.period_text, record.total_investment, judgement.year_plan,
        rating.rating if rating else None, rating.reason if rating else "", judgement,
    )  # fmt: skip


def _matches(row: ProjectRow, filters: ProjectFilters) -> bool:
    return (
        (filters.box is None or row.box_key == filters.box)
        and (filters.chapter is None or row.chapter_key == filters.chapter)
        and (filters.department is None or row.department == filters.department)
        and (filters.status is None or row.judgement.status is filters.status)
        and (filters.light is None or row.judgement.light is filters.light)
    )


def _totals(rows: list[ProjectRow]) -> ProjectTotals:
    lights: dict[Light, int] = defaultdict(int)
    statuses: dict[ProjectStatus, int] = defaultdict(int)
    for row in rows:
        lights[row.judgement.light] += 1
        statuses[row.judgement.status] += 1
    return ProjectTotals(
        len(rows),
        sum((r.total for r in rows), Decimal(0)),
        sum((r.judgement.cumulative for r in rows), Decimal(0)),
        sum((r.year_plan or Decimal(0) for r in rows), Decimal(0)),
        sum((r.judgement.year_completed for r in rows), Decimal(0)),
        dict(lights),
        dict(statuses),
    )
