"""Ceilings (控制在 N 以内) and floors (不低于 N): yearly compliance, headroom, projected breach."""

from __future__ import annotations

from decimal import Decimal

from planwatch.assess import formula as fm
from planwatch.assess.comparators import meets
from planwatch.assess.frame import Frame
from planwatch.assess.growth import cagr
from planwatch.assess.projection import first_breach, project_compound, weighted_linear_fit
from planwatch.assess.status import final_bands
from planwatch.assess.time import time_share
from planwatch.domain.assessment import Assessment, Light, Status
from planwatch.domain.indicator import Comparator, TargetKind

ONE = Decimal(1)


def bound_comparator(kind: TargetKind, comparator: Comparator) -> Comparator:
    """A ceiling is ``<=``/``<``, a floor ``>=``/``>``; any other comparator takes the default.

    >>> bound_comparator(TargetKind.CEILING, ">="), bound_comparator(TargetKind.FLOOR, ">")
    ('<=', '>')
    """
    if kind is TargetKind.CEILING:
        return comparator if comparator in ("<", "<=") else "<="
    return comparator if comparator in (">", ">=") else ">="


def headroom(kind: TargetKind, value: Decimal, bound: Decimal) -> Decimal:
    """Room left before the bound: X − x for a ceiling, x − X for a floor (negative: breached).

    >>> headroom(TargetKind.CEILING, Decimal("2.1"), Decimal("2.39"))
    Decimal('0.29')
    """
    return bound - value if kind is TargetKind.CEILING else value - bound


def assess_bound(frame: Frame) -> Assessment:
    """Compliance rules: latest breach → 滞后 red; earlier breach or projected breach → yellow."""
    target, t0, x0 = frame.target, frame.baseline_year, frame.baseline_value
    assert target is not None
    kind, direction = frame.indicator.kind, frame.indicator.direction
    big_t, bound = target.year, target.value
    comparator = bound_comparator(kind, target.comparator)
    observed = frame.series.levels_between(t0, big_t)
    share_now = time_share(t0, big_t, frame.as_of) if t0 is not None and big_t > t0 else None
    if not observed:
        return frame.no_data("无观测数据", share=share_now)
    latest = observed[-1]
    t, xt = latest.year, latest.value
    share = time_share(t0, big_t, t) if t0 is not None and big_t > t0 else None
    room = headroom(kind, xt, bound)
    breached = [o.year for o in observed if not meets(o.value, bound, comparator, direction)]
    word = "上限" if kind is TargetKind.CEILING else "下限"
    lines = [f"{word} {comparator} {fm.num(bound)};最新值 {t} 年 {fm.num(xt)},余量 {fm.num(room)}"]
    notes: list[str] = []

    start = (t0, x0) if t0 is not None and x0 is not None else (observed[0].year, observed[0].value)
    growth = cagr(start[1], xt, t - start[0]) if t > start[0] else None
    points = ([start] if start[0] < observed[0].year else []) + [
        (o.year, o.value) for o in observed
    ]
    trend = weighted_linear_fit(points)
    projected = (
        project_compound(xt, growth, big_t - t) if growth is not None and t < big_t else None
    )
    linear = trend.at(big_t) if trend is not None and t < big_t else None
    candidates = []
    if growth is not None:
        candidates.append(
            first_breach(
                lambda y: project_compound(xt, growth, y - t),
                t,
                big_t,
                bound,
                comparator,
                direction,
            )
        )
    if trend is not None:
        candidates.append(first_breach(trend.at, t, big_t, bound, comparator, direction))
    found = [year for year in candidates if year is not None]
    latest_breached = bool(breached) and breached[-1] == t
    breach = t if latest_breached else (min(found) if found else None)

    status: Status
    light: Light
    if t >= big_t:
        status, light = final_bands(met=not latest_breached)
        if breached and not latest_breached:
            notes.append("、".join(map(str, breached)) + f" 年曾超出{word}")
        lines.append(f"目标年 {big_t} 年{'超出' if latest_breached else '符合'}{word} → {status}")
    elif latest_breached:
        status, light = Status.LAGGING, Light.RED
        lines.append(f"最新值超出{word} → 滞后,红灯")
    elif breached:
        status, light = Status.ON_TRACK, Light.YELLOW
        notes.append("、".join(map(str, breached)) + f" 年曾超出{word},现已符合")
        lines.append(f"现符合{word},此前曾超出 → 基本符合预期,黄灯")
    elif breach is not None:
        status, light = Status.ON_TRACK, Light.YELLOW
        notes.append(f"按趋势预计 {breach} 年超出{word}")
        lines.append(f"历年均符合,按趋势预计 {breach} 年超出{word} → 基本符合预期,黄灯")
    else:
        status, light = Status.ON_TRACK, Light.GREEN
        lines.append(f"历年均符合{word} → 基本符合预期,绿灯")
    if projected is not None or linear is not None:
        shown = [
            f"复合增长外推 {fm.num(projected)}" if projected is not None else "",
            f"加权线性外推 {fm.num(linear)}" if linear is not None else "",
        ]
        lines.append(f"{big_t} 年预测:" + ",".join(s for s in shown if s))
    chosen = projected if projected is not None else linear
    will_meet = (
        meets(xt, bound, comparator, direction)
        if t >= big_t
        else (None if chosen is None else meets(chosen, bound, comparator, direction))
    )
    return Assessment(
        indicator=frame.indicator,
        as_of=frame.as_of,
        status=status,
        light=light,
        time_share=share,
        progress=None,
        latest=latest,
        observed_growth=growth,
        required_growth=None,
        growth_ratio=None,
        growth_verdict=None,
        projected_value=projected,
        projected_linear=linear,
        will_meet=will_meet,
        required_growth_remaining=None,
        headroom=room,
        breach_year=breach,
        cumulative_sum=None,
        formula=";".join(lines),
        inputs=frame.inputs(
            latest_year=t,
            latest_value=xt,
            comparator=comparator,
            years_breached="、".join(map(str, breached)) or None,
        ),
        thresholds={},
        notes=(*frame.notes, *notes),
        simulated=frame.series.simulated,
        gap=-room,
    )
