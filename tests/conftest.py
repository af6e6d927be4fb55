"""Fixtures shared by the store and service tests: one database per test, on SQLite and PostgreSQL.

PostgreSQL runs at 127.0.0.1:5432 on the development and CI machines (user postgres, trust
auth, database ``test``); set PLANWATCH_TEST_POSTGRES_URL to use another server. Each test
gets a schema of its own, dropped afterwards.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import OperationalError

from planwatch.store.database import Database

POSTGRES_URL = os.environ.get(
    "PLANWATCH_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)


def _postgres_database(revision: str | None = "head") -> Iterator[Database]:
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(POSTGRES_URL)
    try:
        with admin.begin() as connection:
            connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    except OperationalError as error:
        if os.environ.get("CI"):
            raise
        pytest.skip(f"PostgreSQL not reachable at {POSTGRES_URL}: {error}")
    database = Database(f"{POSTGRES_URL}?options=-csearch_path%3D{schema},public")
    try:
        if revision is not None:
            database.migrate(revision)
        yield database
    finally:
        database.dispose()
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    """A migrated, empty database of each kind."""
    if request.param == "sqlite":
        database = Database(f"sqlite:///{tmp_path / 'planwatch.sqlite3'}")
        database.migrate()
        yield database
        database.dispose()
    else:
        yield from _postgres_database()


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    """A database of each kind with no schema at all (for migration tests)."""
    if request.param == "sqlite":
        database = Database(f"sqlite:///{tmp_path / 'planwatch.sqlite3'}")
        yield database
        database.dispose()
    else:
        yield from _postgres_database(None)


@pytest.fixture(autouse=True)
def cheap_password_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Still argon2id, with the smallest cost, so the many sign-ins of the tests stay fast.

    tests/services/test_users.py checks the production parameters on their own.
    """
    from argon2 import PasswordHasher

    from planwatch.services import users

    monkeypatch.setattr(
        users, "HASHER", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    )
