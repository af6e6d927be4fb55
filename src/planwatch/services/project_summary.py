"""Use case: the summary of a plan's projects for a year, for the reports to render.

The reports never touch the database: a caller builds the summary here and hands it over.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from planwatch.assess.project_summary import ProjectSummary, project_summary
from planwatch.assess.projects import ProjectThresholds
from planwatch.domain.project import RegisteredProject
from planwatch.services.project_boxes import plan_outline
from planwatch.services.project_detail import domain_project
from planwatch.store.models import Plan, ProjectRecord


def plan_project_summary(
    session: Session, plan: Plan, as_of: date, thresholds: ProjectThresholds
) -> ProjectSummary:
    """:func:`planwatch.assess.project_summary.project_summary` over the plan's register."""
    outline = plan_outline(plan)
    records = session.scalars(
        select(ProjectRecord)
        .where(ProjectRecord.plan_id == plan.id)
        .options(
            selectinload(ProjectRecord.reports), selectinload(ProjectRecord.milestones),
            selectinload(ProjectRecord.year_plans), selectinload(ProjectRecord.department),
            selectinload(ProjectRecord.ratings),
        )
        .order_by(ProjectRecord.id)
    )  # fmt: skip
    entries = []
    for r in records:
        rating = max(r.ratings, key=lambda each: each.id, default=None)
        entries.append(
            RegisteredProject(
                domain_project(r),
                outline.title(r.box_key) if r.box_key else "",
                r.department.name if r.department else "",
                rating.rating if rating else "",
                rating.reason.strip() if rating else "",
            )
        )
    return project_summary(entries, as_of, thresholds)
