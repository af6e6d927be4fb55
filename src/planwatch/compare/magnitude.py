"""What kind of magnitude a target is: its unit family, base value, and intensive or total.

An *intensive* indicator (a rate, a ratio, a per-capita value: 森林覆盖率, 人均可支配收入,
单位 GDP 能耗) means the same in a district and in its province, so the two targets compare
directly. An *extensive* one (a total in 元, 人, 吨, 亩, 立方米 …) adds up over regions: a
district's total is a share of the province's, never "weaker". The words and units that
decide are data (``extract/vocab/magnitudes.yaml``).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, localcontext
from functools import cache
from importlib import resources
from typing import Any

import yaml

from planwatch.domain.comparison import TargetRef
from planwatch.domain.indicator import TargetKind
from planwatch.extract.aliases import canonical_name
from planwatch.extract.units import read_unit

WIDE_PRECISION = 60  # digits: a value in 元 times 万亿 stays exact


@cache
def _vocab() -> dict[str, Any]:
    path = resources.files("planwatch.extract").joinpath("vocab", "magnitudes.yaml")
    data: dict[str, Any] = yaml.safe_load(path.read_text("utf-8"))
    return data


@dataclass(frozen=True, slots=True)
class BaseValue:
    """A value in its base unit: 2.39 亿立方米 → 239000000 立方米."""

    value: Decimal
    unit: str


def to_base(value: Decimal, unit: str) -> BaseValue:
    """The value in the base unit of the units vocabulary; an unknown unit stays as written.

    >>> to_base(Decimal("2.39"), "亿立方米")
    BaseValue(value=Decimal('239000000.00'), unit='立方米')
    >>> to_base(Decimal("5.2"), "万元/人"), to_base(Decimal("0.4"), "吨标准煤/万元").unit
    (BaseValue(value=Decimal('52000.0'), unit='元/人'), '吨标准煤/万元')
    """
    reading = read_unit(unit.strip())
    if reading is None or reading.surface != unit.strip():
        return BaseValue(value, unit.strip())
    with localcontext() as context:
        context.prec = WIDE_PRECISION
        factor = reading.multiplier * (reading.unit.factor if reading.unit else Decimal(1))
        return BaseValue(value * factor, reading.base)


def unit_family(unit: str) -> str:
    """The base unit: 亿元 and 万元 are one family, % and 百分点 two.

    >>> unit_family("亿元") == unit_family("万元"), unit_family("%") == unit_family("百分点")
    (True, False)
    """
    return to_base(Decimal(1), unit).unit


def unscoped(indicator: str) -> str:
    """The indicator's name without a leading region scope word.

    >>> unscoped("全省森林覆盖率"), unscoped("全区")
    ('森林覆盖率', '全区')
    """
    name = indicator.strip()
    for word in sorted(_vocab()["scope_words"], key=len, reverse=True):
        if name.startswith(word) and len(name) > len(word):
            return name[len(word) :]
    return name


def bare_name(indicator: str) -> str:
    """The indicator's catalogue name: no scope word, synonyms folded; qualifiers stay.

    >>> bare_name("全省森林覆盖率"), bare_name("全国GDP"), bare_name("全市人均地区生产总值")
    ('森林覆盖率', '地区生产总值', '人均地区生产总值')
    """
    return canonical_name(unscoped(indicator))


def is_intensive(indicator: str, unit: str) -> bool:
    """Whether the indicator is a rate, ratio or per-capita value rather than a total.

    >>> is_intensive("森林覆盖率", "%"), is_intensive("城镇居民人均可支配收入", "元")
    (True, True)
    >>> is_intensive("地区生产总值", "亿元"), is_intensive("用水总量", "亿立方米")
    (False, False)
    """
    vocab = _vocab()
    if unit.strip() in vocab["intensive_units"] or "/" in unit:
        return True
    return any(word in indicator for word in vocab["intensive_name_words"])


def family(target: TargetRef) -> str:
    """What a target measures, for pairing: a rate, a change of a unit, or a unit family.

    >>> from planwatch.domain.indicator import Attribute
    >>> t = TargetRef("s", "地区生产总值", "%", Decimal(7), 2025, ">=", TargetKind.GROWTH_RATE,
    ...               Attribute.EXPECTED, False, None, "", None)
    >>> family(t)
    'growth_rate'
    """
    if target.kind is TargetKind.GROWTH_RATE:
        return "growth_rate"
    if target.kind is TargetKind.CHANGE:
        return f"change:{unit_family(target.unit)}"
    return unit_family(target.unit)
