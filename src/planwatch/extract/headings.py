"""Recognise one line of a plan as a heading: its style, number, title and where the body starts.

Works on one line of the normal form (see :mod:`planwatch.extract.normalize`): full-width
punctuation is already ASCII, stray spaces are gone and a gap (tab, ideographic space, two or
more spaces) is one ``\\t``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

CHINESE_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
                  "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}  # fmt: skip
NUMERAL = r"[〇零一二两三四五六七八九十百\d]+"


class HeadingStyle(StrEnum):
    """How a heading is numbered, from the outermost convention to the innermost."""

    PREFACE = "preface"  # 序言 前言 引言
    TOC = "toc"  # 目录
    PART = "part"  # 第一篇, 第一编, 第一部分
    CHAPTER = "chapter"  # 第一章
    SECTION = "section"  # 第一节
    BOX = "box"  # 专栏1, 专栏 3-1
    ENUM = "enum"  # 一、
    PAREN_ENUM = "paren_enum"  # (一)
    ARABIC = "arabic"  # 1.  1、
    PAREN_ARABIC = "paren_arabic"  # (1)


STRUCTURAL = (HeadingStyle.PART, HeadingStyle.CHAPTER, HeadingStyle.SECTION)
NUMBERED = (HeadingStyle.ENUM, HeadingStyle.PAREN_ENUM, HeadingStyle.ARABIC,
            HeadingStyle.PAREN_ARABIC)  # fmt: skip

HEADING = re.compile(
    r"""^(?:
        (?P<preface>(?:序|前|引)\t?言|序)(?=\t|$)         # 序言 前言 序　言, alone or before a gap
      | (?P<toc>目\t?录)$                                 # 目录 / 目　录 on its own line
      | 第(?P<part>"""
    + NUMERAL
    + r""")(?:篇|编|部分)     # 第一篇  第二编  第三部分
      | 第(?P<chapter>"""
    + NUMERAL
    + r""")章              # 第十六章
      | 第(?P<section>"""
    + NUMERAL
    + r""")节              # 第二节
      | 专栏:?(?P<box>"""
    + NUMERAL
    + r""")(?P<box_sub>[-—.]\d+)?  # 专栏1  专栏 3-1
      | (?P<enum>[一二三四五六七八九十]+)[、.]            # 一、
      | \((?P<paren_enum>[一二三四五六七八九十]+)\)        # (一)
      | (?P<arabic>\d{1,2})(?:、|\.(?!\d))                # 1、  1.  (not 1.5)
      | \((?P<paren_arabic>\d{1,2})\)                     # (1)
    )""",
    re.VERBOSE,
)

# A heading in a table of contents ends with dot leaders and a page number: "第一章 总体要求……3".
TOC_ENTRY = re.compile(r"(?:[.·•_-]{3,}|…+|\t)\s*\d{1,4}$")

# Where a title stops when body text follows it on the same line without a gap.
TITLE_STOP = re.compile(r"[。;!?]")

# Punctuation that may stand between a number and its title: "第一章:总体要求", "一、 指导思想".
LEADING_PUNCT = re.compile(r"[\t:,.、\s]+")


def chinese_number(numeral: str) -> int | None:
    """Value of a heading number written in Chinese numerals up to 999, or in digits.

    >>> [chinese_number(s) for s in ["一", "十", "十六", "二十一", "一百零五", "三十", "12"]]
    [1, 10, 16, 21, 105, 30, 12]
    >>> chinese_number("二〇三五") is None  # a year, written digit by digit, is no heading number
    True
    """
    if numeral.isdigit():
        return int(numeral)
    total, current = 0, None
    for char in numeral:
        if char == "百":
            total += (current if current is not None else 1) * 100
            current = None
        elif char == "十":
            total += (current if current is not None else 1) * 10
            current = None
        elif char in CHINESE_DIGITS:
            if current is not None and current != 0:
                return None
            current = CHINESE_DIGITS[char]
        else:
            return None
    return total + (current or 0)


@dataclass(frozen=True, slots=True)
class Heading:
    """A heading found at the start of a normal-form line; offsets are within the line."""

    style: HeadingStyle
    label: str
    number: int | None
    title: str
    title_start: int
    title_end: int
    toc_entry: bool = False


def _title_bounds(line: str, start: int) -> tuple[int, int]:
    """Start and end of the title that follows a heading's label at ``start``.

    The title runs to the first gap; without a gap, to the first sentence stop; else to the
    end of the line.

    >>> line = "第一章\\t总体要求\\t本章正文。"
    >>> s, e = _title_bounds(line, 3); line[s:e]
    '总体要求'
    >>> line = "(一)加快发展现代产业。坚持实体经济。"
    >>> s, e = _title_bounds(line, 3); line[s:e]
    '加快发展现代产业'
    """
    lead = LEADING_PUNCT.match(line, start)
    if lead:
        start = lead.end()
    gap = line.find("\t", start)
    stop = TITLE_STOP.search(line, start)
    ends = [i for i in (gap, stop.start() if stop else -1) if i >= 0]
    return start, min(ends) if ends else len(line)


TOC_TAIL = 64  # a page number's leader is searched for only at the end of a line


def _toc_entry(line: str) -> re.Match[str] | None:
    """The leader and page number ending a table-of-contents line ("……3"), searched in the
    line's tail only: a search over a whole long line of dots would be quadratic."""
    start = max(0, len(line) - TOC_TAIL)
    found = TOC_ENTRY.search(line, start)
    if found is None or found.start() > start or start == 0:
        return found
    at = found.start()  # the leader may run on before the tail: extend it leftwards
    while at > 0 and line[at - 1] in _LEADER_CHARS:
        at -= 1
    return TOC_ENTRY.match(line, at) if at != found.start() else found


_LEADER_CHARS = ".·•_-…\t "


def parse_heading(line: str) -> Heading | None:
    """The heading at the start of a normal-form line, or None for body text.

    >>> parse_heading("第十六章深入实施乡村振兴战略").title
    '深入实施乡村振兴战略'
    >>> h = parse_heading("专栏3-1\\t重大项目"); (h.style, h.number, h.label, h.title)
    (<HeadingStyle.BOX: 'box'>, 3, '专栏3-1', '重大项目')
    >>> parse_heading("1.5亿元用于...") is None
    True
    >>> parse_heading("第一章 总体要求……3").toc_entry
    True
    """
    match = HEADING.match(line)
    if match is None:
        return None
    group = match.lastgroup or ""
    style = HeadingStyle("box" if group == "box_sub" else group)
    numeral = match.group(style.value)
    number = None if style in (HeadingStyle.PREFACE, HeadingStyle.TOC) else chinese_number(numeral)
    if style not in (HeadingStyle.PREFACE, HeadingStyle.TOC) and number is None:
        return None
    label = match.group(0).rstrip(":").replace("\t", "")
    entry = _toc_entry(line)
    toc_entry = entry is not None
    body = line[: entry.start()] if entry is not None else line
    title_start, title_end = _title_bounds(body, match.end())
    if style in (HeadingStyle.PREFACE, HeadingStyle.TOC):
        title_start, title_end = 0, match.end()
    title = body[title_start:title_end].replace("\t", "").strip()
    return Heading(style, label, number, title, title_start, title_end, toc_entry)
