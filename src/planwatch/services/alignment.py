"""Use case: alignment with the plans above (规划衔接) — a district's plan beside its city's,
its province's and the nation's.

Pairs of indicators across levels are proposed from the catalogue (same indicator, same
kind of unit) and confirmed or rejected by people; the comparison of each pair — is the
lower target weaker for the same year, what share of the higher total does the lower region
take, which binding (约束性) indicator above has no counterpart below — is
:func:`planwatch.compare.alignment.align`.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from planwatch.compare.alignment import align, propose_pairs
from planwatch.domain.comparison import AlignmentRow, SeriesPair
from planwatch.errors import InvalidInput, NotFound
from planwatch.services.audit import record
from planwatch.services.refs import indicator_targets
from planwatch.services.regions import LEVELS, ancestors
from planwatch.store.models import AlignmentPair, IndicatorRecord, Plan

DECISIONS = ("confirmed", "rejected")


@dataclass(frozen=True, slots=True)
class PairView:
    """A stored pair with both indicators, as pages and the CLI list it."""

    id: int
    lower: IndicatorRecord
    upper: IndicatorRecord
    status: str  # proposed / confirmed / rejected
    score: Decimal


@dataclass(frozen=True, slots=True)
class Alignment:
    """A plan beside a plan above: the pairs and the rows of the comparison."""

    plan: Plan
    above: Plan
    pairs: tuple[PairView, ...]
    rows: tuple[AlignmentRow, ...]  # over confirmed pairs, then binding targets above unpaired


def check_above(plan: Plan, above: Plan) -> None:
    """Refuse a plan "above" that is not of a higher region."""
    if plan.id == above.id:
        raise InvalidInput("规划不能与自身衔接")
    low, high = plan.region, above.region
    if low is None or high is None:
        missing = plan if low is None else above
        raise InvalidInput(f"规划「{missing.key}」没有设置地区,请先用 planwatch plan edit 设置")
    if LEVELS.index(high.level) >= LEVELS.index(low.level):
        raise InvalidInput(
            f"「{high.name}」({high.level})不是「{low.name}」({low.level})的上级地区"
        )
    # Where the parents are known, the region above must be one of them: a district's plan
    # is aligned with its own city's, not another city's.
    same_level = [r for r in ancestors(low) if r.level == high.level]
    if same_level and high not in same_level:
        raise InvalidInput(
            f"「{high.name}」不是「{low.name}」的上级地区(其{high.level}级上级为"
            f"「{same_level[0].name}」)"
        )


def propose(session: Session, plan: Plan, above: Plan, actor: str) -> int:
    """Store the pairs the catalogue proposes that are not stored yet; returns how many."""
    check_above(plan, above)
    lower = {str(i.series_id): i for i in plan.indicators if i.targets}
    upper = {str(i.series_id): i for i in above.indicators if i.targets}
    known = {(p.lower_id, p.upper_id) for p in _stored(session, plan, above)}
    added = 0
    proposals = propose_pairs(
        [t for i in lower.values() for t in indicator_targets(i)],
        [t for i in upper.values() for t in indicator_targets(i)],
    )
    for proposal in proposals:
        low, high = lower[proposal.lower], upper[proposal.upper]
        if (low.id, high.id) in known:
            continue
        session.add(
            AlignmentPair(
                lower_id=low.id, upper_id=high.id, status="proposed",
                score=Decimal(str(round(proposal.score, 3))), decided_by="",
            )
        )  # fmt: skip
        known.add((low.id, high.id))
        added += 1
    session.flush()
    if added:
        record(session, actor, "propose", "alignment", plan.id, None,
               {"above": above.key, "proposed": added})  # fmt: skip
    return added


def decide(session: Session, plan: Plan, above: Plan, lower_code: str, upper_code: str,
           status: str, actor: str) -> AlignmentPair:  # fmt: skip
    """Confirm or reject the pair of two indicators (a pair not proposed is created)."""
    if status not in DECISIONS:
        raise InvalidInput(f"衔接状态应为 {' 或 '.join(DECISIONS)}")
    check_above(plan, above)
    low = _indicator(plan, lower_code)
    high = _indicator(above, upper_code)
    pair = session.scalars(
        select(AlignmentPair).where(
            AlignmentPair.lower_id == low.id, AlignmentPair.upper_id == high.id
        )
    ).first()
    before: dict[str, object] | None = {"status": pair.status} if pair else None
    if pair is None:
        pair = AlignmentPair(lower_id=low.id, upper_id=high.id, score=Decimal(0))
        session.add(pair)
    pair.status, pair.decided_by = status, actor
    session.flush()
    record(session, actor, "align", "alignment_pair", pair.id, before,
           {"lower": low.code, "upper": high.code, "status": status})  # fmt: skip
    return pair


def _indicator(plan: Plan, code: str) -> IndicatorRecord:
    found = next((i for i in plan.indicators if code in (i.code, i.name)), None)
    if found is None:
        raise NotFound(f"规划「{plan.key}」中没有指标 {code}")
    return found


def _stored(session: Session, plan: Plan, above: Plan) -> list[AlignmentPair]:
    lower = [i.id for i in plan.indicators]
    upper = [i.id for i in above.indicators]
    if not lower or not upper:
        return []
    return list(
        session.scalars(
            select(AlignmentPair)
            .where(AlignmentPair.lower_id.in_(lower), AlignmentPair.upper_id.in_(upper))
            .order_by(AlignmentPair.id)
        )
    )


def alignment(session: Session, plan: Plan, above: Plan) -> Alignment:
    """The pairs of two plans and the comparison over the confirmed ones."""
    check_above(plan, above)
    pairs = [
        PairView(p.id, p.lower, p.upper, p.status, p.score) for p in _stored(session, plan, above)
    ]
    confirmed = [
        SeriesPair(str(p.lower.series_id), str(p.upper.series_id))
        for p in pairs
        if p.status == "confirmed"
    ]
    rows = align(
        [t for i in plan.indicators for t in indicator_targets(i)],
        [t for i in above.indicators for t in indicator_targets(i)],
        confirmed,
    )
    return Alignment(plan, above, tuple(pairs), rows)
