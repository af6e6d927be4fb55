"""The migrations build exactly the schema the models describe, on SQLite and PostgreSQL."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from planwatch.store.database import Database
from planwatch.store.models import Base


def test_migrations_match_the_models(database: Database) -> None:
    with database.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"include_object": described})
        assert compare_metadata(context, Base.metadata) == []


def described(
    obj: object, name: str | None, kind: str, reflected: bool, compare_to: object
) -> bool:
    """Leave out what the models cannot describe: the full-text index of the search (an FTS5
    table and its shadow tables on SQLite, a pg_trgm GIN index on PostgreSQL)."""
    return not (name or "").startswith(("search_fts", "ix_search_entry_body_trgm"))


def test_migrating_twice_changes_nothing(database: Database) -> None:
    before = sorted(inspect(database.engine).get_table_names())
    database.migrate()
    assert sorted(inspect(database.engine).get_table_names()) == before
    assert {"plan", "plan_version", "outline_node", "indicator", "target", "observation",
            "department", "audit_log", "alembic_version"} <= set(before)  # fmt: skip


def test_sqlite_runs_in_wal_mode_with_foreign_keys(tmp_path: object) -> None:
    database = Database(f"sqlite:///{tmp_path}/x.sqlite3")
    with database.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    database.dispose()
