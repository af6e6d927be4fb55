"""What routes depend on: the request's database session, the signed-in user, CSRF checks."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Annotated

from annotated_types import Ge, Le
from fastapi import Depends, Request
from pydantic import AfterValidator
from sqlalchemy.orm import Session

from planwatch.domain.text import clean_text
from planwatch.errors import Forbidden, Unauthorized
from planwatch.services.users import can_view, session_for_token
from planwatch.settings import Settings
from planwatch.store.models import UserRecord
from planwatch.web.security import CSRF_FIELD, CSRF_HEADER, SESSION_COOKIE, check_csrf, csrf_token

# The largest id both databases can hold: PostgreSQL's INTEGER (SQLite's is 2**63 - 1).
MAX_ID = 2**31 - 1
Id = Annotated[int, Ge(1), Le(MAX_ID)]
"""A row id in a path, a query or a payload: a larger one is a 422, never a 500."""

CleanText = Annotated[str, AfterValidator(clean_text)]
"""A text field of a payload or a form, control characters removed (domain/text.py)."""


def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def get_session(request: Request) -> Iterator[Session]:
    """A session per request; writes commit explicitly, anything unfinished rolls back."""
    session = request.app.state.database.new_session()
    session.info["overview_cache"] = request.app.state.overviews
    try:
        yield session
    finally:
        session.rollback()
        session.close()


SettingsDep = Annotated[Settings, Depends(get_settings)]
SessionDep = Annotated[Session, Depends(get_session)]


@dataclass(frozen=True, slots=True)
class Auth:
    """Who is asking: a user (or None) and the CSRF secret of their web session."""

    user: UserRecord | None
    csrf_secret: str | None

    @property
    def csrf(self) -> str:
        """The token forms and scripts send back with every write."""
        return csrf_token(self.csrf_secret) if self.csrf_secret else ""


def get_auth(request: Request, session: SessionDep) -> Auth:
    row = session_for_token(session, request.cookies.get(SESSION_COOKIE))
    return Auth(row.user, row.csrf_secret) if row else Auth(None, None)


AuthDep = Annotated[Auth, Depends(get_auth)]


def get_reader(auth: AuthDep, settings: SettingsDep) -> Auth:
    """Reading needs a signed-in user unless the public read-only mode is on."""
    if not can_view(auth.user, settings.public_read):
        raise Unauthorized("请先登录")
    return auth


ReaderDep = Annotated[Auth, Depends(get_reader)]


async def get_writer(request: Request, auth: AuthDep) -> UserRecord:
    """A write needs a signed-in user and the CSRF token of their session."""
    if auth.user is None or auth.csrf_secret is None:
        raise Unauthorized("请先登录")
    token = request.headers.get(CSRF_HEADER)
    if token is None and request.headers.get("content-type", "").startswith(
        ("application/x-www-form-urlencoded", "multipart/form-data")
    ):
        form = await request.form()
        value = form.get(CSRF_FIELD)
        token = value if isinstance(value, str) else None
    if not token or not check_csrf(auth.csrf_secret, token):
        raise Forbidden("缺少或无效的 CSRF 令牌,请刷新页面后重试")
    return auth.user


WriterDep = Annotated[UserRecord, Depends(get_writer)]
