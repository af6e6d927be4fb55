"""The overall judgement of a plan: only indicators judged on current data count.

An indicator counts when its assessment rests on data for its evaluation year, min(as-of, T),
less the statistical lag the thresholds allow (``data_lag``); the others are said plainly as
"without current data", split into those with only older data and those with none.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from planwatch.domain.assessment import Assessment, Status


@dataclass(frozen=True, slots=True)
class Overall:
    """How many indicators were judged on current data, by status, and how many were not.

    ``judged`` counts the statuses of current judgements; ``stale`` the indicators whose latest
    value is older than their evaluation year allows; ``unjudged`` those with a current value
    that could not be judged (缺少基期值 …); ``missing`` those without any usable value.
    """

    as_of: int
    data_lag: int
    total: int
    judged: dict[Status, int]
    stale: int
    missing: int
    unjudged: int = 0

    @property
    def current(self) -> int:
        """Indicators judged on current data.

        >>> Overall(2025, 0, 3, {Status.COMPLETED: 1}, 1, 1).current
        1
        """
        return sum(self.judged.values())

    @property
    def without_current(self) -> int:
        """Indicators not judged on data for the evaluation year: stale, unjudged or missing."""
        return self.stale + self.unjudged + self.missing

    @property
    def met(self) -> int:
        """Current judgements on or ahead of pace, or met at the target year."""
        return sum(n for status, n in self.judged.items() if status.met)

    @property
    def behind(self) -> int:
        """Current judgements behind pace (滞后) or missed (未完成)."""
        return self.current - self.met

    @property
    def years(self) -> str:
        """The data years that count, as a report writes them: 2025年, or 2024年或2025年.

        >>> Overall(2025, 1, 0, {}, 0, 0).years
        '2024年或2025年'
        """
        if self.data_lag == 0:
            return f"{self.as_of}年"
        first = self.as_of - self.data_lag
        return "或".join(f"{year}年" for year in range(first, self.as_of + 1))


def overall(assessments: Iterable[Assessment], as_of: int, data_lag: int = 0) -> Overall:
    """Count current judgements by status, and the indicators without current data.

    >>> overall([], 2025).total
    0
    """
    judged: dict[Status, int] = {}
    stale = unjudged = missing = total = 0
    for a in assessments:
        total += 1
        if a.current:
            judged[a.status] = judged.get(a.status, 0) + 1
        elif a.latest is None:
            missing += 1
        elif a.stale:
            stale += 1
        else:
            unjudged += 1
    ordered = {status: judged[status] for status in Status if status in judged}
    return Overall(as_of, data_lag, total, ordered, stale, missing, unjudged)
