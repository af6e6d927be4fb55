"""Which observations an assessment uses: one per year, none after the cut-off year."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from planwatch.domain.indicator import Observation


@dataclass(frozen=True, slots=True)
class Series:
    """Observations of one indicator, one per year, in year order.

    ``levels`` are values of the indicator; ``rates`` published annual growth rates (%).
    ``ignored`` are the years dropped because they come after the cut-off.
    """

    levels: tuple[Observation, ...]
    rates: tuple[Observation, ...]
    ignored: tuple[int, ...] = ()

    @property
    def simulated(self) -> bool:
        return any(o.simulated for o in (*self.levels, *self.rates))

    def level_at(self, year: int) -> Observation | None:
        return next((o for o in self.levels if o.year == year), None)

    def level_before(self, year: int) -> Observation | None:
        """The level at ``year``, else the latest one before it (a stand-in baseline)."""
        return next((o for o in reversed(self.levels) if o.year <= year), None)

    def levels_between(self, first: int | None, last: int) -> tuple[Observation, ...]:
        """Levels with ``first`` < year ≤ ``last`` (no lower bound when ``first`` is None)."""
        return tuple(o for o in self.levels if (first is None or o.year > first) and o.year <= last)

    def rates_between(self, first: int, last: int) -> tuple[Observation, ...]:
        return tuple(o for o in self.rates if first < o.year <= last)


def best_per_year(observations: Iterable[Observation]) -> tuple[Observation, ...]:
    """One observation a year: revised over final over preliminary; among equals, the last given.

    >>> from decimal import Decimal
    >>> from planwatch.domain.indicator import ObservationStatus as S
    >>> best = best_per_year([Observation(2022, Decimal("760"), status=S.PRELIMINARY),
    ...                       Observation(2022, Decimal("767.81")),
    ...                       Observation(2021, Decimal("700"))])
    >>> [(o.year, o.value) for o in best]
    [(2021, Decimal('700')), (2022, Decimal('767.81'))]
    """
    chosen: dict[int, Observation] = {}
    for obs in observations:
        held = chosen.get(obs.year)
        if held is None or obs.status.rank >= held.status.rank:
            chosen[obs.year] = obs
    return tuple(chosen[year] for year in sorted(chosen))


def select(
    observations: Sequence[Observation], as_of: int, target_year: int | None = None
) -> Series:
    """Split into levels and rates, keep the best per year, drop years after the as-of year
    and after the target year (those after the target year are listed in ``ignored``).

    >>> from decimal import Decimal
    >>> s = select([Observation(2021, Decimal("8.1"), is_growth_rate=True),
    ...             Observation(2022, Decimal("767.81")), Observation(2026, Decimal("1100")),
    ...             Observation(2027, Decimal("1200"))], as_of=2026, target_year=2025)
    >>> len(s.levels), len(s.rates), s.ignored
    (1, 1, (2026,))
    """
    cutoff = as_of if target_year is None else min(as_of, target_year)
    kept = [o for o in observations if o.year <= cutoff]
    ignored = tuple(sorted({o.year for o in observations if cutoff < o.year <= as_of}))
    return Series(
        levels=best_per_year(o for o in kept if not o.is_growth_rate),
        rates=best_per_year(o for o in kept if o.is_growth_rate),
        ignored=ignored,
    )
