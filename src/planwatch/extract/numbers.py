"""Numbers as plans write them: Arabic digits, thousands separators, Chinese numerals.

The normal form (:mod:`planwatch.extract.normalize`) has already folded full-width digits and
dropped stray spaces, so "４ ００亿元" arrives here as "400亿元". Chinese numerals are
converted by cn2an (``cn2an.cn2an(s, "normal")``: 一千二百 → 1200, 二〇三五 → 2035,
三点五 → 3.5, 两千 → 2000); this module adds what cn2an leaves out: the 百分之 prefix, a
trailing multiplier kept as part of the unit (十五万人 is 15 万人), and Decimal results.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from functools import lru_cache

import cn2an

CHINESE_DIGIT_CHARS = "〇零一二三四五六七八九两"
CHINESE_NUMERAL_CHARS = CHINESE_DIGIT_CHARS + "十百千万亿点"

# A number in Arabic digits, with optional thousands separators and decimals.
ARABIC_NUMBER = r"""
    \d{1,3}(?:,\d{3})+(?:\.\d+)?     # 12,000 or 1,234.5
  | \d+(?:\.\d+)?                     # 616.36
"""

# A number in Chinese numerals: it starts with a digit or 十, never with 百/千/万 alone
# ("百强区", "千家万户" are words).
CHINESE_NUMBER = r"""
    [〇零一二三四五六七八九十两]                                         # 一
    (?:[〇零一二三四五六七八九十两百万亿]|千(?![瓦米克伏]))*               # 千二百, 亿(千瓦)
    (?:点[〇零一二三四五六七八九]+)?                                     # 三点五
"""

ANY_NUMBER = re.compile(
    rf"(?P<arabic>{ARABIC_NUMBER}) | (?P<chinese>{CHINESE_NUMBER})  # 616.36 / 一千二百",
    re.VERBOSE,
)

# Multipliers inside a Chinese numeral, largest first; the largest joins the unit: 十五万(人).
MULTIPLIERS = {"万亿": Decimal(10**12), "亿": Decimal(10**8), "万": Decimal(10**4)}

# A year written digit by digit: 二〇三五, 一九九五.
CHINESE_YEAR = re.compile(r"^[一二][〇零一二三四五六七八九]{3}$  # 二〇三五", re.VERBOSE)

# A five-year plan named by its ordinal: "十四五", "九五" (十五 is the tenth plan).
PLAN_ORDINAL = re.compile(
    r"""“?(?P<ordinal>十[一二三四五六七八九]?|[六七八九])五”?   # “十三五” / 九五
        (?=期间|时期|末|初|规划|计划|以来|”)                     # must read as a plan name
      | 第(?P<long>[一二三四五六七八九十]{1,3})个五年(?=计划|规划)  # 第六个五年计划
    """,
    re.VERBOSE,
)


# No plan counts anything near 1e20 base units (the world's GDP is about 1e15 元); larger
# values are misreadings or hostile input, and above 1e28 Decimal's default context fails.
MAX_EXPONENT = 20  # values must stay below 1e20
MAX_DIGITS = 24  # characters of a number token read at all: "1000000000000000000000000"
MAX_CHINESE_NUMERAL = 20  # cn2an's time grows with the numeral's length


def within_range(value: Decimal) -> bool:
    """Whether a value (in a base unit) is finite and small enough to compute with.

    >>> within_range(Decimal("2.39e8")), within_range(Decimal("1e28")), within_range(Decimal("NaN"))
    (True, False, False)
    """
    return value.is_finite() and (value.is_zero() or value.adjusted() < MAX_EXPONENT)


@lru_cache(maxsize=4096)  # bounded: a corpus run meets an unbounded set of numerals
def _cn2an(numeral: str) -> Decimal | None:
    try:
        result = cn2an.cn2an(numeral, "normal")
    except (ValueError, KeyError, IndexError):
        return None
    return Decimal(str(result))


def parse_number(token: str) -> Decimal | None:
    """The value of an Arabic or Chinese numeral, or None when it is not one.

    >>> [str(parse_number(s)) for s in ["616.36", "12,000", "一千二百", "二〇三五", "三点五"]]
    ['616.36', '12000', '1200', '2035', '3.5']
    >>> parse_number("百分之") is None
    True
    """
    if not token or len(token) > MAX_DIGITS:
        return None
    if token[0].isdigit():
        try:
            return Decimal(token.replace(",", ""))
        except InvalidOperation:
            return None
    if len(token) > MAX_CHINESE_NUMERAL or any(c not in CHINESE_NUMERAL_CHARS for c in token):
        return None
    return _cn2an(token)


def chinese_quantity(numeral: str, multiplier: str | None = None) -> tuple[Decimal | None, str]:
    """A Chinese numeral counted in its largest inner multiplier, which joins the unit.

    The multiplier is the largest 万亿/亿/万 after the first character (or the one given), so
    一亿零五百万(吨) is 1.05 亿(吨) and 六万八千(公里) is 6.8 万(公里), as a plan printing
    Arabic digits would write them.

    >>> chinese_quantity("十五万"), chinese_quantity("一千二百亿")
    ((Decimal('15'), '万'), (Decimal('1200'), '亿'))
    >>> chinese_quantity("一亿零五百万"), chinese_quantity("六万八千")
    ((Decimal('1.05'), '亿'), (Decimal('6.8'), '万'))
    >>> chinese_quantity("一千二百"), chinese_quantity("五千", "亿"), chinese_quantity("万")
    ((Decimal('1200'), ''), (Decimal('5000'), '亿'), (None, ''))
    """
    if multiplier is None:
        multiplier = next((m for m in MULTIPLIERS if numeral.find(m) > 0), "")
    if multiplier and numeral.endswith(multiplier):
        return parse_number(numeral[: -len(multiplier)]), multiplier
    if multiplier not in numeral:  # the high end of 四千九百至五千亿 takes its multiplier
        return parse_number(numeral), multiplier
    total = parse_number(numeral)
    if total is None or not multiplier:
        return total, multiplier
    return total / MULTIPLIERS[multiplier], multiplier


def parse_year(token: str) -> int | None:
    """A calendar year written in digits or digit by digit in Chinese numerals.

    >>> parse_year("2025"), parse_year("二〇三五"), parse_year("一九九五"), parse_year("十五")
    (2025, 2035, 1995, None)
    """
    if token.isdigit() and len(token) == 4 and token[:2] in ("19", "20"):
        return int(token)
    if CHINESE_YEAR.match(token):
        value = _cn2an(token)
        return int(value) if value is not None else None
    return None


def plan_ordinal(name: str) -> int | None:
    """The ordinal of a five-year plan named like "十三五".

    >>> plan_ordinal("十三五"), plan_ordinal("九五"), plan_ordinal("十五"), plan_ordinal("十四五")
    (13, 9, 10, 14)
    """
    digits = name.strip("“”")[:-1]
    value = _cn2an(digits) if digits else None
    return int(value) if value is not None else None
