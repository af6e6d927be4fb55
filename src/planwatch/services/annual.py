"""Use case: every indicator's year against its annual target, for pages, API and reports.

The actual value comes from approved data only: the level from the indicator's series, a
published growth rate from the series itself (a growth-rate indicator) or from the region's
``%`` series of the same catalogue entry (where ``observe extract`` keeps the 比上年增长 of a
level), else the rate computed from two levels (assess/annual.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from planwatch.assess.annual import (
    AnnualAssessment,
    AnnualGoal,
    AnnualRules,
    assess_annual,
    gap_text,
)
from planwatch.services.annual_targets import describe, goal_of, plan_targets
from planwatch.services.observations import newest_revisions
from planwatch.settings import Settings
from planwatch.store.models import (
    AnnualTargetRecord,
    IndicatorRecord,
    ObservationRecord,
    Plan,
    Series,
)

RATE_UNIT = "%"


@dataclass(frozen=True, slots=True)
class AnnualView:
    """One indicator's annual target for one year and its verdict."""

    indicator_id: int
    code: str
    name: str
    unit: str
    year: int
    goal: AnnualGoal
    target: str  # as a sentence says it: "增长 6.5% 左右"
    source: str
    sentence: str
    assessment: AnnualAssessment
    target_id: int

    @property
    def gap(self) -> str:
        """The gap as a sentence reads it: "低于目标 0.4 个百分点"."""
        return gap_text(self.assessment, self.goal.unit, self.goal.growth_rate)


def rules_of(settings: Settings) -> AnnualRules:
    """The tolerance settings of approximate (左右) targets."""
    return AnnualRules(
        points=Decimal(settings.annual_tolerance_points),
        share=Decimal(settings.annual_tolerance_share),
    )


def rate_series(session: Session, series: Series) -> Series | None:
    """The region's growth-rate series (unit %) of the same catalogue entry and scope."""
    if series.unit == RATE_UNIT or series.region_id is None:
        return None
    query = select(Series).where(
        Series.region_id == series.region_id,
        Series.catalogue_id == series.catalogue_id,
        Series.unit == RATE_UNIT,
        Series.scope == series.scope,
    )
    return session.scalars(query).first()


def _approved(session: Session, series_ids: list[int]) -> dict[int, list[ObservationRecord]]:
    """The current approved revision of every year of each series, in one query."""
    found: dict[int, list[ObservationRecord]] = {i: [] for i in series_ids}
    if series_ids:
        query = select(ObservationRecord).where(
            ObservationRecord.series_id.in_(series_ids),
            ObservationRecord.review_state == "approved",
        )
        for observation in session.scalars(query):
            found[observation.series_id].append(observation)
    return {i: newest_revisions(found[i]) for i in found}


def _rate_series(session: Session, series: list[Series]) -> dict[int, int]:
    """For each level series, the id of its region's growth-rate series (unit %), if any."""
    wanted: dict[tuple[int | None, int, str], int] = {
        (s.region_id, s.catalogue_id, s.scope): s.id
        for s in series
        if s.unit != RATE_UNIT and s.region_id is not None
    }
    if not wanted:
        return {}
    query = select(Series).where(
        Series.unit == RATE_UNIT, Series.catalogue_id.in_({key[1] for key in wanted})
    )
    return {
        wanted[(rate.region_id, rate.catalogue_id, rate.scope)]: rate.id
        for rate in session.scalars(query)
        if (rate.region_id, rate.catalogue_id, rate.scope) in wanted
    }


def judge(
    indicator: IndicatorRecord,
    target: AnnualTargetRecord,
    rules: AnnualRules,
    own: list[ObservationRecord],
    rates: list[ObservationRecord],
) -> AnnualView:
    """The verdict on one stored target, from the approved data of the indicator's series
    (``own``) and of its growth-rate series (``rates``)."""
    goal = goal_of(target, indicator.unit)
    levels = {o.year: o.value for o in own if not o.is_growth_rate}
    published = {o.year: o.value for o in rates if o.is_growth_rate}
    published.update({o.year: o.value for o in own if o.is_growth_rate})
    assessment = assess_annual(
        goal,
        level=levels.get(goal.year),
        previous_level=levels.get(goal.year - 1),
        published_rate=published.get(goal.year),
        rising=indicator.direction != "decrease",
        rules=rules,
    )
    return AnnualView(
        indicator_id=indicator.id,
        code=indicator.code,
        name=indicator.name,
        unit=indicator.unit,
        year=target.year,
        goal=goal,
        target=describe(target),
        source=target.source,
        sentence=target.sentence,
        assessment=assessment,
        target_id=target.id,
    )


def annual_views(
    session: Session, plan: Plan, rules: AnnualRules, *, year: int | None = None
) -> list[AnnualView]:
    """Every approved annual target of the plan (of ``year`` if given) with its verdict, in a
    handful of queries whatever the number of targets."""
    targets = plan_targets(session, plan, year=year)
    if not targets:
        return []
    indicators = {i.id: i for i in plan.indicators}
    series = [indicators[t.indicator_id].series for t in targets]
    levels = [s for s in series if s is not None]
    rate_of = _rate_series(session, levels)
    data = _approved(session, sorted({s.id for s in levels} | set(rate_of.values())))
    views = []
    for target in targets:
        indicator = indicators[target.indicator_id]
        own_id = indicator.series_id or 0
        rates = data.get(rate_of.get(own_id, 0), [])
        views.append(judge(indicator, target, rules, data.get(own_id, []), rates))
    return views


def annual_years(views: list[AnnualView]) -> list[int]:
    """The years that have annual targets, newest first."""
    return sorted({v.year for v in views}, reverse=True)
