"""Use case: an administrator confirms, rejects or merges extracted indicators.

Extraction proposes indicators; some are junk (a phrase read as an indicator) and some are
the same indicator twice. Rejecting deletes an unconfirmed indicator; merging moves what
points at one indicator (its stated quantities, tasks) to another of the same plan and
deletes the first. Both are audited with the deleted indicator's fields; observations
stay in their series, which belongs to the region, not to the indicator.
"""

from __future__ import annotations

from sqlalchemy import update
from sqlalchemy.orm import Session

from planwatch.errors import InvalidInput
from planwatch.services.audit import record
from planwatch.services.indicators import indicator_snapshot
from planwatch.services.search import reindex_plan
from planwatch.store.models import IndicatorRecord, QuantityRecord, TaskRecord


def confirm_indicator(session: Session, indicator: IndicatorRecord, actor: str) -> None:
    """Mark an indicator as checked by a person; audited."""
    before = indicator_snapshot(indicator)
    indicator.confirmed = True
    session.flush()
    record(session, actor, "confirm", "indicator", indicator.id, before,
           indicator_snapshot(indicator))  # fmt: skip


def reject_indicator(session: Session, indicator: IndicatorRecord, actor: str) -> None:
    """Delete an unconfirmed indicator (junk of the extraction); audited."""
    if indicator.confirmed:
        raise InvalidInput(f"指标 {indicator.code} 已确认,不能删除;请先取消确认")
    plan, gone = indicator.plan, indicator.id
    before = indicator_snapshot(indicator)
    session.delete(indicator)
    session.flush()
    record(session, actor, "reject", "indicator", gone, before, None)
    reindex_plan(session, plan)


def merge_indicator(
    session: Session, duplicate: IndicatorRecord, keep: IndicatorRecord, actor: str
) -> None:
    """Move what names ``duplicate`` to ``keep`` (same plan) and delete ``duplicate``."""
    if duplicate.id == keep.id:
        raise InvalidInput("不能把指标合并到它自己")
    if duplicate.plan_id != keep.plan_id:
        raise InvalidInput("只能合并同一规划的指标")
    plan = keep.plan
    before = indicator_snapshot(duplicate)
    session.execute(
        update(QuantityRecord)
        .where(QuantityRecord.indicator_id == duplicate.id)
        .values(indicator_id=keep.id)
    )
    session.execute(
        update(TaskRecord)
        .where(TaskRecord.indicator_id == duplicate.id)
        .values(indicator_id=keep.id)
    )
    gone = duplicate.id
    session.delete(duplicate)
    session.flush()
    record(session, actor, "merge", "indicator", gone, before, {"into": keep.code})
    reindex_plan(session, plan)
