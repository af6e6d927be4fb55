"""What one block of a 分工方案 says: its annotations (units, roles, deadline) and the rest.

A block is the lines of one item (see :mod:`planwatch.extract.item_blocks`). Its annotations
are found in three forms — a bracket whose content names a role, an attribute or a deadline;
a run from a role label to the end of its line ("牵头单位:县商务局  责任单位:…"); a sentence
after the task made only of units and role words ("县水务局牵头,各乡镇配合。") — and what is
left is the item's text. Spans index the normal form.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from planwatch.domain.assignment import Category, Role
from planwatch.domain.indicator import Attribute
from planwatch.extract.annotations import (
    CLOSERS,
    OPENERS,
    Annotation,
    find_labels,
    merge,
    read_annotation,
)
from planwatch.extract.departments import is_office

SENTENCE_STOP = re.compile(r"[。;!?]")
UNFINISHED = tuple(",、:")  # a first line ending so goes on below: it is no heading
MAX_TITLE = 30


@dataclass(frozen=True, slots=True)
class ItemText:
    """What a block says: its kept text, its annotation and its first line's title."""

    text: tuple[tuple[int, int], ...]
    annotation: Annotation
    title: tuple[int, int]
    heading_like: bool
    category: Category | None = None
    attribute: Attribute | None = None


def read_item_text(t: str, start: int, end: int, body: int) -> ItemText:
    """Annotations of the block ``t[start:end]`` whose text starts at ``body``, and the rest.

    >>> t = "1.推进城市更新。(牵头:住建局;配合:各街道)"
    >>> read = read_item_text(t, 0, len(t), 2)
    >>> [t[a:b] for a, b in read.text], len(read.annotation.units), read.heading_like
    (['推进城市更新。'], 2, False)
    """
    regions: list[tuple[int, int, Annotation]] = []
    i = body
    while i < end:
        if t[i] in OPENERS:
            close = _closing(t, i, end)
            read = read_annotation(t, i + 1, close)
            if not read.found and _at_end(t, close + 1, end):
                read = _offices(t, i + 1, close)
            if read.found:
                regions.append((i, min(close + 1, end), read))
            i = close + 1
        else:
            i += 1
    for a, b in _free(regions, body, end):
        line_end = t.find("\n", a, b)
        for label in find_labels(t, a, b):
            stop = b if line_end < 0 or line_end < label.start else line_end
            read = read_annotation(t, label.start, stop)
            if read.found:
                regions.append((label.start, stop, read))
                break
    for a, b in _free(sorted(regions, key=lambda r: r[0]), body, end):
        for s, e in _sentences(t, a, b):
            if s == body:
                continue  # the first sentence is the task
            read = read_annotation(t, s, e, strict=True)
            if read.units:
                regions.append((s, e, read))
    regions.sort(key=lambda r: r[0])
    kept = tuple(_free(regions, body, end))
    first_line_end = t.find("\n", body, end)
    first_line_end = end if first_line_end < 0 else first_line_end
    title_end = min([first_line_end, *(r[0] for r in regions if r[0] > body)])
    title = trim_span(t, body, title_end)
    words = t[title[0] : title[1]]
    heading_like = (
        0 < len(words) <= MAX_TITLE
        and not SENTENCE_STOP.search(t[body:title_end])  # "建设科技城。" is a sentence
        and not re.search(r"\d", words)
        and not t[body:first_line_end].rstrip().endswith(UNFINISHED)
    )
    annotation = merge([r[2] for r in regions])
    return ItemText(kept, annotation, title, heading_like)


def _at_end(t: str, at: int, end: int) -> bool:
    return not t[at:end].strip(" \t\n。;,.")


def _offices(t: str, start: int, end: int) -> Annotation:
    """A bracket ending an item that holds only office names: its co-responsible units.

    >>> t = "县发改局、县财政局"
    >>> [t[u.start:u.end] for u in _offices(t, 0, len(t)).units]
    ['县发改局', '县财政局']
    >>> _offices("含高新区", 0, 4).units
    ()
    """
    read = read_annotation(t, start, end, strict=True, default=Role.CO)
    if read.units and all(is_office(t[u.start : u.end]) for u in read.units):
        return read
    return Annotation()


def _closing(t: str, at: int, end: int) -> int:
    depth = 0
    for i in range(at, end):
        if t[i] in OPENERS:
            depth += 1
        elif t[i] in CLOSERS:
            depth -= 1
            if depth == 0:
                return i
    return end


def _free(
    regions: list[tuple[int, int, Annotation]], start: int, end: int
) -> list[tuple[int, int]]:
    spans, at = [], start
    for a, b, _ in sorted(regions, key=lambda r: r[0]):
        if a > at:
            spans.append((at, a))
        at = max(at, b)
    if at < end:
        spans.append((at, end))
    return spans


def _sentences(t: str, a: int, b: int) -> list[tuple[int, int]]:
    spans, begin = [], a
    for i in range(a, b):
        if t[i] in "。\n":
            spans.append((begin, i))
            begin = i + 1
    spans.append((begin, b))
    return [(s, e) for s, e in spans if e > s]


def trim_span(t: str, a: int, b: int) -> tuple[int, int]:
    """``t[a:b]`` without the spaces and punctuation at its ends."""
    while a < b and t[a] in " \t\n:,.;、。":
        a += 1
    while b > a and t[b - 1] in " \t\n:,;、。":
        b -= 1
    return a, b
