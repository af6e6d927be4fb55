"""When a quantity holds: target years ("到 2025 年"), past years and periods ("十三五期间").

A sentence's year markers decide both the year of its quantities and whether they are
targets or baselines (DESIGN.md §2). Reference years of a change ("比 2020 年下降 13.5%")
are found too, so that they are neither a quantity's year nor part of its name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from planwatch.extract.lexicon import alternation
from planwatch.extract.metadata import plan_number_period
from planwatch.extract.numbers import parse_year, plan_ordinal
from planwatch.extract.vocabulary import Vocabulary, per_vocabulary

YEAR = r"(?:(?:19|20)\d{2}|[一二][〇零一二三四五六七八九]{3})"

MARKER_TEMPLATE = rf"""
    # The first characters any marker can start with: a cheap test at every position, which
    # makes the scan about ten times faster than trying the five alternatives everywhere.
    (?=[比较与同按到至展“十六七八九12一二本下第{{first}}])
    (?:
      (?P<reference>(?:比|较|与|同)(?P<ref_year>{YEAR})年(?:底|末)?(?:相比)?   # 比2020年
                   | 按(?P<price_year>{YEAR})年的?(?:不变|可比)?价(?:格)?(?:计算)?) # 按2020年价计算
    | (?P<target>(?:(?:{{prefixes}})?(?:到|至)|展望)                          # 力争到 2025 年
                 (?P<target_year>{YEAR})年(?:底|末)?(?:时|前)?)                 # 展望二〇三五年
    | (?P<period>(?P<to>到|至)?(?:“?(?P<ordinal>十[一二三四五六七八九]?|[六七八九])五”?
                                 | 第(?P<long>[一二三四五六七八九十]{{1,3}})个五年(?:计划|规划)?)
                 (?P<when>期末|末|期间|时期|以来|计划|规划|(?<=”)(?=年均|累计)))  # “十三五”期间,
                                                                 # “十一五”年均增长7.5%,
                                                                 # 第六个五年计划期间
    | (?P<before>(?P<before_year>{YEAR})年(?:前|以前))                        # 2025 年前
    | (?P<bare>(?P<bare_year>{YEAR})年(?:底|末)?(?:的)?)                      # 2020 年的
    | (?P<century>(?:(?:{{prefixes}})?(?:到|至))?(?P<which>本|下)世纪(?P<part>末|中叶))
                                                     # 到本世纪末: 2000 in 1982, 2100 in 2021
    )
    """


@per_vocabulary
def marker_pattern(vocab: Vocabulary) -> re.Pattern[str]:
    """Year markers, with the deadline prefixes of the vocabulary (力争到, 确保到 …)."""
    prefixes = vocab.words("deadline_prefixes")
    first = re.escape("".join(sorted({w[0] for w in prefixes})))
    pattern = MARKER_TEMPLATE.replace("{first}", first).replace("{prefixes}", alternation(prefixes))
    return re.compile(pattern, re.VERBOSE)


# Years relative to a dated document (a report or bulletin), matched only when one is given.
RELATIVE = re.compile(
    rf"""
    (?=[从在12一二比较与同去上实今本刚过五未明])     # the first characters: a cheap test first
    (?:
      (?P<span>(?:从|在)?(?P<span_from>{YEAR})年?(?:到|至|—|-|~)(?P<span_to>{YEAR})年)
                                                     # 1979到1983年: a past span, in its clause
    | (?P<rel_reference>(?:比|较|与|同)(?:上年|去年|上一年)(?:末|底)?(?:同期)?(?:相比)?)
                                                     # 比上年增长, 比上年末增加
    | (?P<quoted>(?:去年|上年)的?(?:政府工作报告|计划|预算|报告)(?:中)?
                 (?:提出|确定|要求|预期))            # 去年政府工作报告提出: last year's targets
    | (?P<actual>实际(?:回落|完成|达到|实现|为))     # 实际回落到6.1%: the outcome
    | (?P<this_year>今年|本年度|本年)                # 今年: the document's year
    | (?P<last_year>(?:刚刚)?过去的?一年|去年|(?<!础)上年(?!均)|上一年|一年来)  # 过去一年
                                                     # (not 基础上年均增长)
    | (?P<last_five>过去五年|五年来)                 # 过去五年: up to year − 1
    | (?P<next_five>今后五年|未来五年)               # 今后五年: year + 4
    | (?P<next_year>明年)                            # 明年: year + 1
    )
    """,
    re.VERBOSE,
)


@dataclass(frozen=True, slots=True)
class Anchor:
    """The year a report or bulletin is dated by (docs/extraction.md, "Years from the document").

    ``current_is_target`` is True for a report (its own year holds its targets) and False for
    a bulletin (its own year holds its data).
    """

    year: int
    current_is_target: bool = True


# A year right after these words is what a value is compared with, not when it holds.
COMPARED_WITH = frozenset("比较是于")


@dataclass(frozen=True, slots=True)
class YearMarker:
    """A year marker at ``[start, end)`` of the normal form.

    ``target`` is True for a target year, False for a past year or period, None for the
    reference year of a change (which dates nothing).
    """

    start: int
    end: int
    year: int | None
    target: bool | None
    explicit: bool = False  # 到 2025 年 / 2025 年前: a stated deadline, carried through a paragraph
    since: int | None = None  # 过去五年: the year a 由 A 提高到 B of the period starts from
    clause_only: bool = False  # dates only the numbers of its own clause (a report's 1979到1983年)


def current_ordinal(period: tuple[int, int] | None) -> int | None:
    """The ordinal of the five-year plan covering ``period``.

    >>> current_ordinal((2021, 2025)), current_ordinal((2026, 2030)), current_ordinal((1996, 2000))
    (14, 15, 9)
    """
    if period is None or period[0] < 1966:
        return None
    return (period[0] - 1966) // 5 + 3


def find_markers(
    text: str,
    start: int,
    end: int,
    period: tuple[int, int] | None,
    anchor: Anchor | None = None,
) -> list[YearMarker]:
    """The year markers of ``text[start:end]`` in order.

    >>> found = find_markers("“十三五”期间增长8%,到2025年达到20亿元", 0, 30, (2021, 2025))
    >>> [(m.year, m.target) for m in found]
    [(2020, False), (2025, True)]
    >>> [(m.year, m.explicit) for m in find_markers("展望二〇三五年,基本实现现代化", 0, 9, None)]
    [(2035, True)]
    >>> [(m.year, m.target) for m in find_markers("按2020年不变价计算,到2025年", 0, 18, None)]
    [(None, None), (2025, True)]
    >>> found = find_markers("比2020年下降13.5%,2030年前达峰", 0, 25, (2026, 2030))
    >>> [(m.year, m.target) for m in found]
    [(None, None), (2030, True)]
    >>> [m.year for m in find_markers("到本世纪末翻两番,下世纪中叶基本实现现代化", 0, 21, None,
    ...                               Anchor(1982))]
    [2000, 2050]
    >>> found = find_markers("去年增长6.6%,比上年提高;今年增长6%", 0, 20, None, Anchor(2019))
    >>> [(m.year, m.target) for m in found]
    [(2018, False), (None, None), (2019, True)]
    """
    markers = [] if anchor is None else _relative(text, start, end, anchor)
    taken = [(m.start, m.end) for m in markers]
    for match in marker_pattern().finditer(text, start, end):
        if any(a < match.end() and match.start() < b for a, b in taken):
            continue
        marker = _marker(match, period, anchor)
        if text[max(0, match.start() - 1) : match.start()] in COMPARED_WITH:
            marker = YearMarker(marker.start, marker.end, None, None)  # 是“十二五”末的 1.5 倍
        markers.append(marker)
    return sorted(markers, key=lambda m: m.start)


HEADING_YEAR = re.compile(rf"(?P<year>{YEAR})年  # 一、2020年…计划执行情况", re.VERBOSE)


def heading_year_context(title: str, anchor: Anchor) -> Literal["baseline", "target"] | None:
    """Whether a report's heading names a past year (its review) or the report's own.

    >>> heading_year_context("一、2020年国民经济和社会发展计划执行情况", Anchor(2021))
    'baseline'
    >>> [heading_year_context(t, Anchor(2019)) for t in ("三、2019年政府工作任务", "一、回顾")]
    ['target', None]
    """
    match = HEADING_YEAR.search(title)
    year = parse_year(match["year"]) if match else None
    if year is None:
        return None
    return "baseline" if year < anchor.year else "target"


def _relative(text: str, start: int, end: int, anchor: Anchor) -> list[YearMarker]:
    """今年, 去年, 过去五年 … dated by the document's year; they date the rest of a paragraph."""
    out = []
    now = anchor.year
    for match in RELATIVE.finditer(text, start, end):
        span = match.start(), match.end()
        if match["span"]:
            last, first = parse_year(match["span_to"]), parse_year(match["span_from"])
            target = last is not None and last >= now
            out.append(YearMarker(*span, last, target, since=first, clause_only=True))
        elif match["rel_reference"]:
            out.append(YearMarker(*span, None, None))
        elif match["quoted"]:  # last year's targets, quoted in a review
            out.append(YearMarker(*span, now - 1, True))
        elif match["actual"]:
            out.append(YearMarker(*span, now - 1, False))
        elif match["this_year"]:
            out.append(YearMarker(*span, now, anchor.current_is_target, explicit=True))
        elif match["last_year"]:
            out.append(YearMarker(*span, now - 1, False, explicit=True))
        elif match["last_five"]:
            out.append(YearMarker(*span, now - 1, False, explicit=True, since=now - 6))
        elif match["next_five"]:
            out.append(YearMarker(*span, now + 4, True, explicit=True))
        else:
            out.append(YearMarker(*span, now + 1, True, explicit=True))
    return out


