"""An indicator of a plan, its targets and its observed values (DESIGN.md §2).

Values are ``Decimal`` in the indicator's unit. Growth rates, wherever they appear as
*inputs* (a 年均增长 target, a published annual growth rate), are in percent as written:
``Decimal("6")`` for 6%.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import Literal

Comparator = Literal[">=", ">", "<=", "<", "="]

RELATIVE_CHANGE_UNIT = "%"  # 下降 13.5%: a change relative to the baseline
POINTS_CHANGE_UNIT = "百分点"  # 提高 2 个百分点: an absolute change of a percentage


class Attribute(StrEnum):
    EXPECTED = "expected"  # 预期性
    BINDING = "binding"  # 约束性

    @property
    def label(self) -> str:
        """The Chinese word a user reads.

        >>> Attribute.BINDING.label
        '约束性'
        """
        return {"expected": "预期性", "binding": "约束性"}[self.value]


class TargetKind(StrEnum):
    LEVEL = "level"  # 达到 20 亿元
    GROWTH_RATE = "growth_rate"  # 年均增长 6%
    CUMULATIVE = "cumulative"  # 累计达到 2000 亿元
    CEILING = "ceiling"  # 控制在 2.39 亿 m³ 以内
    FLOOR = "floor"  # 耕地保有量不低于 N
    CHANGE = "change"  # 下降 13.5%, 提高 2 个百分点
    RELATIONAL = "relational"  # 与经济增长基本同步
    QUALITATIVE = "qualitative"  # 实现 5G 网络全覆盖


class Direction(StrEnum):
    """Which way is better for the indicator (and, on a change target, which way it moves)."""

    INCREASE = "increase"
    DECREASE = "decrease"


class ObservationStatus(StrEnum):
    PRELIMINARY = "preliminary"  # 初步
    FINAL = "final"  # 最终
    REVISED = "revised"  # 修订

    @property
    def rank(self) -> int:
        """Which of two values for one year wins: revised over final over preliminary.

        >>> ObservationStatus.REVISED.rank > ObservationStatus.PRELIMINARY.rank
        True
        """
        return {"preliminary": 1, "final": 2, "revised": 3}[self.value]


@dataclass(frozen=True, slots=True)
class Target:
    """One target value of an indicator.

    ``value`` is a level in the indicator's unit, except: a GROWTH_RATE target's value is the
    annual rate in percent (signed: 年均下降 3% is ``-3``); a CHANGE target's value is the
    magnitude of the change, in ``unit`` ("%" relative to the baseline, "百分点" or ``None``
    for an absolute change in the indicator's unit), moving the way ``change`` says
    (``None``: the indicator's direction). For a CHANGE target the comparator applies to the
    magnitude: 下降 (至少) 13.5% is ``>=``.

    >>> Target(Decimal("1000"), 2025, ">").comparator
    '>'
    """

    value: Decimal
    year: int
    comparator: Comparator = ">="
    stretch: bool = False  # 力争: a second, higher target beside the main one
    unit: str | None = None  # None: the indicator's unit
    change: Direction | None = None


@dataclass(frozen=True, slots=True)
class Indicator:
    """A plan indicator (指标) with its baseline (基期值) and targets (目标值).

    >>> gdp = Indicator("地区生产总值", "亿元", TargetKind.LEVEL, baseline_year=2020,
    ...                 baseline_value=Decimal("616.36"),
    ...                 targets=(Target(Decimal("1200"), 2025, stretch=True),
    ...                          Target(Decimal("1000"), 2025, ">")))
    >>> gdp.main_target.value, gdp.stretch_target.value
    (Decimal('1000'), Decimal('1200'))
    """

    name: str
    unit: str
    kind: TargetKind
    attribute: Attribute = Attribute.EXPECTED
    direction: Direction = Direction.INCREASE
    baseline_year: int | None = None
    baseline_value: Decimal | None = None
    targets: tuple[Target, ...] = ()
    department: str | None = None
    code: str | None = None

    @property
    def main_target(self) -> Target | None:
        """The non-stretch target; with several, the one with the latest year."""
        main = [t for t in self.targets if not t.stretch]
        return max(main, key=lambda t: t.year) if main else None

    @property
    def stretch_target(self) -> Target | None:
        """The 力争 target, if any; with several, the one with the latest year."""
        stretch = [t for t in self.targets if t.stretch]
        return max(stretch, key=lambda t: t.year) if stretch else None


@dataclass(frozen=True, slots=True)
class Observation:
    """One observed value of an indicator for a year.

    ``is_growth_rate``: the value is a published annual growth rate in percent (增长 8.5% →
    ``Decimal("8.5")``) rather than a level. ``simulated`` marks 模拟数据, which must be
    labelled wherever it is shown.

    >>> Observation(2022, Decimal("767.81"), source="川观新闻").status
    <ObservationStatus.FINAL: 'final'>
    """

    year: int
    value: Decimal
    is_growth_rate: bool = False
    status: ObservationStatus = ObservationStatus.FINAL
    source: str = ""
    simulated: bool = False
