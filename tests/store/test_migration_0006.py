"""Migration 0006 carries a database forward: existing data approved, departments as leads."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from tests.store.test_migration_0005 import load_release

from planwatch.store.database import Database
from planwatch.store.models import (
    Department,
    IndicatorUnit,
    ObservationRecord,
    ProgressNote,
    UserRecord,
)


def test_existing_rows_are_approved_and_departments_lead(empty_database: Database) -> None:
    old = load_release(empty_database)
    empty_database.migrate()
    with empty_database.session() as session:
        # Every one of the 13 observations and the 1 note was public already: approved.
        states = [(o.review_state, o.version) for o in session.scalars(select(ObservationRecord))]
        assert states == [("approved", 1)] * len(old["observation"]) == [("approved", 1)] * 13
        assert [n.review_state for n in session.scalars(select(ProgressNote))] == ["approved"]
        # 区发改局 stays a 部门 and leads 主营业务收入, the only indicator that had it.
        assert [(d.name, d.kind) for d in session.scalars(select(Department))] == [
            ("区发改局", "部门")
        ]
        units = [
            (u.indicator.name, u.department.name, u.role)
            for u in session.scalars(select(IndicatorUnit))
        ]
        assert units == [("主营业务收入", "区发改局", "lead")]


def test_the_reviewer_role_is_allowed_and_others_are_not(database: Database) -> None:
    with database.session() as session:
        session.add(UserRecord(username="shenhe", password_hash="x", role="reviewer"))
    with pytest.raises(IntegrityError), database.session() as session:
        session.add(UserRecord(username="boss", password_hash="x", role="superuser"))
