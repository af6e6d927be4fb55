"""Numbers as plans write them (planwatch.extract.numbers)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from planwatch.extract.mentions import Mention, find_mentions
from planwatch.extract.normalize import normalize
from planwatch.extract.numbers import parse_number, parse_year, plan_ordinal

NUMBERS = [
    ("arabic", "616.36", "616.36"),
    ("thousands", "12,000", "12000"),
    ("thousands-decimal", "1,234.5", "1234.5"),
    ("chinese-thousand", "一千二百", "1200"),
    ("chinese-year-digits", "二〇三五", "2035"),
    ("chinese-ten", "十", "10"),
    ("chinese-teen", "十五", "15"),
    ("chinese-liang", "两千", "2000"),
    ("chinese-decimal", "三点五", "3.5"),
    ("chinese-wan", "一万二千", "12000"),
    ("chinese-zero", "一百零五", "105"),
]


@pytest.mark.parametrize(("token", "value"), [pytest.param(t, v, id=i) for i, t, v in NUMBERS])
def test_parse_number(token: str, value: str) -> None:
    assert parse_number(token) == Decimal(value)


@pytest.mark.parametrize(
    ("token", "year"),
    [("2025", 2025), ("二〇三五", 2035), ("一九九五", 1995), ("十五", None), ("3025", None)],
)
def test_parse_year(token: str, year: int | None) -> None:
    assert parse_year(token) == year


@pytest.mark.parametrize(
    ("name", "ordinal"), [("十四五", 14), ("十三五", 13), ("九五", 9), ("十五", 10), ("十五五", 15)]
)
def test_plan_ordinal(name: str, ordinal: int) -> None:
    assert plan_ordinal(name) == ordinal


MENTIONS = [
    ("full-width", "达到２０％", "20", "%", None),
    ("stray-space", "达到 4 00亿元", "400", "亿元", None),
    ("percent-of", "增长百分之八", "8", "%", None),
    ("percent-of-decimal", "增长百分之六点五", "6.5", "%", None),
    ("range-dash", "增长6%—7%", "6", "%", "7"),
    ("range-hyphen", "增长6-7%", "6", "%", "7"),
    ("range-to", "达到四千九百亿至五千亿公斤", "4900", "亿公斤", "5000"),
    ("chinese-wan-unit", "达到十五万人", "15", "万人", None),
    ("multiplier-wanyi", "达到1.5万亿元", "1.5", "万亿元", None),
    ("cubic", "控制在2.39亿m³以内", "2.39", "亿立方米", None),
    ("points", "提高2个百分点", "2", "百分点", None),
    ("permille", "控制在6‰以内", "6", "‰", None),
    ("per-year", "达到2000万人次/年", "2000", "万人次/年", None),
]


@pytest.mark.parametrize(
    ("text", "value", "unit", "high"), [pytest.param(*c[1:], id=c[0]) for c in MENTIONS]
)
def test_mention(text: str, value: str, unit: str, high: str | None) -> None:
    normal = normalize(text).text
    [mention] = find_mentions(normal)
    assert isinstance(mention, Mention) and mention.unit is not None
    assert (mention.value, mention.unit.name) == (Decimal(value), unit)
    assert mention.range_high == (Decimal(high) if high else None)


def test_ratio() -> None:
    [mention] = find_mentions("调整为5:50:45")
    assert isinstance(mention, Mention)
    assert mention.parts == (Decimal(5), Decimal(50), Decimal(45))
