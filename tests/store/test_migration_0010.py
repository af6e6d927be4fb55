"""Migration 0010 adds project_evidence_file (one file once per report) and takes it back."""

from __future__ import annotations

from importlib import resources

from alembic import command
from alembic.config import Config
from sqlalchemy import inspect

from planwatch.store.database import Database

TABLE = "project_evidence_file"


def tables(database: Database) -> set[str]:
    return set(inspect(database.engine).get_table_names())


def test_the_table_comes_with_0010_and_goes_with_its_downgrade(empty_database: Database) -> None:
    empty_database.migrate("0009")
    assert TABLE not in tables(empty_database) and "project_report" in tables(empty_database)
    empty_database.migrate("0010")
    assert TABLE in tables(empty_database)
    unique = inspect(empty_database.engine).get_unique_constraints(TABLE)
    assert [sorted(u["column_names"]) for u in unique] == [["report_id", "sha256"]]
    config = Config()
    config.set_main_option(
        "script_location", str(resources.files("planwatch.store") / "migrations")
    )
    with empty_database.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0009")
    assert TABLE not in tables(empty_database) and "project_report" in tables(empty_database)
