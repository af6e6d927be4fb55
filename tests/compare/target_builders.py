"""TargetRef with defaults, so each case row names only what it is about."""

from __future__ import annotations

from decimal import Decimal

from planwatch.domain.comparison import TargetRef
from planwatch.domain.indicator import Attribute, Comparator, Direction, TargetKind

D = Decimal
K = TargetKind
A = Attribute
UP, DOWN = Direction.INCREASE, Direction.DECREASE


def target(series: str = "gdp", value: str = "1000", unit: str = "亿元", year: int | None = 2025,
           comparator: Comparator = ">=", kind: TargetKind = K.LEVEL,
           attribute: Attribute | None = A.EXPECTED, stretch: bool = False,
           change: Direction | None = None, indicator: str | None = None) -> TargetRef:
    return TargetRef(series, indicator or series, unit, D(value), year, comparator, kind,
                     attribute, stretch, change, f"{indicator or series}…", 1)
