"""Level targets (达到 X) and change targets (下降 13.5%, 提高 2 个百分点) read as a level."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from planwatch.assess import formula as fm
from planwatch.assess.comparators import flipped, meets
from planwatch.assess.frame import Frame
from planwatch.assess.growth import cagr, growth_ratio, growth_verdict
from planwatch.assess.projection import project_compound, weighted_linear_fit
from planwatch.assess.status import at_least, band_light, bands, final_bands
from planwatch.assess.time import time_share
from planwatch.domain.assessment import Assessment, GrowthVerdict, Light, Status
from planwatch.domain.indicator import (
    RELATIVE_CHANGE_UNIT,
    Comparator,
    Direction,
    Target,
)

HUNDRED = Decimal(100)


def implied_level(baseline: Decimal, target: Target, direction: Direction) -> Decimal:
    """The level a change target means: x₀·(1 ± v/100) for "%", x₀ ± v otherwise.

    >>> implied_level(Decimal("0.5"), Target(Decimal("13.5"), 2025, unit="%"), Direction.DECREASE)
    Decimal('0.4325')
    >>> points = Target(Decimal("2"), 2025, unit="百分点")
    >>> implied_level(Decimal("39.2"), points, Direction.INCREASE)
    Decimal('41.2')
    """
    sign = 1 if (target.change or direction) is Direction.INCREASE else -1
    size = abs(target.value) * sign
    if target.unit == RELATIVE_CHANGE_UNIT:
        return baseline * (1 + size / HUNDRED)
    return baseline + size


def implied_comparator(target: Target, direction: Direction) -> Comparator:
    """A decrease of at least v is a level of at most x₀ − v.

    >>> implied_comparator(Target(Decimal("13.5"), 2025, ">="), Direction.DECREASE)
    '<='
    """
    moving = target.change or direction
    return target.comparator if moving is Direction.INCREASE else flipped(target.comparator)


def level_progress(baseline: Decimal, latest: Decimal, target: Decimal) -> Decimal | None:
    """P = (x_t − x₀)/(X − x₀); the signs make it work for decreases too. None when X = x₀.

    >>> round(level_progress(Decimal("616.36"), Decimal("767.81"), Decimal("1000")), 4)
    Decimal('0.3948')
    >>> level_progress(Decimal("10"), Decimal("8"), Decimal("6"))
    Decimal('0.5')
    """
    if target == baseline:
        return None
    return (latest - baseline) / (target - baseline)


def assess_level(frame: Frame) -> Assessment:
    """Judge a level target by P against τ (see docs/assessment.md §Level)."""
    assert frame.target is not None
    stretch = frame.indicator.stretch_target
    return judge_level(
        frame,
        frame.target.value,
        frame.target.comparator,
        stretch.value if stretch else None,
        stretch.comparator if stretch else None,
        "",
    )


def assess_change(frame: Frame) -> Assessment:
    """Turn a change target into the level it implies, then judge that level."""
    target, direction, x0 = frame.target, frame.indicator.direction, frame.baseline_value
    assert target is not None
    if x0 is None:
        return frame.no_data("变化目标需要基期值,缺少基期值", reason="缺少基期值")
    goal = implied_level(x0, target, direction)
    moving = target.change or direction
    word = "提高" if moving is Direction.INCREASE else "下降"
    if target.unit == RELATIVE_CHANGE_UNIT:
        sign = "+" if moving is Direction.INCREASE else "−"
        text = (
            f"{word} {fm.num(target.value)}%:隐含目标 X = x₀ × (1 {sign} {fm.num(target.value)}%)"
        )
    else:
        sign = "+" if moving is Direction.INCREASE else "−"
        unit = target.unit or frame.indicator.unit
        size = fm.num(target.value)
        text = f"{word} {size}{unit}:隐含目标 X = x₀ {sign} {size}"
    text += f" = {fm.num(goal)};"
    stretch = frame.indicator.stretch_target
    return judge_level(
        frame,
        goal,
        implied_comparator(target, direction),
        implied_level(x0, stretch, direction) if stretch else None,
        implied_comparator(stretch, direction) if stretch else None,
        text,
    )


def judge_level(
    frame: Frame,
    goal: Decimal,
    comparator: Comparator,
    stretch_goal: Decimal | None,
    stretch_comparator: Comparator | None,
    preamble: str,
) -> Assessment:
    """The level rules: met early, target year passed, baseline already met, bands."""
    direction, t0, x0, big_t = (
        frame.indicator.direction,
        frame.baseline_year,
        frame.baseline_value,
        frame.target_year,
    )
    observed = frame.series.levels_between(t0, big_t)
    if not observed:
        only_base = t0 is not None and frame.series.level_at(t0) is not None
        share = time_share(t0, big_t, frame.as_of) if t0 is not None and big_t > t0 else None
        note = f"仅有基期（{t0}年）数据" if only_base else "无观测数据"
        reason = "仅有基期数据" if only_base else note
        return frame.no_data(note, share=share, reason=reason)
    latest = observed[-1]
    t, xt = latest.year, latest.value
    # X 左右 is met within an allowance: from X − a when it should rise, X + a when it should fall
    allowance = (
        frame.thresholds.allowance(goal, frame.indicator.unit) if comparator == "=" else Decimal(0)
    )
    bar = goal - allowance if direction is Direction.INCREASE else goal + allowance
    met = meets(xt, bar, comparator, direction)
    share = time_share(t0, big_t, t) if t0 is not None and big_t > t0 else None
    progress = level_progress(x0, xt, goal) if x0 is not None else None
    baseline_met = x0 is not None and meets(x0, bar, comparator, direction)
    if baseline_met:
        progress = None
    notes: list[str] = []
    lines = [preamble] if preamble else []
    if allowance:
        about, bar_text = fm.num(goal), fm.num(bar)
        lines.append(f"目标 {about} 左右,容差 {fm.num(allowance)}:达到 {bar_text} 即视为实现")
    if share is not None:
        lines.append(
            f"序时进度 τ = (t − t₀)/(T − t₀) = ({t} − {t0})/({big_t} − {t0}) = {fm.ratio(share)}"
        )
    if progress is not None and x0 is not None:
        lines.append(
            f"进度 P = (x_t − x₀)/(X − x₀) = ({fm.num(xt)} − {fm.num(x0)})"
            f"/({fm.num(goal)} − {fm.num(x0)}) = {fm.ratio(progress)}"
        )
    final = frame.final(t)
    gap = shortfall(goal, xt, direction)
    status: Status
    light: Light
    if met and t < big_t:
        status, light = Status.ACHIEVED_EARLY, Light.GREEN
        lines.append(f"最新值 {fm.num(xt)} {comparator} {fm.num(goal)},目标年前已实现 → 提前实现")
    elif final:
        early = (
            met
            and not baseline_met
            and any(meets(o.value, bar, comparator, direction) for o in observed[:-1])
        )
        status, light = final_bands(met=met, early=early)
        if met:
            lines.append(
                f"目标年 {big_t} 年值 {fm.num(xt)} {comparator} {fm.num(goal)},目标实现 → {status}"
            )
        else:
            notes.append("目标年已到,目标未实现")
            lines.append(
                f"目标年 {big_t} 年值 {fm.num(xt)} 未达到 {comparator} {fm.num(goal)},"
                f"差距 {fm.num(gap)} → 未完成"
            )
    elif baseline_met:
        status, light = Status.LAGGING, Light.RED
        notes.append("基期已达到目标,按是否保持评价:现已不满足")
        lines.append(f"基期值 {fm.num(x0 or goal)} 已满足目标,最新值 {fm.num(xt)} 不再满足 → 滞后")
    elif x0 is not None and x0 == goal and share is not None:
        # 突破 the baseline's own value and not past it yet: no progress at all
        status = Status.LAGGING
        light = at_least(
            band_light(Decimal(0), share, frame.thresholds, binding=frame.binding), Light.YELLOW
        )
        notes.append("目标值等于基期值,最新值尚未超过")
        lines.append(f"目标为 {comparator} 基期值 {fm.num(goal)},最新值 {fm.num(xt)} 未达到 → 滞后")
    elif progress is None or share is None:
        note, reason = "缺少基期值,无法计算进度", "缺少基期值"
        if t0 is None:
            note, reason = "缺少基期年,无法计算序时进度", "缺少基期年"
        assessed = frame.no_data(note, reason=reason)
        return replace(
            assessed,
            latest=latest,
            formula=";".join(lines),
            inputs=frame.inputs(
                latest_year=t, latest_value=xt, implied_target=goal if preamble else None
            ),
            gap=gap,
        )
    else:
        status, light = bands(progress, share, frame.thresholds, binding=frame.binding)
        lines.append(f"P − τ = {fm.signed(progress - share)} → {status},{light.label}")

    observed_growth = required = ratio = None
    verdict: GrowthVerdict | None = GrowthVerdict.ACHIEVED if met else None
    if x0 is not None and t0 is not None:
        observed_growth = cagr(x0, xt, t - t0)
        required = cagr(x0, goal, big_t - t0)
        if observed_growth is None or required is None:
            notes.append("基期值、最新值或目标值非正,复合增长率无定义,改用线性拟合")
        else:
            ratio = growth_ratio(observed_growth, required, direction)
            if ratio is not None and verdict is None:
                verdict = growth_verdict(ratio, frame.thresholds)
            lines.append(
                f"观测年均增长 {fm.pct(observed_growth)},所需年均增长 {fm.pct(required)}"
                + (f",比值 R = {fm.ratio(ratio)}" if ratio is not None else "")
                + (f" → {verdict.label}" if verdict is not None else "")
            )
    remaining = cagr(xt, goal, big_t - t) if t < big_t else None
    if remaining is not None:
        lines.append(
            f"此后每年需增长 (X/x_t)^(1/(T − t)) − 1 = ({fm.num(goal)}/{fm.num(xt)})"
            f"^(1/{big_t - t}) − 1 = {fm.pct(remaining)}"
        )

    points = [(t0, x0)] if t0 is not None and x0 is not None else []
    points += [(o.year, o.value) for o in observed]
    trend = weighted_linear_fit(points)
    projected = (
        project_compound(xt, observed_growth, big_t - t)
        if observed_growth is not None and t < big_t
        else None
    )
    linear = trend.at(big_t) if trend is not None and t < big_t else None
    will_meet = met if t >= big_t else _meets_any(projected, linear, bar, comparator, direction)
    will_meet_stretch = None
    if stretch_goal is not None and stretch_comparator is not None:
        will_meet_stretch = (
            meets(xt, stretch_goal, stretch_comparator, direction)
            if t >= big_t
            else _meets_any(projected, linear, stretch_goal, stretch_comparator, direction)
        )
    if projected is not None or linear is not None:
        shown = [
            f"复合增长外推 {fm.num(projected)}" if projected is not None else "",
            f"加权线性外推 {fm.num(linear)}" if linear is not None else "",
        ]
        lines.append(f"{big_t} 年预测:" + ",".join(s for s in shown if s))

    return Assessment(
        indicator=frame.indicator,
        as_of=frame.as_of,
        status=status,
        light=light,
        time_share=share,
        progress=progress,
        latest=latest,
        observed_growth=observed_growth,
        required_growth=required,
        growth_ratio=ratio,
        growth_verdict=verdict,
        projected_value=projected,
        projected_linear=linear,
        will_meet=will_meet,
        required_growth_remaining=remaining,
        headroom=None,
        breach_year=None,
        cumulative_sum=None,
        formula=";".join(lines),
        inputs=frame.inputs(
            latest_year=t, latest_value=xt, implied_target=goal if preamble else None
        ),
        thresholds=frame.band_thresholds(growth=ratio is not None),
        notes=(*frame.notes, *notes),
        will_meet_stretch=will_meet_stretch,
        simulated=frame.series.simulated,
        gap=gap,
    )


def shortfall(goal: Decimal, value: Decimal, direction: Direction) -> Decimal:
    """How far ``value`` is short of ``goal`` the way the indicator improves; ≤ 0 when there.

    >>> shortfall(Decimal("1000"), Decimal("990"), Direction.INCREASE)
    Decimal('10')
    >>> shortfall(Decimal("35"), Decimal("37"), Direction.DECREASE)
    Decimal('2')
    """
    return goal - value if direction is Direction.INCREASE else value - goal


def _meets_any(
    projected: Decimal | None,
    linear: Decimal | None,
    goal: Decimal,
    comparator: Comparator,
    direction: Direction,
) -> bool | None:
    """Will the target be met by the projection: the compound one when defined, else the line."""
    chosen = projected if projected is not None else linear
    return None if chosen is None else meets(chosen, goal, comparator, direction)
