"""The one data function behind every view of a plan: :func:`plan_overview`.

The CLI's ``assess``, the dashboard, the JSON API and the reports all render a
:class:`PlanOverview`; none of them reads the database or runs the engine on its own. It holds
each indicator with its stored facts (targets, department, source sentence, every revision of
its data) and its assessment at the as-of year, plus what a report needs around them (counts
per status, data sources, whether any value is simulated).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session, joinedload, selectinload

from planwatch.assess import assess, summarize
from planwatch.assess.annual import AnnualRules
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
from planwatch.services.adjustments import History, plan_history, target_in_force
from planwatch.services.annual import AnnualView, annual_views
from planwatch.services.observations import newest_revisions
from planwatch.services.plans import get_plan
from planwatch.store.models import (
    Adjustment,
    IndicatorRecord,
    ObservationRecord,
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
    review_state: str = "approved"  # submitted: shown only where pending data is, labelled
    confirmed_checks: str = ""  # entry checks the person who entered it confirmed


@dataclass(frozen=True, slots=True)
class Note:
    """Reasons and measures (原因与措施) recorded for an indicator in one year."""

    year: int
    reason: str
    measures: str
    recorded_by: str


@dataclass(frozen=True, slots=True)
class TargetAdjustment:
    """One approved change of an indicator's target, as pages and reports list it."""

    approved_by: str
    document_number: str
    decided_on: date
    effective_year: int
    reason: str
    stretch: bool
    old: tuple[Decimal, int, str]  # value, year, comparator
    new: tuple[Decimal, int, str]
    in_force: bool  # effective at the overview's as-of year


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
    adjustments: tuple[TargetAdjustment, ...] = ()  # every approved change, oldest first
    series_id: int | None = None
    pending_years: tuple[int, ...] = ()  # years whose value shown awaits review (待审核)

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
    annual: tuple[AnnualView, ...] = ()  # approved annual targets (年度目标), judged

    def annual_in(self, year: int) -> dict[str, AnnualView]:
        """The annual targets of ``year``, by indicator code (empty when none is stored)."""
        return {view.code: view for view in self.annual if view.year == year}

    def annual_of(self, code: str) -> tuple[AnnualView, ...]:
        """One indicator's annual targets, oldest year first."""
        return tuple(view for view in self.annual if view.code == code)

    @property
    def assessed(self) -> tuple[IndicatorView, ...]:
        return tuple(view for view in self.indicators if view.assessment is not None)

    def indicator(self, code: str) -> IndicatorView | None:
        return next((view for view in self.indicators if view.code == code), None)

    @property
    def adjusted(self) -> tuple[IndicatorView, ...]:
        """Indicators whose targets an approved adjustment changed (reports list them)."""
        return tuple(view for view in self.indicators if view.adjustments)


def to_indicator(
    record: IndicatorRecord, year: int | None = None, changes: History | None = None
) -> Indicator:
    """The domain indicator of a stored one, with the targets in force in ``year`` (default:
    as adopted, before any adjustment)."""
    kind = TargetKind(record.kind)
    direction = Direction(record.direction)
    if changes is None and year is not None:
        changes = plan_history(record.plan)
    stated = [
        target_in_force(record, year, t.stretch, changes)
        if year is not None and changes and (record.id, t.stretch) in changes
        else None  # as adopted: no adjustment of this target
        for t in record.targets
    ]
    targets = tuple(
        Target(
            value=now.value if now else t.value,
            year=now.year if now else t.year,
            comparator=(now.comparator if now else t.comparator),  # type: ignore[arg-type]
            stretch=t.stretch,
            unit=record.unit if kind is TargetKind.CHANGE else None,
            change=direction if kind is TargetKind.CHANGE else None,
        )
        for t, now in zip(record.targets, stated, strict=True)
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
        review_state=record.review_state,
        confirmed_checks=record.confirmed_checks,
    )


