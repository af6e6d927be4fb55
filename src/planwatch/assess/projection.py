"""Where the trend leads by the target year: compound growth and a recency-weighted line."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from planwatch.assess.comparators import meets
from planwatch.domain.indicator import Comparator, Direction

ONE = Decimal(1)


def project_compound(value: Decimal, rate: Decimal, years: int) -> Decimal:
    """value·(1 + rate)^years.

    >>> project_compound(Decimal("100"), Decimal("0.1"), 2)
    Decimal('121.00')
    """
    return value * (ONE + rate) ** years


@dataclass(frozen=True, slots=True)
class LinearTrend:
    """y = level + slope·(year − origin), fitted by weighted least squares."""

    origin: int
    level: Decimal
    slope: Decimal

    def at(self, year: int) -> Decimal:
        return self.level + self.slope * (year - self.origin)


def weighted_linear_fit(points: Sequence[tuple[int, Decimal]]) -> LinearTrend | None:
    """Weighted least squares with weights w = 1 + (year − first year): recent years count more.

    None with fewer than two distinct years. Two points give the line through them.

    >>> trend = weighted_linear_fit([(2020, Decimal(10)), (2021, Decimal(12)), (2022, Decimal(14))])
    >>> trend.slope, trend.at(2025)
    (Decimal('2'), Decimal('20'))
    """
    if len({year for year, _ in points}) < 2:
        return None
    first = min(year for year, _ in points)
    # Sums over x = year − first; one division for the slope keeps exact data exact.
    w_sum = x_sum = y_sum = xx_sum = xy_sum = Decimal(0)
    for year, y in points:
        x = Decimal(year - first)
        w = 1 + x
        w_sum += w
        x_sum += w * x
        y_sum += w * y
        xx_sum += w * x * x
        xy_sum += w * x * y
    slope = (w_sum * xy_sum - x_sum * y_sum) / (w_sum * xx_sum - x_sum * x_sum)
    return LinearTrend(origin=first, level=(y_sum - slope * x_sum) / w_sum, slope=slope)


def first_breach(
    path: Callable[[int], Decimal],
    start: int,
    end: int,
    bound: Decimal,
    comparator: Comparator,
    direction: Direction,
) -> int | None:
    """The first year in (start, end] whose projected value fails ``comparator bound``.

    >>> first_breach(lambda y: Decimal(y - 2020), 2022, 2025, Decimal(4), "<=", Direction.DECREASE)
    2025
    """
    for year in range(start + 1, end + 1):
        if not meets(path(year), bound, comparator, direction):
            return year
    return None
