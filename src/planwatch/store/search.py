"""Chinese full-text search over plan text and indicators.

One table, ``search_entry``, holds what can be found: each paragraph (line) of a plan's newest
version and each indicator. The index under it depends on the database:

- SQLite: an FTS5 table with the ``trigram`` tokenizer (any three characters match, which
  suits Chinese, written without spaces); queries of one or two characters fall back to LIKE.
- PostgreSQL: a GIN index with ``pg_trgm`` operators, which serves ``ILIKE '%…%'``.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import ForeignKey, Integer, String, Text, delete, func, insert, select, text
from sqlalchemy.orm import Mapped, Session, mapped_column

from planwatch.store.models import Base

MIN_TRIGRAM = 3

# SQLite: the FTS5 trigram index, best rank first (indicators before text).
FTS_QUERY = text(
    "SELECT e.plan_id, e.kind, e.ref, e.title, e.body FROM search_fts "
    "JOIN search_entry AS e ON e.id = search_fts.rowid WHERE search_fts MATCH :phrase "
    "ORDER BY e.kind != 'indicator', search_fts.rank, e.position LIMIT :limit"
)


class SearchEntry(Base):
    __tablename__ = "search_entry"

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20))  # text / indicator
    ref: Mapped[str] = mapped_column(String(50))  # a line number, or an indicator code
    title: Mapped[str] = mapped_column(String(300))
    body: Mapped[str] = mapped_column(Text)
    position: Mapped[int] = mapped_column(Integer, default=0)


@dataclass(frozen=True, slots=True)
class Hit:
    plan_id: int
    kind: str
    ref: str
    title: str
    body: str


def replace_entries(session: Session, plan_id: int, entries: list[dict[str, object]]) -> None:
    """Make ``entries`` (column → value) the searchable content of a plan, in one bulk insert;
    the index follows by trigger (SQLite) or by itself (PostgreSQL)."""
    session.execute(delete(SearchEntry).where(SearchEntry.plan_id == plan_id))
    if entries:
        session.execute(insert(SearchEntry), entries)


def _like(query: str) -> str:
    escaped = query.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def search(session: Session, query: str, limit: int = 50) -> list[Hit]:
    """Entries containing ``query``, indicators first, best matches first."""
    query = query.strip()
    if not query:
        return []
    dialect = session.get_bind().dialect.name
    columns = (
        SearchEntry.plan_id,
        SearchEntry.kind,
        SearchEntry.ref,
        SearchEntry.title,
        SearchEntry.body,
    )
    kind_order = SearchEntry.kind != "indicator"
    if dialect == "sqlite" and len(query) >= MIN_TRIGRAM:
        phrase = '"' + query.replace('"', '""') + '"'
        rows = session.execute(FTS_QUERY, {"phrase": phrase, "limit": limit}).all()
    elif dialect == "postgresql":
        statement = (
            select(*columns)
            .where(SearchEntry.body.ilike(_like(query), escape="\\"))
            .order_by(
                kind_order, func.similarity(SearchEntry.body, query).desc(), SearchEntry.position
            )
            .limit(limit)
        )
        rows = session.execute(statement).all()
    else:
        statement = (
            select(*columns)
            .where(SearchEntry.body.like(_like(query), escape="\\"))
            .order_by(kind_order, SearchEntry.position)
            .limit(limit)
        )
        rows = session.execute(statement).all()
    return [Hit(*row) for row in rows]
