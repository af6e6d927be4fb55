"""Growth-rate targets (年均增长 6%): observed average annual growth against the target rate."""

from __future__ import annotations

from decimal import Decimal

from planwatch.assess import formula as fm
from planwatch.assess.comparators import flipped, meets
from planwatch.assess.frame import Frame
from planwatch.assess.growth import cagr, compound_factor, growth_ratio, growth_verdict, mean_rate
from planwatch.assess.projection import project_compound, weighted_linear_fit
from planwatch.assess.status import bands, final_bands
from planwatch.assess.time import time_share
from planwatch.domain.assessment import Assessment, GrowthVerdict, Light, Status
from planwatch.domain.indicator import Direction

ONE = Decimal(1)
HUNDRED = Decimal(100)


def log_progress(index: Decimal, rate: Decimal, years: int) -> Decimal | None:
    """P = ln(I_t)/(N·ln(1 + r)): the share of the targeted compound growth achieved.

    Growing at exactly the target rate gives P = τ. None when r = 0 or I_t ≤ 0.

    >>> round(log_progress(Decimal("1.1236"), Decimal("0.06"), 5), 6)
    Decimal('0.400000')
    """
    if rate == 0 or index <= 0 or rate <= -1:
        return None
    return index.ln() / (years * (ONE + rate).ln())


