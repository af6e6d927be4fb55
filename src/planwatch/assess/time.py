"""The time share τ (序时进度): how much of the period from baseline to target has elapsed."""

from __future__ import annotations

from decimal import Decimal

from planwatch.errors import InvalidInput


def time_share(baseline_year: int, target_year: int, year: int) -> Decimal:
    """τ = (t − t₀)/(T − t₀), clipped to [0, 1].

    >>> time_share(2020, 2025, 2022)
    Decimal('0.4')
    >>> time_share(2020, 2025, 2027), time_share(2020, 2025, 2019)
    (Decimal('1'), Decimal('0'))
    """
    if target_year <= baseline_year:
        raise InvalidInput(f"目标年 {target_year} 须晚于基期年 {baseline_year}")
    share = Decimal(year - baseline_year) / Decimal(target_year - baseline_year)
    return min(Decimal(1), max(Decimal(0), share))
