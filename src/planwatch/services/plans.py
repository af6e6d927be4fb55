"""Use case: import a plan document into the database, as a draft plan with its indicators.

Importing the same file again changes nothing (its sha256 is known); a changed file of the
same plan (same region and period, or same title) becomes the plan's next version. Extracted
indicators are added as unconfirmed drafts; indicators people have already confirmed or
edited are never touched by a re-import.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from planwatch.domain.document import Document
from planwatch.domain.outline import OutlineNode
from planwatch.domain.quantity import IndicatorCandidate, Quantity
from planwatch.errors import NotFound
from planwatch.services.audit import record
from planwatch.services.extraction import Extraction, extract_document
from planwatch.services.search import reindex_plan
from planwatch.store.models import (
    IndicatorRecord,
    OutlineNodeRecord,
    Plan,
    PlanVersion,
    TargetRecord,
)


@dataclass(frozen=True, slots=True)
class ImportOutcome:
    """What an import did: ``created`` is False when the very same file was imported before."""

    plan_id: int
    plan_key: str
    version: int
    created: bool
    new_plan: bool
    indicators_added: int


def plan_key(extraction: Extraction) -> str:
    """Identity of a plan across versions: its region and period, else its title, else its hash.

    >>> from types import SimpleNamespace as N
    >>> plan_key(N(plan=N(region="某区", period=(2021, 2025), title="t"), document=None))
    '某区 2021-2025'
    """
    meta = extraction.plan
    if meta.region and meta.period:
        return f"{meta.region} {meta.period[0]}-{meta.period[1]}"
    if meta.title:
        return meta.title
    return extraction.document.source.sha256[:16]


def import_plan(session: Session, document: Document, actor: str) -> ImportOutcome:
    """Store a decoded plan document (see the module docstring)."""
    sha = document.source.sha256
    known = session.scalars(select(PlanVersion).where(PlanVersion.sha256 == sha)).first()
    if known is not None:
        return ImportOutcome(known.plan.id, known.plan.key, known.number, False, False, 0)
    extraction = extract_document(document)
    key = plan_key(extraction)
    plan = session.scalars(select(Plan).where(Plan.key == key)).first()
    new_plan = plan is None
    if plan is None:
        meta = extraction.plan
        plan = Plan(
            key=key,
            title=meta.title,
            region=meta.region,
            level=meta.level,
            period_start=meta.period[0] if meta.period else None,
            period_end=meta.period[1] if meta.period else None,
        )
        session.add(plan)
        session.flush()
    number = (
        session.scalar(select(func.max(PlanVersion.number)).where(PlanVersion.plan_id == plan.id))
        or 0
    ) + 1
    source = document.source
    version = PlanVersion(
        plan_id=plan.id,
        number=number,
        sha256=sha,
        source_path=source.path,
        format=source.format.value,
        encoding=source.encoding,
        text=document.text,
    )
    version.nodes = [_node_record(node, parent) for node, parent in _nodes(extraction)]
    session.add(version)
    session.flush()
    added = _add_indicators(session, plan, version, extraction.indicators)
    session.refresh(plan)
    reindex_plan(session, plan)
    record(
        session,
        actor,
        "import",
        "plan_version",
        version.id,
        None,
        {"plan": plan.key, "version": number, "sha256": sha, "indicators_added": added},
    )
    return ImportOutcome(plan.id, plan.key, number, True, new_plan, added)


def _nodes(extraction: Extraction) -> list[tuple[OutlineNode, str | None]]:
    out: list[tuple[OutlineNode, str | None]] = []

    def visit(node: OutlineNode, parent: str | None) -> None:
        out.append((node, parent))
        for child in node.children:
            visit(child, node.id)

    for node in extraction.outline.nodes:
        visit(node, None)
    return out


def _node_record(node: OutlineNode, parent: str | None) -> OutlineNodeRecord:
    return OutlineNodeRecord(
        key=node.id,
        parent_key=parent,
        kind=node.kind.value,
        label=node.label,
        number=node.number,
        title=node.title,
        line=node.line,
        start=node.start,
        end=node.end,
    )


def _add_indicators(
    session: Session, plan: Plan, version: PlanVersion, candidates: tuple[IndicatorCandidate, ...]
) -> int:
    existing = {i.extracted_key for i in plan.indicators}
    position = len(plan.indicators)
    added = 0
    for candidate in candidates:
        key = f"{candidate.name}|{candidate.unit}"
        if not candidate.targets or key in existing:
            continue
        main = candidate.targets[0]
        position += 1
        indicator = IndicatorRecord(
            plan_id=plan.id,
            code=f"I{position:03d}",
            position=position,
            name=candidate.name,
            scope=main.scope,
            unit=candidate.unit,
            kind=candidate.kind,
            direction="decrease" if _decreasing(main) else "increase",
            baseline_year=candidate.baseline.year if candidate.baseline else None,
            baseline_value=_baseline_value(candidate),
            origin="extracted",
            extracted_key=key,
            source_version_id=version.id,
            source_node=main.node,
            source_line=main.line,
            source_start=main.start,
            source_end=main.end,
            sentence=main.sentence,
        )
        indicator.targets = [
            TargetRecord(
                value=t.value,
                year=t.year or plan.period_end or 0,
                comparator=t.comparator,
                stretch=t.stretch,
            )
            for t in candidate.targets
        ]
        session.add(indicator)
        existing.add(key)
        added += 1
    session.flush()
    return added


def _decreasing(target: Quantity) -> bool:
    return target.comparator in ("<=", "<") or target.change == "decrease"


def _baseline_value(candidate: IndicatorCandidate) -> Decimal | None:
    """The baseline in the indicator's unit (85.1 平方公里 stays 85.1; 0.85 万人 → 8500 人)."""
    baseline = candidate.baseline
    if baseline is None:
        return None
    if baseline.unit == candidate.unit:
        return baseline.value
    target = candidate.targets[0]
    if target.value == 0 or target.base_unit != baseline.base_unit:
        return baseline.value
    factor = target.base_value / target.value  # size of one ``candidate.unit`` in base units
    return baseline.base_value / factor


def get_plan(session: Session, key: str | None) -> Plan:
    """A plan by id or key; without one, the most recently created plan."""
    if key is None:
        plan = session.scalars(select(Plan).order_by(Plan.id.desc())).first()
        if plan is None:
            raise NotFound("数据库中还没有规划,请先运行 planwatch import")
        return plan
    query = select(Plan).where(Plan.key == key)
    if key.isascii() and key.isdigit() and len(key) <= 9:  # an id any database can hold
        query = select(Plan).where((Plan.id == int(key)) | (Plan.key == key))
    plan = session.scalars(query).first()
    if plan is None:
        raise NotFound(f"找不到规划:{key}")
    return plan
