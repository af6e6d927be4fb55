"""Confirm, reject (delete junk) and merge extracted indicators; audited."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from planwatch.errors import InvalidInput
from planwatch.read import read_document
from planwatch.services.indicator_review import (
    confirm_indicator,
    merge_indicator,
    reject_indicator,
)
from planwatch.services.observations import find_indicator
from planwatch.services.plans import get_plan, import_plan
from planwatch.services.tasks import propose_tasks
from planwatch.store.database import Database
from planwatch.store.models import AuditEntry, QuantityRecord, TaskRecord

DATA = Path(__file__).parent / "data"


@pytest.fixture
def county(database: Database) -> Database:
    document = read_document(DATA / "county-plan-tasks.txt", max_bytes=1 << 20)
    with database.session() as session:
        import_plan(session, document, "规划科")
        propose_tasks(session, get_plan(session, None), "规划科")
    return database


def stated(session: object, name: str) -> set[str | None]:
    """The codes of the indicators that the quantities named ``name`` point at."""
    rows = session.scalars(  # type: ignore[attr-defined]
        select(QuantityRecord).where(QuantityRecord.name == name)
    ).all()
    return {q.indicator.code if q.indicator else None for q in rows}


def test_reject_deletes_unconfirmed_junk_only(county: Database) -> None:
    with county.session() as session:
        plan = get_plan(session, None)
        confirm_indicator(session, find_indicator(plan, "I001"), "规划科")
        with pytest.raises(InvalidInput, match="已确认,不能删除"):
            reject_indicator(session, find_indicator(plan, "I001"), "规划科")
        reject_indicator(session, find_indicator(plan, "I002"), "规划科")
    with county.session() as session:
        plan = get_plan(session, None)
        assert [i.code for i in plan.indicators] == ["I001", "I003"]
        assert stated(session, "全社会研发经费投入") == {None}  # the text still states it
        entry = session.scalars(select(AuditEntry).where(AuditEntry.action == "reject")).one()
        assert entry.before is not None and entry.before["name"] == "全社会研发经费投入"


def test_merge_moves_quantities_and_tasks(county: Database) -> None:
    with county.session() as session:
        plan = get_plan(session, None)
        duplicate, keep = find_indicator(plan, "I003"), find_indicator(plan, "I001")
        merge_indicator(session, duplicate, keep, "规划科")
        with pytest.raises(InvalidInput, match="合并到它自己"):
            merge_indicator(session, keep, keep, "规划科")
    with county.session() as session:
        plan = get_plan(session, None)
        assert [i.code for i in plan.indicators] == ["I001", "I002"]
        assert stated(session, "森林覆盖率") == {"I001"}
        # the task that followed 森林覆盖率 now follows I001 (two tasks now: its own and that one)
        followers = session.scalars(
            select(TaskRecord.title).where(TaskRecord.indicator_id == plan.indicators[0].id)
        ).all()
        assert sorted(followers) == ["工业总产值", "森林覆盖率"]
        entry = session.scalars(select(AuditEntry).where(AuditEntry.action == "merge")).one()
        assert entry.after == {"into": "I001"}
