"""Writing pages: data entry, reasons and measures, uploads of plans and data files."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from planwatch.errors import InvalidInput, NotFound
from planwatch.services.observations import (
    STATUS_LABELS,
    add_observation,
    find_indicator,
    set_progress_note,
)
from planwatch.services.review import entry_state
from planwatch.services.tables import number_problem, parse_number
from planwatch.services.users import can_administer, can_edit_indicator, require_edit
from planwatch.store.models import Plan
from planwatch.web.deps import CleanText, ReaderDep, SessionDep, WriterDep
from planwatch.web.pages.browse import PlanQuery
from planwatch.web.pages.context import chosen_plan, render

router = APIRouter()


def _back(plan: Plan, code: str, message: str, year: int | None = None) -> RedirectResponse:
    """Back to the indicator page, judged at ``year`` (the year just entered) when given."""
    at = f"&as_of={min(year, plan.period_end or year)}" if year is not None else ""
    url = f"/indicators/{code}?plan={plan.id}{at}&message={quote(message)}"
    return RedirectResponse(url, status_code=303)


@router.get("/entry", response_class=HTMLResponse)
def entry_page(
    request: Request, session: SessionDep, auth: ReaderDep, plan: PlanQuery = None
) -> HTMLResponse:
    chosen = None
    try:
        chosen = chosen_plan(session, plan)
    except NotFound:
        if plan is not None:
            raise
    editable = [i for i in chosen.indicators if can_edit_indicator(auth.user, i)] if chosen else []
    return render(
        request,
        session,
        auth,
        "entry.html",
        {
            "plan": chosen,
            "editable": editable,
            "is_admin": can_administer(auth.user),
        },
    )


@router.post("/indicators/{code}/observations")
def observe_form(
    code: str,
    session: SessionDep,
    user: WriterDep,
    year: Annotated[int, Form(ge=1949, le=2200)],
    value: Annotated[str, Form(max_length=40)],
    status: Annotated[str, Form(max_length=10)] = "最终",
    source: Annotated[CleanText, Form(max_length=500)] = "",
    plan: Annotated[str | None, Form(max_length=200)] = None,
) -> RedirectResponse:
    chosen = chosen_plan(session, plan)
    record = find_indicator(chosen, code)
    require_edit(user, record)
    number = parse_number(value)
    if number is None:
        raise InvalidInput(f"数值「{value}」:{number_problem(value) or '不是数字'}")
    if status not in STATUS_LABELS:
        raise InvalidInput("数值或状态不正确")
    state = entry_state(user)
    added = add_observation(
        session, record, year, number, user.username, status=STATUS_LABELS[status], source=source,
        review=state,
    )  # fmt: skip
    session.commit()
    saved = "已保存" if state == "approved" else "已提交审核"
    message = f"{saved} {year} 年数值 {value}" if added else f"{year} 年已是该值,未改动"
    return _back(chosen, code, message, year)


@router.post("/indicators/{code}/notes")
def note_form(
    code: str,
    session: SessionDep,
    user: WriterDep,
    year: Annotated[int, Form(ge=1949, le=2200)],
    reason: Annotated[CleanText, Form(max_length=4000)] = "",
    measures: Annotated[CleanText, Form(max_length=4000)] = "",
    plan: Annotated[str | None, Form(max_length=200)] = None,
) -> RedirectResponse:
    chosen = chosen_plan(session, plan)
    record = find_indicator(chosen, code)
    require_edit(user, record)
    set_progress_note(session, record, year, reason, measures, user.username, entry_state(user))
    session.commit()
    return _back(chosen, code, f"已保存 {year} 年的原因与措施")
