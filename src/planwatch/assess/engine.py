"""``assess``: one indicator, its observations and an as-of year in, one Assessment out."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from decimal import ROUND_HALF_EVEN, Context, localcontext

from planwatch.assess.bounds import assess_bound
from planwatch.assess.cumulative import assess_cumulative
from planwatch.assess.frame import Frame, build_frame
from planwatch.assess.levels import assess_change, assess_level
from planwatch.assess.rates import assess_growth_rate
from planwatch.assess.thresholds import Thresholds
from planwatch.domain.assessment import Assessment, Light, Status
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
        try:
            return _judged(indicator, observations, as_of, thresholds, period)
        except ArithmeticError:  # one implausible value must never fail a whole plan
            frame = build_frame(indicator, (), as_of, thresholds, period)
            note = "数值超出可计算的范围,请核对该指标的数据"
            return settle(frame, frame.no_data(note, reason="数据无法计算"))


def _judged(
    indicator: Indicator,
    observations: Sequence[Observation],
    as_of: int,
    thresholds: Thresholds,
    period: tuple[int, int] | None,
) -> Assessment:
    frame = build_frame(indicator, observations, as_of, thresholds, period)
    if indicator.kind in (TargetKind.RELATIONAL, TargetKind.QUALITATIVE):
        return settle(frame, frame.no_data("需人工判断"))
    if frame.target is None:
        return settle(frame, frame.no_data("无目标值"))
    if frame.baseline_year is not None and frame.target.year <= frame.baseline_year:
        note = f"目标年 {frame.target.year} 不晚于基期年 {frame.baseline_year}"
        return settle(frame, frame.no_data(note, reason="目标年不晚于基期年"))
    return settle(frame, JUDGES[indicator.kind](frame))


def settle(frame: Frame, result: Assessment) -> Assessment:
    """Date the judgement: the evaluation year, whether the data is current, the baseline used.

    Data is current when its year t ≥ min(as-of, T) − ``data_lag``. Once the as-of year has
    reached T, a judgement on data that is not current and has not met the target is no
    judgement at all: 无数据 with the reason 缺少{T}年数据 (the latest value and P are kept for
    display). Before T, an older value keeps its status, dated by ``data_label``.
    """
    target = frame.target
    evaluation = min(frame.as_of, target.year) if target is not None else None
    year = result.data_year
    current = (
        result.has_data
        and year is not None
        and evaluation is not None
        and year >= evaluation - frame.thresholds.data_lag
    )
    settled = replace(
        result,
        evaluation_year=evaluation,
        current=current,
        baseline_year=frame.baseline_year,
        baseline_value=frame.baseline_value,
        baseline_origin=frame.baseline_origin,
    )
    if not result.has_data or year is None or evaluation is None or target is None:
        return settled
    if current:
        return settled
    if frame.as_of >= target.year and result.status is not Status.ACHIEVED_EARLY:
        return replace(
            settled,
            status=Status.NO_DATA,
            light=Light.GREY,
            will_meet=None,
            will_meet_stretch=None,
            reason=f"缺少{target.year}年数据",
            formula=";".join(
                line
                for line in (result.formula, f"目标年已到,缺少 {target.year} 年数据 → 无数据")
                if line
            ),
            notes=(
                *settled.notes,
                f"目标年已到,缺少 {target.year} 年数据(最新为 {year} 年),无法判断是否完成",
            ),
        )
    return replace(
        settled, notes=(*settled.notes, f"最新数据为 {year} 年,早于评估年份 {evaluation} 年")
    )


def summarize(assessments: Iterable[Assessment]) -> dict[Status, int]:
    """How many indicators have each status, every status present, in vocabulary order.

    >>> summarize([])[Status.NO_DATA]
    0
    """
    counts = dict.fromkeys(Status, 0)
    for assessment in assessments:
        counts[assessment.status] += 1
    return counts
