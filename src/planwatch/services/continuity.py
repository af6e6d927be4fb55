"""Use case: continuity from one plan to the next (14th → 15th) in the same region.

A new plan states the values of its base year ("2025 年,全区地区生产总值达到 812 亿元"): the
final year of the plan before it. Each is compared with the observed value of the series;
differences are flagged. Where the series has no value, the stated one is proposed as an
observation of that year, with the new plan as its source (its title and sentence), and is
written only when a person confirms.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from planwatch.compare.continuity import compare_baselines
from planwatch.domain.comparison import ContinuityRow, ContinuityStatus, ObservedValue, StatedValue
from planwatch.errors import InvalidInput
from planwatch.extract.aliases import canonical_name
from planwatch.services.catalogue import series_for, series_scope
from planwatch.services.observations import Revision, add_series_value, newest_revisions
from planwatch.services.plans import stored_version
from planwatch.store.models import (
    CatalogueAlias,
    Plan,
    PlanVersion,
    QuantityRecord,
    Series,
)


@dataclass(frozen=True, slots=True)
class Continuity:
    """The base-year values a plan states, against its region's series."""

    plan: Plan
    previous: Plan | None  # the region's plan that ends in the base year, if stored
    base_year: int
    rows: tuple[ContinuityRow, ...]


def previous_plan(session: Session, plan: Plan) -> Plan | None:
    """The plan of the same region whose period ends right before this one starts."""
    if plan.region_id is None or plan.period_start is None:
        return None
    return session.scalars(
        select(Plan).where(
            Plan.region_id == plan.region_id, Plan.period_end == plan.period_start - 1
        )
    ).first()


def continuity(session: Session, plan: Plan) -> Continuity:
    """Compare the newest version's base-year values with the observed values."""
    if plan.region is None or plan.period_start is None:
        raise InvalidInput(f"规划「{plan.key}」没有地区或规划期,无法与上一规划衔接")
    base_year = plan.period_start - 1
    version = stored_version(plan)
    stated, series = _stated(session, plan, version, base_year)
    observed = [
        ObservedValue(key, o.year, o.value, found.unit)
        for key, found in series.items()
        for o in newest_revisions(found.observations)
        if o.year == base_year and not o.is_growth_rate
    ]
    rows = compare_baselines(stated, observed)
    return Continuity(plan, previous_plan(session, plan), base_year, rows)


def _stated(
    session: Session, plan: Plan, version: PlanVersion, year: int
) -> tuple[list[StatedValue], dict[str, Series]]:
    """The baselines the version states for ``year``, keyed as their series would be."""
    stated: list[StatedValue] = []
    series: dict[str, Series] = {}
    for q in version.quantities:
        if q.kind != "baseline" or q.year != year or q.value is None or q.growth_rate:
            continue
        key = _key(q)
        found = _find_series(session, plan, q)
        if found is not None:
            series[key] = found
        stated.append(StatedValue(key, year, q.value, q.unit, q.sentence, q.line))
    return stated, series


def _key(q: QuantityRecord) -> str:
    return f"{canonical_name(q.name)}|{q.unit}|{series_scope(q.scope)}"


def _find_series(session: Session, plan: Plan, q: QuantityRecord) -> Series | None:
    """The region's existing series for a stated quantity (never created here)."""
    alias = session.scalars(
        select(CatalogueAlias).where(CatalogueAlias.name.in_({canonical_name(q.name), q.name}))
    ).first()
    if alias is None:
        return None
    return session.scalars(
        select(Series).where(
            Series.region_id == plan.region_id,
            Series.catalogue_id == alias.catalogue_id,
            Series.unit == q.unit,
            Series.scope == series_scope(q.scope),
        )
    ).first()


def confirm_continuity(
    session: Session, plan: Plan, actor: str, only: Collection[str] | None = None
) -> int:
    """Write the proposed observations (all, or those whose series key is in ``only``)."""
    result = continuity(session, plan)
    version = stored_version(plan)
    by_key = {
        _key(q): q
        for q in version.quantities
        if q.kind == "baseline" and q.year == result.base_year and q.value is not None
    }
    written = 0
    for row in result.rows:
        proposal = row.proposal
        if row.status is not ContinuityStatus.MISSING or proposal is None:
            continue
        if only is not None and proposal.series not in only:
            continue
        q = by_key[proposal.series]
        target = series_for(session, plan.region, q.name, q.unit, q.scope)
        source = f"《{plan.title or plan.key}》第{q.line}行:{q.sentence.strip()}"[:500]
        added = add_series_value(
            session,
            target,
            proposal.year,
            proposal.value,
            actor,
            Revision(status="final", source=source, note="由下一规划所述基期值确认"),
            label=q.name,
            audit=("series", target.id),
        )
        written += added is not None
    return written
