"""What the web app needs to keep sessions and forms safe, as pure functions (docs/security.md).

The session cookie carries a random token (services.users.start_session); its options are
built here so every response sets them the same way. Forms and other writes carry a CSRF
token derived from the session's secret with HMAC-SHA256: a fresh random nonce per token, so
each page shows a different one, and any of them checks against its own session only.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import timedelta
from typing import Literal, TypedDict
from urllib.parse import urlsplit

from planwatch.services.users import PASSWORD_MIN_LENGTH

SESSION_COOKIE = "planwatch_session"
CSRF_FIELD = "csrf_token"  # the hidden form field
CSRF_HEADER = "X-CSRF-Token"  # the header for fetch() writes of the JSON API
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})

PASSWORD_POLICY = (
    f"密码至少 {PASSWORD_MIN_LENGTH} 个字符,不能全是数字,不能与用户名相同,"
    "不能是常见密码或只由两三个字符重复组成;建议使用一句容易记住的话。"
)

# Pages load only their own scripts (base.html: echarts.min.js, app.js) and send data in
# data-* attributes, so scripts need no 'unsafe-inline'. Styles do: overview.html draws its
# progress bars with style="width: …" attributes. ECharts may export a chart as a data: URL.
CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    )
)
_HEADERS = (
    ("x-content-type-options", "nosniff"),
    ("x-frame-options", "DENY"),
    ("referrer-policy", "same-origin"),
    ("cross-origin-opener-policy", "same-origin"),
    ("permissions-policy", "camera=(), microphone=(), geolocation=()"),
)

_CSRF_CONTEXT = b"planwatch-csrf-v1:"
_NONCE_HEX = 32  # 16 random bytes
_MAC_HEX = 64  # HMAC-SHA256


class CookieOptions(TypedDict):
    """Keyword arguments of Starlette's ``Response.set_cookie`` besides the value."""

    key: str
    max_age: int
    path: str
    secure: bool
    httponly: bool
    samesite: Literal["lax", "strict", "none"]


class ClearCookieOptions(TypedDict):
    """Keyword arguments of Starlette's ``Response.delete_cookie``."""

    key: str
    path: str
    secure: bool
    httponly: bool
    samesite: Literal["lax", "strict", "none"]


def security_headers(*, csp: bool = True) -> list[tuple[bytes, bytes]]:
    """The headers every response carries, as ASGI (name, value) byte pairs.

    ``csp=False`` for the API's interactive documentation page, which FastAPI builds from
    an inline script.

    >>> dict(security_headers())[b"x-frame-options"], len(security_headers(csp=False))
    (b'DENY', 5)
    """
    pairs = [*_HEADERS, *((("content-security-policy", CONTENT_SECURITY_POLICY),) if csp else ())]
    return [(name.encode(), value.encode()) for name, value in pairs]


def session_cookie(ttl: timedelta, *, secure: bool) -> CookieOptions:
    """How to set the session cookie: HttpOnly, SameSite=Lax, Secure unless turned off.

    ``response.set_cookie(value=raw_token, **session_cookie(ttl, secure=settings.secure_cookies))``

    >>> session_cookie(timedelta(hours=12), secure=True)["max_age"]
    43200
    """
    return CookieOptions(
        key=SESSION_COOKIE,
        max_age=int(ttl.total_seconds()),
        path="/",
        secure=secure,
        httponly=True,
        samesite="lax",
    )


def clear_session_cookie(*, secure: bool) -> ClearCookieOptions:
    """How to delete the session cookie on sign-out: ``response.delete_cookie(**…)``.

    >>> clear_session_cookie(secure=False)["key"]
    'planwatch_session'
    """
    return ClearCookieOptions(
        key=SESSION_COOKIE, path="/", secure=secure, httponly=True, samesite="lax"
    )


def csrf_token(csrf_secret: str) -> str:
    """A token for a form of the session whose secret this is: ``nonce.hmac``.

    >>> token = csrf_token("0" * 64)
    >>> len(token), check_csrf("0" * 64, token), check_csrf("1" * 64, token)
    (97, True, False)
    """
    if not csrf_secret:
        raise ValueError("csrf_secret is empty")
    nonce = secrets.token_hex(_NONCE_HEX // 2)
    return f"{nonce}.{_mac(csrf_secret, nonce)}"


def check_csrf(csrf_secret: str | None, token: str | None) -> bool:
    """Whether ``token`` was made by csrf_token for this secret; compared in constant time.

    >>> check_csrf("0" * 64, None), check_csrf("0" * 64, "forged")
    (False, False)
    """
    if not csrf_secret or not token or len(token) != _NONCE_HEX + 1 + _MAC_HEX:
        return False
    nonce, _, mac = token.partition(".")
    if len(nonce) != _NONCE_HEX:
        return False
    return hmac.compare_digest(_mac(csrf_secret, nonce).encode(), mac.encode("utf-8", "replace"))


def needs_csrf(method: str) -> bool:
    """Whether a request of this HTTP method must carry a CSRF token: every write does.

    >>> needs_csrf("GET"), needs_csrf("post")
    (False, True)
    """
    return method.upper() not in SAFE_METHODS


def same_origin(origin: str | None, base_url: str) -> bool:
    """Whether an Origin (or Referer) header names the app's own scheme, host and port.

    A second check for forms that have no session yet, such as the sign-in form.

    >>> same_origin("https://plan.example.cn", "https://plan.example.cn/")
    True
    >>> same_origin("https://evil.example", "https://plan.example.cn/"), same_origin(None, "/")
    (False, False)
    """
    if not origin:
        return False
    sent, own = urlsplit(origin), urlsplit(base_url)
    return bool(sent.scheme and sent.netloc) and (
        sent.scheme.lower(),
        sent.netloc.lower(),
    ) == (own.scheme.lower(), own.netloc.lower())


def _mac(csrf_secret: str, nonce: str) -> str:
    return hmac.new(
        csrf_secret.encode(), _CSRF_CONTEXT + nonce.encode(), hashlib.sha256
    ).hexdigest()
