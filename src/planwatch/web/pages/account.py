"""Signing in and out with the pages' forms."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from planwatch.services.users import end_session
from planwatch.web.api.auth import attempt_sign_in, refuse_cross_site, sign_in
from planwatch.web.deps import AuthDep, SessionDep, SettingsDep, WriterDep
from planwatch.web.pages.context import render
from planwatch.web.security import SESSION_COOKIE, clear_session_cookie

router = APIRouter()


def _safe_next(target: str | None) -> str:
    """Only a path on this site: never an open redirect to another host."""
    if target and target.startswith("/") and not target.startswith("//"):
        return target
    return "/"


@router.get("/login", response_class=HTMLResponse)
def login_page(
    request: Request, session: SessionDep, auth: AuthDep, next: str | None = None
) -> HTMLResponse:
    return render(request, session, auth, "login.html", {"next": _safe_next(next), "error": None})


@router.post("/login", response_model=None)
def login_form(
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    auth: AuthDep,
    username: Annotated[str, Form(max_length=50)],
    password: Annotated[str, Form(max_length=200)],
    next: Annotated[str, Form(max_length=500)] = "/",
) -> HTMLResponse | RedirectResponse:
    refuse_cross_site(request)
    user = attempt_sign_in(request, session, username, password)
    if user is None:
        session.commit()
        return render(
            request,
            session,
            auth,
            "login.html",
            {"next": _safe_next(next), "error": "用户名或密码不正确"},
            status_code=401,
        )
    response = RedirectResponse(_safe_next(next), status_code=303)
    sign_in(session, response, settings, user)
    return response


@router.post("/logout")
def logout_form(
    request: Request, session: SessionDep, settings: SettingsDep, _: WriterDep
) -> RedirectResponse:
    end_session(session, request.cookies.get(SESSION_COOKIE))
    session.commit()
    response = RedirectResponse("/", status_code=303)
    response.delete_cookie(**clear_session_cookie(secure=settings.secure_cookies))
    return response
