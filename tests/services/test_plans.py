"""Importing plans: drafts with indicators, idempotent re-import, new versions, on both databases."""

from decimal import Decimal
from pathlib import Path

from sqlalchemy import func, select

from planwatch.read import read_document
from planwatch.samples import sample_path
from planwatch.services.plans import get_plan, import_plan
from planwatch.store.database import Database
from planwatch.store.models import (
    AuditEntry,
    IndicatorRecord,
    OutlineNodeRecord,
    Plan,
    PlanVersion,
    TargetRecord,
)

LIMIT = 50 * 1024 * 1024


def counts(database: Database) -> tuple[int, ...]:
    with database.session() as session:
        return tuple(
            session.scalar(select(func.count()).select_from(table)) or 0
            for table in (Plan, PlanVersion, OutlineNodeRecord, IndicatorRecord, TargetRecord)
        )


def test_import_sample_as_draft(database: Database) -> None:
    document = read_document(sample_path(), max_bytes=LIMIT)
    with database.session() as session:
        outcome = import_plan(session, document, actor="规划科")
    assert (outcome.plan_key, outcome.version, outcome.created, outcome.new_plan) == (
        "泸州市江阳区 2021-2025", 1, True, True,
    )  # fmt: skip
    assert outcome.indicators_added > 0
    with database.session() as session:
        plan = get_plan(session, None)
        assert (plan.region_name, plan.period_start, plan.period_end, plan.level) == (
            "泸州市江阳区", 2021, 2025, "县区",
        )  # fmt: skip
        version = plan.versions[0]
        assert version.text == document.text and version.status == "draft"
        # preface + 10 parts + 31 chapters + 87 sections + 32 boxes
        assert len(version.nodes) == 161
        assert all(not i.confirmed and i.origin == "extracted" for i in plan.indicators)
        built_up = [i for i in plan.indicators if i.targets and i.targets[0].value == 100
                    and i.unit == "平方公里"]  # fmt: skip
        assert built_up and built_up[0].baseline_value == Decimal("85.1")
        assert built_up[0].baseline_year == 2020
        indicator = plan.indicators[0]
        span = version.text[indicator.source_start : indicator.source_end]
        assert span and span in (indicator.sentence or "")
        audit = session.scalars(select(AuditEntry)).all()
        assert [(a.actor, a.action) for a in audit] == [("规划科", "import")]


def test_same_file_again_changes_nothing(database: Database) -> None:
    document = read_document(sample_path(), max_bytes=LIMIT)
    with database.session() as session:
        import_plan(session, document, actor="a")
    before = counts(database)
    with database.session() as session:
        again = import_plan(session, document, actor="a")
    assert (again.created, again.version, again.indicators_added) == (False, 1, 0)
    assert counts(database) == before


def test_changed_file_is_a_new_version_and_keeps_confirmed_indicators(
    database: Database, tmp_path: Path
) -> None:
    with database.session() as session:
        import_plan(session, read_document(sample_path(), max_bytes=LIMIT), actor="a")
    with database.session() as session:
        indicator = get_plan(session, None).indicators[0]
        indicator.name, indicator.confirmed = "人工确认的名称", True
        confirmed_id = indicator.id
    changed = tmp_path / "plan.txt"
    changed.write_text(
        sample_path().read_text(encoding="utf-8") + "\n附:2022年修订说明。\n", encoding="utf-8"
    )
    with database.session() as session:
        outcome = import_plan(session, read_document(changed, max_bytes=LIMIT), actor="a")
    assert (outcome.created, outcome.new_plan, outcome.version) == (True, False, 2)
    with database.session() as session:
        plan = get_plan(session, outcome.plan_key)
        assert [v.number for v in plan.versions] == [1, 2]
        kept = session.get(IndicatorRecord, confirmed_id)
        assert kept is not None and (kept.name, kept.confirmed) == ("人工确认的名称", True)
        keys = [i.extracted_key for i in plan.indicators]
        assert len(keys) == len(set(keys)), "a re-import must not add an indicator twice"
