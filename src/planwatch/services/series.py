"""Use case: one indicator across plans — a series' observations and what each plan says of it.

A series page shows the statistics of one indicator of one region (every revision, with its
source) beside each plan that states it: the plan's baseline and its targets, so the 14th
plan's targets, its results and the 15th plan's baselines read on one line.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from planwatch.errors import NotFound
from planwatch.services.observations import current_observations
from planwatch.store.models import IndicatorRecord, ObservationRecord, Plan, Series


@dataclass(frozen=True, slots=True)
class PlanStatement:
    """What one plan states about a series: its indicator, baseline and targets."""

    plan_id: int
    plan_key: str
    plan_title: str | None
    period: tuple[int, int] | None
    code: str
    name: str
    baseline_year: int | None
    baseline_value: Decimal | None
    targets: tuple[tuple[int, str, Decimal, bool], ...]  # year, comparator, value, stretch
    sentence: str | None


@dataclass(frozen=True, slots=True)
class SeriesView:
    """A series with its current values, every revision and the plans that state it."""

    id: int
    name: str  # the catalogue name
    aliases: tuple[str, ...]
    region: str | None
    scope: str
    unit: str
    current: tuple[ObservationRecord, ...]  # the newest revision of each year
    revisions: tuple[ObservationRecord, ...]
    plans: tuple[PlanStatement, ...]  # oldest plan first


def series_view(session: Session, series_id: int) -> SeriesView:
    """The series ``series_id`` with everything its page shows."""
    series = session.get(Series, series_id)
    if series is None:
        raise NotFound(f"数据系列 {series_id} 不存在")
    indicators = session.scalars(
        select(IndicatorRecord)
        .where(IndicatorRecord.series_id == series.id)
        .options(selectinload(IndicatorRecord.targets), selectinload(IndicatorRecord.plan))
    ).all()
    statements = sorted(
        (_statement(i.plan, i) for i in indicators),
        key=lambda s: (s.period or (0, 0), s.plan_id),
    )
    revisions = tuple(series.observations)
    years = sorted({o.year for o in revisions})
    current = tuple(
        max((o for o in revisions if o.year == year), key=lambda o: o.revision) for year in years
    )
    return SeriesView(
        id=series.id,
        name=series.catalogue.name,
        aliases=tuple(a.name for a in series.catalogue.aliases if a.name != series.catalogue.name),
        region=series.region.name if series.region else None,
        scope=series.scope,
        unit=series.unit,
        current=current,
        revisions=revisions,
        plans=tuple(statements),
    )


def _statement(plan: Plan, indicator: IndicatorRecord) -> PlanStatement:
    period = (plan.period_start, plan.period_end) if plan.period_start and plan.period_end else None
    return PlanStatement(
        plan_id=plan.id,
        plan_key=plan.key,
        plan_title=plan.title,
        period=period,
        code=indicator.code,
        name=indicator.name,
        baseline_year=indicator.baseline_year,
        baseline_value=indicator.baseline_value,
        targets=tuple((t.year, t.comparator, t.value, t.stretch) for t in indicator.targets),
        sentence=indicator.sentence,
    )


def latest_value(indicator: IndicatorRecord, year: int) -> ObservationRecord | None:
    """The current value of an indicator's series in ``year``, if any."""
    return next((o for o in current_observations(indicator) if o.year == year), None)
