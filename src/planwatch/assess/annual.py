"""A year against its annual target (年度目标): 完成 or 未完成, with the gap (docs/assessment.md).

Pure: the caller passes the year's level, the previous year's level and the published growth
rate; nothing is read here. The comparator decides the direction: ``>=``/``>`` are floors
(城镇新增就业1.1万人以上), ``<=``/``<`` ceilings (控制在3%以内); an approximate target
(左右) is a floor for an indicator that should rise (GDP 增长6%左右) and a ceiling for one
that should fall or stay low (居民消费价格涨幅3%左右), and it is met within a tolerance:
``points`` percentage points for a rate or a percentage, ``share`` of the target for a level.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import Literal

Comparator = Literal[">=", ">", "<=", "<", "="]
Basis = Literal["level", "published_rate", "computed_rate"]


class AnnualStatus(StrEnum):
    """The verdict on a year; the label is what a user reads.

    >>> AnnualStatus.MET.label
    '完成'
    """

    MET = "met"
    NOT_MET = "not_met"
    NO_DATA = "no_data"

    @property
    def label(self) -> str:
        return {"met": "完成", "not_met": "未完成", "no_data": "无数据"}[self.value]


@dataclass(frozen=True, slots=True)
class AnnualRules:
    """How close an approximate (左右) target must be hit; settings, not constants."""

    points: Decimal = Decimal("0.5")  # percentage points, for rates and percentages
    share: Decimal = Decimal("0.02")  # of the target value, for levels


@dataclass(frozen=True, slots=True)
class AnnualGoal:
    """What the year's target says: ``GDP 增长 6.5% 左右`` is (``=``, 6.5, %, rate, approx)."""

    year: int
    comparator: Comparator
    value: Decimal
    unit: str
    growth_rate: bool = False
    approximate: bool = False


@dataclass(frozen=True, slots=True)
class AnnualAssessment:
    """The verdict with its inputs: the actual value (in the target's unit), how it was
    obtained, the signed gap actual − target, the tolerance used and the formula."""

    year: int
    status: AnnualStatus
    actual: Decimal | None
    basis: Basis | None
    gap: Decimal | None
    tolerance: Decimal
    formula: str

    @property
    def met(self) -> bool:
        return self.status is AnnualStatus.MET


PERCENT_UNITS = ("%", "百分点")
RATE_PLACES = Decimal("0.01")


def tolerance_of(goal: AnnualGoal, rules: AnnualRules) -> Decimal:
    """The allowance of an approximate target; none for an exact one.

    >>> tolerance_of(AnnualGoal(2024, "=", Decimal(6), "%", True, True), AnnualRules())
    Decimal('0.5')
    >>> tolerance_of(AnnualGoal(2024, ">=", Decimal(500), "亿元", approximate=True), AnnualRules())
    Decimal('10.00')
    """
    if not goal.approximate:
        return Decimal(0)
    if goal.growth_rate or goal.unit in PERCENT_UNITS:
        return rules.points
    return abs(goal.value) * rules.share


def computed_rate(level: Decimal, previous: Decimal) -> Decimal | None:
    """The growth from the previous year's level, in percent, to two places.

    >>> computed_rate(Decimal("512.3"), Decimal("482.9"))
    Decimal('6.09')
    """
    if previous == 0:
        return None
    return ((level / previous - 1) * 100).quantize(RATE_PLACES)


def assess_annual(
    goal: AnnualGoal,
    *,
    level: Decimal | None = None,
    previous_level: Decimal | None = None,
    published_rate: Decimal | None = None,
    rising: bool = True,
    rules: AnnualRules | None = None,
) -> AnnualAssessment:
    """Judge ``goal.year`` against its annual target.

    A growth-rate target takes the published rate, else the rate computed from the two
    levels; a level target takes the level (in the target's unit). ``rising`` is the
    indicator's direction, which only an approximate ``=`` target needs.

    >>> goal = AnnualGoal(2023, "=", Decimal("6.5"), "%", growth_rate=True, approximate=True)
    >>> result = assess_annual(goal, published_rate=Decimal("6.1"))
    >>> result.status.label, result.gap
    ('完成', Decimal('-0.4'))
    """
    rules = rules or AnnualRules()
    tolerance = tolerance_of(goal, rules)
    actual: Decimal | None
    basis: Basis | None
    if goal.growth_rate:
        if published_rate is not None:
            actual, basis = published_rate, "published_rate"
        elif level is not None and previous_level is not None:
            actual, basis = computed_rate(level, previous_level), "computed_rate"
        else:
            actual, basis = None, None
    else:
        actual, basis = level, ("level" if level is not None else None)
    if actual is None:
        return AnnualAssessment(
            goal.year,
            AnnualStatus.NO_DATA,
            None,
            None,
            None,
            tolerance,
            f"{goal.year} 年没有{'增长率或相邻两年的数值' if goal.growth_rate else '数值'}",
        )
    comparator = goal.comparator
    if comparator == "=":
        comparator = ">=" if rising else "<="
    met = _holds(actual, comparator, goal.value, tolerance)
    gap = actual - goal.value
    shown = {"published_rate": "公布增速", "computed_rate": "按总量计算的增速", "level": "实际值"}
    assert basis is not None
    allowance = f",允许偏差 {tolerance}" if tolerance else ""
    formula = f"{shown[basis]} {actual} {comparator} 目标 {goal.value}{allowance}"
    status = AnnualStatus.MET if met else AnnualStatus.NOT_MET
    return AnnualAssessment(goal.year, status, actual, basis, gap, tolerance, formula)


def _holds(actual: Decimal, comparator: str, target: Decimal, tolerance: Decimal) -> bool:
    """Whether ``actual`` satisfies ``comparator target`` with ``tolerance`` to spare.

    >>> _holds(Decimal("6.9"), ">=", Decimal(7), Decimal("0.5"))
    True
    >>> _holds(Decimal(3), "<", Decimal(3), Decimal(0))
    False
    """
    if comparator == ">=":
        return actual >= target - tolerance
    if comparator == ">":
        return actual > target - tolerance if tolerance else actual > target
    if comparator == "<=":
        return actual <= target + tolerance
    return actual < target + tolerance if tolerance else actual < target


def gap_text(result: AnnualAssessment, unit: str, growth_rate: bool) -> str:
    """The gap as a sentence reads it: "高于目标 0.4 个百分点", "低于目标 3 亿元".

    >>> r = AnnualAssessment(2023, AnnualStatus.NOT_MET, Decimal(5), "level", Decimal(-3),
    ...                      Decimal(0), "")
    >>> gap_text(r, "亿元", False)
    '低于目标 3 亿元'
    """
    if result.gap is None:
        return ""
    measure = "个百分点" if growth_rate or unit in PERCENT_UNITS else f" {unit}".rstrip()
    amount = format(abs(result.gap).normalize(), "f")
    if result.gap == 0:
        return "与目标持平"
    word = "高于" if result.gap > 0 else "低于"
    space = "" if measure.startswith(" ") else " "
    return f"{word}目标 {amount}{space}{measure}"
