"""Judge a major project: investment against time, the year's plan, milestones, the start.

Pure: ``judge_project(project, as_of, thresholds)`` reads a :class:`Project` and opens
nothing. Every signal carries its formula as text, so a page shows how the light came about
(docs/projects.md gives the rules with worked examples).
"""

from __future__ import annotations

import calendar
from collections.abc import Mapping
from dataclasses import dataclass, fields
from datetime import date
from decimal import Decimal, InvalidOperation

from planwatch.domain.assessment import Light
from planwatch.domain.project import Milestone, MilestoneKind, Project, ProjectStatus
from planwatch.errors import InvalidInput

_RANK = {Light.GREEN: 1, Light.YELLOW: 2, Light.RED: 3}
_SHORT = {Light.GREEN: "绿", Light.YELLOW: "黄", Light.RED: "红", Light.GREY: "灰"}


@dataclass(frozen=True, slots=True)
class ProjectThresholds:
    """Bands of the project light; settings, not constants (PLANWATCH_PROJECT_THRESHOLDS).

    Investment: the gap g = τ − P (time share minus investment share): g < ``lag_yellow``
    green, g ≤ ``lag_red`` yellow, above red. The year: the same with ``annual_lag_*`` on
    the share of the year gone and the share of the year's planned investment completed.
    A milestone or the start overdue: yellow, red after ``overdue_red_days`` days.

    >>> ProjectThresholds.from_mapping({"lag_red": "0.2"}).lag_red
    Decimal('0.2')
    """

    lag_yellow: Decimal = Decimal("0.10")
    lag_red: Decimal = Decimal("0.25")
    annual_lag_yellow: Decimal = Decimal("0.15")
    annual_lag_red: Decimal = Decimal("0.30")
    overdue_red_days: Decimal = Decimal(90)

    def __post_init__(self) -> None:
        if not Decimal(0) < self.lag_yellow <= self.lag_red:
            raise InvalidInput("项目阈值错误:须 0 < lag_yellow ≤ lag_red")
        if not Decimal(0) < self.annual_lag_yellow <= self.annual_lag_red:
            raise InvalidInput("项目阈值错误:须 0 < annual_lag_yellow ≤ annual_lag_red")
        if self.overdue_red_days < 0:
            raise InvalidInput("项目阈值错误:须 overdue_red_days ≥ 0")

    @classmethod
    def from_mapping(cls, values: Mapping[str, object]) -> ProjectThresholds:
        """Thresholds from settings (names as the fields; values as Decimal, str or number)."""
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(values) - known)
        if unknown:
            raise InvalidInput(f"未知的项目阈值设置:{', '.join(unknown)}")
        try:
            return cls(**{k: Decimal(str(v)) for k, v in values.items()})
        except InvalidOperation as error:
            raise InvalidInput(f"项目阈值不是数字:{dict(values)}") from error


@dataclass(frozen=True, slots=True)
class Signal:
    """One reason for the light: ``investment``, ``annual``, ``milestone`` or ``start``."""

    code: str
    light: Light
    formula: str


@dataclass(frozen=True, slots=True)
class ProjectJudgement:
    as_of: date
    status: ProjectStatus
    cumulative: Decimal  # 万元, as of the last report on or before as_of
    investment_share: Decimal | None  # P = cumulative / total
    time_share: Decimal  # τ = days gone / days of the period
    year_plan: Decimal | None
    year_completed: Decimal
    overdue: tuple[Milestone, ...]
    delayed_start: bool
    light: Light
    signals: tuple[Signal, ...]

    @property
    def formula(self) -> str:
        return ";".join(s.formula for s in self.signals)

    @property
    def reasons(self) -> tuple[str, ...]:
        """The formulas of the signals that are not green: why a project lags."""
        return tuple(s.formula for s in self.signals if s.light in (Light.YELLOW, Light.RED))


def percent(share: Decimal) -> str:
    """A share as a percentage to one decimal.

    >>> percent(Decimal("0.49945"))
    '49.9%'
    """
    return f"{(share * 100).quantize(Decimal('0.1'))}%"


def band(gap: Decimal, yellow: Decimal, red: Decimal) -> Light:
    """The light of a shortfall: below ``yellow`` green, up to ``red`` yellow, above red.

    >>> yellow, red = Decimal("0.1"), Decimal("0.25")
    >>> band(Decimal("0.1"), yellow, red), band(Decimal("0.3"), yellow, red)
    (<Light.YELLOW: 'yellow'>, <Light.RED: 'red'>)
    """
    if gap < yellow:
        return Light.GREEN
    return Light.YELLOW if gap <= red else Light.RED


