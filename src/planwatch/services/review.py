"""Use case: the one review workflow for what departments report (docs/tasks.md).

An observation revision, a progress note (原因与措施) or a task's progress report moves
draft → submitted → approved, or submitted → returned (with a comment) → submitted again.
The reviewer (role ``reviewer``, or an administrator) may not approve or return what they
recorded themselves. Every record carries a version number: a form sends the version it
was opened with and a stale one is refused (:class:`Conflict`, 409), never overwritten;
two reviewers deciding at once cannot both win (the UPDATE checks the version). A year an
administrator locked changes only after an audited unlock.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from planwatch.errors import Conflict, Forbidden, InvalidInput, Unauthorized, YearLocked
from planwatch.services.audit import record
from planwatch.services.users import Role
from planwatch.store.models import (
    AnnualTargetRecord,
    IndicatorRecord,
    ObservationRecord,
    Plan,
    ProgressNote,
    ProgressReport,
    UserRecord,
    YearLock,
)

COMMENT_MAX_LENGTH = 500


class ReviewState(StrEnum):
    """Where a record stands in the workflow; the label is what a user reads.

    >>> ReviewState("returned").label
    '已退回'
    """

    DRAFT = "draft"
    SUBMITTED = "submitted"
    RETURNED = "returned"
    APPROVED = "approved"

    @property
    def label(self) -> str:
        return STATE_LABELS[self]


STATE_LABELS = {
    ReviewState.DRAFT: "草稿",
    ReviewState.SUBMITTED: "待审核",
    ReviewState.RETURNED: "已退回",
    ReviewState.APPROVED: "已通过",
}


Record = ObservationRecord | ProgressNote | ProgressReport | AnnualTargetRecord


def entity_of(item: Record) -> str:
    """The audit log's name of a reviewed record's kind."""
    if isinstance(item, ObservationRecord):
        return "observation"
    if isinstance(item, AnnualTargetRecord):
        return "annual_target"
    return "progress_note" if isinstance(item, ProgressNote) else "progress_report"


def can_review(user: UserRecord | None) -> bool:
    """Whether the user reviews submissions: reviewers and administrators."""
    return user is not None and user.active and user.role in (Role.REVIEWER, Role.ADMIN)


def require_reviewer(user: UserRecord | None) -> UserRecord:
    """The user, if a reviewer; else Unauthorized or Forbidden."""
    if user is None or not user.active:
        raise Unauthorized("请先登录")
    if not can_review(user):
        raise Forbidden("只有审核员或管理员可以审核")
    return user


def entry_state(user: UserRecord) -> str:
    """The state a value a person enters on the web starts in: an administrator's (the
    planning bureau's own) is approved, a department editor's goes to review.

    >>> entry_state(UserRecord(username="tongji", role="editor"))
    'submitted'
    """
    return ReviewState.APPROVED.value if user.role == Role.ADMIN else ReviewState.SUBMITTED.value


def plans_of(session: Session, item: Record) -> list[int]:
    """Ids of the plans a record belongs to (an observation: every plan reading its series)."""
    if isinstance(item, ObservationRecord):
        query = select(IndicatorRecord.plan_id).where(IndicatorRecord.series_id == item.series_id)
        return sorted(set(session.scalars(query)))
    if isinstance(item, ProgressNote | AnnualTargetRecord):
        return [item.indicator.plan_id]
    return [item.task.plan_id]


def locked_year(session: Session, plan_ids: Iterable[int], year: int) -> YearLock | None:
    """The lock on ``year`` of any of the plans, if one is locked."""
    ids = list(plan_ids)
    if not ids:
        return None
    query = select(YearLock).where(YearLock.plan_id.in_(ids), YearLock.year == year)
    return session.scalars(query).first()


def require_unlocked(session: Session, plan_ids: Iterable[int], year: int) -> None:
    """Refuse a change to a locked year (YearLocked, a 423)."""
    lock = locked_year(session, plan_ids, year)
    if lock is not None:
        raise YearLocked(f"{year} 年已由 {lock.locked_by} 锁定,需管理员解锁后才能修改")


def check_version(item: Record, version: int | None) -> None:
    """Refuse a form opened on an older version of the record (Conflict, a 409)."""
    if version is not None and version != item.version:
        raise Conflict(
            "该记录在您打开后已被他人修改,请刷新后重试;您的修改未保存", current_version=item.version
        )


def _snapshot(item: Record) -> dict[str, object]:
    return {
        "year": item.year,
        "review_state": item.review_state,
        "review_comment": item.review_comment,
        "version": item.version,
    }


def _move(
    session: Session,
    item: Record,
    actor: str,
    action: str,
    state: ReviewState,
    comment: str = "",
    reviewer: str = "",
) -> Record:
    before = _snapshot(item)
    item.review_state = state.value
    if reviewer:
        item.review_comment = comment
        item.reviewed_by = reviewer
        item.reviewed_at = datetime.now(UTC)
    try:
        session.flush()  # UPDATE … WHERE version = the one read: a concurrent decision fails
    except StaleDataError as error:
        session.rollback()
        raise Conflict("该记录刚被他人处理,请刷新后重试") from error
    record(session, actor, action, entity_of(item), item.id, before, _snapshot(item))
    return item


def submit(session: Session, item: Record, user: UserRecord, version: int | None) -> Record:
    """Send a draft or a returned record to review."""
    check_version(item, version)
    require_unlocked(session, plans_of(session, item), item.year)
    if item.review_state not in (ReviewState.DRAFT, ReviewState.RETURNED):
        label = ReviewState(item.review_state).label
        raise InvalidInput(f"该记录{label},只有草稿或已退回的记录可以提交")
    return _move(session, item, user.username, "submit", ReviewState.SUBMITTED)


def approve(session: Session, item: Record, user: UserRecord, version: int | None) -> Record:
    """Approve a submitted record: it becomes public. Not one's own."""
    _check_decision(session, item, user, version)
    return _move(
        session, item, user.username, "approve", ReviewState.APPROVED, "", user.username
    )  # fmt: skip


