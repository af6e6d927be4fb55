"""The review workflow in JSON (docs/tasks.md §Review workflow): submit, approve, return.

The rules are the pages' (web/pages/review.py, web/pages/tasks.py), in the services: only
a reviewer or an administrator decides, never on their own submission; a stale ``version``
is a 409 whose details give the current version; a locked year is a 423.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Literal

from fastapi import APIRouter
from pydantic import BaseModel, Field
from sqlalchemy import select
from sqlalchemy.orm import Session

from planwatch.errors import Forbidden, NotFound
from planwatch.services.progress_reports import can_report
from planwatch.services.review import (
    STATE_LABELS,
    Record,
    ReviewState,
    approve,
    pending_notes,
    pending_observations,
    pending_reports,
    require_reviewer,
    return_,
    submit,
)
from planwatch.services.users import require_edit
from planwatch.store.models import IndicatorRecord, ObservationRecord, ProgressNote, UserRecord
from planwatch.web.api.common import get_or_404
from planwatch.web.api.tasks import ProgressReportPublic, report_or_404, report_public
from planwatch.web.deps import CleanText, Id, ReaderDep, SessionDep, WriterDep

router = APIRouter(tags=["review"])
State = Literal["draft", "submitted", "returned", "approved"]


class Decision(BaseModel):
    version: int = Field(ge=1, description="打开记录时的 version;已被他人修改时 409")


class ReturnDecision(Decision):
    comment: CleanText = Field(min_length=1, max_length=500, description="退回意见:需要修改什么")


class ObservationState(BaseModel):
    id: int
    indicator: str | None = Field(description="指标编号")
    indicator_name: str | None
    year: int
    value: Decimal
    revision: int
    review_state: State
    review_label: str
    review_comment: str
    recorded_by: str
    recorded_at: datetime
    version: int


class QueuedReport(ProgressReportPublic):
    task: str = Field(description="任务编号")
    task_title: str
    plan_id: int


class NoteState(BaseModel):
    id: int
    indicator: str = Field(description="指标编号")
    indicator_name: str
    year: int
    reason: str
    measures: str
    review_state: State
    review_label: str
    review_comment: str
    recorded_by: str
    recorded_at: datetime
    version: int


class Queue(BaseModel):
    observations: list[ObservationState]
    notes: list[NoteState]
    reports: list[QueuedReport]


def observation_or_404(session: Session, observation_id: int) -> ObservationRecord:
    missing = f"没有编号为 {observation_id} 的数据"
    return get_or_404(session, ObservationRecord, observation_id, missing)


def _indicator(session: Session, item: ObservationRecord) -> IndicatorRecord | None:
    query = select(IndicatorRecord).where(IndicatorRecord.series_id == item.series_id)
    return session.scalars(query.order_by(IndicatorRecord.id)).first()


def note_or_404(session: Session, note_id: int) -> ProgressNote:
    return get_or_404(session, ProgressNote, note_id, f"没有编号为 {note_id} 的原因与措施")


def decide(
    session: Session, item: Record, user: UserRecord, version: int, comment: str | None = None
) -> None:
    """Approve ``item``, or return it to its author when given a ``comment`` (even an empty
    one, which the service refuses); then commit. The JSON routes here and the review forms
    (web/pages/review.py, annual.py, tasks.py) all decide through this."""
    if comment is None:
        approve(session, item, user, version)
    else:
        return_(session, item, user, comment, version)
    session.commit()


def note_state(note: ProgressNote) -> NoteState:
    return NoteState(
        id=note.id, indicator=note.indicator.code, indicator_name=note.indicator.name,
        year=note.year, reason=note.reason, measures=note.measures,
        review_state=note.review_state,  # type: ignore[arg-type]
        review_label=STATE_LABELS[ReviewState(note.review_state)],
        review_comment=note.review_comment, recorded_by=note.recorded_by,
        recorded_at=note.recorded_at, version=note.version,
    )  # fmt: skip


def observation_state(session: Session, item: ObservationRecord) -> ObservationState:
    indicator = _indicator(session, item)
    return ObservationState(
        id=item.id, indicator=indicator.code if indicator else None,
        indicator_name=indicator.name if indicator else None, year=item.year, value=item.value,
        revision=item.revision, review_state=item.review_state,  # type: ignore[arg-type]
        review_label=STATE_LABELS[ReviewState(item.review_state)],
        review_comment=item.review_comment, recorded_by=item.recorded_by,
        recorded_at=item.recorded_at, version=item.version,
    )  # fmt: skip


@router.get("/review/queue")
def review_queue(session: SessionDep, auth: ReaderDep) -> Queue:
    """待审核的数据、原因与措施和任务进展报告,先提交的在前(审核员、管理员)。"""
    require_reviewer(auth.user)
    reports = [
        QueuedReport(
            **report_public(r, True).model_dump(),
            task=r.task.code,
            task_title=r.task.title,
            plan_id=r.task.plan_id,
        )
        for r in pending_reports(session)
    ]
    observations = [observation_state(session, o) for o in pending_observations(session)]
    notes = [note_state(n) for n in pending_notes(session)]
    return Queue(observations=observations, notes=notes, reports=reports)


@router.post("/observations/{observation_id}/submit")
def submit_observation(
    observation_id: Id, body: Decision, session: SessionDep, user: WriterDep
) -> ObservationState:
    """提交草稿或已退回的数据待审核(该指标牵头单位的编辑)。"""
    item = observation_or_404(session, observation_id)
    indicator = _indicator(session, item)
    if indicator is None:
        raise NotFound("该数据不属于任何指标")
    require_edit(user, indicator)
    submit(session, item, user, body.version)
    session.commit()
    return observation_state(session, item)


@router.post("/observations/{observation_id}/approve")
def approve_observation(
    observation_id: Id, body: Decision, session: SessionDep, user: WriterDep
) -> ObservationState:
    """通过待审核的数据,通过后公开(审核员、管理员;不能审核自己提交的)。"""
    item = observation_or_404(session, observation_id)
    decide(session, item, user, body.version)
    return observation_state(session, item)


@router.post("/observations/{observation_id}/return")
def return_observation(
    observation_id: Id, body: ReturnDecision, session: SessionDep, user: WriterDep
) -> ObservationState:
    """退回待审核的数据并说明原因(审核员、管理员;不能审核自己提交的)。"""
    item = observation_or_404(session, observation_id)
    decide(session, item, user, body.version, body.comment)
    return observation_state(session, item)


@router.post("/progress-reports/{report_id}/submit")
def submit_report(
    report_id: Id, body: Decision, session: SessionDep, user: WriterDep
) -> ProgressReportPublic:
    """提交草稿或已退回的进展报告待审核(任务牵头或责任单位的编辑)。"""
    report = report_or_404(session, report_id)
    if not can_report(user, report.task):
        raise Forbidden(f"只有任务 {report.task.code} 的牵头或责任单位可以提交进展")
    submit(session, report, user, body.version)
    session.commit()
    return report_public(report, True)


@router.post("/progress-reports/{report_id}/approve")
def approve_report(
    report_id: Id, body: Decision, session: SessionDep, user: WriterDep
) -> ProgressReportPublic:
    """通过待审核的进展报告(审核员、管理员;不能审核自己提交的)。"""
    report = report_or_404(session, report_id)
    decide(session, report, user, body.version)
    return report_public(report, True)


@router.post("/progress-reports/{report_id}/return")
def return_report(
    report_id: Id, body: ReturnDecision, session: SessionDep, user: WriterDep
) -> ProgressReportPublic:
    """退回待审核的进展报告并说明原因(审核员、管理员;不能审核自己提交的)。"""
    report = report_or_404(session, report_id)
    decide(session, report, user, body.version, body.comment)
    return report_public(report, True)


@router.post("/notes/{note_id}/approve")
def approve_note(note_id: Id, body: Decision, session: SessionDep, user: WriterDep) -> NoteState:
    """通过待审核的原因与措施,通过后公开(审核员、管理员;不能审核自己提交的)。"""
    note = note_or_404(session, note_id)
    decide(session, note, user, body.version)
    return note_state(note)


@router.post("/notes/{note_id}/return")
def return_note(
    note_id: Id, body: ReturnDecision, session: SessionDep, user: WriterDep
) -> NoteState:
    """退回待审核的原因与措施并说明原因(审核员、管理员;不能审核自己提交的)。"""
    note = note_or_404(session, note_id)
    decide(session, note, user, body.version, body.comment)
    return note_state(note)
