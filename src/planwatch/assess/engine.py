"""``assess``: one indicator, its observations and an as-of year in, one Assessment out."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from decimal import ROUND_HALF_EVEN, Context, localcontext

from planwatch.assess.bounds import assess_bound
from planwatch.assess.cumulative import assess_cumulative
from planwatch.assess.frame import Frame, build_frame
from planwatch.assess.levels import assess_change, assess_level
from planwatch.assess.rates import assess_growth_rate
from planwatch.assess.thresholds import Thresholds
from planwatch.domain.assessment import Assessment, Status
from planwatch.domain.indicator import Indicator, Observation, TargetKind

PRECISION = Context(prec=28, rounding=ROUND_HALF_EVEN)
DEFAULT_THRESHOLDS = Thresholds()

JUDGES: dict[TargetKind, Callable[[Frame], Assessment]] = {
    TargetKind.LEVEL: assess_level,
    TargetKind.CHANGE: assess_change,
    TargetKind.GROWTH_RATE: assess_growth_rate,
    TargetKind.CUMULATIVE: assess_cumulative,
    TargetKind.CEILING: assess_bound,
    TargetKind.FLOOR: assess_bound,
}


def assess(
    indicator: Indicator,
    observations: Sequence[Observation],
    as_of: int,
    thresholds: Thresholds = DEFAULT_THRESHOLDS,
    period: tuple[int, int] | None = None,
) -> Assessment:
    """Judge one indicator as of a year (rules and formulas: docs/assessment.md).

    Only observations with year ≤ ``as_of`` count (and none after the target year).
    ``period`` (e.g. (2021, 2025)) supplies the baseline year t₀ = 2020 when the indicator
    has none. Arithmetic runs in a 28-digit decimal context whatever the caller's context.

    >>> from decimal import Decimal as D
    >>> from planwatch.domain.indicator import Target
    >>> gdp = Indicator("地区生产总值", "亿元", TargetKind.LEVEL, baseline_year=2020,
    ...                 baseline_value=D("616.36"), targets=(Target(D("1000"), 2025, ">"),))
    >>> a = assess(gdp, [Observation(2022, D("767.81"))], as_of=2022)
    >>> a.status, a.light, a.time_share, round(a.progress, 4)
    (<Status.ON_TRACK: '基本符合预期'>, <Light.GREEN: 'green'>, Decimal('0.4'), Decimal('0.3948'))
    """
    with localcontext(PRECISION):
        frame = build_frame(indicator, observations, as_of, thresholds, period)
        if indicator.kind in (TargetKind.RELATIONAL, TargetKind.QUALITATIVE):
            return frame.no_data("需人工判断")
        if frame.target is None:
            return frame.no_data("无目标值")
        if frame.baseline_year is not None and frame.target.year <= frame.baseline_year:
            return frame.no_data(f"目标年 {frame.target.year} 不晚于基期年 {frame.baseline_year}")
        return JUDGES[indicator.kind](frame)


def summarize(assessments: Iterable[Assessment]) -> dict[Status, int]:
    """How many indicators have each status, every status present, in vocabulary order.

    >>> summarize([])[Status.NO_DATA]
    0
    """
    counts = dict.fromkeys(Status, 0)
    for assessment in assessments:
        counts[assessment.status] += 1
    return counts
