"""Plan pages: the list of plans with their settings, and one indicator across plans (series)."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Form, Path, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from sqlalchemy import select

from planwatch.services.plan_settings import PlanChanges, edit_plan, set_default_plan
from planwatch.services.plans import default_plan
from planwatch.services.series import series_view
from planwatch.services.users import can_administer, require_admin
from planwatch.store.models import Plan
from planwatch.web.api.common import plan_or_404
from planwatch.web.deps import ReaderDep, SessionDep, WriterDep
from planwatch.web.pages.context import render

router = APIRouter()
PlanId = Annotated[int, Path(ge=1, le=2**31 - 1)]
Text = Annotated[str, Form(max_length=300)]


def _back(message: str) -> RedirectResponse:
    return RedirectResponse(f"/plans?message={quote(message)}", status_code=303)


@router.get("/plans", response_class=HTMLResponse)
def plans_page(request: Request, session: SessionDep, auth: ReaderDep) -> HTMLResponse:
    plans = list(session.scalars(select(Plan).order_by(Plan.id)))
    chosen = default_plan(session)
    return render(
        request,
        session,
        auth,
        "plans.html",
        {
            "all_plans": plans,
            "default_id": chosen.id if chosen else None,
            "is_admin": can_administer(auth.user),
            "levels": ("国家", "省", "市", "县区", "乡镇"),
        },
    )


@router.post("/plans/{plan_id}/settings")
def plan_settings_form(
    plan_id: PlanId,
    session: SessionDep,
    user: WriterDep,
    title: Text = "",
    region: Annotated[str, Form(max_length=100)] = "",
    level: Annotated[str, Form(max_length=10)] = "",
    parent: Annotated[str, Form(max_length=100)] = "",
) -> RedirectResponse:
    require_admin(user)
    plan = plan_or_404(session, plan_id)
    changes = PlanChanges(title or None, region or None, level or None, parent or None)
    edit_plan(session, plan, changes, user.username)
    session.commit()
    return _back(f"已更新规划「{plan.title or plan.key}」")


@router.post("/plans/{plan_id}/default")
def plan_default_form(plan_id: PlanId, session: SessionDep, user: WriterDep) -> RedirectResponse:
    require_admin(user)
    plan = plan_or_404(session, plan_id)
    set_default_plan(session, plan, user.username)
    session.commit()
    return _back(f"默认规划已设为「{plan.title or plan.key}」")


@router.get("/series/{series_id}", response_class=HTMLResponse)
def series_page(
    series_id: Annotated[int, Path(ge=1, le=2**31 - 1)],
    request: Request,
    session: SessionDep,
    auth: ReaderDep,
) -> HTMLResponse:
    return render(
        request, session, auth, "series.html", {"series": series_view(session, series_id)}
    )
