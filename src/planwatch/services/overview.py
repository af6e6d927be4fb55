"""The one data function behind every view of a plan: :func:`plan_overview`.

The CLI's ``assess``, the dashboard, the JSON API and the reports all render a
:class:`PlanOverview`; none of them reads the database or runs the engine on its own. It holds
each indicator with its stored facts (targets, department, source sentence, every revision of
its data) and its assessment at the as-of year, plus what a report needs around them (counts
per status, data sources, whether any value is simulated).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from planwatch.assess import assess, summarize
from planwatch.assess.thresholds import Thresholds
from planwatch.domain.assessment import Assessment, Status
from planwatch.domain.indicator import (
    Attribute,
    Direction,
    Indicator,
    Observation,
    ObservationStatus,
    Target,
    TargetKind,
)
from planwatch.errors import InvalidInput
from planwatch.services.observations import current_observations
from planwatch.services.plans import get_plan
from planwatch.store.models import (
    IndicatorRecord,
    ObservationRecord,
    OutlineNodeRecord,
    Plan,
    PlanVersion,
)

OTHER_CHAPTER = "其他"


@dataclass(frozen=True, slots=True)
class Revision:
    """One stored revision of an observed value, as the revision history shows it."""

    year: int
    revision: int
    value: Decimal
    status: str  # preliminary / final / revised
    source: str
    note: str
    simulated: bool
    is_growth_rate: bool
    recorded_by: str
    recorded_at: datetime


@dataclass(frozen=True, slots=True)
class Note:
    """Reasons and measures (原因与措施) recorded for an indicator in one year."""

    year: int
    reason: str
    measures: str
    recorded_by: str


@dataclass(frozen=True, slots=True)
class IndicatorView:
    """An indicator as every renderer shows it."""

    id: int
    code: str
    indicator: Indicator
    scope: str | None
    confirmed: bool
    origin: str
    department: str | None
    chapter: str  # the chapter (章) it was found in, "第十章 …", or 其他
    node: str | None
    sentence: str | None
    source_line: int | None
    source_start: int | None
    source_end: int | None
    observations: tuple[Observation, ...]  # current value of each year
    revisions: tuple[Revision, ...]  # every revision, oldest first
    notes: tuple[Note, ...]  # reasons and measures, by year
    assessment: Assessment | None  # None for an indicator without a target

    @property
    def status(self) -> Status:
        return self.assessment.status if self.assessment else Status.NO_DATA


@dataclass(frozen=True, slots=True)
class PlanOverview:
    """Where a plan stands at ``as_of``."""

    plan_id: int
    key: str
    title: str | None
    region: str | None
    period: tuple[int, int] | None
    version: int
    as_of: int
    indicators: tuple[IndicatorView, ...]  # binding (约束性) first, then plan order
    counts: dict[Status, int]  # over indicators with a target
    thresholds: Thresholds
    sources: tuple[str, ...]
    simulated: bool  # some value shown is 模拟数据
    data_until: datetime | None  # when the newest value was recorded

    @property
    def assessed(self) -> tuple[IndicatorView, ...]:
        return tuple(view for view in self.indicators if view.assessment is not None)

    def indicator(self, code: str) -> IndicatorView | None:
        return next((view for view in self.indicators if view.code == code), None)


def to_indicator(record: IndicatorRecord) -> Indicator:
    """The domain indicator of a stored one."""
    kind = TargetKind(record.kind)
    direction = Direction(record.direction)
    targets = tuple(
        Target(
            value=t.value,
            year=t.year,
            comparator=t.comparator,  # type: ignore[arg-type]  # checked on every write
            stretch=t.stretch,
            unit=record.unit if kind is TargetKind.CHANGE else None,
            change=direction if kind is TargetKind.CHANGE else None,
        )
        for t in record.targets
    )
    return Indicator(
        name=record.name,
        unit=record.unit,
        kind=kind,
        attribute=Attribute(record.attribute),
        direction=direction,
        baseline_year=record.baseline_year,
        baseline_value=record.baseline_value,
        targets=targets,
        department=record.department.name if record.department else None,
        code=record.code,
    )


def _observation(record: ObservationRecord) -> Observation:
    return Observation(
        year=record.year,
        value=record.value,
        is_growth_rate=record.is_growth_rate,
        status=ObservationStatus(record.status),
        source=record.source,
        simulated=record.simulated,
    )


def _revision(record: ObservationRecord) -> Revision:
    return Revision(
        year=record.year,
        revision=record.revision,
        value=record.value,
        status=record.status,
        source=record.source,
        note=record.note,
        simulated=record.simulated,
        is_growth_rate=record.is_growth_rate,
        recorded_by=record.recorded_by,
        recorded_at=aware(record.recorded_at),
    )


def aware(moment: datetime) -> datetime:
    """A stored time as UTC: SQLite gives back naive datetimes, PostgreSQL aware ones."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def default_as_of(plan: Plan) -> int:
    """The latest year with data, else the current year, and never past the plan period."""
    years = [o.year for i in plan.indicators for o in i.observations]
    latest = max(years) if years else datetime.now(UTC).year
    return min(latest, plan.period_end or latest)


