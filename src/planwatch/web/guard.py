"""The outermost guard of every request, before any route, dependency or sign-in runs.

- A body larger than the limit is refused with 413: at once from ``Content-Length``, and
  while it streams in for a body sent without one (chunked), so a 100 MB JSON body costs
  nothing before its 401. JSON and form bodies have a small limit; multipart uploads the
  larger one (docs/security.md).
- A NUL character (U+0000) in the path, the query, a form or a JSON body is refused with
  422: PostgreSQL cannot store it in text, and SQLite's full-text search chokes on it.
- Every response carries the security headers (web/security.py).
- An unexpected error is answered with 500 in the one error shape and logged; it is not
  raised on to the server, which would then reset the keep-alive connection.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from planwatch.web import errors
from planwatch.web.security import security_headers

logger = logging.getLogger(__name__)

# A JSON string escape of U+0000: \u0000 after an even number of other backslashes.
JSON_NUL = re.compile(
    rb"""(?<!\\) (?:\\\\)*   # pairs of backslashes are literal backslashes
         \\u0000             # "a\u0000b"
    """,
    re.VERBOSE | re.IGNORECASE,
)
NUL_MESSAGE = "文本中不能含有 NUL 控制字符(U+0000)"


class BodyTooLarge(HTTPException):
    """A request body over its limit; raised while it streams in, answered with 413."""

    def __init__(self, limit: int) -> None:
        super().__init__(413, f"请求内容超过 {_megabytes(limit)} 上限")


class RequestGuard:
    """ASGI middleware: body limits, NUL refusal, security headers, a 500 in the one shape."""

    def __init__(
        self, app: ASGIApp, *, max_body_bytes: int, max_upload_bytes: int, docs_path: str
    ) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes
        self.max_upload_bytes = max_upload_bytes
        self.docs_path = docs_path

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False
        headers = security_headers(csp=not scope["path"].startswith(self.docs_path))

        async def send_guarded(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                message["headers"] = [*message.get("headers", []), *headers]
            await send(message)

        async def answer(status: int, message: str) -> None:
            await _answer(scope, send_guarded, status, message)

        if _has_nul(scope):
            await answer(422, NUL_MESSAGE)
            return
        multipart = _content_type(scope).startswith("multipart/")
        limit = self.max_upload_bytes if multipart else self.max_body_bytes
        length = _content_length(scope)
        if length is not None and length > limit:
            await answer(413, BodyTooLarge(limit).detail)
            return
        if multipart:
            receive = _counted(receive, limit)
        elif scope["method"] not in ("GET", "HEAD", "OPTIONS"):
            body = await _buffered(receive, limit)
            if body is None:
                await answer(413, BodyTooLarge(limit).detail)
                return
            if _body_has_nul(scope, body):
                await answer(422, NUL_MESSAGE)
                return
            receive = _replay(body, receive)
        try:
            await self.app(scope, receive, send_guarded)
        except BodyTooLarge as error:
            if not started:
                await answer(413, error.detail)
        except Exception:
            logger.exception("unexpected error on %s %s", scope["method"], scope["path"])
            if not started:
                await answer(500, "服务器内部错误,已记录,请稍后重试或联系管理员")


async def _answer(scope: Scope, send: Send, status: int, message: str) -> None:
    """The one error shape: JSON under /api/, the error page elsewhere."""
    request = Request(scope)
    try:
        response = errors.respond(request, status, message)
    except Exception:  # the error page itself failed: JSON is always possible
        logger.exception("error page failed")
        response = JSONResponse(errors.error_body(status, message), status_code=status)
    await response(scope, _no_body, send)


async def _no_body() -> Message:
    return {"type": "http.disconnect"}


def _header(scope: Scope, name: bytes) -> bytes | None:
    for key, value in scope.get("headers", []):
        if key.lower() == name:
            return bytes(value)
    return None


def _content_type(scope: Scope) -> str:
    return (_header(scope, b"content-type") or b"").decode("latin-1").lower()


def _content_length(scope: Scope) -> int | None:
    """The declared length; an unreadable one counts as unknown (the stream is counted)."""
    value = _header(scope, b"content-length")
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


def _has_nul(scope: Scope) -> bool:
    """NUL in the path (decoded) or the query string (raw or percent-encoded)."""
    query: bytes = scope.get("query_string", b"")
    return "\x00" in scope["path"] or b"\x00" in query or b"%00" in query


def _body_has_nul(scope: Scope, body: bytes) -> bool:
    kind = _content_type(scope)
    if kind.startswith("application/json") or kind.endswith("+json"):
        return b"\x00" in body or JSON_NUL.search(body) is not None
    if kind.startswith("application/x-www-form-urlencoded"):
        return b"\x00" in body or b"%00" in body
    return False


async def _buffered(receive: Receive, limit: int) -> bytes | None:
    """The whole body, or None as soon as it passes ``limit``."""
    body = bytearray()
    while True:
        message = await receive()
        if message["type"] != "http.request":
            return bytes(body)
        body.extend(message.get("body", b""))
        if len(body) > limit:
            return None
        if not message.get("more_body", False):
            return bytes(body)


def _replay(body: bytes, receive: Receive) -> Receive:
    sent = False

    async def replayed() -> Message:
        nonlocal sent
        if sent:
            return await receive()
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    return replayed


def _counted(receive: Receive, limit: int) -> Callable[[], Awaitable[MutableMapping[str, Any]]]:
    size = 0

    async def counted() -> Message:
        nonlocal size
        message = await receive()
        if message["type"] == "http.request":
            size += len(message.get("body", b""))
            if size > limit:
                raise BodyTooLarge(limit)
        return message

    return counted


def _megabytes(size: int) -> str:
    """A byte limit as a message names it.

    >>> _megabytes(1024 * 1024), _megabytes(512)
    ('1.0 MB', '512 字节')
    """
    return f"{size / 1024 / 1024:.1f} MB" if size >= 1024 * 1024 else f"{size} 字节"
