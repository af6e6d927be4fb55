"""Rejoin the lines of a paragraph that a PDF (or a fixed-width text export) wrapped.

Text taken from a PDF breaks every paragraph into page-width lines, so a sentence — and a
number or a heading's title — can straddle a line break ("…全区外贸进出口总额达" /
"到 20 亿元"). A document is *wrapped* when most of its longer lines have nearly the same
length, the page width; in such a document a line break is dropped when the line before it
is full width, does not end a sentence, and the next line is not a heading. A document
written one paragraph per line (the usual txt, docx and html) has lines of every length and
is left as it is. A table row (cells split by tabs) is neither measured nor joined.

In any document, a number is never parted from its unit: a line of prose that ends in a
digit, followed (after blank lines, such as the zero-width lines of a web page's export)
by a line that opens with a unit and punctuation ("…国内生产总值达到74.4" / "万亿元，增长…"),
is one line.
"""

from __future__ import annotations

import re
from dataclasses import replace

from planwatch.extract.headings import parse_heading
from planwatch.extract.normalize import NormalText
from planwatch.extract.units import unit_pattern

MIN_LINES = 20  # fewer lines tell nothing about a page width
MIN_LENGTH = 10  # shorter lines (headings, table cells) say nothing about the width
FULL_SHARE = 0.5  # share of the longer lines near the width that marks a wrapped document
NEAR_WIDTH = 0.85  # a line this close to the width is a full line
SENTENCE_END = tuple("。!?;:")
CLOSERS = "」』”’)》"  # a sentence may end inside quotes or brackets: …建成。”
ENDS_IN_NUMBER = re.compile(r"[\u4e00-\u9fff][^\t]*?\d$")  # prose, then a digit at the end
UNIT_CLOSE = re.compile(r"[,，。;；、:)）]|$")  # what follows a unit that opens the next line


def page_width(lengths_of_lines: list[int]) -> int | None:
    """The width a wrapped document's lines share, or None for a one-paragraph-a-line text.

    >>> page_width([36] * 30 + [12] * 10)
    36
    >>> page_width(list(range(10, 200, 5))) is None
    True
    """
    lengths = sorted(n for n in lengths_of_lines if n >= MIN_LENGTH)
    if len(lengths) < MIN_LINES:
        return None
    width = lengths[int(len(lengths) * 0.9)]
    full = sum(1 for n in lengths if n >= NEAR_WIDTH * width)
    return width if full / len(lengths) >= FULL_SHARE else None


def join_wrapped_lines(text: NormalText) -> NormalText:
    """The normal form with soft line breaks removed (see the module docstring).

    The original text is untouched; only the matching form loses the breaks, so every span
    still maps back to the original, across the break.

    >>> from planwatch.extract.normalize import normalize
    >>> join_wrapped_lines(normalize("国内生产总值达到74.4\\n\\u200b\\n万亿元,增长6.7%。")).text
    '国内生产总值达到74.4万亿元,增长6.7%。'
    """
    lines = text.text.split("\n")
    # Widths are measured in the original, where the spaces a PDF puts around numbers count.
    # A table row (cells split by tabs) says nothing of the page width and is never joined.
    lengths, position = [], 0
    for line in lines:
        end = position + len(line)
        lengths.append(text.origin[end] - text.origin[position] if line and "\t" not in line else 0)
        position = end + 1
    width = page_width(lengths)
    dropped = _split_numbers(lines)
    if width is None and not dropped:
        return text
    keep: list[str] = []
    origin: list[int] = []
    position = 0
    for index, line in enumerate(lines):
        keep.append(line)
        origin.extend(text.origin[position : position + len(line)])
        position += len(line)
        if index == len(lines) - 1:
            break
        soft = index in dropped or (
            width is not None
            and lengths[index] >= NEAR_WIDTH * width
            and not line.rstrip(CLOSERS).endswith(SENTENCE_END)
            and parse_heading(lines[index + 1]) is None
            and parse_heading(line) is None
        )
        if not soft:
            keep.append("\n")
            origin.append(text.origin[position])
        position += 1  # the break itself
    origin.append(text.origin[-1])
    return replace(text, text="".join(keep), origin=tuple(origin))


def _split_numbers(lines: list[str]) -> set[int]:
    """The breaks (by the index of the line before them) inside a number and its unit: from
    a prose line ending in a digit through blank lines to a line opening with a unit."""
    dropped: set[int] = set()
    units = unit_pattern()
    for index, line in enumerate(lines):
        if not line or not line[-1].isdigit() or ENDS_IN_NUMBER.search(line) is None:
            continue
        following = index + 1
        while following < len(lines) and not lines[following].strip():
            following += 1
        if following - index > 3 or following == len(lines):
            continue  # a paragraph gap of more than two blank lines parts anything
        after = lines[following].lstrip("多")
        unit = units.match(after)
        if unit is None or not (unit.group("multiplier") or unit.group("unit")):
            continue
        rest = after[unit.end() :].lstrip("多")
        if UNIT_CLOSE.match(rest) is None or parse_heading(lines[following]) is not None:
            continue
        dropped.update(range(index, following))
    return dropped
