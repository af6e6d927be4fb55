"""Properties: a better observation never gives a worse status; units do not change the verdict."""

from dataclasses import replace
from decimal import Decimal

from assess_builders import DOWN, UP
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from planwatch.assess import assess
from planwatch.domain.assessment import Status
from planwatch.domain.indicator import (
    Attribute,
    Comparator,
    Direction,
    Indicator,
    Observation,
    Target,
    TargetKind,
)

KINDS = [
    TargetKind.LEVEL,
    TargetKind.CHANGE,
    TargetKind.CUMULATIVE,
    TargetKind.GROWTH_RATE,
    TargetKind.CEILING,
    TargetKind.FLOOR,
]
AT_LEAST: list[Comparator] = [">=", ">", "="]
AT_MOST: list[Comparator] = ["<=", "<", "="]


def amounts(low: int = 1, high: int = 10_000_000) -> st.SearchStrategy[Decimal]:
    """Positive values with two decimals, as statistics publish them."""
    return st.integers(low, high).map(lambda n: Decimal(n) / 100)


@st.composite
def scenarios(draw: st.DrawFn) -> tuple[Indicator, list[Observation], int]:
    kind = draw(st.sampled_from(KINDS))
    direction = draw(st.sampled_from([UP, DOWN]))
    if kind is TargetKind.CEILING:
        direction = DOWN
    if kind is TargetKind.FLOOR:
        direction = UP
    baseline = draw(amounts(100))
    better = 1 if direction is UP else -1
    comparator: Comparator = draw(st.sampled_from(AT_LEAST if direction is UP else AT_MOST))
    unit = None
    published = False
    if kind in (TargetKind.LEVEL, TargetKind.CEILING, TargetKind.FLOOR):
        share = Decimal(draw(st.integers(-50, 200))) / 100
        value = baseline * (1 + better * share)
        assume(value > 0)
        if kind is not TargetKind.LEVEL:
            comparator = "<=" if kind is TargetKind.CEILING else ">="
    elif kind is TargetKind.CHANGE:
        value = Decimal(draw(st.integers(1, 90)))
        unit = draw(st.sampled_from(["%", None]))
        comparator = ">="
    elif kind is TargetKind.CUMULATIVE:
        value = draw(amounts(100))
        comparator = ">=" if direction is UP else "<="
    else:
        comparator = draw(st.sampled_from([">=", "<="]))
        if comparator == "<=":  # a cap on growth (增速控制在 r% 以内): lower is better
            direction = DOWN
        magnitude = Decimal(draw(st.integers(1, 150))) / 10
        value = magnitude if comparator == "<=" or direction is UP else -magnitude
        published = draw(st.booleans())
    years = draw(st.lists(st.integers(2019, 2026), min_size=1, max_size=6, unique=True))
    observations = [
        Observation(
            year,
            Decimal(draw(st.integers(-100, 300))) / 10 if published else draw(amounts()),
            is_growth_rate=published,
        )
        for year in sorted(years)
    ]
    attribute = draw(st.sampled_from(list(Attribute)))
    targets = (Target(value, 2025, comparator, unit=unit),)
    indicator = Indicator("指标", "亿元", kind, attribute, direction, 2020, baseline, targets)
    return indicator, observations, draw(st.integers(2021, 2027))


def improved(obs: Observation, direction: Direction, fraction: Decimal) -> Observation:
    """The same observation moved the better way, staying positive."""
    step = abs(obs.value) * fraction + Decimal("0.01")
    if direction is Direction.DECREASE:
        step = min(step, obs.value * fraction) if not obs.is_growth_rate else step
    return replace(obs, value=obs.value + step if direction is UP else obs.value - step)


@settings(max_examples=400, deadline=None)
@given(scenarios(), st.data())
def test_a_better_observation_never_gives_a_worse_status(
    scenario: tuple[Indicator, list[Observation], int], data: st.DataObject
) -> None:
    indicator, observations, as_of = scenario
    index = data.draw(st.integers(0, len(observations) - 1))
    fraction = Decimal(data.draw(st.integers(1, 90))) / 100
    better = list(observations)
    better[index] = improved(observations[index], indicator.direction, fraction)
    assume(better[index].is_growth_rate or better[index].value > 0)
    before = assess(indicator, observations, as_of)
    after = assess(indicator, better, as_of)
    # A better value never loses a judgement; it may gain one (an old value that now meets the
    # target is 提前实现, where an old value that does not is no judgement once T has come).
    assert before.status.rank is None or after.status.rank is not None
    if before.status.rank is None:
        assert after.status.rank is None or after.status is Status.ACHIEVED_EARLY
    if before.status.rank is not None and after.status.rank is not None:
        assert after.status.rank >= before.status.rank, (before.formula, after.formula)


def rescaled(indicator: Indicator, factor: Decimal) -> Indicator:
    def target(t: Target) -> Target:
        if indicator.kind is TargetKind.GROWTH_RATE or t.unit == "%":
            return t
        return replace(t, value=t.value * factor)

    baseline = indicator.baseline_value
    return replace(
        indicator,
        baseline_value=baseline * factor if baseline is not None else None,
        targets=tuple(target(t) for t in indicator.targets),
    )


@settings(max_examples=300, deadline=None)
@given(scenarios(), st.sampled_from([1, 2, 4, 8, -2]))
def test_rescaling_units_changes_nothing(
    scenario: tuple[Indicator, list[Observation], int], power: int
) -> None:
    """亿元 → 万元 is ×10⁴: τ, P, status, light and breach year stay as they were."""
    indicator, observations, as_of = scenario
    factor = Decimal(10) ** power
    scaled_obs = [
        o if o.is_growth_rate else replace(o, value=o.value * factor) for o in observations
    ]
    before = assess(indicator, observations, as_of)
    after = assess(rescaled(indicator, factor), scaled_obs, as_of)
    assert after.time_share == before.time_share
    assert after.progress == before.progress
    assert (after.status, after.light) == (before.status, before.light)
    assert after.breach_year == before.breach_year
    assert after.growth_ratio == before.growth_ratio
