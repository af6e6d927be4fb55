"""Review pages: the reviewer's queue, an editor's submissions, locking a year (docs/tasks.md)."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from sqlalchemy import select
from sqlalchemy.orm import Session

from planwatch.errors import NotFound, Unauthorized
from planwatch.services.annual_targets import describe
from planwatch.services.review import (
    STATE_LABELS,
    Record,
    ReviewState,
    can_review,
    lock_year,
    pending_annual_targets,
    pending_notes,
    pending_observations,
    pending_reports,
    require_reviewer,
    submissions_of,
    submit,
    unlock_year,
)
from planwatch.services.users import require_admin, require_edit
from planwatch.store.models import IndicatorRecord, ObservationRecord, Plan, UserRecord, YearLock
from planwatch.web.api.common import get_or_404
from planwatch.web.api.review import decide, note_or_404, observation_or_404
from planwatch.web.deps import ReaderDep, SessionDep, WriterDep
from planwatch.web.pages.context import render

router = APIRouter()
Version = Annotated[int, Form(ge=1)]


def _indicators(session: Session, observation: ObservationRecord) -> list[IndicatorRecord]:
    query = select(IndicatorRecord).where(IndicatorRecord.series_id == observation.series_id)
    return list(session.scalars(query.order_by(IndicatorRecord.id)))


def _rows(session: Session, items: list[ObservationRecord]) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    for item in items:
        indicators = _indicators(session, item)
        first = indicators[0] if indicators else None
        rows.append(
            {
                "item": item,
                "indicator": first,
                "label": STATE_LABELS[ReviewState(item.review_state)],
            }
        )
    return rows


def _redirect(path: str, message: str) -> RedirectResponse:
    return RedirectResponse(f"{path}?message={quote(message)}", status_code=303)


def decided(
    session: Session,
    item: Record,
    user: UserRecord,
    version: int,
    message: str,
    comment: str | None = None,
) -> RedirectResponse:
    """Approve ``item`` (or return it, given a ``comment``), commit, and go back to the
    review queue saying ``message``, e.g. ``已通过 2023 年的原因与措施``."""
    decide(session, item, user, version, comment)
    return _redirect("/review", message)


@router.get("/review", response_class=HTMLResponse)
def review_page(request: Request, session: SessionDep, auth: ReaderDep) -> HTMLResponse:
    require_reviewer(auth.user)
    locks = list(session.scalars(select(YearLock).order_by(YearLock.plan_id, YearLock.year)))
    context = {
        "rows": _rows(session, pending_observations(session)),
        "notes": pending_notes(session),
        "reports": pending_reports(session),
        "annual_targets": pending_annual_targets(session),
        "describe": describe,
        "locks": locks,
        "plan_list": list(session.scalars(select(Plan).order_by(Plan.id))),
    }
    return render(request, session, auth, "review.html", context)


@router.post("/review/observations/{observation_id}/approve")
def approve_form(
    observation_id: int, session: SessionDep, user: WriterDep, version: Version
) -> RedirectResponse:
    item = observation_or_404(session, observation_id)
    return decided(session, item, user, version, f"已通过 {item.year} 年数值 {item.value}")


@router.post("/review/observations/{observation_id}/return")
def return_form(
    observation_id: int,
    session: SessionDep,
    user: WriterDep,
    version: Version,
    comment: Annotated[str, Form(max_length=500)] = "",
) -> RedirectResponse:
    item = observation_or_404(session, observation_id)
    message = f"已退回 {item.year} 年数值 {item.value}"
    return decided(session, item, user, version, message, comment)


@router.post("/review/notes/{note_id}/approve")
def approve_note(
    note_id: int, session: SessionDep, user: WriterDep, version: Version
) -> RedirectResponse:
    note = note_or_404(session, note_id)
    return decided(session, note, user, version, f"已通过 {note.year} 年的原因与措施")


@router.post("/review/notes/{note_id}/return")
def return_note(
    note_id: int,
    session: SessionDep,
    user: WriterDep,
    version: Version,
    comment: Annotated[str, Form(max_length=500)] = "",
) -> RedirectResponse:
    note = note_or_404(session, note_id)
    return decided(session, note, user, version, f"已退回 {note.year} 年的原因与措施", comment)


@router.get("/submissions", response_class=HTMLResponse)
def submissions_page(request: Request, session: SessionDep, auth: ReaderDep) -> HTMLResponse:
    if auth.user is None:
        raise Unauthorized("请先登录")
    rows = _rows(session, submissions_of(session, auth.user.username))
    context = {"rows": rows, "reviewer": can_review(auth.user)}
    return render(request, session, auth, "submissions.html", context)


@router.post("/submissions/observations/{observation_id}/submit")
def submit_form(
    observation_id: int, session: SessionDep, user: WriterDep, version: Version
) -> RedirectResponse:
    item = observation_or_404(session, observation_id)
    indicators = _indicators(session, item)
    if not indicators:
        raise NotFound("该数据不属于任何指标")
    require_edit(user, indicators[0])
    submit(session, item, user, version)
    session.commit()
    return _redirect("/submissions", f"已提交 {item.year} 年数值 {item.value}")


@router.post("/plans/{plan_id}/locks")
def lock_form(
    plan_id: int,
    session: SessionDep,
    user: WriterDep,
    year: Annotated[int, Form(ge=1949, le=2200)],
) -> RedirectResponse:
    require_admin(user)
    plan = get_or_404(session, Plan, plan_id, f"没有编号为 {plan_id} 的规划")
    lock_year(session, plan, year, user)
    session.commit()
    return _redirect("/review", f"已锁定 {plan.key} {year} 年")


@router.post("/plans/{plan_id}/locks/{year}/unlock")
def unlock_form(
    plan_id: int,
    year: int,
    session: SessionDep,
    user: WriterDep,
    reason: Annotated[str, Form(max_length=500)] = "",
) -> RedirectResponse:
    require_admin(user)
    plan = get_or_404(session, Plan, plan_id, f"没有编号为 {plan_id} 的规划")
    unlock_year(session, plan, year, user, reason)
    session.commit()
    return _redirect("/review", f"已解锁 {plan.key} {year} 年")
