"""How fast planwatch judges indicators: ``assess`` over a synthetic county plan set.

Input: 6,000 indicators (1,000 of each numeric kind: level, change, growth rate, cumulative,
ceiling, floor), each with a 2020 baseline, a 2025 target and five annual observations,
assessed as of 2024. Prints assessments per second, best of several runs.

    .venv/bin/python benchmarks/assess_bench.py
"""

from __future__ import annotations

import platform
import time
from decimal import Decimal

from planwatch.assess import assess
from planwatch.domain.indicator import Direction, Indicator, Observation, Target, TargetKind

KINDS = (
    (TargetKind.LEVEL, Direction.INCREASE, ">=", None),
    (TargetKind.CHANGE, Direction.DECREASE, ">=", "%"),
    (TargetKind.GROWTH_RATE, Direction.INCREASE, ">=", None),
    (TargetKind.CUMULATIVE, Direction.INCREASE, ">=", None),
    (TargetKind.CEILING, Direction.DECREASE, "<=", None),
    (TargetKind.FLOOR, Direction.INCREASE, ">=", None),
)


def workload(per_kind: int) -> list[tuple[Indicator, list[Observation]]]:
    cases = []
    for i in range(per_kind):
        base = Decimal(100 + i % 50)
        for kind, direction, comparator, unit in KINDS:
            target = {TargetKind.GROWTH_RATE: Decimal(6), TargetKind.CHANGE: Decimal("13.5")}.get(
                kind, base * Decimal("1.4")
            )
            indicator = Indicator(
                f"{kind}-{i}", "亿元", kind, direction=direction, baseline_year=2020,
                baseline_value=base, targets=(Target(target, 2025, comparator, unit=unit),),
            )  # fmt: skip
            step = Decimal(i % 7 - 2)
            observations = [Observation(y, base + step * (y - 2020)) for y in range(2021, 2026)]
            cases.append((indicator, observations))
    return cases


def main() -> None:
    cases = workload(1000)
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        for indicator, observations in cases:
            assess(indicator, observations, as_of=2024)
        best = min(best, time.perf_counter() - start)
    print(
        f"machine: {platform.processor() or platform.machine()}, Python {platform.python_version()}"
    )
    print(f"{len(cases)} assessments in {best:.3f} s: {len(cases) / best:,.0f} per second")


if __name__ == "__main__":
    main()
