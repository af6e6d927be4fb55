"""What every page needs: the chosen plan, the user, and rendering."""

from __future__ import annotations

from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from sqlalchemy import select
from sqlalchemy.orm import Session

from planwatch.errors import NotFound
from planwatch.services.plans import get_plan
from planwatch.store.models import Plan
from planwatch.web.deps import Auth

# Pages that show one plan: switching plans stays on the same page.
SWITCHABLE = (
    "/", "/plan", "/departments", "/entry", "/diff", "/align", "/continuity", "/projects",
)  # fmt: skip


def chosen_plan(session: Session, reference: str | None) -> Plan:
    """The plan a page shows: ``?plan=`` (id or key), else the newest; NotFound when none."""
    try:
        return get_plan(session, reference)
    except NotFound:
        if reference is None:
            raise NotFound(
                "数据库中还没有规划。请运行 planwatch sample 或在“数据填报”页上传规划。"
            ) from None
        raise


def render(
    request: Request,
    session: Session,
    auth: Auth,
    template: str,
    context: dict[str, Any],
    status_code: int = 200,
) -> HTMLResponse:
    plans = list(session.scalars(select(Plan).order_by(Plan.id)))
    base = {
        "switchable": SWITCHABLE,
        "auth": auth,
        "user": auth.user,
        "csrf": auth.csrf,
        "plans": plans,
        "message": request.query_params.get("message"),
        "settings": request.app.state.settings,
    }
    templates = request.app.state.templates
    response: HTMLResponse = templates.TemplateResponse(
        request, template, {**base, **context}, status_code=status_code
    )
    return response
