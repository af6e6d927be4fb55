"""Units of measure from ``vocab/units.yaml``: which unit a number carries and its base value.

A unit as written is an optional multiplier and a unit from the vocabulary: "亿元" is 亿 × 元,
"万亩" is 万 × 亩, "亿m³" is 亿 × 立方米. A per-time suffix stays with the unit:
"万人次/年". The conversion to the base unit is exact (Decimal).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, localcontext
from functools import cache
from importlib import resources
from typing import Any, Literal

import yaml

UnitClass = Literal["measure", "count", "percent", "duration", "relative"]


@dataclass(frozen=True, slots=True)
class Unit:
    """A unit of the vocabulary: canonical name, base unit, factor to the base, class."""

    name: str
    base: str
    factor: Decimal
    unit_class: UnitClass


@dataclass(frozen=True, slots=True)
class UnitReading:
    """A unit as read after a number: "亿元" → multiplier 1e8, unit 元."""

    surface: str
    multiplier: Decimal
    unit: Unit | None  # None for a bare multiplier: "人口十二亿"
    per: str  # "/年" in "万人次/年", else ""

    @property
    def name(self) -> str:
        """The unit as reported: surface multiplier + canonical unit + per-time suffix."""
        multiplier = self.surface[: len(self.surface) - len(self._unit_surface)]
        canonical = self.unit.name if self.unit else ""
        return f"{multiplier}{canonical}{self.per}"

    @property
    def _unit_surface(self) -> str:
        body = self.surface[: len(self.surface) - len(self.per)] if self.per else self.surface
        for length in range(len(body), -1, -1):
            if body[len(body) - length :] in unit_table() or length == 0:
                return body[len(body) - length :] + self.per
        return self.per  # pragma: no cover

    @property
    def base(self) -> str:
        return (self.unit.base if self.unit else "") + self.per

    @property
    def unit_class(self) -> UnitClass:
        return self.unit.unit_class if self.unit else "measure"

    def to_base(self, value: Decimal) -> Decimal:
        """The value in the base unit.

        >>> read_unit("亿元").to_base(Decimal(20))
        Decimal('2000000000')
        >>> read_unit("亿m³").to_base(Decimal("2.39")), read_unit("亿m³").name
        (Decimal('239000000'), '亿立方米')
        """
        factor = self.unit.factor if self.unit else Decimal(1)
        with localcontext() as context:
            context.prec = _PRECISION  # exact for every value within_range() accepts
            return _plain(value * self.multiplier * factor)


_PRECISION = 60


def _plain(value: Decimal) -> Decimal:
    """Drop exponent noise: 2.39E+8 → 239000000, 80000.00 → 80000; never raises.

    >>> _plain(Decimal("2.39E+8")), _plain(Decimal("1E+99"))
    (Decimal('239000000'), Decimal('1E+99'))
    """
    with localcontext() as context:
        context.prec = _PRECISION
        normal = value.normalize()
        if not normal.is_finite() or normal.adjusted() >= _PRECISION:
            return normal  # out of range: the caller reports it (numbers.within_range)
        return normal.quantize(Decimal(1)) if normal == normal.to_integral_value() else normal


@cache
def _vocab() -> dict[str, Any]:
    text = resources.files("planwatch.extract").joinpath("vocab", "units.yaml").read_text("utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    return data


@cache
def unit_table() -> dict[str, Unit]:
    """Every unit surface (canonical names and synonyms) → its Unit."""
    table: dict[str, Unit] = {}
    for entry in _vocab()["units"]:
        unit = Unit(entry["unit"], entry["base"], Decimal(str(entry["factor"])), entry["class"])
        for surface in (entry["unit"], *entry.get("synonyms", ())):
            table[surface] = unit
    return table


@cache
def multipliers() -> dict[str, Decimal]:
    """万 → 10000, 亿 → 1e8, …"""
    return {k: Decimal(v) for k, v in _vocab()["multipliers"].items()}


def _alternation(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@cache
def unit_pattern() -> re.Pattern[str]:
    """A unit right after a number: optional multiplier, unit, optional per-time suffix.

    >>> unit_pattern().match("万人次/年以上").group()
    '万人次/年'
    """
    return re.compile(
        rf"""(?P<multiplier>{_alternation(multipliers())})?   # 亿
             (?P<unit>{_alternation(unit_table())})?          # 元
             (?P<per>/(?:年|日|天|人|户|亩|吨|平方米))?        # /年
        """,
        re.VERBOSE,
    )


def read_unit(text: str) -> UnitReading | None:
    """Read the unit at the start of ``text`` (the text right after a number).

    >>> read_unit("万亩。").name, read_unit("个百分点").name, read_unit("%以上").name
    ('万亩', '百分点', '%')
    >>> read_unit("证明城市") is None
    True
    """
    match = unit_pattern().match(text)
    if match is None or not (match.group("multiplier") or match.group("unit")):
        return None
    multiplier = multipliers().get(match.group("multiplier") or "", Decimal(1))
    unit = unit_table().get(match.group("unit") or "")
    return UnitReading(match.group(), multiplier, unit, match.group("per") or "")
