"""Use case: import a plan document into the database, as a draft plan with its indicators.

Importing the same file again changes nothing (its sha256 is known); a changed file of the
same plan (same region and period, or same title) becomes the plan's next version. Each
version keeps its extraction: outline nodes with stable keys and every quantity with its
span, linked to the indicator it states. Extracted indicators are added as unconfirmed
drafts linked to the region's series; a new version updates the drafts it states again,
and never touches an indicator people have confirmed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from planwatch.compare.outline_keys import stable_keys
from planwatch.domain.document import Document
from planwatch.domain.quantity import IndicatorCandidate, Quantity
from planwatch.errors import InvalidInput, NotFound
from planwatch.extract.vocabulary import Vocabulary
from planwatch.services.audit import record
from planwatch.services.catalogue import series_for
from planwatch.services.extraction import Extraction, extract_document
from planwatch.services.regions import resolve_region
from planwatch.services.search import reindex_plan
from planwatch.store.models import (
    AppSetting,
    IndicatorRecord,
    OutlineNodeRecord,
    Plan,
    PlanVersion,
    QuantityRecord,
    Region,
    TargetRecord,
)

DEFAULT_PLAN = "default_plan"


@dataclass(frozen=True, slots=True)
class RegionChoice:
    """The region a person gives on import; None fields are proposed from the title."""

    name: str | None = None
    level: str | None = None
    parent: str | None = None


@dataclass(frozen=True, slots=True)
class VersionFacts:
    """What the document does not say about itself: when it was adopted, by whom."""

    adopted_on: date | None = None
    approved_by: str | None = None


@dataclass(frozen=True, slots=True)
class ImportOutcome:
    """What an import did: ``created`` is False when the very same file was imported before."""

    plan_id: int
    plan_key: str
    version: int
    created: bool
    new_plan: bool
    indicators_added: int
    indicators_updated: int = 0
    region: str | None = None


def plan_key(
    region: str | None, period: tuple[int, int] | None, title: str | None, sha: str
) -> str:
    """Identity of a plan across versions: its region and period, else its title, else its hash.

    >>> plan_key("某区", (2021, 2025), "t", "ab")
    '某区 2021-2025'
    """
    if region and period:
        return f"{region} {period[0]}-{period[1]}"
    return title or sha[:16]


def import_plan(
    session: Session,
    document: Document,
    actor: str,
    region: RegionChoice | None = None,
    facts: VersionFacts | None = None,
    *,
    max_chars: int | None = None,
    vocabulary: Vocabulary | None = None,
) -> ImportOutcome:
    """Store a decoded plan document (see the module docstring); ``max_chars`` is the
    extraction budget (``Settings.max_extract_chars``), ``vocabulary`` its words."""
    sha = document.source.sha256
    known = session.scalars(select(PlanVersion).where(PlanVersion.sha256 == sha)).first()
    if known is not None:
        same = known.plan
        return ImportOutcome(same.id, same.key, known.number, False, False, 0, 0, same.region_name)
    extraction = extract_document(document, max_chars=max_chars, vocabulary=vocabulary)
    meta = extraction.plan
    place = _region(session, extraction, region or RegionChoice())
    key = plan_key(place.name if place else None, meta.period, meta.title, sha)
    plan = session.scalars(select(Plan).where(Plan.key == key)).first()
    new_plan = plan is None
    if plan is None:
        plan = Plan(
            key=key,
            title=meta.title,
            region=place,
            period_start=meta.period[0] if meta.period else None,
            period_end=meta.period[1] if meta.period else None,
        )
        session.add(plan)
        session.flush()
    elif place is not None and plan.region is not None and plan.region.id != place.id:
        raise InvalidInput(f"规划「{plan.key}」属于地区「{plan.region.name}」,不是「{place.name}」")
    version = _new_version(session, plan, document, extraction, facts or VersionFacts())
    added, updated = _link_indicators(session, plan, version, extraction)
    session.refresh(plan)
    reindex_plan(session, plan)
    record(
        session,
        actor,
        "import",
        "plan_version",
        version.id,
        None,
        {
            "plan": plan.key,
            "version": version.number,
            "sha256": sha,
            "indicators_added": added,
            "indicators_updated": updated,
        },
    )
    return ImportOutcome(
        plan.id, plan.key, version.number, True, new_plan, added, updated, plan.region_name
    )


def _region(session: Session, extraction: Extraction, choice: RegionChoice) -> Region | None:
    """The region a person named, else the one the title proposes; None when neither says."""
    meta = extraction.plan
    if choice.name:
        return resolve_region(session, choice.name, choice.level, choice.parent)
    if meta.region:
        return resolve_region(session, meta.region, choice.level or meta.level, choice.parent)
    if choice.level or choice.parent:
        raise InvalidInput("标题中没有地区名称,请用 --region 指定地区")
    return None


def _new_version(
    session: Session, plan: Plan, document: Document, extraction: Extraction, facts: VersionFacts
) -> PlanVersion:
    number = (
        session.scalar(select(func.max(PlanVersion.number)).where(PlanVersion.plan_id == plan.id))
        or 0
    ) + 1
    source = document.source
    version = PlanVersion(
        plan_id=plan.id,
        number=number,
        sha256=source.sha256,
        source_path=source.path,
        format=source.format.value,
        encoding=source.encoding,
        text=document.text,
        title=extraction.plan.title,
        adopted_on=facts.adopted_on,
        approved_by=facts.approved_by,
        issues=[{"code": i.code, "message": i.message, "line": i.line} for i in extraction.issues],
    )
    nodes = list(extraction.outline.walk())
    parents = {child.id: node.id for node in nodes for child in node.children}
    keys = stable_keys(extraction.outline.nodes, document.text)
    version.nodes = [
        OutlineNodeRecord(
            key=keys[n.id],
            path=n.id,
            parent_key=keys.get(parents.get(n.id, "")),
            kind=n.kind.value,
            label=n.label,
            number=n.number,
            title=n.title,
            line=n.line,
            start=n.start,
            end=n.end,
        )
        for n in nodes
    ]
    session.add(version)
    session.flush()
    return version


def node_keys(version: PlanVersion) -> dict[str, str]:
    """Positional outline id → stable key, for a stored version."""
    return {n.path: n.key for n in version.nodes}


def chapter_titles(version: PlanVersion) -> dict[str, str]:
    """Stable key of every node → "第十章 标题" of the chapter it lies in."""
    by_path = {n.path: n for n in version.nodes}
    out: dict[str, str] = {}
    for node in version.nodes:
        parts = node.path.split(".")
        for end in range(len(parts), 0, -1):
            found = by_path.get(".".join(parts[:end]))
            if found is not None and found.kind == "chapter":
                out[node.key] = f"{found.label} {found.title}"
                break
    return out


def _link_indicators(
    session: Session, plan: Plan, version: PlanVersion, extraction: Extraction
) -> tuple[int, int]:
    """Add or update the plan's indicators from a version; store every quantity, linked."""
    keys = node_keys(version)
    chapters = chapter_titles(version)
    by_key = {i.extracted_key: i for i in plan.indicators if i.extracted_key}
    owner: dict[int, IndicatorRecord] = {}
    added = updated = 0
    for candidate in extraction.indicators:
        if not candidate.targets:
            continue
        extracted_key = f"{candidate.name}|{candidate.unit}"
        indicator = by_key.get(extracted_key) or _same_series(session, plan, candidate)
        if indicator is None:
            indicator = _new_indicator(session, plan, candidate, extracted_key)
            by_key[extracted_key] = indicator
            added += 1
        elif not indicator.confirmed and indicator.origin == "extracted":
            updated += _refresh(indicator, candidate, plan.period_end or 0)
        else:
            continue  # people's confirmations and edits carry over untouched
        main = candidate.targets[0]
        indicator.source_version_id = version.id
        indicator.source_node = keys.get(main.node or "")
        indicator.chapter = chapters.get(indicator.source_node or "")
        indicator.source_line, indicator.sentence = main.line, main.sentence
        indicator.source_start, indicator.source_end = main.start, main.end
        for quantity in (*candidate.targets, *([candidate.baseline] if candidate.baseline else [])):
            owner[id(quantity)] = indicator
    session.flush()
    version.quantities = [
        _quantity_record(q, owner.get(id(q)), keys) for q in extraction.findings.quantities
    ] + [
        QuantityRecord(
            kind="qualitative", name="", text=t.text, year=t.year, line=t.line, start=t.start,
            end=t.end, node_key=keys.get(t.node or ""), sentence=t.text,
        )
        for t in extraction.findings.qualitative
    ]  # fmt: skip
    session.flush()
    return added, updated


