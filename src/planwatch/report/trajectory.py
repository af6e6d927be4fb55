"""Chart specs for one indicator's trajectory: baseline, the time-proportional path (序时进度)
to the target, the observed values, and the projection to the target year.

Pure arithmetic on the assessment's inputs; :mod:`planwatch.report.charts` draws the result.
"""

from __future__ import annotations

from decimal import Decimal

from planwatch.assess.cumulative import running_totals
from planwatch.domain.indicator import (
    POINTS_CHANGE_UNIT,
    RELATIVE_CHANGE_UNIT,
    Direction,
    Indicator,
    TargetKind,
)
from planwatch.report.model import Point, TrajectoryChart
from planwatch.report.tables import baseline_of
from planwatch.services.overview import IndicatorView

MAX_CHARTS = 12
HUNDRED = Decimal(100)
LEVEL_KINDS = (TargetKind.LEVEL, TargetKind.CHANGE, TargetKind.GROWTH_RATE)


def implied_target(indicator: Indicator, baseline: Point | None) -> Point | None:
    """The level the main target stands for at its year, when a chart can draw it.

    >>> from planwatch.domain.indicator import Target
    >>> target = Target(Decimal(10), 2025)
    >>> rate = Indicator("GDP", "亿元", TargetKind.GROWTH_RATE, targets=(target,))
    >>> implied_target(rate, (2020, Decimal(100)))
    (2025, Decimal('161.05100'))
    """
    target = indicator.main_target
    if target is None or indicator.kind in (TargetKind.CUMULATIVE, TargetKind.RELATIONAL):
        return None
    if indicator.kind in (TargetKind.LEVEL, TargetKind.CEILING, TargetKind.FLOOR):
        return target.year, target.value
    if baseline is None or indicator.kind is TargetKind.QUALITATIVE:
        return None
    start_year, start = baseline
    if indicator.kind is TargetKind.GROWTH_RATE:
        return target.year, start * (1 + target.value / HUNDRED) ** (target.year - start_year)
    sign = -1 if (target.change or indicator.direction) is Direction.DECREASE else 1
    if target.unit == RELATIVE_CHANGE_UNIT:
        return target.year, start * (1 + sign * target.value / HUNDRED)
    if target.unit in (None, POINTS_CHANGE_UNIT, indicator.unit):
        return target.year, start + sign * target.value
    return None


def time_path(
    indicator: Indicator, baseline: Point | None, goal: Point | None
) -> tuple[Point, ...]:
    """Where the indicator should be each year to reach the target on time.

    Straight for levels and changes, compound for growth-rate targets, none for bounds.

    >>> gdp = Indicator("GDP", "亿元", TargetKind.LEVEL)
    >>> [str(v) for _, v in time_path(gdp, (2020, Decimal(600)), (2025, Decimal(1000)))]
    ['600', '680', '760', '840', '920', '1000']
    """
    if baseline is None or goal is None or indicator.kind not in LEVEL_KINDS:
        return ()
    (t0, x0), (big_t, x_big) = baseline, goal
    if big_t <= t0:
        return ()
    span = big_t - t0
    if indicator.kind is TargetKind.GROWTH_RATE and x0 > 0 and x_big > 0:
        factor = x_big / x0
        return tuple((t0 + k, x0 * factor ** (Decimal(k) / Decimal(span))) for k in range(span + 1))
    return tuple((t0 + k, x0 + (x_big - x0) * k / span) for k in range(span + 1))


def _cumulative(view: IndicatorView, as_of: int) -> TrajectoryChart | None:
    """A cumulative target charted as the running total from 0 at the baseline year towards
    X at T, along a straight time path, with the engine's projection of the total."""
    indicator, a = view.indicator, view.assessment
    target = indicator.main_target
    start = a.baseline_year if a is not None else None
    start = start if start is not None else indicator.baseline_year
    if target is None or start is None or target.year <= start:
        return None
    shown = tuple(
        (o.year, o.value) for o in view.observations if not o.is_growth_rate and o.year <= as_of
    )
    totals = running_totals(shown, start)
    origin: Point = (start, Decimal(0))
    goal: Point = (target.year, target.value)
    projection = None
    if a is not None and a.projected_value is not None and as_of < target.year:
        projection = (target.year, a.projected_value)
    simulated = {o.year for o in view.observations if o.simulated}
    return TrajectoryChart(
        title=f"{indicator.name}(累计)",
        unit=indicator.unit,
        baseline=origin,
        path=tuple(
            (start + k, target.value * k / (target.year - start))
            for k in range(target.year - start + 1)
        ),
        target=goal,
        target_label="累计目标",
        stretch=None,
        observations=totals,
        simulated=tuple(year for year, _ in totals if year in simulated),
        projection=projection,
    )


def trajectory(view: IndicatorView, as_of: int) -> TrajectoryChart:
    """The chart spec of one indicator as of a year (later data is not shown); a cumulative
    target is charted as its running total against the total it aims at."""
    indicator = view.indicator
    a = view.assessment
    if indicator.kind is TargetKind.CUMULATIVE and (chart := _cumulative(view, as_of)):
        return chart
    year, level = baseline_of(view)
    baseline = (year, level) if year is not None and level is not None else None
    goal = implied_target(indicator, baseline)
    shown = [o for o in view.observations if not o.is_growth_rate and o.year <= as_of]
    stretch = indicator.stretch_target
    projection = None
    due = goal is not None and as_of >= goal[0]  # no forecast once the target year has come
    if (
        a is not None
        and a.latest is not None
        and goal is not None
        and not due
        and (a.latest.year < goal[0])
    ):
        projected = a.projected_value if a.projected_value is not None else a.projected_linear
        if projected is not None and indicator.kind is not TargetKind.CUMULATIVE:
            projection = (goal[0], projected)
    label = {TargetKind.CEILING: "控制上限", TargetKind.FLOOR: "下限"}.get(indicator.kind, "目标")
    return TrajectoryChart(
        title=indicator.name,
        unit=indicator.unit,
        baseline=baseline,
        path=time_path(indicator, baseline, goal),
        target=goal,
        target_label=label,
        stretch=(stretch.year, stretch.value)
        if stretch and indicator.kind is TargetKind.LEVEL
        else None,
        observations=tuple((o.year, o.value) for o in shown),
        simulated=tuple(o.year for o in shown if o.simulated),
        projection=projection,
    )


def key_indicators(views: tuple[IndicatorView, ...], as_of: int) -> tuple[IndicatorView, ...]:
    """Indicators worth a chart: a target and at least one level observed by ``as_of``."""
    charted = [
        v
        for v in views
        if v.assessment is not None
        and any(not o.is_growth_rate and o.year <= as_of for o in v.observations)
    ]
    return tuple(charted[:MAX_CHARTS])