def aware(moment: datetime) -> datetime:
    """A stored time as UTC: SQLite gives back naive datetimes, PostgreSQL aware ones."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def default_as_of(plan: Plan, revisions: dict[int, list[ObservationRecord]] | None = None) -> int:
    """The latest year for which most indicators with data have a value (else the current
    year), never past the plan period: one value entered for a later year — or a slip of the
    keyboard — does not move every page to a year most indicators have no data for."""
    if revisions is None:
        by_series = [{o.year for o in i.observations} for i in plan.indicators]
    else:
        by_series = [{o.year for o in found} for found in revisions.values()]
    return latest_common_year([years for years in by_series if years], plan.period_end)


def latest_common_year(years: list[set[int]], period_end: int | None) -> int:
    """The latest year at least half of the series have a value for.

    >>> latest_common_year([{2021, 2022}, {2021, 2022}, {2025}], 2025)
    2022
    >>> latest_common_year([{2021}, {2022}], 2025)  # one each: the latest of them
    2022
    >>> latest_common_year([{2030}], 2025)
    2025
    """
    if not years:
        latest = datetime.now(UTC).year
        return min(latest, period_end or latest)
    counts = Counter(year for found in years for year in found)
    enough = [year for year, count in counts.items() if 2 * count >= len(years)]
    latest = max(enough or counts)
    return min(latest, period_end or latest)


def _loaded(session: Session, plan_id: int) -> Plan:
    """The plan with everything the overview reads, in a handful of queries instead of one per
    indicator and collection."""
    indicators = selectinload(Plan.indicators)
    query = (
        select(Plan)
        .where(Plan.id == plan_id)
        .options(
            indicators.selectinload(IndicatorRecord.targets),
            indicators.selectinload(IndicatorRecord.notes),
            indicators.joinedload(IndicatorRecord.department),
            joinedload(Plan.region),
            selectinload(Plan.adjustments).selectinload(Adjustment.changes),
        )
        .execution_options(populate_existing=True)
    )
    return session.scalars(query).one()


def _revisions(
    session: Session, plan: Plan, pending: bool = False
) -> dict[int, list[ObservationRecord]]:
    """Every approved revision of the plan's series (and submitted ones if ``pending``), by
    series id, in one query; drafts and returned values are their authors' only."""
    shown = ("approved", "submitted") if pending else ("approved",)
    ids = sorted({i.series_id for i in plan.indicators if i.series_id is not None})
    found: dict[int, list[ObservationRecord]] = {i: [] for i in ids}
    if ids:
        query = (
            select(ObservationRecord)
            .where(ObservationRecord.series_id.in_(ids), ObservationRecord.review_state.in_(shown))
            .order_by(ObservationRecord.year, ObservationRecord.revision)
        )
        for observation in session.scalars(query):
            found[observation.series_id].append(observation)
    return found


def plan_overview(
    session: Session,
    plan_reference: str | None,
    as_of: int | None,
    thresholds: Thresholds,
    *,
    pending: bool = False,
    annual_rules: AnnualRules | None = None,
) -> PlanOverview:
    """Assess every indicator of a plan at ``as_of`` (default: the latest year with data).

    Only approved values count, unless ``pending`` also shows submitted ones (labelled).
    """
    plan = _loaded(session, get_plan(session, plan_reference).id)
    revisions = _revisions(session, plan, pending)
    year = as_of if as_of is not None else default_as_of(plan, revisions)
    if not 1949 <= year <= 2200:
        raise InvalidInput(f"评估年份 {year} 不合理")
    period = (plan.period_start, plan.period_end) if plan.period_start and plan.period_end else None
    changes = plan_history(plan)
    views = [
        _view(record, revisions.get(record.series_id or 0, []), year, thresholds, period, changes)
        for record in plan.indicators
    ]
    views.sort(key=lambda v: v.indicator.attribute is not Attribute.BINDING)
    observations = [o for found in revisions.values() for o in found]
    shown = [o for v in views for o in v.observations]
    return PlanOverview(
        plan_id=plan.id,
        key=plan.key,
        title=plan.title,
        region=plan.region_name,
        period=period,
        version=session.scalar(
            select(func.max(PlanVersion.number)).where(PlanVersion.plan_id == plan.id)
        )
        or 0,
        as_of=year,
        indicators=tuple(views),
        counts=summarize([v.assessment for v in views if v.assessment is not None]),
        thresholds=thresholds,
        sources=tuple(sorted({o.source for o in shown if o.source})),
        simulated=any(o.simulated for o in shown),
        data_until=max((aware(o.recorded_at) for o in observations), default=None),
        annual=tuple(annual_views(session, plan, annual_rules or AnnualRules())),
    )


def _view(
    record: IndicatorRecord,
    revisions: list[ObservationRecord],
    year: int,
    thresholds: Thresholds,
    period: tuple[int, int] | None,
    changes: History,
) -> IndicatorView:
    indicator = to_indicator(record, year, changes)
    newest = newest_revisions(revisions)
    observations = tuple(_observation(o) for o in newest)
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
        chapter=record.chapter or OTHER_CHAPTER,
        node=record.source_node,
        sentence=record.sentence,
        source_line=record.source_line,
        source_start=record.source_start,
        source_end=record.source_end,
        observations=observations,
        revisions=tuple(_revision(o) for o in revisions),
        notes=tuple(
            Note(n.year, n.reason, n.measures, n.recorded_by)
            for n in record.notes
            if n.review_state == "approved"  # a submitted note is public once approved
        ),
        assessment=assessment,
        adjustments=tuple(
            TargetAdjustment(
                approved_by=a.approved_by,
                document_number=a.document_number,
                decided_on=a.decided_on,
                effective_year=a.effective_year,
                reason=a.reason,
                stretch=c.stretch,
                old=(c.old_value, c.old_year, c.old_comparator),
                new=(c.value, c.year, c.comparator),
                in_force=a.effective_year <= year,
            )
            for stretch in (False, True)
            for a, c in changes.get((record.id, stretch), [])
        ),
        series_id=record.series_id,
        pending_years=tuple(o.year for o in newest if o.review_state != "approved"),
    )
