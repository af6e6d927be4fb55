"""Use case: users, their passwords and sessions, and who may change what (docs/security.md).

Three roles: the planning bureau's administrators (管理员) may do everything; a department
editor (部门填报员) may change only the indicators of its own department; a viewer (查看者)
only reads. Passwords are kept as argon2id hashes; a browser session is a random token whose
sha256 alone is stored. Every change to a user is written to the audit log, never a hash.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from functools import cache
from importlib import resources

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from argon2.profiles import RFC_9106_LOW_MEMORY
from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from planwatch.errors import Forbidden, InvalidInput, NotFound, Unauthorized
from planwatch.services.audit import record
from planwatch.services.department_list import find_department
from planwatch.store.models import IndicatorRecord, SessionRecord, UserRecord


class Role(StrEnum):
    """What a user may do; the value is stored, the label shown.

    >>> Role("editor").label, parse_role("查看者")
    ('部门填报员', <Role.VIEWER: 'viewer'>)
    """

    ADMIN = "admin"  # 管理员: the planning bureau
    REVIEWER = "reviewer"  # 审核员: the planning bureau's reviewer; approves or returns reports
    EDITOR = "editor"  # 部门填报员: changes only its own department's indicators
    VIEWER = "viewer"  # 查看者: reads only

    @property
    def label(self) -> str:
        return ROLE_LABELS[self]


ROLE_LABELS = {
    Role.ADMIN: "管理员",
    Role.REVIEWER: "审核员",
    Role.EDITOR: "部门填报员",
    Role.VIEWER: "查看者",
}

# argon2id with the RFC 9106 "low memory" profile: 3 passes over 64 MiB, 4 lanes, 16-byte
# salt, 32-byte hash. Hashes made with other parameters are upgraded at the next sign-in.
HASHER = PasswordHasher.from_parameters(RFC_9106_LOW_MEMORY)

# A login name: ASCII letters, digits and . _ -, starting with a letter or digit ("zhang.san").
USERNAME = re.compile(
    r"""^[a-z0-9]          # starts with a letter or digit
        [a-z0-9._-]{2,49}$  # then 2 to 49 more: 3 to 50 in all""",
    re.VERBOSE,
)
PASSWORD_MIN_LENGTH = 10
PASSWORD_MIN_DISTINCT = 4  # "abababababab" and "aaaaaaaaaa1" are trivial
# A common password with digits or punctuation added at its end: "password2025!".
COMMON_SUFFIX = re.compile(r"[\d\W_]+$")
PASSWORD_MAX_LENGTH = 200
DISPLAY_NAME_MAX_LENGTH = 100
TOKEN_BYTES = 32
MAX_TOKEN_LENGTH = 100  # a cookie longer than any token we issue is refused unhashed


def parse_role(text: str) -> Role:
    """A role from its value or its Chinese label.

    >>> parse_role("admin"), parse_role("部门填报员")
    (<Role.ADMIN: 'admin'>, <Role.EDITOR: 'editor'>)
    """
    for role in Role:
        if text.strip() in (role.value, role.label):
            return role
    raise InvalidInput(
        f"角色「{text}」应为 admin(管理员)、reviewer(审核员)、editor(部门填报员)或 viewer(查看者)"
    )


def normal_username(username: str) -> str:
    """The stored form of a login name: trimmed and lower case.

    >>> normal_username(" Zhang.San ")
    'zhang.san'
    """
    return username.strip().lower()


def password_problem(password: str, username: str = "") -> str | None:
    """Why a password is refused, or None when it is acceptable.

    >>> password_problem("1234567890")
    '密码不能全是数字'
    >>> password_problem("jiangyang-2025") is None
    True
    >>> password_problem("Password2025!"), password_problem("abababababab")
    ('密码太常见,请换一个', '密码过于简单(字符种类太少)')
    """
    if len(password) < PASSWORD_MIN_LENGTH:
        return f"密码至少需要 {PASSWORD_MIN_LENGTH} 个字符"
    if len(password) > PASSWORD_MAX_LENGTH:
        return f"密码不能超过 {PASSWORD_MAX_LENGTH} 个字符"
    if password.isdigit():
        return "密码不能全是数字"
    if username and password.strip().lower() == normal_username(username):
        return "密码不能与用户名相同"
    if len(set(password.lower())) < PASSWORD_MIN_DISTINCT:
        return "密码过于简单(字符种类太少)"
    lowered = password.strip().lower()
    if lowered in common_passwords() or COMMON_SUFFIX.sub("", lowered) in common_passwords():
        return "密码太常见,请换一个"
    return None


