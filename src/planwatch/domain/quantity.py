"""Targets and baselines found in a plan's text, with their meaning (DESIGN.md §2, §3)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Literal, Protocol

from planwatch.domain.issue import Issue

QuantityKind = Literal["target", "baseline"]  # 目标 / 基期值
Comparator = Literal[">=", ">", "<=", "<", "="]
Change = Literal["increase", "decrease"]


@dataclass(frozen=True, slots=True)
class Quantity:
    """One number a plan states about an indicator, with its surface text and span.

    ``start``/``end`` index the original text; ``text`` and ``sentence`` are slices of it.
    ``value`` is as written (20 in "20 亿元"); ``base_value`` is in ``base_unit`` (2e9 元).
    The fields after ``node`` are extras beyond the JSON contract of DESIGN.md §3.

    >>> q = Quantity("target", "外贸进出口总额", "全区", Decimal(20), "亿元",
    ...              Decimal(2000000000), "元", ">=", 2025, False, False, False, None,
    ...              "20 亿元", 67, 0, 6, "到 2025 年,全区外贸进出口总额达到 20 亿元", None)
    >>> q.base_value
    Decimal('2000000000')
    """

    kind: QuantityKind
    indicator: str
    scope: str
    value: Decimal
    unit: str
    base_value: Decimal
    base_unit: str
    comparator: Comparator
    year: int | None
    cumulative: bool
    growth_rate: bool
    stretch: bool
    change: Change | None
    text: str
    line: int
    start: int
    end: int
    sentence: str
    node: str | None
    range_high: Decimal | None = None  # "6%—7%": value 6, range_high 7
    approximate: bool = False  # 左右
    parts: tuple[Decimal, ...] = ()  # a ratio "5:50:45": value 5, parts (5, 50, 45)
    since: int | None = None  # a review of several years ("五年来…增长58.3%"): the year before it


@dataclass(frozen=True, slots=True)
class QualitativeTarget:
    """A dated target without a number: "到 2025 年,实现 5G 网络全覆盖"."""

    text: str
    year: int | None
    line: int
    start: int
    end: int
    node: str | None


@dataclass(frozen=True, slots=True)
class QuantityFindings:
    """Everything :func:`planwatch.extract.quantities.find_quantities` returns."""

    quantities: tuple[Quantity, ...]
    qualitative: tuple[QualitativeTarget, ...]
    issues: tuple[Issue, ...]


IndicatorKind = Literal["level", "growth_rate", "cumulative", "ceiling", "floor", "change"]


class TargetFlags(Protocol):
    """What decides how a target is judged: a found :class:`Quantity` or a stored row."""

    @property
    def growth_rate(self) -> bool: ...
    @property
    def cumulative(self) -> bool: ...
    @property
    def change(self) -> str | None: ...
    @property
    def comparator(self) -> str: ...


def judged_kind(target: TargetFlags) -> IndicatorKind:
    """How progress on a target is judged, from its flags (DESIGN.md §2).

    The flags are read in this order: a growth rate, a cumulative sum, a change, a ceiling;
    anything else is a level.

    >>> from types import SimpleNamespace as T
    >>> judged_kind(T(growth_rate=False, cumulative=False, change=None, comparator="<="))
    'ceiling'
    >>> judged_kind(T(growth_rate=False, cumulative=True, change="increase", comparator=">="))
    'cumulative'
    """
    if target.growth_rate:
        return "growth_rate"
    if target.cumulative:
        return "cumulative"
    if target.change is not None:
        return "change"
    if target.comparator in ("<=", "<"):
        return "ceiling"
    return "level"


@dataclass(frozen=True, slots=True)
class IndicatorCandidate:
    """Quantities about one indicator: its baseline (if stated) and its targets."""

    name: str
    unit: str
    baseline: Quantity | None
    targets: tuple[Quantity, ...]
    kind: IndicatorKind
    lines: tuple[int, ...]
