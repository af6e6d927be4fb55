"""Comparison pages: 版本对比 (diff), 规划接续 (continuity) and 规划衔接 (alignment)."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Form, Path, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from sqlalchemy import select

from planwatch.errors import InvalidInput
from planwatch.services.alignment import alignment, decide, propose
from planwatch.services.continuity import confirm_continuity, continuity
from planwatch.services.diff import diff_versions
from planwatch.services.regions import LEVELS
from planwatch.services.users import can_administer, require_admin
from planwatch.store.models import Plan
from planwatch.web.api.common import plan_or_404
from planwatch.web.deps import ReaderDep, SessionDep, WriterDep
from planwatch.web.pages.browse import PlanQuery
from planwatch.web.pages.context import chosen_plan, render

router = APIRouter()
Id = Annotated[int, Path(ge=1, le=2**31 - 1)]
VersionNumber = Annotated[int | None, Query(ge=1, le=10_000)]


@router.get("/diff", response_class=HTMLResponse)
def diff_page(
    request: Request,
    session: SessionDep,
    auth: ReaderDep,
    plan: PlanQuery = None,
    from_: Annotated[int | None, Query(alias="from", ge=1, le=10_000)] = None,
    to: VersionNumber = None,
) -> HTMLResponse:
    chosen = chosen_plan(session, plan)
    result, problem = None, None
    try:
        result = diff_versions(chosen, from_, to)
    except InvalidInput as error:  # one version only, or two unrelated documents
        problem = str(error)
    return render(
        request, session, auth, "diff.html", {"plan": chosen, "diff": result, "problem": problem}
    )


def _higher(session: SessionDep, plan: Plan) -> list[Plan]:
    """The plans of higher regions, nearest level first."""
    if plan.region is None:
        return []
    level = LEVELS.index(plan.region.level)
    plans = [
        p
        for p in session.scalars(select(Plan).order_by(Plan.id))
        if p.region is not None and LEVELS.index(p.region.level) < level
    ]
    return sorted(plans, key=lambda p: -LEVELS.index(p.region.level) if p.region else 0)


@router.get("/align", response_class=HTMLResponse)
def align_page(
    request: Request,
    session: SessionDep,
    auth: ReaderDep,
    plan: PlanQuery = None,
    above: Annotated[int | None, Query(ge=1, le=2**31 - 1)] = None,
) -> HTMLResponse:
    chosen = chosen_plan(session, plan)
    candidates = _higher(session, chosen)
    upper = plan_or_404(session, above) if above else (candidates[0] if candidates else None)
    result, problem = None, None
    if upper is not None:
        try:
            result = alignment(session, chosen, upper)
        except InvalidInput as error:
            problem = str(error)
    elif chosen.region is None:
        problem = "本规划还没有设置地区,请在“规划”页设置地区和上级地区。"
    else:
        problem = "数据库中还没有上级地区的规划。请导入市、省或国家的规划纲要。"
    return render(
        request,
        session,
        auth,
        "align.html",
        {
            "plan": chosen,
            "above": upper,
            "candidates": candidates,
            "alignment": result,
            "problem": problem,
            "is_admin": can_administer(auth.user),
        },
    )


def _back_to_align(plan: Plan, above: Plan, message: str) -> RedirectResponse:
    url = f"/align?plan={plan.id}&above={above.id}&message={quote(message)}"
    return RedirectResponse(url, status_code=303)


@router.post("/align/{plan_id}/{above}/proposals")
def propose_form(plan_id: Id, above: Id, session: SessionDep, user: WriterDep) -> RedirectResponse:
    require_admin(user)
    plan, upper = plan_or_404(session, plan_id), plan_or_404(session, above)
    added = propose(session, plan, upper, user.username)
    session.commit()
    return _back_to_align(plan, upper, f"新提出待确认的指标对 {added} 项")


@router.post("/align/{plan_id}/{above}/pairs")
def decide_form(
    plan_id: Id,
    above: Id,
    session: SessionDep,
    user: WriterDep,
    lower: Annotated[str, Form(max_length=200)],
    upper: Annotated[str, Form(max_length=200)],
    status: Annotated[str, Form(max_length=20)],
) -> RedirectResponse:
    require_admin(user)
    plan, higher = plan_or_404(session, plan_id), plan_or_404(session, above)
    decide(session, plan, higher, lower, upper, status, user.username)
    session.commit()
    word = "确认" if status == "confirmed" else "否定"
    return _back_to_align(plan, higher, f"已{word}指标对 {lower} ↔ {upper}")


@router.get("/continuity", response_class=HTMLResponse)
def continuity_page(
    request: Request, session: SessionDep, auth: ReaderDep, plan: PlanQuery = None
) -> HTMLResponse:
    chosen = chosen_plan(session, plan)
    result, problem = None, None
    try:
        result = continuity(session, chosen)
    except InvalidInput as error:
        problem = str(error)
    return render(
        request,
        session,
        auth,
        "continuity.html",
        {
            "plan": chosen,
            "continuity": result,
            "problem": problem,
            "is_admin": can_administer(auth.user),
        },
    )


@router.post("/continuity/{plan_id}/confirm")
def continuity_form(plan_id: Id, session: SessionDep, user: WriterDep) -> RedirectResponse:
    require_admin(user)
    plan = plan_or_404(session, plan_id)
    written = confirm_continuity(session, plan, user.username)
    session.commit()
    message = f"已写入观测值 {written} 条"
    return RedirectResponse(f"/continuity?plan={plan.id}&message={quote(message)}", 303)