def assess_growth_rate(frame: Frame) -> Assessment:
    """Judge a 年均增长 target from published rates (preferred) or from levels."""
    target, t0, x0 = frame.target, frame.baseline_year, frame.baseline_value
    assert target is not None
    big_t, direction = target.year, frame.indicator.direction
    if t0 is None or big_t <= t0:
        return frame.no_data("缺少基期年,无法计算年均增长")
    rate = target.value / HUNDRED
    big_n = big_t - t0
    published = frame.series.rates_between(t0, big_t)
    levels = frame.series.levels_between(t0, big_t)
    notes: list[str] = []
    lines: list[str] = []
    latest = None
    xt = None
    if published:
        latest = published[-1]
        t = latest.year
        observed = mean_rate([o.value for o in published])
        if observed is None:
            return frame.no_data("公布增速累计降幅超过 100%,无法计算")
        contiguous = len(published) == t - t0
        if contiguous:
            index = ONE
            for o in published:
                index *= ONE + o.value / HUNDRED
        else:
            index = (ONE + observed) ** (t - t0)
            missing = sorted(set(range(t0 + 1, t + 1)) - {o.year for o in published})
            notes.append("缺少 " + "、".join(map(str, missing)) + " 年增速,以已有年份几何平均代替")
        shown = " × ".join(f"(1 + {fm.num(o.value)}%)" for o in published)
        lines.append(
            f"公布增速几何平均 ḡ = ({shown})^(1/{len(published)}) − 1 = {fm.pct(observed)}"
        )
        if levels:
            notes.append("有公布增速时按公布增速评价(可比价),不按现价总量计算")
    elif levels and x0 is not None:
        latest = levels[-1]
        t, xt = latest.year, latest.value
        growth = cagr(x0, xt, t - t0)
        if growth is None:
            return frame.no_data("基期值或最新值非正,复合增长率无定义")
        observed, index = growth, xt / x0
        lines.append(
            f"年均增长 ḡ = (x_t/x₀)^(1/(t − t₀)) − 1 = ({fm.num(xt)}/{fm.num(x0)})"
            f"^(1/{t - t0}) − 1 = {fm.pct(observed)}"
        )
    else:
        note, reason = "缺少基期值,无法由总量计算增速", "缺少基期值"
        if not levels:
            note = reason = "无观测数据"
        return frame.no_data(note, share=time_share(t0, big_t, frame.as_of), reason=reason)

    share = time_share(t0, big_t, t)
    lines.insert(0, f"序时进度 τ = ({t} − {t0})/({big_t} − {t0}) = {fm.ratio(share)}")
    # A "<"/"<=" target caps the rate; any other is a goal read the way the indicator improves
    # (年均下降 3% with ">=": a decline of at least 3%, i.e. ḡ ≤ −3%).
    capped = target.comparator in ("<", "<=")
    goal = (
        target.comparator
        if capped or direction is Direction.INCREASE
        else flipped(target.comparator)
    )
    met = meets(observed, rate, goal, direction)
    progress: Decimal | None = None
    final = frame.final(t)
    status: Status
    light: Light
    if capped:
        status, light = (Status.ON_TRACK, Light.GREEN) if met else (Status.LAGGING, Light.RED)
        if final:
            status, light = final_bands(met=met)
        lines.append(
            f"增速上限:ḡ = {fm.pct(observed)},须 {target.comparator} {fm.pct(rate)},"
            f"{'符合' if met else '超出'} → {status}"
        )
    else:
        progress = log_progress(index, rate, big_n)
        if progress is None:
            status, light = (Status.ON_TRACK, Light.GREEN) if met else (Status.LAGGING, Light.RED)
            if final:
                status, light = final_bands(met=met)
            lines.append(f"目标增速为 0,按 ḡ {goal} 0 评价 → {status}")
        else:
            lines.append(
                f"进度 P = ln(I_t)/(N·ln(1 + r)) = ln({fm.num(index)})"
                f"/({big_n} × ln(1 + {fm.pct(rate)})) = {fm.ratio(progress)}"
            )
            if final:
                status, light = final_bands(met=met)
                if not met:
                    notes.append("目标年已到,年均增长未达到目标")
                lines.append(
                    f"目标年已到,ḡ = {fm.pct(observed)},目标 {goal} {fm.pct(rate)} → {status}"
                )
            else:
                status, light = bands(progress, share, frame.thresholds, binding=frame.binding)
                lines.append(f"P − τ = {fm.signed(progress - share)} → {status},{light.label}")

    ratio = growth_ratio(observed, rate, direction)
    verdict: GrowthVerdict | None = None
    if final and met:
        verdict = GrowthVerdict.ACHIEVED
    elif ratio is not None:
        verdict = growth_verdict(ratio, frame.thresholds)
    if ratio is not None:
        lines.append(
            f"比值 R = d·ḡ/|r| = {fm.pct(observed)}/{fm.pct(abs(rate))}"
            f" = {fm.ratio(ratio)} → {verdict.label if verdict else ''}"
        )
    remaining = None
    if t < big_t and rate > -1:
        needed = (ONE + rate) ** big_n / index
        if needed > 0:
            remaining = compound_factor(needed, big_t - t) - ONE
            lines.append(f"此后每年需增长 ((1 + r)^N/I_t)^(1/(T − t)) − 1 = {fm.pct(remaining)}")
    projected = linear = None
    if xt is not None and t < big_t:
        projected = project_compound(xt, observed, big_t - t)
        trend = weighted_linear_fit(
            [(t0, x0), *((o.year, o.value) for o in levels)] if x0 is not None else []
        )
        linear = trend.at(big_t) if trend is not None else None
    stretch = frame.indicator.stretch_target
    return Assessment(
        indicator=frame.indicator,
        as_of=frame.as_of,
        status=status,
        light=light,
        time_share=share,
        progress=progress,
        latest=latest,
        observed_growth=observed,
        required_growth=rate,
        growth_ratio=ratio,
        growth_verdict=verdict,
        projected_value=projected,
        projected_linear=linear,
        will_meet=met,
        required_growth_remaining=remaining,
        headroom=None,
        breach_year=None,
        cumulative_sum=None,
        formula=";".join(lines),
        inputs=frame.inputs(
            latest_year=t,
            latest_value=latest.value,
            target_rate=fm.pct(rate),
            growth_source="published_rates" if published else "levels",
        ),
        thresholds=frame.band_thresholds(growth=True),
        notes=(*frame.notes, *notes),
        will_meet_stretch=(
            meets(observed, stretch.value / HUNDRED, stretch.comparator, direction)
            if stretch
            else None
        ),
        simulated=frame.series.simulated,
        gap=(rate - observed) if direction is Direction.INCREASE else (observed - rate),
    )