@cache
def common_passwords() -> frozenset[str]:
    """The bundled list of common passwords (data/passwords/common.txt), loaded once.

    >>> "qwertyuiop" in common_passwords()
    True
    """
    text = resources.files("planwatch").joinpath("data/passwords/common.txt").read_text("utf-8")
    return frozenset(
        line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")
    )


def user_snapshot(user: UserRecord) -> dict[str, object]:
    """The audited fields of a user; never the password hash."""
    return {
        "username": user.username,
        "display_name": user.display_name,
        "role": user.role,
        "department": user.department.name if user.department else None,
        "active": user.active,
    }


def add_user(
    session: Session,
    username: str,
    password: str,
    role: Role | str,
    department: str | None,
    display_name: str | None,
    actor: str,
    *,
    create_department: bool = False,
) -> UserRecord:
    """Add a user after checking name, password and role; audited.

    An editor needs a department of the managed list (an unknown name is refused unless
    ``create_department``); a duplicate name is refused.
    """
    name = normal_username(username)
    if not USERNAME.match(name):
        raise InvalidInput(
            f"用户名「{username}」应为 3 至 50 个字符,只含字母、数字和 . _ -,以字母或数字开头"
        )
    checked_role = role if isinstance(role, Role) else parse_role(role)
    department = (department or "").strip() or None
    if checked_role is Role.EDITOR and department is None:
        raise InvalidInput("部门填报员需要指定所属部门(--department)")
    display = (display_name or "").strip() or name
    if len(display) > DISPLAY_NAME_MAX_LENGTH:
        raise InvalidInput(f"姓名不能超过 {DISPLAY_NAME_MAX_LENGTH} 个字符")
    problem = password_problem(password, name)
    if problem:
        raise InvalidInput(problem)
    if session.scalars(select(UserRecord.id).where(UserRecord.username == name)).first():
        raise InvalidInput(f"用户名「{name}」已存在")
    user = UserRecord(
        username=name,
        display_name=display,
        password_hash=HASHER.hash(password),
        role=checked_role.value,
        department=(
            find_department(session, department, create=create_department, actor=actor)
            if department
            else None
        ),
        active=True,
    )
    session.add(user)
    session.flush()
    record(session, actor, "add", "user", user.id, None, user_snapshot(user))
    return user


def find_user(session: Session, username: str) -> UserRecord:
    """The user of that login name, active or not."""
    name = normal_username(username)
    user = session.scalars(select(UserRecord).where(UserRecord.username == name)).first()
    if user is None:
        raise NotFound(f"没有用户「{name}」")
    return user


def list_users(session: Session) -> list[UserRecord]:
    """Every user, by login name."""
    return list(session.scalars(select(UserRecord).order_by(UserRecord.username)))


def authenticate(
    session: Session, username: str, password: str, now: datetime | None = None
) -> UserRecord | None:
    """The active user with that name and password, or None; a success is audited.

    An unknown name costs one argon2 verification too, so response times do not tell which
    names exist. A hash made with older parameters is replaced by a current one.
    """
    user = session.scalars(
        select(UserRecord).where(UserRecord.username == normal_username(username))
    ).first()
    if user is None:
        _verify(_dummy_hash(), password)
        return None
    if not _verify(user.password_hash, password) or not user.active:
        return None
    if HASHER.check_needs_rehash(user.password_hash):
        user.password_hash = HASHER.hash(password)
    user.last_login_at = _utc(now)
    record(session, user.username, "login", "user", user.id, None, {"username": user.username})
    return user


def set_password(session: Session, user: UserRecord, password: str, actor: str) -> None:
    """Give the user a new password and end all of its sessions; audited without the hash."""
    problem = password_problem(password, user.username)
    if problem:
        raise InvalidInput(problem)
    user.password_hash = HASHER.hash(password)
    _end_all_sessions(session, user)
    after: dict[str, object] = {"username": user.username, "password": "changed"}
    record(session, actor, "password", "user", user.id, None, after)


def deactivate(session: Session, user: UserRecord, actor: str) -> UserRecord:
    """Refuse the user from now on and end its sessions; the last active admin stays."""
    if not user.active:
        return user
    if user.role == Role.ADMIN and _active_admins(session) <= 1:
        raise InvalidInput(f"「{user.username}」是唯一的管理员,不能停用")
    before = user_snapshot(user)
    user.active = False
    _end_all_sessions(session, user)
    record(session, actor, "deactivate", "user", user.id, before, user_snapshot(user))
    return user


