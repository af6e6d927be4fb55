"""Numbers with their units in a plan's normal-form text, minus what is not a quantity.

A *mention* is a number (or range, or ratio) and its unit, as written: "20 亿元", "6%—7%",
"百分之八", "5:50:45". What is dropped here, before any meaning is read:

- dates and years ("2025年", "3月11日", "二〇三五年"), labels ("专栏 1", "第 3 条");
- codes and names with letters or a plus sign ("G93", "5G", "PM2.5", "IPv6", "4+N");
- numbers inside a short quotation ("“15 分钟服务圈”", "“6 大提升工程”");
- a measure that qualifies the noun right after it ("10 亿元以上工业企业", "0-3 岁婴幼儿",
  "15 分钟健身圈"): that noun, not the number, is what the sentence counts;
- ratios to another value ("是 2015 年的 1.5 倍");
- Chinese numerals that are words ("一带一路", "三大革命", "十四五"): a Chinese numeral counts
  only with 百分之, a % sign, a 万/亿 multiplier, or a verb right before it ("达到五百万吨").

An Arabic number followed by no known unit is reported as an ``unknown_unit`` issue.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from planwatch.extract.lexicon import alternation, words
from planwatch.extract.numbers import (
    ARABIC_NUMBER,
    CHINESE_NUMBER,
    MAX_DIGITS,
    MAX_EXPONENT,
    chinese_quantity,
    parse_number,
    within_range,
)
from planwatch.extract.units import UnitReading, read_unit
from planwatch.extract.vocabulary import Vocabulary, per_vocabulary

# A number, a range or a ratio, with 百分之 (千分之) and a first % (‰) kept.
MENTION = re.compile(
    rf"""
    (?P<percent_of>百分之|千分之)?                           # 百分之八, 千分之十
    (?P<first>{ARABIC_NUMBER}|{CHINESE_NUMBER})              # 6 / 一千二百
    (?P<ratio>(?::(?:{ARABIC_NUMBER})){{1,5}})?              # :50:45
    (?P<first_sign>%|‰)?                                     # 6%
    (?:(?P<separator>—{{1,2}}|-|~|～|–|至)                   # — / 至
       (?P<percent_of_high>百分之|千分之)?
       (?P<second>{ARABIC_NUMBER}|{CHINESE_NUMBER}))?        # 7
    """,
    re.VERBOSE,
)

# What makes the number a date: 年 after a year, 月/日 after a day or month.
DATE_AFTER = re.compile(r"年|月|日|号  # 2025年, 3月11日", re.VERBOSE)

# Quotation marks around slogans and names.
QUOTE_OPEN, QUOTE_CLOSE = "“‘「《", "”’」》"
SLOGAN_MAX = 16  # characters of a quotation that reads as a name, not a sentence

# A five-year cumulative figure printed in brackets in running text (national outline
# style), with the unit in parentheses before it or a change verb: 降低(%)[13.5], 降低〔18〕.
BRACKETED = re.compile(
    r"""(?P<unit>\((?P<unit_name>[^()]{1,8})\))?   # (%) / (万人): the unit of the name
        [\[〔【]$                                     # the bracket right before the number
    """,
    re.VERBOSE,
)
BRACKET_CLOSE = "]〕】"

ASCII_LETTER = re.compile(r"[A-Za-z+]  # G93, 5G, 4+N", re.VERBOSE)


@dataclass(frozen=True, slots=True)
class Mention:
    """A number and its unit at ``[start, end)`` of the normal form (tails not included)."""

    start: int
    end: int
    value: Decimal
    unit: UnitReading | None
    range_high: Decimal | None = None
    parts: tuple[Decimal, ...] = ()
    chinese: bool = False
    bracketed: bool = False  # [13.5]: a five-year cumulative value
    doubling: bool = False  # 翻一番: an increase of 100%
    more_than: bool = False  # 1300多万人, 38万余人: more than the value


RejectionCode = Literal["unknown_unit", "number_too_long", "value_out_of_range", "garbled_number"]


@dataclass(frozen=True, slots=True)
class Rejected:
    """A number not read as a quantity, with why: no known unit after it (``unknown_unit``),
    more digits than any plan prints (``number_too_long``), a value in the base unit
    beyond what can be computed with (``value_out_of_range``), or digits an OCR engine
    garbled (``garbled_number``: "1085年", the "00" of "36即00万吨")."""

    start: int
    end: int
    following: str
    code: RejectionCode = "unknown_unit"


_CONNECTORS = frozenset('和与及或、,.;:。;!?)）」》/\t\n”’"等为是的')


@dataclass(frozen=True, slots=True)
class _Patterns:
    """The vocabulary's words this module matches, compiled once per vocabulary."""

    follows_ok: re.Pattern[str]  # an optional tail (以上, 左右 …), then the next character
    verb_before: re.Pattern[str]  # a comparator, change or 约 right before a number
    verb_after: re.Pattern[str]  # "由9.1万公里增加到": a verb, not a noun, after a measure
    change_before: re.Pattern[str]  # "增长5.4倍", "降低[13.5]"
    doublings: dict[str, Decimal]  # 翻一番 → 100 (%)
    doubling: re.Pattern[str]
    label_before: re.Pattern[str]  # 专栏, 第 …


@per_vocabulary
def _patterns(vocab: Vocabulary) -> _Patterns:
    comparators, changes, tails = vocab.comparators, vocab.changes, list(vocab.tails)
    doublings = {word: Decimal(percent) for word, percent in vocab.doublings.items()}
    before = [*comparators, *changes, *vocab.words("approximate")]
    return _Patterns(
        follows_ok=re.compile(rf"(?:{alternation(tails)})?(?P<next>.?)", re.DOTALL),
        verb_before=re.compile(rf"(?:{alternation(before)})(?:到|至|为)?$"),
        verb_after=re.compile(alternation([w for w in (*comparators, *changes) if len(w) > 1])),
        change_before=re.compile(rf"(?:{alternation(list(changes))})$"),
        doublings=doublings,
        doubling=re.compile(alternation(list(doublings))),
        label_before=re.compile(rf"(?:{alternation(vocab.words('labels'))})$"),
    )


_COMPOUND_NUMERAL = re.compile(r"[一二三四五六七八九两][十百千]")  # 八百, 四千二百: no word
_SPANS_OF_TIME = frozenset({"年", "月", "个月"})  # "统治中国二十多年", "五十年代": no measure
_ARTICLE_UNITS = frozenset({"个", "项", "步", "批", "种", "次"})  # 一个 / 一项 / 一批: "a"
_PLAN_ORDINAL_AFTER = re.compile(r"五(?:”|期间|时期|末|初|规划|计划|以来)")


def find_mentions(text: str, start: int = 0, end: int | None = None) -> list[Mention | Rejected]:
    """Every quantity-like number in ``text[start:end]``, in order.

    >>> found = find_mentions("GDP达到1200亿元,年均增长百分之八")
    >>> [(m.value, m.unit.name if m.unit else None) for m in found]
    [(Decimal('1200'), '亿元'), (Decimal('8'), '%')]
    >>> [(m.value, m.doubling) for m in find_mentions("比2020年翻一番")]
    [(Decimal('100'), True)]
    >>> find_mentions("到2025年3月,G93扩容,“15分钟服务圈”,建设10亿元以上企业,一带一路")
    []
    >>> [(m.value, m.unit.name) for m in find_mentions("孕产妇死亡率控制在10/10万以下")]
    [(Decimal('10'), '/10万')]
    """
    end = len(text) if end is None else end
    found: list[Mention | Rejected] = []
    read_to = start  # the end of the last mention's unit: digits in a unit are no number
    for match in MENTION.finditer(text, start, end):
        if match.start() < read_to:
            continue  # the 10 of "10/10万", the 2 of "5000m2"
        item = _read(text, match)
        if item is not None:
            found.append(item)
            read_to = item.end if isinstance(item, Mention) else read_to
    doublings = [
        Mention(m.start(), m.end(), _patterns().doublings[m.group()], read_unit("%"), doubling=True)
        for m in _patterns().doubling.finditer(text, start, end)
    ]
    return sorted([*found, *doublings], key=lambda item: item.start) if doublings else found


def _read(text: str, match: re.Match[str]) -> Mention | Rejected | None:
    first = match.group("first")
    chinese = not first[0].isdigit()
    before = text[max(0, match.start() - 6) : match.start()]
    if chinese and not _may_count(text, match, first, before):
        return None  # "一批", "进一步", "三大": most Chinese numerals are words (checked cheaply)
    if _is_date_or_code(text, match, first, chinese) or _patterns().label_before.search(before):
        return None
    if _in_slogan(text, match.start(), match.end()):
        return None
    if _is_bracketed(text, match):
        return _bracketed(text, match)
    if not chinese and max(len(first), len(match.group("second") or "")) > MAX_DIGITS:
        return Rejected(match.start(), match.end(), "", "number_too_long")
    if not chinese and _is_garbled(text, match, first):
        return Rejected(match.start(), match.end(), "", "garbled_number")
    value, multiplier = chinese_quantity(first) if chinese else (parse_number(first), "")
    more_than = False
    if value is None:
        return None
    high = None
    if match.group("second"):
        second = match.group("second")
        if chinese:  # 四千九百亿至五千亿: the high end in the low end's multiplier
            high, second_multiplier = chinese_quantity(second, multiplier or None)
            multiplier = multiplier or second_multiplier
        else:
            high = parse_number(second)
    unit_at = match.end()
    if chinese and not high and _inner_more(text, unit_at):
        # "四亿零七百多万吨": the 多 stands before the numeral's last multiplier (4.07 亿吨)
        regrouped, regrouped_multiplier = chinese_quantity(first + text[unit_at + 1])
        if regrouped is not None:
            value, multiplier, more_than = regrouped, regrouped_multiplier, True
            unit_at += 2
    if match.group("percent_of") or match.group("percent_of_high"):
        unit = read_unit(
            "‰" if (match["percent_of"] or match["percent_of_high"]) == "千分之" else "%"
        )
    else:
        sign = match.group("first_sign")
        unit_text = multiplier + text[unit_at : unit_at + 12]
        unit = read_unit(sign) if sign and not match.group("second") else read_unit(unit_text)
        if unit is not None and not (sign and not match.group("second")):
            unit_at += len(unit.surface) - len(multiplier)
        if not chinese and (unit is None or unit.surface == "个"):
            unit = _shared_unit(text, unit_at) or unit  # "提高3个和4个百分点", "3和4%"
        if (unit is None or unit.unit is None) and text[unit_at : unit_at + 1] in ("多", "余"):
            bare = unit.surface if unit else multiplier  # "1300多万人" / "38万余人"
            whole = read_unit(bare + text[unit_at + 1 : unit_at + 13])
            if whole is not None and len(whole.surface) > len(bare):  # also "600多万下岗职工"
                unit_at += 1 + len(whole.surface) - len(bare) - (len(multiplier) if not unit else 0)
                unit, more_than = whole, True
    parts: tuple[Decimal, ...] = ()
    if match.group("ratio"):
        read = [parse_number(p) for p in match.group("ratio")[1:].split(":")]
        if any(p is None for p in read):
            return None  # "1:10,000": a map scale, not a structure in shares
        parts = (value, *(p for p in read if p is not None))
        unit = read_unit("%")  # a structure in shares; the unit read is replaced below
    if unit is None:
        following = text[unit_at : unit_at + 4]
        if not chinese and _is_unitless_value(text, match, following):
            unit = UNITLESS  # "利用系数提高到0.53": a coefficient, an index
        elif chinese or not following or not _is_han(following[0]):
            return None  # an item number, a table cell or a Chinese word: nothing to report
        else:
            return Rejected(match.start(), unit_at, following)
    if unit.unit_class == "relative" and not _patterns().change_before.search(before):
        return None  # "是十年前的2倍" compares two values; "增长5.4倍" is an increase
    if not all(_base_in_range(unit, v) for v in (value, high or value, *parts)):
        return Rejected(match.start(), unit_at, "", "value_out_of_range")
    if chinese and not _chinese_counts(text, match, unit, multiplier):
        return None
    if unit.unit is not None and _qualifies_next_noun(text, unit_at, unit):
        return None  # "10亿元以上工业企业", "1:10,000地形图"
    return Mention(
        match.start(), unit_at, value, None if parts else unit, high, parts, chinese,
        more_than=more_than,
    )  # fmt: skip


def _inner_more(text: str, at: int) -> bool:
    """Whether 多/余 and a multiplier follow a Chinese numeral: "七百多万", "三千余亿".

    >>> [(m.value, m.unit.name, m.more_than) for m in find_mentions("粮食产量达到四亿零七百多万吨")]
    [(Decimal('4.07'), '亿吨', True)]
    """
    return text[at : at + 1] in ("多", "余") and text[at + 1 : at + 2] in ("万", "亿")


# A unit written once for two numbers: the "个百分点" after the second of "3个和4个百分点".
_SHARED_UNIT = re.compile(
    r"""(?:和|与|及|、|或)               # 3个 和
        \d+(?:\.\d+)?                  # 4
        (?=个百分点|百分点|%)            # the unit both share
    """,
    re.VERBOSE,
)
# A value with no unit: a coefficient or an index after its verb ("提高到0.53"), ending its clause.
UNITLESS = UnitReading("", Decimal(1), None, "")
_CLAUSE_END = frozenset(",;。;!?)\n\t")
# An OCR'd year-like number: four digits before 年 that no plan of the genre dates by.
YEAR_RANGE = (1800, 2199)
# ... unless a word of duration stands before it: "实行了长达2600年的这个古老税种".
_DURATION_BEFORE = re.compile(
    r"(?:长达|历时|历经|经过|已有|近|约|达|了|有)$  # 长达2600年", re.VERBOSE
)


def _shared_unit(text: str, at: int) -> UnitReading | None:
    """The unit of the next number when this one's is left out or is the counter 个.

    >>> [(m.value, m.unit.name) for m in find_mentions("分别提高3个和4个百分点")]
    [(Decimal('3'), '百分点'), (Decimal('4'), '百分点')]
    """
    found = _SHARED_UNIT.match(text, at)
    return read_unit(text[found.end() : found.end() + 5]) if found else None


def _is_unitless_value(text: str, match: re.Match[str], following: str) -> bool:
    """A plain number right after a comparator or change verb that ends its clause.

    >>> [(m.value, m.unit.name) for m in find_mentions("有效利用系数提高到0.53。")]
    [(Decimal('0.53'), '')]
    >>> find_mentions("第3章,见表2。")
    []
    """
    if match.group("ratio") or match.group("first_sign") or match.group("percent_of"):
        return False
    if following[:1] not in _CLAUSE_END and following:
        return False
    before = text[max(0, match.start() - 6) : match.start()]
    return bool(_patterns().verb_before.search(before))


def _is_garbled(text: str, match: re.Match[str], first: str) -> bool:
    """Digits an OCR engine garbled: a year no document dates by, a number with a leading
    zero glued to a character after digits ("36即00万吨").

    >>> [(r.code, r.start) for r in find_mentions("新建铁路1085年")]
    [('garbled_number', 4)]
    >>> [(m.value, m.unit.name) for m in find_mentions("长达2600年的古老税种")]
    [(Decimal('2600'), '年')]
    >>> [type(r).__name__ for r in find_mentions("钢产量达到36即00万吨")]
    ['Rejected', 'Rejected']
    """
    if match.group("ratio") or match.group("second"):
        return False
    after = text[match.end() : match.end() + 1]
    if after == "年" and len(first) == 4 and first.isdigit():
        duration = _DURATION_BEFORE.search(text, max(0, match.start() - 3), match.start())
        return not (YEAR_RANGE[0] <= int(first) <= YEAR_RANGE[1] or duration)
    glued = (
        match.start() >= 2
        and _is_han(text[match.start() - 1])
        and text[match.start() - 2].isdigit()
    )
    return glued and len(first) > 1 and first[0] == "0" and first[1].isdigit()


def _base_in_range(unit: UnitReading, value: Decimal) -> bool:
    """``within_range(unit.to_base(value))``, without the conversion when the orders of
    magnitude alone show it (almost always: the conversion is the costly part).

    >>> trillion, hundred_million = read_unit("万亿元"), read_unit("亿元")
    >>> _base_in_range(trillion, Decimal("1.5")), _base_in_range(hundred_million, Decimal("1e14"))
    (True, False)
    """
    if not value.is_finite():
        return False
    factor = unit.unit.factor if unit.unit else Decimal(1)
    if value.is_zero() or (
        value.adjusted() + unit.multiplier.adjusted() + factor.adjusted() + 2 < MAX_EXPONENT
    ):
        return True  # each term is below 10**(adjusted+1): the product is below 1e20
    return within_range(unit.to_base(value))


def _is_bracketed(text: str, match: re.Match[str]) -> bool:
    plain = not (match.group("ratio") or match.group("second") or match.group("percent_of"))
    before = text[match.start() - 1 : match.start()] if match.start() else ""
    after = text[match.end() : match.end() + 1]
    return plain and before != "" and before in "[〔【" and after != "" and after in BRACKET_CLOSE


def _bracketed(text: str, match: re.Match[str]) -> Mention | None:
    """降低(%)[13.5] → 13.5 %, cumulative; without a (unit), only after a change verb (→ %).

    >>> [(m.value, m.unit.name, m.bracketed) for m in find_mentions("城镇新增就业(万人)〔5500〕")]
    [(Decimal('5500'), '万人', True)]
    >>> find_mentions("建设区域医疗中心[3]")
    []
    """
    value = parse_number(match.group("first"))
    window = text[max(0, match.start() - 12) : match.start()]
    found = BRACKETED.search(window)
    if value is None or found is None:
        return None
    start = match.start() - (len(window) - found.start())
    if found.group("unit_name"):
        unit = read_unit(found.group("unit_name"))
    elif _patterns().change_before.search(window[: found.start()]):
        unit = read_unit("%")
    else:
        return None
    if unit is None or unit.unit_class == "relative" or not within_range(unit.to_base(value)):
        return None
    return Mention(start, match.end() + 1, value, unit, bracketed=True)


def _is_date_or_code(text: str, match: re.Match[str], first: str, chinese: bool) -> bool:
    """Years, months and days ("2025年", "二〇三五年", "3月"), plan names, codes ("G93", "5G")."""
    after = text[match.end() : match.end() + 1]
    before = text[match.start() - 1 : match.start()] if match.start() else ""
    if not (match.group("first_sign") or match.group("ratio")):
        if after == "年":
            if (
                _is_year_numeral(first)
                if chinese
                else len(first) == 4
                and first.isdigit()
                and YEAR_RANGE[0] <= int(first) <= YEAR_RANGE[1]
            ):
                return True
        elif after and after in "月日号":
            return True
    if chinese and _PLAN_ORDINAL_AFTER.match(text, match.end() - 1):
        return True
    if text.startswith(("世纪", "周年"), match.end()):
        return True  # "21世纪", "50周年": dates, not quantities
    if ASCII_LETTER.match(before):
        return True
    return (
        bool(ASCII_LETTER.match(after)) and read_unit(text[match.end() : match.end() + 4]) is None
    )


def _is_year_numeral(numeral: str) -> bool:
    return len(numeral) == 4 and all(c in "〇零一二三四五六七八九" for c in numeral)


def _in_slogan(text: str, start: int, end: int) -> bool:
    """Whether [start, end) sits inside a short quotation on its line."""
    left = max(text.rfind(q, max(0, start - SLOGAN_MAX), start) for q in QUOTE_OPEN)
    if left < 0 or text.find("\n", left, start) >= 0:
        return False
    right_candidates = [
        i for q in QUOTE_CLOSE if (i := text.find(q, end, left + SLOGAN_MAX + 2)) >= 0
    ]
    if not right_candidates:
        return False
    closes_between = any(text.find(q, left + 1, start) >= 0 for q in "”’")
    return not closes_between


def _may_count(text: str, match: re.Match[str], first: str, before: str) -> bool:
    """Whether a Chinese numeral can pass :func:`_chinese_counts`, before any conversion."""
    if match.group("percent_of") or match.group("percent_of_high") or match.group("first_sign"):
        return True
    if "万" in first or "亿" in first or text.startswith(("个百分点", "百分点"), match.end()):
        return True
    if _COMPOUND_NUMERAL.search(first):  # "八百斤": a unit must follow ("多" aside)
        return read_unit(text[match.end() : match.end() + 8].lstrip("多余")) is not None
    return bool(_patterns().verb_before.search(before))


def _chinese_counts(text: str, match: re.Match[str], unit: UnitReading, multiplier: str) -> bool:
    if match.group("percent_of") or unit.unit_class == "percent":
        return True
    if match.group("first") == "一" and not multiplier and unit.name in _ARTICLE_UNITS:
        return False  # "跨上一个重要台阶", "迈出一步": 一个 is "a", not a count of one
    before = text[max(0, match.start() - 6) : match.start()]
    if multiplier and unit.unit is not None:
        return True
    if (
        _COMPOUND_NUMERAL.search(match.group())
        and unit.unit_class in ("measure", "count")
        and unit.name not in _SPANS_OF_TIME
    ):
        return True  # "近八百斤", "四千二百多万城镇劳动力": a numeral with places is a number
    return bool(_patterns().verb_before.search(before))


def _qualifies_next_noun(text: str, unit_end: int, unit: UnitReading) -> bool:
    """A measure followed by a noun qualifies that noun: "10亿元以上工业企业" (a count or a
    bare multiplier counts it instead: "9亿多劳动力")."""
    if unit.unit_class == "count":
        return False
    follow = _patterns().follows_ok.match(text, unit_end)
    assert follow is not None  # the pattern matches the empty string
    nxt = follow.group("next")
    if not nxt or nxt in _CONNECTORS or not _is_han(nxt):
        return False
    if _patterns().verb_after.match(text, follow.start("next")):
        return False  # "由9.1万公里增加到12万公里": a verb follows, not a noun
    ignore = words()["tails"]["ignore"]
    return not any(text.startswith(w, follow.start("next")) for w in ignore)


def _is_han(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff"
