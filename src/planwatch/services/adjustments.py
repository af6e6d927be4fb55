"""Use case: approved adjustments of a plan's targets (规划调整), and the targets in force.

A plan's targets change only by an approved adjustment: proposed by the government,
approved by the people's congress standing committee (区人大常委会), with a document number,
a date and the year from which it is in force. The assessment of a year uses the targets in
force in that year; the history of each target stays readable, and reports list what was
adjusted.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy.orm import Session

from planwatch.errors import InvalidInput
from planwatch.services.audit import record
from planwatch.store.models import AdjustedTarget, Adjustment, IndicatorRecord, Plan

COMPARATORS = (">=", ">", "<=", "<", "=")


@dataclass(frozen=True, slots=True)
class TargetChange:
    """One target an adjustment sets: the indicator's main (or 力争) target, new value/year."""

    indicator: IndicatorRecord
    value: Decimal
    year: int | None = None  # None keeps the target year
    comparator: str | None = None  # None keeps the comparator
    stretch: bool = False


@dataclass(frozen=True, slots=True)
class AdjustmentFacts:
    """Who proposed and approved an adjustment, when, and from which year it is in force."""

    approved_by: str
    decided_on: date
    effective_year: int
    document_number: str = ""
    proposed_by: str = ""
    reason: str = ""


@dataclass(frozen=True, slots=True)
class TargetInForce:
    """A target as it stands in a year, with the adjustment that set it (None: as adopted)."""

    value: Decimal
    year: int
    comparator: str
    stretch: bool
    adjustment: Adjustment | None


def add_adjustment(
    session: Session,
    plan: Plan,
    facts: AdjustmentFacts,
    changes: Sequence[TargetChange],
    actor: str,
) -> Adjustment:
    """Record an approved adjustment after checking it; nothing is written when a check fails."""
    _check(plan, facts, changes)
    adjustment = Adjustment(
        plan_id=plan.id,
        proposed_by=facts.proposed_by.strip(),
        approved_by=facts.approved_by.strip(),
        document_number=facts.document_number.strip(),
        decided_on=facts.decided_on,
        effective_year=facts.effective_year,
        reason=facts.reason.strip(),
        recorded_by=actor,
    )
    for change in changes:
        before = target_in_force(change.indicator, facts.effective_year, change.stretch)
        if before is None:
            raise InvalidInput(
                f"指标 {change.indicator.code}「{change.indicator.name}」没有"
                f"{'力争' if change.stretch else ''}目标,无法调整"
            )
        adjustment.changes.append(
            AdjustedTarget(
                indicator=change.indicator,
                stretch=change.stretch,
                old_value=before.value,
                old_year=before.year,
                old_comparator=before.comparator,
                value=change.value,
                year=change.year or before.year,
                comparator=change.comparator or before.comparator,
            )
        )
    plan.adjustments.append(adjustment)
    session.flush()
    record(session, actor, "adjust", "plan", plan.id, None, adjustment_snapshot(adjustment))
    return adjustment


def _check(plan: Plan, facts: AdjustmentFacts, changes: Sequence[TargetChange]) -> None:
    if not facts.approved_by.strip():
        raise InvalidInput("规划调整需写明批准机关(如 区人大常委会)")
    if not changes:
        raise InvalidInput("规划调整至少要改变一项目标")
    start, end = plan.period_start, plan.period_end
    if start is not None and end is not None and not start <= facts.effective_year <= end:
        raise InvalidInput(f"调整的生效年份 {facts.effective_year} 不在规划期 {start}–{end} 年内")
    seen: set[tuple[int, bool]] = set()
    for change in changes:
        indicator = change.indicator
        if indicator.plan_id != plan.id:
            raise InvalidInput(f"指标 {indicator.code} 不属于规划「{plan.key}」")
        if (indicator.id, change.stretch) in seen:
            raise InvalidInput(f"同一次调整中指标 {indicator.code} 出现了两次")
        seen.add((indicator.id, change.stretch))
        if change.comparator is not None and change.comparator not in COMPARATORS:
            raise InvalidInput(f"比较符「{change.comparator}」应为 {' '.join(COMPARATORS)} 之一")
        if not change.value.is_finite():
            raise InvalidInput(f"指标 {indicator.code} 的新目标值不是有限的数字")
        if change.year is not None and end is not None and not facts.effective_year <= change.year:
            raise InvalidInput(f"指标 {indicator.code} 的新目标年份 {change.year} 早于生效年份")
        for other in plan.adjustments:
            clash = other.effective_year == facts.effective_year and any(
                c.indicator_id == indicator.id and c.stretch == change.stretch
                for c in other.changes
            )
            if clash:
                raise InvalidInput(
                    f"指标 {indicator.code} 的目标已由 {other.document_number or other.approved_by}"
                    f"({other.decided_on})自 {other.effective_year} 年起调整,两次调整冲突"
                )


History = dict[tuple[int, bool], list[tuple[Adjustment, AdjustedTarget]]]


def target_in_force(
    indicator: IndicatorRecord, year: int, stretch: bool = False, changes: History | None = None
) -> TargetInForce | None:
    """The indicator's main (or 力争) target as it stands in ``year``.

    The adopted target holds until the first adjustment in force by ``year``; adjustments
    apply in order of their effective year. ``changes`` is :func:`plan_history` of the plan,
    when the caller has it already.
    """
    adopted = next((t for t in indicator.targets if t.stretch == stretch), None)
    if adopted is None:
        return None
    current = TargetInForce(adopted.value, adopted.year, adopted.comparator, stretch, None)
    known = plan_history(indicator.plan) if changes is None else changes
    for adjustment, change in known.get((indicator.id, stretch), ()):
        if adjustment.effective_year <= year:
            current = TargetInForce(
                change.value, change.year, change.comparator, stretch, adjustment
            )
    return current


def plan_history(plan: Plan) -> History:
    """Every adjusted target of a plan, by (indicator id, stretch), in order of effective year."""
    found: History = {}
    ordered = sorted(plan.adjustments, key=lambda a: (a.effective_year, a.decided_on, a.id or 0))
    for adjustment in ordered:
        for change in adjustment.changes:
            found.setdefault((change.indicator_id, change.stretch), []).append((adjustment, change))
    return found


def history(
    indicator: IndicatorRecord, stretch: bool = False
) -> list[tuple[Adjustment, AdjustedTarget]]:
    """Every adjustment of one target of an indicator, in order of effective year."""
    return plan_history(indicator.plan).get((indicator.id, stretch), [])


def adjustment_snapshot(adjustment: Adjustment) -> dict[str, object]:
    """An adjustment as the audit log and the API show it."""
    return {
        "id": adjustment.id,
        "approved_by": adjustment.approved_by,
        "proposed_by": adjustment.proposed_by,
        "document_number": adjustment.document_number,
        "decided_on": adjustment.decided_on.isoformat(),
        "effective_year": adjustment.effective_year,
        "reason": adjustment.reason,
        "changes": [
            {
                "indicator": c.indicator.code,
                "stretch": c.stretch,
                "from": [_plain(c.old_value), c.old_year, c.old_comparator],
                "to": [_plain(c.value), c.year, c.comparator],
            }
            for c in adjustment.changes
        ],
    }


def _plain(value: Decimal) -> str:
    """A stored value as written: 800.000000 → "800".

    >>> _plain(Decimal("760.500000"))
    '760.5'
    """
    return format(value.normalize(), "f")
