"""Writing pages: data entry, reasons and measures, uploads of plans and data files."""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from sqlalchemy.orm import Session

from planwatch.errors import InvalidInput, NotFound
from planwatch.services.entry_checks import ImplausibleValue, entry_rules, parse_entered
from planwatch.services.observations import (
    STATUS_LABELS,
    add_observation,
    find_indicator,
    set_progress_note,
)
from planwatch.services.review import entry_state
from planwatch.services.users import require_edit
from planwatch.settings import Settings
from planwatch.store.models import Plan
from planwatch.web.deps import (
    Auth,
    AuthDep,
    CleanText,
    ReaderDep,
    SessionDep,
    SettingsDep,
    WriterDep,
)
from planwatch.web.format import number as number_text
from planwatch.web.pages.browse import PlanQuery, indicator_context
from planwatch.web.pages.context import chosen_plan, render
from planwatch.web.pages.grid import entry_context, grid_context

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
    context = entry_context(session, auth, chosen)
    if chosen is not None and auth.user is not None:
        context |= grid_context(chosen, auth.user)
    return render(request, session, auth, "entry.html", context)


@router.post("/indicators/{code}/observations", response_model=None)
def observe_form(
    code: str,
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    auth: AuthDep,
    user: WriterDep,
    year: Annotated[int, Form(ge=1949, le=2200)],
    value: Annotated[str, Form(max_length=40)],
    status: Annotated[str, Form(max_length=10)] = "最终",
    source: Annotated[CleanText, Form(max_length=500)] = "",
    plan: Annotated[str | None, Form(max_length=200)] = None,
    confirm: Annotated[bool, Form()] = False,
) -> RedirectResponse | HTMLResponse:
    """Save one value; a refused one re-renders the page with what was typed and why."""
    chosen = chosen_plan(session, plan)
    record = find_indicator(chosen, code)
    require_edit(user, record)
    typed = {"year": year, "value": value, "status": status, "source": source}
    try:
        number = parse_entered(value, record.unit)
        if status not in STATUS_LABELS:
            raise InvalidInput("状态应为 初步、最终 或 修订")
        state = entry_state(user)
        added = add_observation(
            session, record, year, number, user.username, status=STATUS_LABELS[status],
            source=source, review=state, checks=entry_rules(settings), confirm=confirm,
        )  # fmt: skip
    except ImplausibleValue as error:
        session.rollback()
        entry = {**typed, "checks": error.checks}
        return _refused(request, session, settings, auth, chosen, code, entry)
    except InvalidInput as error:
        session.rollback()
        entry = {**typed, "error": str(error)}
        return _refused(request, session, settings, auth, chosen, code, entry)
    session.commit()
    saved = "已保存" if state == "approved" else "已提交审核"
    shown = number_text(number)
    message = f"{saved} {year} 年数值 {shown}{record.unit}"
    if not added:
        message = f"{year} 年已是该值,未改动"
    return _back(chosen, code, message, year)


def _refused(
    request: Request,
    session: Session,
    settings: Settings,
    auth: Auth,
    chosen: Plan,
    code: str,
    entry: dict[str, Any],
) -> HTMLResponse:
    """The indicator page again, status 422, the form holding what was typed."""
    context = indicator_context(session, settings, auth, chosen, code, None, entry)
    return render(request, session, auth, "indicator.html", context, status_code=422)


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