def _same_series(
    session: Session, plan: Plan, candidate: IndicatorCandidate
) -> IndicatorRecord | None:
    """The plan's indicator on the series this candidate names (another wording, same identity)."""
    if plan.region is None:
        return None
    series = series_for(session, plan.region, candidate.name, candidate.unit, _scope(candidate))
    return next((i for i in plan.indicators if i.series_id == series.id), None)


def _scope(candidate: IndicatorCandidate) -> str | None:
    return candidate.targets[0].scope if candidate.targets else None


def _new_indicator(
    session: Session, plan: Plan, candidate: IndicatorCandidate, extracted_key: str
) -> IndicatorRecord:
    codes = {i.code for i in plan.indicators}
    position = len(plan.indicators) + 1
    while f"I{position:03d}" in codes:
        position += 1
    main = candidate.targets[0]
    indicator = IndicatorRecord(
        plan_id=plan.id,
        code=f"I{position:03d}",
        position=position,
        name=candidate.name,
        scope=main.scope,
        unit=candidate.unit,
        origin="extracted",
        extracted_key=extracted_key,
        series=series_for(session, plan.region, candidate.name, candidate.unit, main.scope),
    )
    _refresh(indicator, candidate, plan.period_end or 0)
    plan.indicators.append(indicator)
    return indicator


