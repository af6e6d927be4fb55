"""The managed department list: names, aliases and abbreviations resolve; unknown ones ask."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from planwatch.errors import InvalidInput, UnknownDepartment
from planwatch.services.department_list import (
    add_alias,
    add_department,
    find_department,
    guess_kind,
)
from planwatch.services.indicators import department
from planwatch.store.database import Database
from planwatch.store.models import AuditEntry, Department

KNOWN = ("区文化广播电视和旅游局", "区科学技术和经济信息化局", "华阳街道")

# (id, written name, the department it must resolve to)
RESOLVED = [
    ("same name", "区文化广播电视和旅游局", "区文化广播电视和旅游局"),
    ("full-width and spaces", "华阳 街道", "华阳街道"),
    ("listed alias", "区文广旅局", "区文化广播电视和旅游局"),
    ("shortening", "区科经局", "区科学技术和经济信息化局"),
    ("recorded alias", "区科经信局", "区科学技术和经济信息化局"),
]


@pytest.fixture
def listed(database: Database) -> Database:
    with database.session() as session:
        for name in KNOWN:
            add_department(session, name, guess_kind(name), "规划科")
        science = session.scalars(select(Department).where(Department.name == KNOWN[1])).one()
        add_alias(session, science, "区科经信局", "abbreviation", "规划科")
    return database


@pytest.mark.parametrize(("written", "expected"), [c[1:] for c in RESOLVED],
                         ids=[c[0] for c in RESOLVED])  # fmt: skip
def test_written_names_resolve_to_one_department(
    listed: Database, written: str, expected: str
) -> None:
    with listed.session() as session:
        assert department(session, written).name == expected
        assert session.scalar(select(func.count()).select_from(Department)) == 3


def test_an_unknown_name_is_a_question_with_candidates(listed: Database) -> None:
    with listed.session() as session, pytest.raises(UnknownDepartment) as raised:
        department(session, "市文化广播电视和旅游局")
    assert raised.value.name == "市文化广播电视和旅游局"
    # the city's bureau is not the district's, only like it: a candidate, never a match
    assert raised.value.candidates == ("区文化广播电视和旅游局",)
    assert isinstance(raised.value, InvalidInput)
    with listed.session() as session:
        assert session.scalar(select(func.count()).select_from(Department)) == 3


def test_explicit_create_adds_one_audited_department(listed: Database) -> None:
    with listed.session() as session:
        made = find_department(session, "丹林镇", create=True, actor="规划科")
        assert (made.name, made.kind) == ("丹林镇", "镇街")
        again = find_department(session, "丹林镇", create=True, actor="规划科")
        assert again.id == made.id
        entries = session.scalars(
            select(AuditEntry).where(AuditEntry.entity == "department", AuditEntry.action == "add")
        ).all()
        assert [e.after for e in entries][-1] == {"name": "丹林镇", "kind": "镇街"}
        assert len(entries) == 4  # the three listed, then 丹林镇 once


BAD = [
    ("empty name", "", "部门", "单位名称应为"),
    ("unknown kind", "区水务局", "科室", "单位类型「科室」"),
    ("duplicate", "区文化广播电视和旅游局", "部门", "已存在"),
]


@pytest.mark.parametrize(("name", "kind", "message"), [c[1:] for c in BAD],
                         ids=[c[0] for c in BAD])  # fmt: skip
def test_bad_departments_are_refused(listed: Database, name: str, kind: str, message: str) -> None:
    with listed.session() as session, pytest.raises(InvalidInput, match=message):
        add_department(session, name, kind, "规划科")


def test_an_alias_belongs_to_one_department(listed: Database) -> None:
    with listed.session() as session:
        tourism = department(session, "区文化广播电视和旅游局")
        with pytest.raises(InvalidInput, match="已属于单位「区科学技术和经济信息化局」"):
            add_alias(session, tourism, "区科经信局", "alias", "规划科")
