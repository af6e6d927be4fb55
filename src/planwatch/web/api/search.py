"""Full-text search across plan text and indicators."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from planwatch.services.search import find
from planwatch.web.deps import ReaderDep, SessionDep

router = APIRouter(tags=["search"])


@router.get("/search")
def search(
    session: SessionDep,
    _: ReaderDep,
    q: Annotated[str, Query(min_length=1, max_length=100, description="检索词")],
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
) -> list[dict[str, Any]]:
    """检索规划原文和指标(SQLite FTS5 trigram / PostgreSQL pg_trgm)。"""
    return [
        {
            "plan_id": r.plan_id,
            "plan": r.plan_key,
            "kind": r.kind,
            "ref": r.ref,
            "title": r.title,
            "snippet": r.snippet,
        }
        for r in find(session, q, limit)
    ]