def _chapters(plan: Plan) -> dict[str, str]:
    """Outline chapter key → "第十章 标题", from the plan's newest version."""
    if not plan.versions:
        return {}
    nodes: list[OutlineNodeRecord] = plan.versions[-1].nodes
    return {n.key: f"{n.label} {n.title}" for n in nodes if n.kind == "chapter"}


def _chapter_of(node: str | None, chapters: dict[str, str]) -> str:
    """The chapter a node id lies in: "p3.c10.s2" → chapters["p3.c10"]."""
    if not node:
        return OTHER_CHAPTER
    parts = node.split(".")
    for end in range(len(parts), 0, -1):
        key = ".".join(parts[:end])
        if key in chapters:
            return chapters[key]
    return OTHER_CHAPTER


def _loaded(session: Session, plan_id: int) -> Plan:
    """The plan with everything the overview reads, in a handful of queries instead of one per
    indicator and collection."""
    indicators = selectinload(Plan.indicators)
    query = (
        select(Plan)
        .where(Plan.id == plan_id)
        .options(
            indicators.selectinload(IndicatorRecord.targets),
            indicators.selectinload(IndicatorRecord.observations),
            indicators.selectinload(IndicatorRecord.notes),
            indicators.joinedload(IndicatorRecord.department),
            selectinload(Plan.versions).selectinload(PlanVersion.nodes),
        )
        .execution_options(populate_existing=True)
    )
    return session.scalars(query).one()


def plan_overview(
    session: Session, plan_reference: str | None, as_of: int | None, thresholds: Thresholds
) -> PlanOverview:
    """Assess every indicator of a plan at ``as_of`` (default: the latest year with data)."""
    plan = _loaded(session, get_plan(session, plan_reference).id)
    year = as_of if as_of is not None else default_as_of(plan)
    if not 1949 <= year <= 2200:
        raise InvalidInput(f"评估年份 {year} 不合理")
    period = (plan.period_start, plan.period_end) if plan.period_start and plan.period_end else None
    chapters = _chapters(plan)
    views = [_view(record, year, thresholds, period, chapters) for record in plan.indicators]
    views.sort(key=lambda v: v.indicator.attribute is not Attribute.BINDING)
    observations = [o for record in plan.indicators for o in record.observations]
    shown = [o for v in views for o in v.observations]
    return PlanOverview(
        plan_id=plan.id,
        key=plan.key,
        title=plan.title,
        region=plan.region,
        period=period,
        version=plan.versions[-1].number if plan.versions else 0,
        as_of=year,
        indicators=tuple(views),
        counts=summarize([v.assessment for v in views if v.assessment is not None]),
        thresholds=thresholds,
        sources=tuple(sorted({o.source for o in shown if o.source})),
        simulated=any(o.simulated for o in shown),
        data_until=max((aware(o.recorded_at) for o in observations), default=None),
    )


def _view(
    record: IndicatorRecord,
    year: int,
    thresholds: Thresholds,
    period: tuple[int, int] | None,
    chapters: dict[str, str],
) -> IndicatorView:
    indicator = to_indicator(record)
    observations = tuple(_observation(o) for o in current_observations(record))
    assessment = (
        assess(indicator, observations, year, thresholds, period) if record.targets else None
    )
    return IndicatorView(
        id=record.id,
        code=record.code,
        indicator=indicator,
        scope=record.scope,
        confirmed=record.confirmed,
        origin=record.origin,
        department=record.department.name if record.department else None,
        chapter=_chapter_of(record.source_node, chapters),
        node=record.source_node,
        sentence=record.sentence,
        source_line=record.source_line,
        source_start=record.source_start,
        source_end=record.source_end,
        observations=observations,
        revisions=tuple(_revision(o) for o in record.observations),
        notes=tuple(Note(n.year, n.reason, n.measures, n.recorded_by) for n in record.notes),
        assessment=assessment,
    )
