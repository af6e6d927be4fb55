"""When a quantity holds: target years ("到 2025 年"), past years and periods ("十三五期间").

A sentence's year markers decide both the year of its quantities and whether they are
targets or baselines (DESIGN.md §2). Reference years of a change ("比 2020 年下降 13.5%")
are found too, so that they are neither a quantity's year nor part of its name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from planwatch.extract.lexicon import alternation
from planwatch.extract.metadata import plan_number_period
from planwatch.extract.numbers import parse_year, plan_ordinal
from planwatch.extract.vocabulary import vocabulary

YEAR = r"(?:(?:19|20)\d{2}|[一二][〇零一二三四五六七八九]{3})"

MARKER_TEMPLATE = rf"""
    # The first characters any marker can start with: a cheap test at every position, which
    # makes the scan about ten times faster than trying the five alternatives everywhere.
    (?=[比较与同到至展“十六七八九12一二{{first}}])
    (?:
      (?P<reference>(?:比|较|与|同)(?P<ref_year>{YEAR})年(?:底|末)?(?:相比)?)   # 比2020年
    | (?P<target>(?:(?:{{prefixes}})?(?:到|至)|展望)                          # 力争到 2025 年
                 (?P<target_year>{YEAR})年(?:底|末)?(?:时|前)?)                 # 展望二〇三五年
    | (?P<period>(?P<to>到|至)?“?(?P<ordinal>十[一二三四五六七八九]?|[六七八九])五”?
                 (?P<when>期末|末|期间|时期|以来))                             # “十三五”期间
    | (?P<before>(?P<before_year>{YEAR})年(?:前|以前))                        # 2025 年前
    | (?P<bare>(?P<bare_year>{YEAR})年(?:底|末)?(?:的)?)                      # 2020 年的
    )
    """


@cache
def marker_pattern() -> re.Pattern[str]:
    """Year markers, with the deadline prefixes of the vocabulary (力争到, 确保到 …)."""
    prefixes = vocabulary().words("deadline_prefixes")
    first = re.escape("".join(sorted({w[0] for w in prefixes})))
    pattern = MARKER_TEMPLATE.replace("{first}", first).replace("{prefixes}", alternation(prefixes))
    return re.compile(pattern, re.VERBOSE)


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


def current_ordinal(period: tuple[int, int] | None) -> int | None:
    """The ordinal of the five-year plan covering ``period``.

    >>> current_ordinal((2021, 2025)), current_ordinal((2026, 2030)), current_ordinal((1996, 2000))
    (14, 15, 9)
    """
    if period is None or period[0] < 1966:
        return None
    return (period[0] - 1966) // 5 + 3


def find_markers(
    text: str, start: int, end: int, period: tuple[int, int] | None
) -> list[YearMarker]:
    """The year markers of ``text[start:end]`` in order.

    >>> found = find_markers("“十三五”期间增长8%,到2025年达到20亿元", 0, 30, (2021, 2025))
    >>> [(m.year, m.target) for m in found]
    [(2020, False), (2025, True)]
    >>> [(m.year, m.explicit) for m in find_markers("展望二〇三五年,基本实现现代化", 0, 9, None)]
    [(2035, True)]
    >>> found = find_markers("比2020年下降13.5%,2030年前达峰", 0, 25, (2026, 2030))
    >>> [(m.year, m.target) for m in found]
    [(None, None), (2030, True)]
    """
    markers = []
    for match in marker_pattern().finditer(text, start, end):
        marker = _marker(match, period)
        if text[max(0, match.start() - 1) : match.start()] in COMPARED_WITH:
            marker = YearMarker(marker.start, marker.end, None, None)  # 是“十二五”末的 1.5 倍
        markers.append(marker)
    return markers


def _marker(match: re.Match[str], period: tuple[int, int] | None) -> YearMarker:
    span = match.start(), match.end()
    if match.group("reference"):
        return YearMarker(*span, None, None)
    if match.group("target"):
        return YearMarker(*span, parse_year(match.group("target_year")), True, explicit=True)
    if match.group("before"):
        return YearMarker(*span, parse_year(match.group("before_year")), True, explicit=True)
    if match.group("period"):
        ordinal = plan_ordinal(match.group("ordinal") + "五")
        year = plan_number_period(ordinal)[1] if ordinal else None
        current = current_ordinal(period)
        if current is not None and ordinal is not None:
            return YearMarker(*span, year, ordinal >= current)
        return YearMarker(*span, year, bool(match.group("to")))
    year = parse_year(match.group("bare_year"))
    target = period is not None and year is not None and year >= period[0]
    return YearMarker(*span, year, target)
