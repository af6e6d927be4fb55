"""Administration on the web: users (add, role, deactivate, reactivate, password), audit log."""

from __future__ import annotations

from datetime import date
from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from planwatch.services.audit_log import AuditFilter, audit_csv, audit_entries
from planwatch.services.department_list import departments
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
from planwatch.web.deps import ReaderDep, SessionDep, WriterDep
from planwatch.web.pages.context import render
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