def start_session(
    session: Session, user: UserRecord, ttl: timedelta, now: datetime | None = None
) -> tuple[str, SessionRecord]:
    """A new session for a signed-in user: the raw token for the cookie, and the stored row.

    Only the token's sha256 is stored, so a copy of the database signs no one in.
    """
    if not user.active:
        raise Unauthorized(f"用户「{user.username}」已停用")
    started = _utc(now)
    token = secrets.token_urlsafe(TOKEN_BYTES)
    row = SessionRecord(
        id=token_digest(token),
        user=user,
        created_at=started,
        expires_at=started + ttl,
        csrf_secret=secrets.token_hex(32),
    )
    session.add(row)
    session.flush()
    return token, row


def session_for_token(
    session: Session, raw_token: str | None, now: datetime | None = None
) -> SessionRecord | None:
    """The live session of a cookie's token, or None (unknown, expired, user deactivated)."""
    if not raw_token or len(raw_token) > MAX_TOKEN_LENGTH:
        return None
    row = session.get(SessionRecord, token_digest(raw_token))
    if row is None or _utc(row.expires_at) <= _utc(now):
        return None
    return row if row.user.active else None


def user_for_token(
    session: Session, raw_token: str | None, now: datetime | None = None
) -> UserRecord | None:
    """The signed-in user of a cookie's token, or None."""
    row = session_for_token(session, raw_token, now)
    return row.user if row else None


def end_session(session: Session, raw_token: str | None) -> None:
    """Sign out: forget the session of that token (nothing happens for an unknown token)."""
    if raw_token and len(raw_token) <= MAX_TOKEN_LENGTH:
        session.execute(delete(SessionRecord).where(SessionRecord.id == token_digest(raw_token)))


def purge_sessions(session: Session, now: datetime | None = None) -> int:
    """Delete expired sessions; returns how many."""
    result = session.execute(delete(SessionRecord).where(SessionRecord.expires_at <= _utc(now)))
    return int(getattr(result, "rowcount", 0) or 0)


def token_digest(raw_token: str) -> str:
    """The stored id of a session token: its sha256 in hex.

    >>> token_digest("abc")[:16]
    'ba7816bf8f01cfea'
    """
    return hashlib.sha256(raw_token.encode()).hexdigest()


def can_view(user: UserRecord | None, public_read: bool) -> bool:
    """Whether pages and data may be read: by anyone in public read-only mode, else signed in."""
    return public_read or (user is not None and user.active)


def can_administer(user: UserRecord | None) -> bool:
    """Whether the user may manage users, plans and every indicator."""
    return user is not None and user.active and user.role == Role.ADMIN


def can_edit_indicator(user: UserRecord | None, indicator: IndicatorRecord) -> bool:
    """Whether the user may change this indicator and its data.

    Administrators may change any; an editor only those of its own department; no one else.
    """
    if user is None or not user.active:
        return False
    if user.role == Role.ADMIN:
        return True
    return (
        user.role == Role.EDITOR
        and user.department_id is not None
        and indicator.department_id == user.department_id
    )


def require_admin(user: UserRecord | None) -> UserRecord:
    """The user, if an administrator; else Unauthorized (no one signed in) or Forbidden."""
    if user is None or not user.active:
        raise Unauthorized("请先登录")
    if not can_administer(user):
        raise Forbidden("只有管理员可以进行此操作")
    return user


def require_edit(user: UserRecord | None, indicator: IndicatorRecord) -> UserRecord:
    """The user, if it may change the indicator; else Unauthorized or Forbidden."""
    if user is None or not user.active:
        raise Unauthorized("请先登录")
    if not can_edit_indicator(user, indicator):
        if user.role == Role.EDITOR:
            raise Forbidden(f"只能修改本部门的指标,「{indicator.name}」不属于本部门")
        raise Forbidden(f"{Role(user.role).label}不能修改指标")
    return user


def _verify(password_hash: str, password: str) -> bool:
    try:
        return HASHER.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


@cache
def _dummy_hash() -> str:
    """A hash of a random password, made on first need (hashing at import would be slow)."""
    return HASHER.hash(secrets.token_urlsafe(16))


def _end_all_sessions(session: Session, user: UserRecord) -> None:
    session.execute(delete(SessionRecord).where(SessionRecord.user_id == user.id))


def _active_admins(session: Session) -> int:
    query = select(func.count(UserRecord.id)).where(
        UserRecord.role == Role.ADMIN.value, UserRecord.active.is_(True)
    )
    return int(session.scalar(query) or 0)


def _utc(moment: datetime | None) -> datetime:
    """``moment`` (now when None) in UTC; a time without a zone counts as UTC, since SQLite
    returns stored UTC times without their zone while PostgreSQL keeps it."""
    if moment is None:
        return datetime.now(UTC)
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
