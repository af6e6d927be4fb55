"""Cells of a printed main-indicator table (主要指标): numbers, year headers, names.

Plans print their main targets as a table with columns like
指标 | 单位 | 2020年 | 2025年 | 年均增长/累计 | 属性. A number cell may carry a sign or a word:
``[5]`` or ``〔5〕`` is a five-year cumulative value, ``<2.39`` or ``≤2.39`` a ceiling,
``7左右`` an approximate value, ``>6`` or ``6以上`` a floor. Both the table importer
(:mod:`planwatch.services.indicators`) and the extractor (:mod:`planwatch.extract.table_rows`)
read cells here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from planwatch.extract.lexicon import words

# A printed table cell: "[5]", "〔13.5〕", "<2.39", "≥95", "7左右", "6以上", "1,000".
CELL = re.compile(
    r"""^\s*(?P<open>[\[〔【(（])?\s*                 # [5] / 〔5〕: five-year cumulative
        (?P<cmp>[<>≤≥＜＞]=?)?\s*                      # <2.39 / ≥95
        (?P<number>-?[\d,，]+(?:\.\d+)?)\s*%?\s*       # the number
        (?P<about>左右)?(?P<above>以上)?(?P<below>以内|以下)?  # 7左右 / 6以上 / 2.39以内
        [\]〕】)）]?\s*$""",
    re.VERBOSE,
)
_COMPARATORS = {
    "<": "<",
    "＜": "<",
    "≤": "<=",
    "<=": "<=",
    ">": ">",
    "＞": ">",
    "≥": ">=",
    ">=": ">=",
}
# A year column's header: "2020年", "2025年目标", "2030", "2025年(预计)", or a word and the
# year in brackets: "基期值(2025年)", "目标值（2030年）".
YEAR_HEADER = re.compile(r"^(?:[\u4e00-\u9fff“”]{1,8}\s*[(（]\s*)?(?P<year>(?:19|20)\d{2})\s*年?")
# A unit printed after the name: "城镇调查失业率(%)", "地区生产总值(亿元)".
UNIT_IN_NAME = re.compile(r"^(?P<name>.+?)\s*[(（](?P<unit>[^()（）]{1,12})[)）]\s*$")
# Cells that say "no value": "—", "——", "-", "/", "…".
EMPTY_CELL = re.compile(r"^\s*[—–\-/…·]*\s*$")

_FULL_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９．－", "0123456789.-")


@dataclass(frozen=True, slots=True)
class Cell:
    """A number cell: value, comparator, whether it is bracketed (five-year cumulative)."""

    value: Decimal
    comparator: str
    cumulative: bool
    approximate: bool = False  # 左右
    bare: bool = False  # a plain number: no sign, no 以上/以内/左右 says which way


def parse_cell(text: str) -> Cell | None:
    """A number cell of a printed indicator table, or None for text ("保持在合理区间").

    >>> parse_cell("[13.5]")
    Cell(value=Decimal('13.5'), comparator='>=', cumulative=True, approximate=False, bare=True)
    >>> [parse_cell(c).comparator for c in ("<2.39", "6以上", "7左右")], parse_cell("6以上").bare
    (['<', '>=', '='], False)
    >>> parse_cell("保持在合理区间") is None
    True
    """
    match = CELL.match(text.replace("，", ","))
    if match is None:
        return None
    value = decimal_cell(match["number"])
    if value is None:
        return None
    comparator = ">="
    if match["cmp"]:
        comparator = _COMPARATORS.get(match["cmp"], ">=")
    elif match["about"]:
        comparator = "="
    elif match["below"]:
        comparator = "<="
    bare = not (match["cmp"] or match["about"] or match["above"] or match["below"])
    return Cell(value, comparator, bool(match["open"]), bool(match["about"]), bare)


def decimal_cell(text: str) -> Decimal | None:
    """A plain number cell: thousands separators and full-width digits allowed, nothing else.

    >>> decimal_cell("1,234.5"), decimal_cell("１２"), decimal_cell("12亿"), decimal_cell("NaN")
    (Decimal('1234.5'), Decimal('12'), None, None)
    """
    cleaned = text.replace(",", "").replace(" ", "").translate(_FULL_WIDTH_DIGITS)
    try:
        number = Decimal(cleaned)
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def is_empty_cell(text: str) -> bool:
    """Whether a cell says "no value".

    >>> is_empty_cell("—"), is_empty_cell(""), is_empty_cell("/"), is_empty_cell("6左右")
    (True, True, True, False)
    """
    return EMPTY_CELL.match(text) is not None


def split_unit(name: str) -> tuple[str, str]:
    """An indicator cell without its "(unit)" suffix, and that unit ("" when none).

    >>> split_unit("城镇调查失业率(%)"), split_unit("森林覆盖率")
    (('城镇调查失业率', '%'), ('森林覆盖率', ''))
    """
    match = UNIT_IN_NAME.match(name)
    if match is None:
        return name.strip(), ""
    return match["name"].strip(), match["unit"].strip()


def decreasing_name(name: str) -> bool:
    """Names like 单位地区生产总值能源消耗降低 state a decrease as their subject.

    >>> decreasing_name("单位地区生产总值能源消耗降低"), decreasing_name("森林覆盖率")
    (True, False)
    """
    return any(word in name for word in words()["decrease_names"])
