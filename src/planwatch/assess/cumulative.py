"""Cumulative targets (累计达到 X over the plan period): the sum of annual values against τ."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from planwatch.assess import formula as fm
from planwatch.assess.comparators import meets
from planwatch.assess.frame import Frame
from planwatch.assess.projection import first_breach, weighted_linear_fit
from planwatch.assess.status import bands, final_bands
from planwatch.assess.time import time_share
from planwatch.domain.assessment import Assessment, GrowthVerdict, Light, Status


def cumulative_progress(total: Decimal, target: Decimal) -> Decimal | None:
    """P = Σ annual values / X; None when X = 0.

    >>> cumulative_progress(Decimal("900"), Decimal("2000"))
    Decimal('0.45')
    """
    return None if target == 0 else total / target


def running_totals(
    observations: Iterable[tuple[int, Decimal]], start_year: int
) -> tuple[tuple[int, Decimal], ...]:
    """The sum so far of the annual values after ``start_year``, year by year: what a
    cumulative target is measured by (and charted as).

    >>> running_totals(((2020, Decimal(9)), (2021, Decimal("1.5")), (2022, Decimal(2))), 2020)
    ((2021, Decimal('1.5')), (2022, Decimal('3.5')))
    """
    total, out = Decimal(0), []
    for year, value in sorted(observations):
        if year > start_year:
            total += value
            out.append((year, total))
    return tuple(out)


def assess_cumulative(frame: Frame) -> Assessment:
    """Judge a sum over the period; a ``<=`` target is a cumulative ceiling (compliance)."""
    target, t0 = frame.target, frame.baseline_year
    assert target is not None
    big_t, direction, goal = target.year, frame.indicator.direction, target.value
    if t0 is None or big_t <= t0:
        return frame.no_data("缺少规划期(基期年),无法确定累计起点")
    annual = frame.series.levels_between(t0, big_t)
    if not annual:
        share = time_share(t0, big_t, frame.as_of)
        return frame.no_data("规划期内无观测数据", share=share, reason="无观测数据")
    latest = annual[-1]
    t = latest.year
    total = sum((o.value for o in annual), Decimal(0))
    share = time_share(t0, big_t, t)
    notes: list[str] = []
    missing = sorted(set(range(t0 + 1, t + 1)) - {o.year for o in annual})
    if missing:
        notes.append("缺少 " + "、".join(map(str, missing)) + " 年数据,累计值只含已有年份")
    shown = " + ".join(fm.num(o.value) for o in annual)
    lines = [
        f"序时进度 τ = ({t} − {t0})/({big_t} − {t0}) = {fm.ratio(share)}",
        f"累计 S = {shown} = {fm.num(total)}",
    ]
    pace = total / len(annual)
    left = big_t - t
    projected = total + pace * left
    trend = weighted_linear_fit([(o.year, o.value) for o in annual])
    linear = (
        total + sum((trend.at(y) for y in range(t + 1, big_t + 1)), Decimal(0))
        if trend is not None
        else None
    )
    per_year = (goal - total) / left if left > 0 else None
    if left > 0:
        lines.append(f"按年均 {fm.num(pace)} 外推 {big_t} 年累计 {fm.num(projected)}")
    met = meets(total, goal, target.comparator, direction)
    progress = cumulative_progress(total, goal)
    headroom: Decimal | None = None
    breach: int | None = None
    status: Status
    light: Light
    if target.comparator in ("<", "<="):
        headroom = goal - total
        progress = None
        breach = first_breach(
            lambda y: total + pace * (y - t), t, big_t, goal, target.comparator, direction
        )
        if frame.final(t):
            status, light = final_bands(met=met)
            lines.append(f"目标年已到,累计 {fm.num(total)},上限 {fm.num(goal)} → {status}")
        elif not met:
            status, light = Status.LAGGING, Light.RED
            lines.append(f"累计 {fm.num(total)} 已超出上限 {fm.num(goal)} → 滞后")
        elif breach is not None:
            status, light = Status.ON_TRACK, Light.YELLOW
            notes.append(f"按当前年均水平,预计 {breach} 年累计超出上限")
            lines.append(f"余量 {fm.num(headroom)},预计 {breach} 年超限 → {status},黄灯")
        else:
            status, light = Status.ON_TRACK, Light.GREEN
            lines.append(f"余量 {fm.num(headroom)},未超限 → {status}")
    elif progress is None:
        return frame.no_data("累计目标为 0,无法计算进度")
    else:
        lines.append(f"进度 P = S/X = {fm.num(total)}/{fm.num(goal)} = {fm.ratio(progress)}")
        if met and t < big_t:
            status, light = Status.ACHIEVED_EARLY, Light.GREEN
            lines.append(f"P − τ = {fm.signed(progress - share)} → {status},{light.label}")
        elif frame.final(t):
            running, early = Decimal(0), False
            for o in annual[:-1]:
                running += o.value
                early = early or meets(running, goal, target.comparator, direction)
            status, light = final_bands(met=met, early=early)
            if not met:
                notes.append("目标年已到,累计目标未实现")
            lines.append(
                f"目标年已到,累计 {fm.num(total)},目标 {fm.num(goal)},"
                f"差距 {fm.num(goal - total)} → {status}"
            )
        else:
            status, light = bands(progress, share, frame.thresholds, binding=frame.binding)
            lines.append(f"P − τ = {fm.signed(progress - share)} → {status},{light.label}")
        if per_year is not None and not met:
            lines.append(f"此后每年需 (X − S)/(T − t) = {fm.num(per_year)}")
    stretch = frame.indicator.stretch_target
    return Assessment(
        indicator=frame.indicator,
        as_of=frame.as_of,
        status=status,
        light=light,
        time_share=share,
        progress=progress,
        latest=latest,
        observed_growth=None,
        required_growth=None,
        growth_ratio=None,
        growth_verdict=GrowthVerdict.ACHIEVED if met and headroom is None else None,
        projected_value=projected if left > 0 else None,
        projected_linear=linear if left > 0 else None,
        will_meet=met if left <= 0 else meets(projected, goal, target.comparator, direction),
        required_growth_remaining=None,
        headroom=headroom,
        breach_year=breach,
        cumulative_sum=total,
        formula=";".join(lines),
        inputs=frame.inputs(latest_year=t, latest_value=latest.value, years_observed=len(annual)),
        thresholds=frame.band_thresholds(),
        notes=(*frame.notes, *notes),
        required_per_year=per_year,
        will_meet_stretch=(
            meets(projected if left > 0 else total, stretch.value, stretch.comparator, direction)
            if stretch
            else None
        ),
        simulated=frame.series.simulated,
        gap=(goal - total) if headroom is None else -headroom,
    )
