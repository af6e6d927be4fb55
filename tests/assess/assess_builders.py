"""Small builders for assessment tests: indicators, observations and a table-case shape."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from planwatch.assess import assess
from planwatch.domain.assessment import Assessment, Light, Status
from planwatch.domain.indicator import (
    Attribute,
    Comparator,
    Direction,
    Indicator,
    Observation,
    ObservationStatus,
    Target,
    TargetKind,
)

D = Decimal
UP, DOWN = Direction.INCREASE, Direction.DECREASE


def indicator(
    kind: TargetKind,
    target: str | None,
    *,
    baseline: str | None = None,
    baseline_year: int | None = 2020,
    year: int = 2025,
    comparator: Comparator = ">=",
    direction: Direction = UP,
    binding: bool = False,
    unit: str = "亿元",
    target_unit: str | None = None,
    change: Direction | None = None,
    stretch: str | None = None,
    name: str = "指标",
) -> Indicator:
    targets: tuple[Target, ...] = ()
    if target is not None:
        targets = (Target(D(target), year, comparator, unit=target_unit, change=change),)
    if stretch is not None:
        targets += (Target(D(stretch), year, comparator, stretch=True, unit=target_unit),)
    return Indicator(
        name,
        unit,
        kind,
        Attribute.BINDING if binding else Attribute.EXPECTED,
        direction,
        baseline_year,
        D(baseline) if baseline is not None else None,
        targets,
    )


def levels(values: Mapping[int, str], **extra: object) -> tuple[Observation, ...]:
    return tuple(Observation(year, D(value), **extra) for year, value in values.items())  # type: ignore[arg-type]


def rates(values: Mapping[int, str]) -> tuple[Observation, ...]:
    return tuple(Observation(year, D(value), is_growth_rate=True) for year, value in values.items())


def revised(year: int, value: str, status: ObservationStatus) -> Observation:
    return Observation(year, D(value), status=status)


def close(actual: Decimal | None, expected: str) -> bool:
    """Equal to the hand-computed value to the decimals it is written with."""
    assert actual is not None
    places = -D(expected).as_tuple().exponent  # type: ignore[operator]
    return abs(actual - D(expected)) <= D(6) * D(10) ** -(places + 1)


@dataclass(frozen=True)
class Case:
    """One hand-computed row: an indicator, its data, and what the engine must conclude."""

    id: str
    indicator: Indicator
    observations: tuple[Observation, ...]
    as_of: int
    status: Status
    light: Light
    tau: str | None = None
    progress: str | None = None
    note: str | None = None  # a piece of text one of the notes must contain
    period: tuple[int, int] | None = None

    def run(self) -> Assessment:
        return assess(self.indicator, self.observations, self.as_of, period=self.period)

    def check(self) -> Assessment:
        result = self.run()
        assert (result.status, result.light) == (self.status, self.light), result.formula
        if self.tau is not None:
            assert close(result.time_share, self.tau), result.time_share
        if self.progress is not None:
            assert close(result.progress, self.progress), result.progress
        if self.note is not None:
            assert any(self.note in note for note in result.notes), result.notes
        return result
