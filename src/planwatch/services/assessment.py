"""Use case: where a plan stands — every indicator assessed at an as-of year.

:func:`plan_assessment` is the one data function behind ``planwatch assess`` (and, later, the
dashboard, the API and the reports): it turns stored records into domain objects, runs the
pure engine (:mod:`planwatch.assess`) and counts the statuses.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy.orm import Session

from planwatch.assess import assess, summarize
from planwatch.assess.thresholds import Thresholds
from planwatch.domain.assessment import Assessment, Status
from planwatch.domain.indicator import (
    Attribute,
    Direction,
    Indicator,
    Observation,
    ObservationStatus,
    Target,
    TargetKind,
)
from planwatch.errors import InvalidInput
from planwatch.services.observations import current_observations
from planwatch.services.plans import get_plan
from planwatch.store.models import IndicatorRecord, Plan


@dataclass(frozen=True, slots=True)
class IndicatorAssessment:
    """One indicator's assessment with the stored facts a page or report shows beside it."""

    code: str
    scope: str | None
    confirmed: bool
    assessment: Assessment


@dataclass(frozen=True, slots=True)
class PlanAssessment:
    plan_key: str
    title: str | None
    period: tuple[int, int] | None
    as_of: int
    rows: tuple[IndicatorAssessment, ...]
    counts: dict[Status, int]
    thresholds: Thresholds


def to_indicator(record: IndicatorRecord) -> Indicator:
    """The domain indicator of a stored one."""
    kind = TargetKind(record.kind)
    direction = Direction(record.direction)
    targets = tuple(
        Target(
            value=t.value,
            year=t.year,
            comparator=t.comparator,  # type: ignore[arg-type]  # checked on every write
            stretch=t.stretch,
            unit=record.unit if kind is TargetKind.CHANGE else None,
            change=direction if kind is TargetKind.CHANGE else None,
        )
        for t in record.targets
    )
    return Indicator(
        name=record.name,
        unit=record.unit,
        kind=kind,
        attribute=Attribute(record.attribute),
        direction=direction,
        baseline_year=record.baseline_year,
        baseline_value=record.baseline_value,
        targets=targets,
        department=record.department.name if record.department else None,
        code=record.code,
    )


def to_observations(record: IndicatorRecord) -> tuple[Observation, ...]:
    return tuple(
        Observation(
            year=o.year,
            value=o.value,
            is_growth_rate=o.is_growth_rate,
            status=ObservationStatus(o.status),
            source=o.source,
            simulated=o.simulated,
        )
        for o in current_observations(record)
    )


def default_as_of(plan: Plan) -> int:
    """The latest year with data, else the current year, within the plan period."""
    years = [o.year for i in plan.indicators for o in i.observations]
    now = datetime.now(UTC).year
    latest = max(years) if years else now
    end = plan.period_end or latest
    return min(latest, end)


def plan_assessment(
    session: Session,
    plan_reference: str | None,
    as_of: int | None,
    thresholds: Thresholds,
) -> PlanAssessment:
    """Assess every indicator of a plan with a target; binding (约束性) indicators first."""
    plan = get_plan(session, plan_reference)
    year = as_of if as_of is not None else default_as_of(plan)
    if not 1949 <= year <= 2200:
        raise InvalidInput(f"评估年份 {year} 不合理")
    period = (plan.period_start, plan.period_end) if plan.period_start and plan.period_end else None
    rows = [
        IndicatorAssessment(
            code=record.code,
            scope=record.scope,
            confirmed=record.confirmed,
            assessment=assess(
                to_indicator(record), to_observations(record), year, thresholds, period
            ),
        )
        for record in plan.indicators
        if record.targets
    ]
    rows.sort(key=lambda row: row.assessment.indicator.attribute is not Attribute.BINDING)
    counts = summarize([row.assessment for row in rows])
    return PlanAssessment(plan.key, plan.title, period, year, tuple(rows), counts, thresholds)
