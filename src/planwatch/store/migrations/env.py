"""Alembic environment: runs on the connection planwatch hands over (store.database.migrate)."""

from alembic import context

from planwatch.store import search as _search  # noqa: F401  (registers search_entry)
from planwatch.store.models import Base

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
)
with context.begin_transaction():
    context.run_migrations()
