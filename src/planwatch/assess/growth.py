"""Compound growth: observed and required rates, their ratio and its verdict (Statistics Canada).

Rates here are fractions (0.06 for 6%). Powers with a fractional exponent are computed as
``Decimal ** Decimal`` in the current decimal context (28 significant digits by default,
which :func:`planwatch.assess.assess` sets), so a rate is exact to about 1e-25.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from planwatch.assess.thresholds import Thresholds
from planwatch.domain.assessment import GrowthVerdict
from planwatch.domain.indicator import Direction

ONE = Decimal(1)
HUNDRED = Decimal(100)


def cagr(first: Decimal, last: Decimal, years: int) -> Decimal | None:
    """Compound annual growth rate (last/first)^(1/years) − 1; None unless both are positive.

    >>> round(cagr(Decimal("616.36"), Decimal("767.81"), 2), 4)
    Decimal('0.1161')
    >>> cagr(Decimal("-5"), Decimal("3"), 2) is None
    True
    """
    if years <= 0 or first <= 0 or last <= 0:
        return None
    return compound_factor(last / first, years) - ONE


def compound_factor(ratio: Decimal, years: int) -> Decimal:
    """The annual factor that compounds to ``ratio`` over ``years``: ratio^(1/years).

    >>> round(compound_factor(Decimal("1.21"), 2), 6)
    Decimal('1.100000')
    """
    if years == 1:
        return ratio
    return ratio ** (ONE / Decimal(years))


def mean_rate(rates_percent: Sequence[Decimal]) -> Decimal | None:
    """Geometric mean of published annual rates (in %): (Π(1 + gᵢ/100))^(1/k) − 1, as a fraction.

    >>> round(mean_rate([Decimal("10"), Decimal("21")]), 6)
    Decimal('0.153690')
    >>> mean_rate([]) is None
    True
    """
    if not rates_percent:
        return None
    product = ONE
    for rate in rates_percent:
        product *= ONE + rate / HUNDRED
    if product <= 0:
        return None
    return compound_factor(product, len(rates_percent)) - ONE


def growth_ratio(observed: Decimal, required: Decimal, direction: Direction) -> Decimal | None:
    """R = d·g_obs/|g_req| with d = +1 when higher is better, −1 when lower is better.

    Taking the magnitude of the required rate keeps R negative for movement the wrong way even
    when the baseline is already beyond the target (Statistics Canada's edge case).

    >>> round(growth_ratio(Decimal("0.1161"), Decimal("0.1017"), Direction.INCREASE), 4)
    Decimal('1.1416')
    >>> growth_ratio(Decimal("-0.03"), Decimal("-0.03"), Direction.DECREASE)
    Decimal('1')
    """
    if required == 0:
        return None
    sign = ONE if direction is Direction.INCREASE else -ONE
    return sign * observed / abs(required)


def growth_verdict(ratio: Decimal, thresholds: Thresholds) -> GrowthVerdict:
    """The category of a growth ratio (a met target is ``ACHIEVED``, decided by the caller).

    >>> growth_verdict(Decimal("0.7"), Thresholds())
    <GrowthVerdict.MODERATE: 'moderate'>
    """
    if ratio >= thresholds.growth_on_track:
        return GrowthVerdict.ON_TRACK
    if ratio >= thresholds.growth_moderate:
        return GrowthVerdict.MODERATE
    if ratio >= thresholds.growth_limited:
        return GrowthVerdict.LIMITED
    return GrowthVerdict.DETERIORATION
