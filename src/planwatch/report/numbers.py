"""How a report writes numbers, targets and dates: one place, so every format agrees.

Entered values (baselines, observations, targets) are printed exactly as stored, without
trailing zeros; computed values (projections) are rounded to two decimals; shares (P, τ) are
percentages with one decimal and growth rates with two, as the assessment formulas print them.
"""

from __future__ import annotations

from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal

from planwatch.domain.indicator import (
    POINTS_CHANGE_UNIT,
    RELATIVE_CHANGE_UNIT,
    Direction,
    Indicator,
    Target,
    TargetKind,
)

COMPARATOR_SIGNS = {">=": "≥", ">": "＞", "<=": "≤", "<": "＜", "=": "约"}


def value(number: Decimal | None) -> str:
    """An entered value as written: no trailing zeros, no exponent.

    >>> value(Decimal("767.810000")), value(Decimal("1000.000000")), value(None)
    ('767.81', '1000', '')
    """
    if number is None:
        return ""
    return format(number.normalize(), "f")


def rounded(number: Decimal | None, places: int = 2) -> str:
    """A computed value, rounded half up to ``places`` decimals, trailing zeros dropped.

    >>> rounded(Decimal("1067.536518")), rounded(Decimal("994.985")), rounded(Decimal("12"))
    ('1067.54', '994.99', '12')
    """
    if number is None:
        return ""
    exact = number.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    return value(exact)


def percent(fraction: Decimal | None, places: int = 1) -> str:
    """A fraction as a percentage: progress and time share with one decimal.

    >>> percent(Decimal("0.39477")), percent(Decimal("0.4")), percent(None)
    ('39.5%', '40.0%', '')
    """
    if fraction is None:
        return ""
    scaled = (fraction * 100).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    return f"{scaled}%"


def rate(fraction: Decimal | None) -> str:
    """A growth rate with two decimals, as the assessment formula prints it.

    >>> rate(Decimal("0.092065645")), rate(Decimal("-0.031"))
    ('9.21%', '-3.10%')
    """
    return percent(fraction, places=2)


def points(fraction: Decimal) -> str:
    """A difference of two shares in percentage points, one decimal.

    >>> points(Decimal("0.3512"))
    '35.1'
    """
    return str((fraction * 100).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def at_year(number: Decimal | None, year: int | None, *, simulated: bool = False) -> str:
    """A value with its year, marked when simulated.

    >>> at_year(Decimal("767.81"), 2022), at_year(Decimal("5"), 2023, simulated=True)
    ('767.81（2022年）', '5（2023年，模拟）')
    """
    if number is None or year is None:
        return value(number)
    return f"{value(number)}（{year}年{'，模拟' if simulated else ''}）"


def target_text(indicator: Indicator, target: Target | None, *, year: bool = True) -> str:
    """A target as an evaluation table writes it: "≥" is implied for levels, as plans print.

    >>> from planwatch.domain.indicator import Target, TargetKind
    >>> gdp = Indicator("GDP", "亿元", TargetKind.LEVEL)
    >>> target_text(gdp, Target(Decimal("1000.000000"), 2025, ">"))
    '＞1000（2025年）'
    >>> target_text(gdp, Target(Decimal("1000"), 2025), year=False)
    '1000'
    >>> rate = Indicator("GDP增速", "%", TargetKind.GROWTH_RATE)
    >>> target_text(rate, Target(Decimal("6"), 2025))
    '年均增长6%（2025年）'
    >>> energy = Indicator("单位GDP能耗", "吨标煤/万元", TargetKind.CHANGE)
    >>> target_text(energy, Target(Decimal("13.5"), 2025, unit="%", change=Direction.DECREASE))
    '下降13.5%（2025年）'
    """
    if target is None:
        return ""
    sign = COMPARATOR_SIGNS[target.comparator]
    number = value(target.value)
    kind = indicator.kind
    if kind is TargetKind.GROWTH_RATE:
        words = "年均下降" if target.value < 0 else "年均增长"
        text = f"{words}{value(abs(target.value))}%"
    elif kind is TargetKind.CHANGE:
        moving = target.change or indicator.direction
        verb = "下降" if moving is Direction.DECREASE else "提高"
        unit = target.unit or ""
        if unit == POINTS_CHANGE_UNIT:
            unit = "个百分点"
        elif unit not in (RELATIVE_CHANGE_UNIT, ""):
            unit = indicator.unit
        text = f"{verb}{number}{unit}"
    else:
        implied = target.comparator == ">=" and kind is not TargetKind.FLOOR
        text = number if implied else f"{sign}{number}"
        if kind is TargetKind.CUMULATIVE:
            text = f"累计{text}"
    return f"{text}（{target.year}年）" if year else text


def date_text(moment: datetime | None) -> str:
    """A date as Chinese documents write it.

    >>> date_text(datetime(2026, 1, 5, 9, 30))
    '2026年1月5日'
    """
    if moment is None:
        return ""
    return f"{moment.year}年{moment.month}月{moment.day}日"
