"""One error shape for the whole web app, built in one place.

The JSON API answers every error with ``{"error": {"code", "message", "details"}}`` and the
matching status; the pages answer with the error page, in Chinese.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from sqlalchemy.exc import DataError, SQLAlchemyError
from starlette.exceptions import HTTPException

from planwatch.errors import (
    Conflict,
    ExtractionBudgetExceeded,
    FileTooLarge,
    Forbidden,
    InvalidInput,
    NotFound,
    PlanwatchError,
    TooManyAttempts,
    Unauthorized,
    YearLocked,
)
from planwatch.services.entry_checks import ImplausibleValue
from planwatch.services.users import session_for_token
from planwatch.web.security import SESSION_COOKIE, csrf_token

logger = logging.getLogger(__name__)
STATUS = {  # the first that matches: a budget overrun is an InvalidInput, but a 413
    ExtractionBudgetExceeded: 413,
    FileTooLarge: 413,
    NotFound: 404,
    Unauthorized: 401,
    YearLocked: 423,  # a Forbidden, but one an audited unlock lifts
    Forbidden: 403,
    Conflict: 409,
    InvalidInput: 422,
    TooManyAttempts: 429,
}
CODES = {
    404: "not_found",
    401: "unauthorized",
    403: "forbidden",
    409: "conflict",
    423: "locked",
    422: "invalid_input",
    400: "bad_request",
    405: "method_not_allowed",
    413: "too_large",
    429: "too_many_attempts",
    500: "internal",
}


def error_body(status: int, message: str, details: list[Any] | None = None) -> dict[str, Any]:
    """The JSON error shape.

    >>> error_body(404, "找不到指标")
    {'error': {'code': 'not_found', 'message': '找不到指标', 'details': []}}
    """
    return {
        "error": {"code": CODES.get(status, "error"), "message": message, "details": details or []}
    }


def status_of(error: PlanwatchError) -> int:
    return next((code for kind, code in STATUS.items() if isinstance(error, kind)), 400)


def wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def respond(
    request: Request, status: int, message: str, details: list[Any] | None = None
) -> Response:
    if wants_json(request):
        return JSONResponse(error_body(status, message, details), status_code=status)
    if status == 401:
        return RedirectResponse(f"/login?next={quote(request.url.path)}", status_code=303)
    templates = request.app.state.templates
    user, csrf = signed_in(request)
    page: Response = templates.TemplateResponse(
        request,
        "error.html",
        {"status": status, "message": message, "details": details or [], "user": user,
         "csrf": csrf, "plans": [], "switchable": ()},
        status_code=status,
    )  # fmt: skip
    return page


@dataclass(frozen=True, slots=True)
class SignedIn:
    """Who the header of an error page names (read apart from the failed request's session)."""

    username: str
    display_name: str | None
    role: str


def signed_in(request: Request) -> tuple[SignedIn | None, str]:
    """The signed-in user and CSRF token of the request's cookie, or (None, "").

    Errors here are swallowed: an error page must render even when the database is what
    failed.
    """
    database = getattr(request.app.state, "database", None)
    token = request.cookies.get(SESSION_COOKIE)
    if database is None or not token:
        return None, ""
    try:
        with database.new_session() as session:
            row = session_for_token(session, token)
            if row is None:
                return None, ""
            user = SignedIn(row.user.username, row.user.display_name, row.user.role)
            return user, csrf_token(row.csrf_secret)
    except SQLAlchemyError:
        logger.exception("the error page could not read the session")
        return None, ""


def install(app: FastAPI) -> None:
    """Register the handlers that turn every error into the one shape."""

    @app.exception_handler(PlanwatchError)
    async def planwatch_error(request: Request, error: PlanwatchError) -> Response:
        details: list[Any] | None = None
        if isinstance(error, ImplausibleValue):
            details = [{"check": c.code, "message": c.message} for c in error.checks]
        elif isinstance(error, Conflict) and error.current_version is not None:
            details = [{"current_version": error.current_version}]
        response = respond(request, status_of(error), str(error), details)
        if isinstance(error, TooManyAttempts):
            response.headers["Retry-After"] = str(error.retry_after)
        return response

    @app.exception_handler(DataError)
    async def data_error(request: Request, error: DataError) -> Response:
        # A value the database refuses (NUL in text on PostgreSQL, a number out of its
        # column's range) that no check before it caught: the request's fault.
        if "NUL" in str(error.orig):
            return respond(request, 422, "文本中不能含有 NUL 控制字符(U+0000)")
        return respond(request, 422, "数值超出数据库允许的范围")

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, error: RequestValidationError) -> Response:
        details = [
            {"field": ".".join(str(part) for part in e["loc"]), "message": e["msg"]}
            for e in error.errors()
        ]
        return respond(request, 422, "请求参数不正确", details)

    @app.exception_handler(OverflowError)
    async def overflow_error(request: Request, error: OverflowError) -> Response:
        # SQLite's driver raises this, unwrapped, for an integer past 2**63 - 1.
        return respond(request, 422, "数值超出数据库允许的范围")

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, error: HTTPException) -> Response:
        messages = {404: "页面不存在", 405: "不支持该请求方法"}
        return respond(
            request,
            error.status_code,
            str(error.detail)
            if error.detail and error.status_code not in messages
            else messages.get(error.status_code, "请求错误"),
        )


__all__ = ["HTMLResponse", "install"]
