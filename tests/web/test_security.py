"""The web security primitives: session cookie options, CSRF tokens, origin checks."""

from __future__ import annotations

import secrets
from datetime import UTC, datetime, timedelta

import pytest
from starlette.responses import Response

from planwatch.services.users import Role, add_user, start_session
from planwatch.store.database import Database
from planwatch.web.security import (
    CSRF_FIELD,
    CSRF_HEADER,
    PASSWORD_POLICY,
    SESSION_COOKIE,
    check_csrf,
    clear_session_cookie,
    csrf_token,
    needs_csrf,
    same_origin,
    session_cookie,
)

SECRET = "a1" * 32
OTHER_SECRET = "b2" * 32
TOKEN = csrf_token(SECRET)
NONCE, MAC = TOKEN.split(".")


def _flip(text: str) -> str:
    return text[:-1] + ("0" if text[-1] != "0" else "1")


CSRF_CASES = [
    # id, session's secret, token sent, accepted
    ("own token", SECRET, TOKEN, True),
    ("another token of the same session", SECRET, csrf_token(SECRET), True),
    ("token of another session", OTHER_SECRET, TOKEN, False),
    ("no token", SECRET, None, False),
    ("empty token", SECRET, "", False),
    ("no session", None, TOKEN, False),
    ("empty secret", "", TOKEN, False),
    ("the secret itself", SECRET, SECRET, False),
    ("changed signature", SECRET, f"{NONCE}.{_flip(MAC)}", False),
    ("changed nonce", SECRET, f"{_flip(NONCE)}.{MAC}", False),
    ("signature only", SECRET, MAC, False),
    ("truncated", SECRET, TOKEN[:-1], False),
    ("extended", SECRET, TOKEN + "0", False),
    ("separator moved", SECRET, f"{NONCE[:-1]}.{NONCE[-1]}{MAC}", False),
    ("upper case", SECRET, TOKEN.upper(), False),
    ("non-ASCII of the right length", SECRET, f"{NONCE}.{'令' * 64}", False),
]


@pytest.mark.parametrize(
    ("secret", "token", "accepted"), [c[1:] for c in CSRF_CASES], ids=[c[0] for c in CSRF_CASES]
)
def test_check_csrf(secret: str | None, token: str | None, accepted: bool) -> None:
    assert check_csrf(secret, token) is accepted


def test_each_csrf_token_is_fresh() -> None:
    tokens = {csrf_token(SECRET) for _ in range(20)}
    assert len(tokens) == 20 and all(check_csrf(SECRET, t) for t in tokens)
    assert not any(SECRET in t for t in tokens)


def test_csrf_token_needs_a_secret() -> None:
    with pytest.raises(ValueError, match="empty"):
        csrf_token("")


def test_csrf_tokens_of_two_real_sessions_do_not_cross(database: Database) -> None:
    now = datetime(2025, 3, 1, tzinfo=UTC)
    with database.session() as session:
        user = add_user(session, "editor", "江阳规划-2025-ok", Role.ADMIN, None, None, "setup")
        _, first = start_session(session, user, timedelta(hours=1), now)
        _, second = start_session(session, user, timedelta(hours=1), now)
        assert first.csrf_secret != second.csrf_secret
        token = csrf_token(first.csrf_secret)
        assert check_csrf(first.csrf_secret, token)
        assert not check_csrf(second.csrf_secret, token)


@pytest.mark.parametrize("secure", [True, False], ids=["https", "plain http"])
def test_session_cookie_options(secure: bool) -> None:
    options = session_cookie(timedelta(hours=8), secure=secure)
    assert options == {
        "key": "planwatch_session",
        "max_age": 8 * 3600,
        "path": "/",
        "secure": secure,
        "httponly": True,
        "samesite": "lax",
    }
    response = Response()
    response.set_cookie(value="token", **options)
    header = response.headers["set-cookie"]
    assert header.startswith(f"{SESSION_COOKIE}=token;")
    assert "HttpOnly" in header and "SameSite=lax" in header and "Path=/" in header
    assert ("Secure" in header) is secure


def test_clearing_the_session_cookie() -> None:
    response = Response()
    response.delete_cookie(**clear_session_cookie(secure=True))
    header = response.headers["set-cookie"]
    assert header.startswith(f'{SESSION_COOKIE}="";') and "Max-Age=0" in header
    assert "HttpOnly" in header and "Secure" in header


METHODS = [
    # method, needs a CSRF token
    ("GET", False),
    ("HEAD", False),
    ("OPTIONS", False),
    ("POST", True),
    ("post", True),
    ("PUT", True),
    ("PATCH", True),
    ("DELETE", True),
]


@pytest.mark.parametrize(("method", "needed"), METHODS, ids=[m for m, _ in METHODS])
def test_every_write_needs_csrf(method: str, needed: bool) -> None:
    assert needs_csrf(method) is needed


BASE = "https://plan.jiangyang.gov.cn/"
ORIGINS = [
    # id, Origin or Referer header, same origin
    ("same origin", "https://plan.jiangyang.gov.cn", True),
    ("referer on the same site", "https://plan.jiangyang.gov.cn/indicators/I005?x=1", True),
    ("host in capitals", "https://PLAN.jiangyang.gov.cn", True),
    ("other host", "https://evil.example", False),
    ("suffix host", "https://plan.jiangyang.gov.cn.evil.example", False),
    ("plain http", "http://plan.jiangyang.gov.cn", False),
    ("other port", "https://plan.jiangyang.gov.cn:8443", False),
    ("null origin", "null", False),
    ("missing", None, False),
    ("empty", "", False),
]


@pytest.mark.parametrize(("origin", "same"), [c[1:] for c in ORIGINS], ids=[c[0] for c in ORIGINS])
def test_same_origin(origin: str | None, same: bool) -> None:
    assert same_origin(origin, BASE) is same


def test_names_and_policy_text() -> None:
    assert (CSRF_FIELD, CSRF_HEADER) == ("csrf_token", "X-CSRF-Token")
    assert "至少 10 个字符" in PASSWORD_POLICY and "不能全是数字" in PASSWORD_POLICY


def test_random_secrets_never_check_against_each_other() -> None:
    secrets_ = [secrets.token_hex(32) for _ in range(10)]
    tokens = [csrf_token(s) for s in secrets_]
    assert [[check_csrf(s, t) for t in tokens] for s in secrets_] == [
        [i == j for j in range(10)] for i in range(10)
    ]