def return_(
    session: Session, item: Record, user: UserRecord, comment: str, version: int | None
) -> Record:
    """Return a submitted record to its author with a comment saying what to fix."""
    text = comment.strip()
    if not text:
        raise InvalidInput("退回时需要填写意见,说明需要修改什么")
    if len(text) > COMMENT_MAX_LENGTH:
        raise InvalidInput(f"意见不能超过 {COMMENT_MAX_LENGTH} 个字符")
    _check_decision(session, item, user, version)
    return _move(session, item, user.username, "return", ReviewState.RETURNED, text, user.username)


def _check_decision(session: Session, item: Record, user: UserRecord, version: int | None) -> None:
    require_reviewer(user)
    check_version(item, version)
    require_unlocked(session, plans_of(session, item), item.year)
    if item.review_state != ReviewState.SUBMITTED:
        label = ReviewState(item.review_state).label
        raise InvalidInput(f"该记录{label},只有待审核的记录可以审核")
    if item.recorded_by == user.username:
        raise Forbidden("不能审核自己提交的数据")


def lock_year(session: Session, plan: Plan, year: int, user: UserRecord) -> YearLock:
    """Lock a plan's year (administrators); audited."""
    if user.role != Role.ADMIN:
        raise Forbidden("只有管理员可以锁定年度")
    if locked_year(session, [plan.id], year) is not None:
        raise InvalidInput(f"{year} 年已锁定")
    lock = YearLock(plan_id=plan.id, year=year, locked_by=user.username)
    session.add(lock)
    session.flush()
    record(session, user.username, "lock", "plan", plan.id, None, {"year": year})
    return lock


def unlock_year(session: Session, plan: Plan, year: int, user: UserRecord, reason: str) -> None:
    """Unlock a plan's year (administrators), with the reason in the audit log."""
    if user.role != Role.ADMIN:
        raise Forbidden("只有管理员可以解锁年度")
    if not reason.strip():
        raise InvalidInput("解锁需要填写原因")
    lock = locked_year(session, [plan.id], year)
    if lock is None:
        raise InvalidInput(f"{year} 年没有锁定")
    before = {"year": year, "locked_by": lock.locked_by}
    session.delete(lock)
    session.flush()
    record(session, user.username, "unlock", "plan", plan.id, before,
           {"year": year, "reason": reason.strip()})  # fmt: skip


def pending_observations(session: Session) -> list[ObservationRecord]:
    """Every observation revision waiting for review, oldest first."""
    query = (
        select(ObservationRecord)
        .where(ObservationRecord.review_state == ReviewState.SUBMITTED)
        .order_by(ObservationRecord.recorded_at, ObservationRecord.id)
    )
    return list(session.scalars(query))


def pending_notes(session: Session) -> list[ProgressNote]:
    """Every progress note (原因与措施) waiting for review, oldest first."""
    query = (
        select(ProgressNote)
        .where(ProgressNote.review_state == ReviewState.SUBMITTED)
        .order_by(ProgressNote.recorded_at, ProgressNote.id)
    )
    return list(session.scalars(query))


def pending_annual_targets(session: Session) -> list[AnnualTargetRecord]:
    """Every annual target (年度目标) revision waiting for review, oldest first."""
    query = (
        select(AnnualTargetRecord)
        .where(AnnualTargetRecord.review_state == ReviewState.SUBMITTED)
        .order_by(AnnualTargetRecord.recorded_at, AnnualTargetRecord.id)
    )
    return list(session.scalars(query))


def pending_reports(session: Session) -> list[ProgressReport]:
    """Every task progress report waiting for review, oldest first."""
    query = (
        select(ProgressReport)
        .where(ProgressReport.review_state == ReviewState.SUBMITTED)
        .order_by(ProgressReport.recorded_at, ProgressReport.id)
    )
    return list(session.scalars(query))


def submissions_of(session: Session, username: str) -> list[ObservationRecord]:
    """A user's observation revisions not yet approved (drafts, submitted, returned)."""
    query = (
        select(ObservationRecord)
        .where(
            ObservationRecord.recorded_by == username,
            ObservationRecord.review_state != ReviewState.APPROVED,
        )
        .order_by(ObservationRecord.recorded_at.desc(), ObservationRecord.id.desc())
    )
    return list(session.scalars(query))