def status_of(project: Project, as_of: date, cumulative: Decimal) -> ProjectStatus:
    """竣工 when completion is recorded; 在建 once started or investing; else 未开工."""
    completion = project.milestone(MilestoneKind.COMPLETION)
    if completion and completion.actual and completion.actual <= as_of:
        return ProjectStatus.COMPLETED
    start = project.milestone(MilestoneKind.START)
    if (start and start.actual and start.actual <= as_of) or cumulative > 0:
        return ProjectStatus.UNDER_WAY
    return ProjectStatus.NOT_STARTED


def judge_project(project: Project, as_of: date, thresholds: ProjectThresholds) -> ProjectJudgement:
    """The status, the signals and the worst light of ``project`` on ``as_of``.

    >>> p = Project("1", "港", date(2021, 1, 1), date(2021, 12, 31), Decimal(100))
    >>> judge_project(p, date(2020, 6, 1), ProjectThresholds()).light
    <Light.GREY: 'grey'>
    """
    reports = [r for r in project.reports if r.period_end <= as_of]
    cumulative = reports[-1].cumulative if reports else Decimal(0)
    status = status_of(project, as_of, cumulative)
    gone = min(max((as_of - project.start).days + 1, 0), project.duration_days)
    time_share = Decimal(gone) / Decimal(project.duration_days)
    share = cumulative / project.total if project.total > 0 else None
    year_plan = project.year_plans.get(as_of.year)
    year_completed = sum(
        (r.completed for r in reports if r.period_end.year == as_of.year), Decimal(0)
    )
    signals: list[Signal] = []
    overdue: tuple[Milestone, ...] = ()
    delayed = False
    if status is not ProjectStatus.COMPLETED and gone > 0:
        if share is not None:
            signals.append(_investment(cumulative, project, share, gone, time_share, thresholds))
        if year_plan:
            signals.append(_annual(as_of, year_plan, year_completed, thresholds))
        overdue = tuple(
            m
            for m in project.milestones
            if m.kind is not MilestoneKind.START
            and m.planned
            and m.planned < as_of
            and m.actual is None
        )
        signals.extend(
            _late(label, planned, as_of, thresholds, "milestone")
            for label, planned in _labelled(overdue)
        )
        start_due = _start_due(project)
        if status is ProjectStatus.NOT_STARTED and start_due < as_of:
            delayed = True
            signals.append(_late("开工", start_due, as_of, thresholds, "start"))
    light = max((s.light for s in signals), key=_RANK.__getitem__, default=Light.GREY)
    if status is ProjectStatus.COMPLETED:
        light = Light.GREEN
    return ProjectJudgement(
        as_of, status, cumulative, share, time_share, year_plan, year_completed,
        overdue, delayed, light, tuple(signals),
    )  # fmt: skip


def _start_due(project: Project) -> date:
    start = project.milestone(MilestoneKind.START)
    return start.planned if start and start.planned else project.start


def _investment(
    cumulative: Decimal,
    project: Project,
    share: Decimal,
    gone: int,
    time_share: Decimal,
    thresholds: ProjectThresholds,
) -> Signal:
    gap = time_share - share
    light = band(gap, thresholds.lag_yellow, thresholds.lag_red)
    formula = (
        f"投资进度 P = 累计完成 {cumulative} / 总投资 {project.total} = {percent(share)},"
        f"时间进度 τ = {gone} / {project.duration_days} 天 = {percent(time_share)},"
        f"τ − P = {percent(gap)} → {_SHORT[light]}"
    )
    return Signal("investment", light, formula)


def _annual(
    as_of: date, plan: Decimal, completed: Decimal, thresholds: ProjectThresholds
) -> Signal:
    days = 366 if calendar.isleap(as_of.year) else 365
    gone = as_of.timetuple().tm_yday
    year_share = Decimal(gone) / Decimal(days)
    share = completed / plan
    gap = year_share - share
    light = band(gap, thresholds.annual_lag_yellow, thresholds.annual_lag_red)
    formula = (
        f"{as_of.year}年 完成 {completed} / 年度计划 {plan} = {percent(share)},"
        f"年内时间 {gone} / {days} 天 = {percent(year_share)},差 {percent(gap)} → {_SHORT[light]}"
    )
    return Signal("annual", light, formula)


def _labelled(milestones: tuple[Milestone, ...]) -> list[tuple[str, date]]:
    return [(m.kind.label, m.planned) for m in milestones if m.planned]


def _late(label: str, due: date, as_of: date, thresholds: ProjectThresholds, code: str) -> Signal:
    days = (as_of - due).days
    light = Light.RED if days > thresholds.overdue_red_days else Light.YELLOW
    formula = (
        f"{label} 计划 {due.isoformat()},至 {as_of.isoformat()} 未完成,"
        f"逾期 {days} 天 → {_SHORT[light]}"
    )
    return Signal(code, light, formula)
