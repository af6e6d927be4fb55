"""Engines and sessions for SQLite (embedded default) and PostgreSQL, and schema migrations."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.orm import Session, sessionmaker

from planwatch.errors import InvalidInput
from planwatch.store import search as _search  # noqa: F401  (registers search_entry)


def make_engine(url: str) -> Engine:
    """An engine for ``url``; SQLite gets WAL, foreign keys and a busy timeout.

    >>> make_engine("sqlite://").dialect.name
    'sqlite'
    """
    try:
        parsed = make_url(url)
    except ArgumentError as error:
        raise InvalidInput(f"数据库地址无法识别:{url}") from error
    if parsed.get_backend_name() == "sqlite":
        engine = create_engine(parsed, connect_args={"timeout": 30})
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "savepoint", _begin_before_savepoint)
        return engine
    if parsed.get_backend_name() == "postgresql" and parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    return create_engine(parsed, pool_pre_ping=True)


def _sqlite_pragmas(connection: Any, _record: Any) -> None:
    cursor = connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _begin_before_savepoint(connection: Connection, _name: str | None) -> None:
    """Open the transaction a SAVEPOINT nests in.

    Python's sqlite3 begins a transaction only before INSERT, UPDATE or DELETE. A SAVEPOINT
    issued first (``session.begin_nested()`` at the start of a unit of work) would start a
    transaction of its own, and releasing it would commit: a later rollback could not undo
    what the savepoint wrote. Beginning here keeps the savepoint inside the session's
    transaction.
    """
    raw = connection.connection.dbapi_connection
    if raw is not None and not raw.in_transaction:
        raw.execute("BEGIN")


def migrate(engine: Engine, revision: str = "head") -> None:
    """Bring the schema to ``revision``, the newest migration by default (idempotent).

    On SQLite, foreign keys are off while migrating: a batch migration recreates a table,
    and dropping the old copy would otherwise cascade to every row that refers to it. The
    keys are checked once the migration is done.
    """
    config = Config()
    config.set_main_option(
        "script_location", str(resources.files("planwatch.store") / "migrations")
    )
    with engine.connect() as connection:
        sqlite = connection.dialect.name == "sqlite"
        if sqlite:
            connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
            connection.commit()
        try:
            with connection.begin():
                config.attributes["connection"] = connection
                command.upgrade(config, revision)
                if sqlite and connection.exec_driver_sql("PRAGMA foreign_key_check").first():
                    raise InvalidInput("数据库迁移后外键不一致,已回滚")
        finally:
            if sqlite:
                connection.exec_driver_sql("PRAGMA foreign_keys=ON")
                connection.commit()


class Database:
    """An engine with its session factory; built once at the entry point."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = make_engine(url)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    def migrate(self, revision: str = "head") -> None:
        migrate(self.engine, revision)

    def new_session(self) -> Session:
        """A session the caller commits and closes (the web app's per-request session)."""
        return self._sessions()

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session whose transaction commits on success and rolls back on any error."""
        with self._sessions() as session, session.begin():
            yield session

    def dispose(self) -> None:
        self.engine.dispose()
