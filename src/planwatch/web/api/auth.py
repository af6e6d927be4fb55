"""Signing in and out of the API and the pages (a session cookie plus a CSRF token)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from fastapi import APIRouter, Request, Response
from pydantic import BaseModel, Field

from planwatch.errors import Forbidden, Unauthorized
from planwatch.services.signin import SignInLimiter
from planwatch.services.users import Role, authenticate, end_session, start_session
from planwatch.settings import Settings
from planwatch.store.models import UserRecord
from planwatch.web.deps import AuthDep, SessionDep, SettingsDep, WriterDep
from planwatch.web.security import (
    SESSION_COOKIE,
    clear_session_cookie,
    csrf_token,
    same_origin,
    session_cookie,
)

router = APIRouter(tags=["auth"])


class Login(BaseModel):
    username: str = Field(min_length=1, max_length=50)
    password: str = Field(min_length=1, max_length=200)


def user_json(user: UserRecord | None, csrf: str) -> dict[str, Any]:
    if user is None:
        return {"user": None, "csrf_token": ""}
    return {
        "user": {
            "username": user.username,
            "name": user.display_name,
            "role": user.role,
            "role_label": Role(user.role).label,
            "department": user.department.name if user.department else None,
        },
        "csrf_token": csrf,
    }


def refuse_cross_site(request: Request) -> None:
    """A sign-in has no session to carry a CSRF token yet: refuse one sent from another site.

    Browsers send Origin (or at least Referer) with a cross-site POST; a request without
    either (a script, the CLI's tests) is let through, since no browser made it on a page
    of another site.
    """
    sent = request.headers.get("origin") or request.headers.get("referer")
    if sent and not same_origin(sent, str(request.base_url)):
        raise Forbidden("不接受来自其他网站的登录请求")


def attempt_sign_in(
    request: Request, session: SessionDep, username: str, password: str
) -> UserRecord | None:
    """The user if name and password match, else None; counts failures, refuses lockouts.

    A locked account or address is refused (TooManyAttempts, 429) before any password hash
    is computed; the hash itself waits for one of the app's few hashing slots.
    """
    limiter: SignInLimiter = request.app.state.signins
    address = request.client.host if request.client else ""
    limiter.check(username, address)
    with limiter.hashing():
        limiter.check(username, address)  # again: failures counted while this one waited
        user = authenticate(session, username, password)
    if user is None:
        limiter.failed(session, username, address)
    else:
        limiter.succeeded(username)
    return user


def sign_in(session: SessionDep, response: Response, settings: Settings, user: UserRecord) -> str:
    """Start a session, set its cookie, return its CSRF token."""
    ttl = timedelta(hours=settings.session_ttl_hours)
    token, row = start_session(session, user, ttl)
    session.commit()
    response.set_cookie(value=token, **session_cookie(ttl, secure=settings.secure_cookies))
    return csrf_token(row.csrf_secret)


@router.post("/auth/login")
def login(
    body: Login, request: Request, session: SessionDep, settings: SettingsDep, response: Response
) -> dict[str, Any]:
    """登录:设置会话 Cookie,返回 CSRF 令牌(写操作须在 X-CSRF-Token 头中带上)。"""
    refuse_cross_site(request)
    user = attempt_sign_in(request, session, body.username, body.password)
    if user is None:
        session.commit()  # keeps a lockout's audit entry, if this failure started one
        raise Unauthorized("用户名或密码不正确")
    csrf = sign_in(session, response, settings, user)
    return user_json(user, csrf)


@router.post("/auth/logout")
def logout(
    request: Request, session: SessionDep, settings: SettingsDep, response: Response, _: WriterDep
) -> dict[str, Any]:
    """退出登录。"""
    end_session(session, request.cookies.get(SESSION_COOKIE))
    session.commit()
    response.delete_cookie(**clear_session_cookie(secure=settings.secure_cookies))
    return {"user": None}


@router.get("/auth/me")
def me(auth: AuthDep) -> dict[str, Any]:
    """当前登录的用户与其 CSRF 令牌。"""
    return user_json(auth.user, auth.csrf)
