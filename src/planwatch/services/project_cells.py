"""Cells of a project register as planning bureaus write them: periods, amounts, headers.

Pure functions over text; each returns a value or raises ``ValueError`` with the Chinese
reason the row-level report shows.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

# 2021-2025, 2021—2025年, 2021年3月—2024年底, 2021.3-2024.12, 2022年初至2023年6月
PERIOD = re.compile(
    r"""^
    (?P<y1>\d{4}) \s* 年? \s*
    (?: [./]? (?P<m1>\d{1,2}) \s* 月? | (?P<e1>[初底末]) )? \s*   # 3月 / .3 / 初
    (?: [-—–~～至到]+ | 年?\s*至 ) \s*
    (?P<y2>\d{4}) \s* 年? \s*
    (?: [./]? (?P<m2>\d{1,2}) \s* 月? | (?P<e2>[初底末]) )? \s*   # 6月 / .12 / 底
    $""",
    re.VERBOSE,
)
# 2023, 2023年: one year
ONE_YEAR = re.compile(r"^(?P<year>\d{4}) \s* 年? \s*$", re.VERBOSE)
# (万元), （亿元）, 单位:万元 — the unit of an amount column or of the whole sheet
MONEY_UNIT = re.compile(r"(?P<unit>万元|亿元)")
# 12, 1,200.5, 12亿元, 8000万元
AMOUNT = re.compile(r"^(?P<number>-?[\d,]+(?:\.\d+)?) \s* (?P<unit>万元|亿元|万|亿)? $", re.VERBOSE)
# "十四五"计划投资, 十五五期间计划投资, 规划期计划投资 (headers folded: no quotes, no spaces)
PLAN_PERIOD_INVESTMENT = re.compile(
    r"^(?:[一二三四五六七八九十]+五(?:时期|期间)?|规划期内?)计划投资$"
)
# 2023年计划投资, 2023年度计划投资
YEAR_INVESTMENT = re.compile(r"^(?P<year>\d{4})年度?计划投资$")
# quotes, spaces and the parenthesised unit a header carries
HEADER_NOISE = re.compile(r"""[\s"“”'‘’「」]|[(（][^)）]*[)）]""")

TO_WAN = {"万元": Decimal(1), "万": Decimal(1), "亿元": Decimal(10000), "亿": Decimal(10000)}


@dataclass(frozen=True, slots=True)
class Period:
    start: date
    end: date


def parse_period(text: str) -> Period:
    """A construction period: the first day of its first month to the last day of its last.

    >>> parse_period("2021年3月—2024年底")
    Period(start=datetime.date(2021, 3, 1), end=datetime.date(2024, 12, 31))
    >>> parse_period("2021-2025")
    Period(start=datetime.date(2021, 1, 1), end=datetime.date(2025, 12, 31))
    """
    cleaned = text.strip()
    one = ONE_YEAR.match(cleaned)
    if one:
        year = int(one["year"])
        return Period(date(year, 1, 1), date(year, 12, 31))
    match = PERIOD.match(cleaned)
    if match is None:
        raise ValueError("起止年限应写作 2021-2025 或 2021年3月—2024年底")
    start_month = _month(match["m1"], match["e1"], first=True)
    end_month = _month(match["m2"], match["e2"], first=False)
    start_year, end_year = int(match["y1"]), int(match["y2"])
    start = date(start_year, start_month, 1)
    end = date(end_year, end_month, calendar.monthrange(end_year, end_month)[1])
    if end < start:
        raise ValueError("完工时间早于开工时间")
    return Period(start, end)


def _month(number: str | None, edge: str | None, *, first: bool) -> int:
    if number is not None:
        month = int(number)
        if not 1 <= month <= 12:
            raise ValueError(f"月份 {month} 不存在")
        return month
    if edge == "初":
        return 1
    if edge in ("底", "末"):
        return 12
    return 1 if first else 12


def parse_amount(text: str, unit: str | None) -> Decimal | None:
    """An amount in 万元, from a cell in the column's ``unit`` (or a unit of its own).

    Empty cells are None; a negative amount or text raises ValueError.

    >>> parse_amount("12", "亿元"), parse_amount("1,200.5", "万元"), parse_amount("8000万元", None)
    (Decimal('120000'), Decimal('1200.5'), Decimal('8000'))
    """
    cleaned = text.strip()
    if not cleaned:
        return None
    match = AMOUNT.match(cleaned)
    if match is None:
        raise ValueError("不是金额")
    own = match["unit"] or unit
    if own is None:
        raise ValueError("未注明金额单位(万元或亿元)")
    try:
        value = Decimal(match["number"].replace(",", ""))
    except InvalidOperation as error:
        raise ValueError("不是金额") from error
    if value < 0:
        raise ValueError("投资不能为负数")
    return plain(value * TO_WAN[own])


def plain(value: Decimal) -> Decimal:
    """A decimal without trailing zeros or an exponent.

    >>> plain(Decimal("120000.00")), plain(Decimal("0.50"))
    (Decimal('120000'), Decimal('0.5'))
    """
    exact = value.normalize()
    return exact.quantize(Decimal(1)) if exact == exact.to_integral_value() else exact


def fold_header(text: str) -> str:
    """A header as matched: no quotes, spaces or parenthesised unit.

    >>> fold_header(' “十四五” 计划投资（亿元）')
    '十四五计划投资'
    """
    return HEADER_NOISE.sub("", text)


def money_unit(text: str) -> str | None:
    """万元 or 亿元 named in a header or a title line.

    >>> money_unit("总投资(亿元)"), money_unit("单位:万元"), money_unit("项目名称")
    ('亿元', '万元', None)
    """
    found = MONEY_UNIT.search(text)
    return found["unit"] if found else None


# 2023-06, 2023.6, 2023年6月 (a month); 2023Q2, 2023-Q2, 2023年第二季度, 2023年二季度 (a quarter)
REPORT_PERIOD = re.compile(
    r"""^(?P<year>\d{4}) \s* (?: 年 | [-./] )? \s*
    (?: (?P<month>\d{1,2}) \s* 月?                       # 6月, -06
      | [Qq] (?P<q>[1-4])                                 # Q2
      | 第? (?P<qz>[一二三四1-4]) \s* 季度?                 # 第二季度, 二季度
    ) $""",
    re.VERBOSE,
)
QUARTERS = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}


@dataclass(frozen=True, slots=True)
class ReportPeriod:
    label: str  # 2023-06 or 2023Q2
    end: date


def parse_report_period(text: str) -> ReportPeriod:
    """A reporting period: a month or a quarter, with its last day.

    >>> parse_report_period("2023年6月"), parse_report_period("2023年第二季度").label
    (ReportPeriod(label='2023-06', end=datetime.date(2023, 6, 30)), '2023Q2')
    """
    match = REPORT_PERIOD.match(text.strip())
    if match is None:
        raise ValueError("报告期应写作 2023-06、2023年6月 或 2023Q2、2023年第二季度")
    year = int(match["year"])
    if match["month"] is not None:
        month = int(match["month"])
        if not 1 <= month <= 12:
            raise ValueError(f"月份 {month} 不存在")
        return ReportPeriod(
            f"{year}-{month:02d}", date(year, month, calendar.monthrange(year, month)[1])
        )
    quarter = QUARTERS[match["q"] or match["qz"]]
    month = quarter * 3
    return ReportPeriod(f"{year}Q{quarter}", date(year, month, calendar.monthrange(year, month)[1]))