def _refresh(indicator: IndicatorRecord, candidate: IndicatorCandidate, year_default: int) -> int:
    """Set a draft indicator's kind, direction, baseline and targets from a candidate; 1 if
    anything changed. A target without a year is for the period's last year."""
    main = candidate.targets[0]
    before = _facts(indicator)
    indicator.kind = candidate.kind
    indicator.direction = "decrease" if _decreasing(main) else "increase"
    indicator.baseline_year = candidate.baseline.year if candidate.baseline else None
    indicator.baseline_value = _baseline_value(candidate)
    targets = [(t.value, t.year or year_default, t.comparator, t.stretch)
               for t in candidate.targets]  # fmt: skip
    if [(t.value, t.year, t.comparator, t.stretch) for t in indicator.targets] != targets:
        indicator.targets = [
            TargetRecord(value=v, year=y, comparator=c, stretch=s) for v, y, c, s in targets
        ]
    return int(_facts(indicator) != before)


def _facts(indicator: IndicatorRecord) -> tuple[object, ...]:
    return (
        indicator.kind,
        indicator.direction,
        indicator.baseline_year,
        indicator.baseline_value,
        tuple((t.value, t.year, t.comparator, t.stretch) for t in indicator.targets),
    )


def _quantity_record(
    q: Quantity, indicator: IndicatorRecord | None, keys: dict[str, str]
) -> QuantityRecord:
    return QuantityRecord(
        indicator=indicator,
        kind=q.kind,
        name=q.indicator[:200],
        scope=q.scope[:100],
        value=q.value,
        unit=q.unit[:30],
        base_value=q.base_value,
        base_unit=q.base_unit[:30],
        comparator=q.comparator,
        year=q.year,
        cumulative=q.cumulative,
        growth_rate=q.growth_rate,
        stretch=q.stretch,
        change=q.change,
        text=q.text,
        line=q.line,
        start=q.start,
        end=q.end,
        sentence=q.sentence,
        node_key=keys.get(q.node or ""),
    )


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
    """A plan by id or key; without one, the administrator's default plan, else the newest."""
    if key is None:
        plan = default_plan(session)
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


def default_plan(session: Session) -> Plan | None:
    """The plan an administrator chose as the default, else the most recently created one."""
    chosen = session.get(AppSetting, DEFAULT_PLAN)
    if chosen is not None and chosen.value.isdigit():
        plan = session.get(Plan, int(chosen.value))
        if plan is not None:
            return plan
    return session.scalars(select(Plan).order_by(Plan.id.desc())).first()


def stored_version(plan: Plan, number: int | None = None) -> PlanVersion:
    """A plan's version by number; the newest without one."""
    if not plan.versions:
        raise NotFound("该规划还没有导入的文本")
    if number is None:
        return plan.versions[-1]
    found = next((v for v in plan.versions if v.number == number), None)
    if found is None:
        raise NotFound(f"规划「{plan.key}」没有第{number}版")
    return found
