"""Administration on the web: users, indicators (confirm, reject, merge), the audit log."""

from __future__ import annotations

from datetime import date
from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from planwatch.services.audit_log import AuditFilter, audit_csv, audit_entries
from planwatch.services.department_list import departments
from planwatch.services.indicator_review import (
    confirm_indicator,
    merge_indicator,
    reject_indicator,
)
from planwatch.services.observations import find_indicator
from planwatch.services.user_admin import change_role, reactivate
from planwatch.services.users import (
    ROLE_LABELS,
    add_user,
    deactivate,
    find_user,
    list_users,
    require_admin,
    set_password,
)
from planwatch.store.models import IndicatorRecord
from planwatch.web.api.common import get_or_404
from planwatch.web.deps import ReaderDep, SessionDep, WriterDep
from planwatch.web.pages.browse import PlanQuery
from planwatch.web.pages.context import chosen_plan, render
from planwatch.web.security import PASSWORD_POLICY

router = APIRouter()
Text = Annotated[str, Form(max_length=200)]


def _back(message: str) -> RedirectResponse:
    return RedirectResponse(f"/admin/users?message={quote(message)}", status_code=303)


@router.get("/admin/users", response_class=HTMLResponse)
def users_page(request: Request, session: SessionDep, auth: ReaderDep) -> HTMLResponse:
    require_admin(auth.user)
    context = {
        "users": list_users(session),
        "roles": ROLE_LABELS,
        "departments": departments(session),
        "policy": PASSWORD_POLICY,
    }
    return render(request, session, auth, "admin_users.html", context)


@router.post("/admin/users")
def add_user_form(
    session: SessionDep,
    user: WriterDep,
    username: Text,
    password: Text,
    role: Text,
    department: Text = "",
    display_name: Text = "",
) -> RedirectResponse:
    require_admin(user)
    made = add_user(session, username, password, role, department or None, display_name or None,
                    user.username)  # fmt: skip
    session.commit()
    return _back(f"已添加用户 {made.username}")


@router.post("/admin/users/{username}/role")
def role_form(
    username: str, session: SessionDep, user: WriterDep, role: Text, department: Text = ""
) -> RedirectResponse:
    require_admin(user)
    change_role(session, find_user(session, username), role, department or None, user.username)
    session.commit()
    return _back(f"已修改 {username} 的角色")


@router.post("/admin/users/{username}/deactivate")
def deactivate_form(username: str, session: SessionDep, user: WriterDep) -> RedirectResponse:
    require_admin(user)
    deactivate(session, find_user(session, username), user.username)
    session.commit()
    return _back(f"已停用 {username}")


@router.post("/admin/users/{username}/reactivate")
def reactivate_form(username: str, session: SessionDep, user: WriterDep) -> RedirectResponse:
    require_admin(user)
    reactivate(session, find_user(session, username), user.username)
    session.commit()
    return _back(f"已启用 {username}")


@router.post("/admin/users/{username}/password")
def password_form(
    username: str, session: SessionDep, user: WriterDep, password: Text
) -> RedirectResponse:
    require_admin(user)
    set_password(session, find_user(session, username), password, user.username)
    session.commit()
    return _back(f"已重置 {username} 的密码")


def _filter(
    actor: str, action: str, entity: str, since: date | None, until: date | None
) -> AuditFilter:
    return AuditFilter(actor, action, entity, since, until)


Filter = Annotated[str, Query(max_length=100)]


@router.get("/admin/audit", response_class=HTMLResponse)
def audit_page(
    request: Request,
    session: SessionDep,
    auth: ReaderDep,
    actor: Filter = "",
    action: Filter = "",
    entity: Filter = "",
    since: date | None = None,
    until: date | None = None,
) -> HTMLResponse:
    require_admin(auth.user)
    wanted = _filter(actor, action, entity, since, until)
    entries = audit_entries(session, wanted, limit=500)
    context = {"entries": entries, "wanted": wanted}
    return render(request, session, auth, "audit.html", context)


@router.get("/admin/audit.csv")
def audit_export(
    session: SessionDep,
    auth: ReaderDep,
    actor: Filter = "",
    action: Filter = "",
    entity: Filter = "",
    since: date | None = None,
    until: date | None = None,
) -> Response:
    require_admin(auth.user)
    text = audit_csv(audit_entries(session, _filter(actor, action, entity, since, until)))
    return Response(
        content="\ufeff" + text,
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": "attachment; filename=audit-log.csv"},
    )


def _indicator(session: SessionDep, indicator_id: int) -> IndicatorRecord:
    return get_or_404(session, IndicatorRecord, indicator_id, f"没有编号为 {indicator_id} 的指标")


def _to_indicators(plan_id: int, message: str) -> RedirectResponse:
    url = f"/admin/indicators?plan={plan_id}&message={quote(message)}"
    return RedirectResponse(url, status_code=303)


@router.get("/admin/indicators", response_class=HTMLResponse)
def indicators_page(
    request: Request, session: SessionDep, auth: ReaderDep, plan: PlanQuery = None
) -> HTMLResponse:
    require_admin(auth.user)
    chosen = chosen_plan(session, plan)
    return render(request, session, auth, "admin_indicators.html", {"plan": chosen})


@router.post("/admin/indicators/{indicator_id}/confirm")
def confirm_form(indicator_id: int, session: SessionDep, user: WriterDep) -> RedirectResponse:
    require_admin(user)
    indicator = _indicator(session, indicator_id)
    confirm_indicator(session, indicator, user.username)
    session.commit()
    return _to_indicators(indicator.plan_id, f"已确认 {indicator.code} {indicator.name}")


@router.post("/admin/indicators/{indicator_id}/reject")
def reject_form(indicator_id: int, session: SessionDep, user: WriterDep) -> RedirectResponse:
    require_admin(user)
    indicator = _indicator(session, indicator_id)
    plan_id, label = indicator.plan_id, f"{indicator.code} {indicator.name}"
    reject_indicator(session, indicator, user.username)
    session.commit()
    return _to_indicators(plan_id, f"已删除 {label}")


@router.post("/admin/indicators/{indicator_id}/merge")
def merge_form(
    indicator_id: int,
    session: SessionDep,
    user: WriterDep,
    into: Annotated[str, Form(max_length=20)],
) -> RedirectResponse:
    require_admin(user)
    duplicate = _indicator(session, indicator_id)
    keep = find_indicator(duplicate.plan, into)
    plan_id, label = duplicate.plan_id, duplicate.code
    merge_indicator(session, duplicate, keep, user.username)
    session.commit()
    return _to_indicators(plan_id, f"已将 {label} 合并到 {keep.code}")
