"""Use case: an administrator manages users on the web: role, department, reactivation.

Adding users, passwords and deactivation are in services/users.py; every change is audited.
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from planwatch.errors import InvalidInput
from planwatch.services.audit import record
from planwatch.services.department_list import find_department
from planwatch.services.users import Role, parse_role, user_snapshot
from planwatch.store.models import UserRecord


def reactivate(session: Session, user: UserRecord, actor: str) -> UserRecord:
    """Let a deactivated user sign in again (with its old password); audited."""
    if user.active:
        return user
    before = user_snapshot(user)
    user.active = True
    session.flush()
    record(session, actor, "reactivate", "user", user.id, before, user_snapshot(user))
    return user


def change_role(
    session: Session, user: UserRecord, role: str, department: str | None, actor: str
) -> UserRecord:
    """Give a user another role (and department, which an editor needs); audited.

    The last active administrator keeps its role.
    """
    checked = parse_role(role)
    name = (department or "").strip()
    if checked is Role.EDITOR and not name:
        raise InvalidInput("部门填报员需要指定所属部门")
    if user.role == Role.ADMIN and checked is not Role.ADMIN and user.active:
        admins = session.scalar(
            select(func.count()).where(UserRecord.role == Role.ADMIN, UserRecord.active)
        )
        if (admins or 0) <= 1:
            raise InvalidInput(f"「{user.username}」是唯一的管理员,不能改为其他角色")
    found = find_department(session, name) if name else None  # before any change is flushed
    before = user_snapshot(user)
    user.role, user.department = checked.value, found
    session.flush()
    record(session, actor, "role", "user", user.id, before, user_snapshot(user))
    return user
