"""Use case: the managed list of responsible units (部门, 镇街, 上级机关) and their aliases.

A name a person or a document writes is resolved against every department name and alias:
the same name, an alias or an abbreviation (``extract.departments.match_department``)
denotes a known department; anything else is a question (:class:`UnknownDepartment`, with
ranked candidates) unless the caller explicitly creates the department.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from planwatch.errors import InvalidInput, UnknownDepartment
from planwatch.extract.departments import (
    SCORE_SHORTENED,
    DepartmentMatch,
    MatchKind,
    clean_unit,
    match_department,
)
from planwatch.services.audit import record
from planwatch.store.models import Department, DepartmentAlias

KINDS = ("部门", "镇街", "上级机关")
ALIAS_KINDS = ("alias", "abbreviation")
# A town or street: 华阳街道, 分水岭镇, 丹林乡 (why: its editors report like a department's).
TOWN_ENDINGS = ("镇", "乡", "街道", "街道办事处", "街道办")
NAME_MAX_LENGTH = 100


def departments(session: Session) -> list[Department]:
    """Every department with its aliases, by name."""
    query = select(Department).options(selectinload(Department.aliases)).order_by(Department.name)
    return list(session.scalars(query))


def _names(session: Session) -> dict[str, Department]:
    """Every name that denotes a department: its own and its aliases'."""
    known: dict[str, Department] = {}
    for found in departments(session):
        known[found.name] = found
        for alias in found.aliases:
            known[alias.name] = found
    return known


def match(session: Session, name: str) -> DepartmentMatch:
    """How a written name matches the list (exact, alias, abbreviation or unknown)."""
    return match_department(name, _names(session))


def guess_kind(name: str) -> str:
    """The kind a new unit's name suggests.

    >>> guess_kind("华阳街道"), guess_kind("区发改局")
    ('镇街', '部门')
    """
    return "镇街" if clean_unit(name).endswith(TOWN_ENDINGS) else "部门"


def find_department(
    session: Session,
    name: str,
    *,
    create: bool = False,
    kind: str | None = None,
    actor: str = "system",
) -> Department:
    """The department a name denotes; an unknown name raises :class:`UnknownDepartment`.

    With ``create`` an unknown name becomes a new department (audited); a name that matches
    a known one by alias or abbreviation is never duplicated.
    """
    text = clean_unit(name)
    if not text:
        raise InvalidInput("单位名称不能为空")
    known = _names(session)
    found = match_department(text, known)
    if found.kind is not MatchKind.UNKNOWN and found.department is not None:
        return known[found.department]
    # A tie between a department and its own alias (区科经局: both shortenings) is no question.
    best = max((c.score for c in found.candidates), default=0.0)
    tied = {known[c.name].id: known[c.name] for c in found.candidates if c.score == best}
    if best >= SCORE_SHORTENED and len(tied) == 1:
        return next(iter(tied.values()))
    if not create:
        names = dict.fromkeys(known[c.name].name for c in found.candidates)
        raise UnknownDepartment(text, tuple(names))
    return add_department(session, text, kind or guess_kind(text), actor)


def add_department(session: Session, name: str, kind: str, actor: str) -> Department:
    """Add a unit to the list after checking its name and kind; audited."""
    text = clean_unit(name)
    if not text or len(text) > NAME_MAX_LENGTH:
        raise InvalidInput(f"单位名称应为 1 至 {NAME_MAX_LENGTH} 个字符")
    if kind not in KINDS:
        raise InvalidInput(f"单位类型「{kind}」应为 {'、'.join(KINDS)} 之一")
    if text in _names(session):
        raise InvalidInput(f"单位「{text}」已存在")
    department = Department(name=text, kind=kind)
    session.add(department)
    session.flush()
    record(session, actor, "add", "department", department.id, None, {"name": text, "kind": kind})
    return department


def add_alias(
    session: Session, department: Department, name: str, kind: str, actor: str
) -> DepartmentAlias:
    """Record another name of a department (an alias or an abbreviation); audited."""
    text = clean_unit(name)
    if kind not in ALIAS_KINDS:
        raise InvalidInput(f"别名类型「{kind}」应为 alias 或 abbreviation")
    owner = _names(session).get(text)
    if owner is not None:
        raise InvalidInput(f"名称「{text}」已属于单位「{owner.name}」")
    alias = DepartmentAlias(name=text, kind=kind)
    department.aliases.append(alias)
    session.flush()
    record(session, actor, "alias", "department", department.id, None, {"alias": text})
    return alias
