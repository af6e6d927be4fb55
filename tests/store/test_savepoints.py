"""A savepoint stays inside its session's transaction on both databases.

Python's sqlite3 opens a transaction only before INSERT/UPDATE/DELETE; a SAVEPOINT issued
first used to open one of its own, and releasing it committed — a later rollback could not
undo what was written in it (store/database.py, ``_begin_before_savepoint``).
"""

from __future__ import annotations

from sqlalchemy import select

from planwatch.store.database import Database
from planwatch.store.models import AppSetting


def _keys(database: Database) -> list[str]:
    with database.session() as session:
        return list(session.scalars(select(AppSetting.key).order_by(AppSetting.key)))


def test_a_rollback_undoes_what_a_first_savepoint_wrote(database: Database) -> None:
    session = database.new_session()
    with session.begin_nested():  # the first statement of the transaction
        session.add(AppSetting(key="inner", value="1"))
    session.rollback()
    session.close()
    assert _keys(database) == []


def test_a_rolled_back_savepoint_keeps_the_outer_write(database: Database) -> None:
    session = database.new_session()
    session.add(AppSetting(key="outer", value="1"))
    session.flush()
    savepoint = session.begin_nested()
    session.add(AppSetting(key="inner", value="1"))
    session.flush()
    savepoint.rollback()
    session.commit()
    session.close()
    assert _keys(database) == ["outer"]


def test_a_committed_session_keeps_its_savepoint_writes(database: Database) -> None:
    with database.session() as session:
        with session.begin_nested():
            session.add(AppSetting(key="inner", value="1"))
        session.add(AppSetting(key="after", value="1"))
    assert _keys(database) == ["after", "inner"]