def _century_year(
    match: re.Match[str], period: tuple[int, int] | None, anchor: Anchor | None
) -> int | None:
    """本世纪末, 本世纪中叶, 下世纪中叶: counted from the document's year (else its period's)."""
    now = anchor.year if anchor is not None else period[0] if period is not None else None
    if now is None:
        return None
    end = (now - 1) // 100 * 100 + 100 + (100 if match["which"] == "下" else 0)  # 1982 → 2000
    return end if match["part"] == "末" else end - 50


def _marker(
    match: re.Match[str], period: tuple[int, int] | None, anchor: Anchor | None = None
) -> YearMarker:
    span = match.start(), match.end()
    if match.group("reference"):
        return YearMarker(*span, None, None)
    if match.group("target"):
        year = parse_year(match.group("target_year"))
        if anchor is not None and year is not None and year < anchor.year:
            return YearMarker(*span, year, False)  # a report's 到1983年 is in the past
        return YearMarker(*span, year, True, explicit=True)
    if match.group("before"):
        return YearMarker(*span, parse_year(match.group("before_year")), True, explicit=True)
    if match.group("century"):
        return YearMarker(*span, _century_year(match, period, anchor), True, explicit=True)
    if match.group("period"):
        if anchor is not None and match.group("when") == "以来":  # “十三五”以来: results so far
            return YearMarker(*span, anchor.year - 1, False)
        ordinal = plan_ordinal((match["ordinal"] or match["long"]) + "五")
        year = plan_number_period(ordinal)[1] if ordinal else None
        current = current_ordinal(period)
        if anchor is not None and year is not None:  # a 1993 report's “八五”计划 ends in 1995
            ahead = year >= anchor.year
            # set off by a comma ("第六个五年计划期间,我们要…"), a plan still running dates the
            # rest of its paragraph; inside a clause ("为第七个五年计划期间…奠定基础") only its own
            adverbial = match.string.startswith((",", "，"), match.end())
            return YearMarker(*span, year, ahead, explicit=ahead and adverbial)
        if current is not None and ordinal is not None:
            return YearMarker(*span, year, ordinal >= current)
        return YearMarker(*span, year, bool(match.group("to")))
    year = parse_year(match.group("bare_year"))
    if anchor is not None and year is not None:  # a report: its own year holds its targets
        now = anchor.year
        return YearMarker(*span, year, year > now or (year == now and anchor.current_is_target))
    target = period is not None and year is not None and year >= period[0]
    return YearMarker(*span, year, target)
