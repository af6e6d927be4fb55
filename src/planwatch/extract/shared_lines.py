"""Lines that hold more than one heading, cut into one piece per heading (issue 11).

Plans typeset from other sources put headings together on one line:

- a heading and the first heading below it: "第二篇\\t经济结构\\t第三章 ……",
  "第五章 ……\\t第一节 ……", "一、总体要求(一)指导思想" — with or without a gap;
- two headings of the same level after a gap, or after a page number, as a table of contents
  typesets them: "第一章 总体要求……1\\t第二章 发展环境……5";
- a heading glued to the end of the paragraph before it: "……人才保障。第四节 增进民族团结".

:func:`split_headings` returns the pieces of a normal-form line; the outline reads each
piece as if it were a line of its own. Every search looks at a bounded window after a
heading's label or before the line's end, so the cost is linear in the line's length.
"""

from __future__ import annotations

import re

from planwatch.extract.headings import NUMBERED, NUMERAL, STRUCTURAL, TOC_ENTRY, parse_heading

TITLE_MAX = 40  # characters of a title that may stand between two headings on one line
_ORDER = {style: rank for rank, style in enumerate((*STRUCTURAL, *NUMBERED))}

# The label of a second heading inside a line: 第三章, 第一节, 第二篇, (一), 一、 (not 统一、).
LABEL = re.compile(
    r"""第"""
    + NUMERAL
    + r"""(?:篇|编|部分|章|节)   # 第三章
      | \([一二三四五六七八九十]+\)                  # (一)
      | (?<![\u4e00-\u9fff])[一二三四五六七八九十]+、   # 一、 after a gap or a page number
    """,
    re.VERBOSE,
)

# A structural heading glued after a sentence's end: "……人才保障。第四节 增进民族团结".
GLUED = re.compile(r"[。;!?]\s*(?P<label>第" + NUMERAL + r"(?:篇|编|部分|章|节))", re.VERBOSE)

# What ends a table-of-contents entry before the next one: a page number or a leader.
PAGE_END = re.compile(r"(?:\d{1,4}|[.·…_-]{3,}|…+)\s*$")
# The leader and page number a table-of-contents piece ends with: "……1\t", " 5".
PAGE_TAIL = re.compile(r"(?:[.·…_-]{3,}|…+)?\s*\d{0,4}\s*$")


def split_headings(line: str) -> list[tuple[int, int, bool]]:
    """Pieces ``(start, end, toc_entry)`` of a normal-form line, one per heading.

    ``toc_entry`` is True for a piece that ends in a page number before the next heading.

    >>> line = "第五章\\t深化改革\\t第一节\\t优化营商环境"
    >>> [line[a:b] for a, b, _ in split_headings(line)]
    ['第五章\\t深化改革\\t', '第一节\\t优化营商环境']
    >>> line = "加强人才保障。第四节 增进民族团结"
    >>> [line[a:b] for a, b, _ in split_headings(line)]
    ['加强人才保障。', '第四节 增进民族团结']
    >>> split_headings("推进第三章所列工程。")
    [(0, 10, False)]
    """
    pieces: list[tuple[int, int, bool]] = []
    start = 0
    glued = _glued_heading(line)
    if glued is not None:
        pieces.append((0, glued, False))
        start = glued
    while True:
        cut = _second_heading(line, start)
        if cut is None:
            toc_line = any(toc for _, _, toc in pieces)
            pieces.append((start, len(line), toc_line and PAGE_END.search(line, start) is not None))
            return pieces
        at, toc = cut
        pieces.append((start, at, toc))
        start = at


def _glued_heading(line: str) -> int | None:
    """Where a heading glued after a sentence starts, if the rest reads as a title."""
    if parse_heading(line) is not None:
        return None
    window = max(0, len(line) - TITLE_MAX - 12)
    found = None
    for match in GLUED.finditer(line, window):
        found = match
    if found is None:
        return None
    rest = line[found.start("label") :]
    if any(stop in rest for stop in "。;!?") or parse_heading(rest) is None:
        return None
    return found.start("label")


def _second_heading(line: str, start: int) -> tuple[int, bool] | None:
    """Where a second heading starts after the one at ``start``, and whether the piece
    before it is a table-of-contents entry."""
    first = parse_heading(line[start : start + TITLE_MAX + 20])
    if first is None or first.style not in _ORDER:
        return None
    label_end = start + len(first.label)
    window_end = min(len(line), label_end + TITLE_MAX + 8)
    for match in LABEL.finditer(line, label_end, window_end):
        between = line[label_end : match.start()]
        if any(stop in between for stop in "。;!?"):
            return None
        second = parse_heading(line[match.start() : match.start() + TITLE_MAX + 20])
        if second is None or second.style not in _ORDER:
            continue
        paged = PAGE_END.search(between) is not None or TOC_ENTRY.search(between) is not None
        gap = between.endswith("\t") or between.endswith(" ")
        deeper = _ORDER[second.style] > _ORDER[first.style]
        if deeper and not paged and _ORDER[second.style] - _ORDER[first.style] > 1:
            continue  # 第二篇 … (一): skipping a level is prose, not a heading
        if deeper or paged or (gap and second.style is first.style):
            return match.start(), paged
        return None
    return None
