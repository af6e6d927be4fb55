"""A matching form of a plan's text that still knows where every character came from.

Text converted from PDF or typed on many machines mixes full-width and half-width forms and
scatters spaces through numbers and words ("2 0 0 5年", "二 〇 三五", "4 00亿元",
"“ 十四五 ”"). Rules match against :class:`NormalText.text`, a cleaned copy, and report
spans in the original through :meth:`NormalText.span`.

What the normal form does, character by character:

- full-width ASCII (``０-９ Ａ-Ｚ ，：（）％``) becomes ASCII; ``〇 ○ Ｏ`` inside Chinese
  numerals become ``〇``;
- line breaks (LF, CRLF, CR) become one ``\\n`` each, so lines are the original's lines;
- a *gap* — a tab, an ideographic space or two or more spaces — becomes one ``\\t``: gaps
  separate a heading from its body and table cells, so they are kept;
- a single space is dropped next to a Chinese character or punctuation, and between digits
  when it splits one number ("4 00" → "400", "12 000" → "12000", but not "2020 2025");
- form feeds and zero-width characters are dropped; spaces at the ends of a line are dropped;
- the ratio sign ``∶`` (U+2236) becomes ``:``; an OCR'd decimal point becomes ``.``: a middle
  dot between digits with a space beside it or before a percentage ("8 · 15", "19·5％"),
  a comma before one or two digits and a percent sign ("21，7%"). A middle dot between
  digits otherwise stays (the date "5·12").
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass, field

GAP = "\t"

# Characters that drop out of the normal form wherever they stand.
_INVISIBLE = "\f\v\u200b\u200c\u200d\u2060\ufeff\u00ad"
_SPACES = " \u00a0\u2002\u2003\u2009\u202f"
_WIDE_SPACES = "\t\u3000"
_CHINESE_DIGITS = "〇一二三四五六七八九十百千万亿零两"

# Full-width ASCII folds to ASCII, one character for one, so offsets survive the fold.
_FULL_WIDTH = re.compile(r"[\uff01-\uff5e]")

# What the normal form rewrites: line breaks, and runs of spaces or invisible characters.
_SPECIAL = re.compile(
    r"""(?P<brk>\r\n|\r|\n)                # one line break, of any style
      | (?P<run>["""
    + _SPACES
    + _WIDE_SPACES
    + _INVISIBLE
    + r"""]+)  # spaces, tabs, zero-widths""",
    re.VERBOSE,
)

# A zero written as a circle or a letter O between Chinese numerals: "二○三五", "二O三五".
_ZERO_LIKE = re.compile(r"(?<=[" + _CHINESE_DIGITS + r"])[○◯O]|[○◯O](?=[" + _CHINESE_DIGITS + r"])")

LINE_BREAK = re.compile(r"\r\n|\r|\n")

# Signs folded one for one, so offsets survive: the ratio sign of "2.1∶1".
_SIGNS = str.maketrans({"\u2236": ":"})
# A decimal point an OCR engine printed as a middle dot or a comma (checked in _ocr_decimal).
_OCR_DOT = re.compile(
    r"""(?<=\d)(?P<left>\ ?)[·・•](?P<right>\ ?)   # 8 · 15 / 19·5
        (?=\d+(?P<percent>[%‰])?)                    # the digits after it
    """,
    re.VERBOSE,
)
# The comma first: a literal start is found fast; the digits before it are checked after.
_OCR_COMMA = re.compile(r"(?<=\d),(?=\d{1,2}[%‰])  # 21,7%", re.VERBOSE)
_WHOLE_PART = re.compile(r"(?<![\d.,])\d{1,3}$  # the 21 of 21,7%", re.VERBOSE)


def _ocr_decimal(folded: str) -> str:
    """Decimal points printed as a middle dot or a comma, one character for one.

    >>> _ocr_decimal("增长8 · 15%"), _ocr_decimal("增长19·5%"), _ocr_decimal("增长21,7%")
    ('增长8 . 15%', '增长19.5%', '增长21.7%')
    >>> _ocr_decimal("5·12地震"), _ocr_decimal("12,000%")
    ('5·12地震', '12,000%')
    """

    def dot(match: re.Match[str]) -> str:
        if match.group("left") or match.group("right") or match.group("percent"):
            return match.group("left") + "." + match.group("right")
        return match.group()

    if "·" in folded or "・" in folded or "•" in folded:
        folded = _OCR_DOT.sub(dot, folded)

    def comma(match: re.Match[str]) -> str:
        left = folded[max(0, match.start() - 5) : match.start()]
        return "." if _WHOLE_PART.search(left) else ","

    return _OCR_COMMA.sub(comma, folded)


def _is_cjk(char: str) -> bool:
    """True for Han characters and CJK or full-width punctuation.

    >>> _is_cjk("年"), _is_cjk("“"), _is_cjk("a"), _is_cjk("5")
    (True, True, False, False)
    """
    if not char:
        return False
    code = ord(char)
    return (
        0x3000 <= code <= 0x9FFF
        or 0xF900 <= code <= 0xFAFF
        or 0xFF00 <= code <= 0xFFEF
        or 0x20000 <= code <= 0x3FFFF
        or char in "“”‘’—…·、"
    )


def _number_token(text: str, end: int, step: int) -> str:
    """The run of digits and decimal points that ends (step -1) or starts (step 1) at ``end``."""
    out = []
    i = end
    while 0 <= i < len(text) and (text[i].isdigit() or text[i] == "."):
        out.append(text[i])
        i += step
    return "".join(out if step > 0 else reversed(out))


def _joins_number(left: str, right: str) -> bool:
    """Whether one space between two digit runs splits a single number.

    >>> _joins_number("4", "00"), _joins_number("12", "000"), _joins_number("2", "0")
    (True, True, True)
    >>> _joins_number("2020", "2025"), _joins_number("616.36", "1000")
    (False, False)
    """
    if "." in left:
        return False
    return len(left) <= 3 and (len(right) <= 3 or len(left) == 1)


@dataclass(frozen=True, slots=True)
class NormalText:
    """The normal form of ``original`` with, for every character, its offset in ``original``.

    >>> nt = normalize("到 ２０２５ 年，\\r\\n达到 4 00亿元")
    >>> nt.text
    '到2025年,\\n达到400亿元'
    >>> start = nt.text.index("400")
    >>> nt.original[slice(*nt.span(start, start + 5))]
    '4 00亿元'
    """

    original: str
    text: str
    origin: tuple[int, ...]
    line_starts: tuple[int, ...] = field(repr=False)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Map a span of the normal form to the span of the original it came from."""
        if end <= start:
            at = self.origin[start]
            return at, at
        return self.origin[start], self.origin[end - 1] + 1

    def offset(self, index: int) -> int:
        """The original offset of normal-form index ``index`` (``len(text)`` maps to the end)."""
        return self.origin[index]

    def line_of(self, original_offset: int) -> int:
        """1-based line number of an offset into the original.

        >>> normalize("a\\r\\nb\\rc").line_of(5)
        3
        """
        return bisect.bisect_right(self.line_starts, original_offset)


def _line_starts(original: str) -> tuple[int, ...]:
    return (0, *(m.end() for m in LINE_BREAK.finditer(original)))


def normalize(original: str) -> NormalText:
    """Build the normal form of a decoded plan text (see the module docstring)."""
    folded = _FULL_WIDTH.sub(lambda m: chr(ord(m.group()) - 0xFEE0), original)
    if "\u2236" in folded:  # str.translate costs a dictionary look-up per character
        folded = folded.translate(_SIGNS)
    folded = _ocr_decimal(folded)
    pieces: list[str] = []
    origin: list[int] = []
    copied = 0  # folded[copied:] is not yet in pieces
    line_start = True
    for match in _SPECIAL.finditer(folded):
        if match.start() > copied:
            pieces.append(folded[copied : match.start()])
            origin.extend(range(copied, match.start()))
            line_start = False
        copied = match.end()
        if match.lastgroup == "brk":
            pieces.append("\n")
            origin.append(match.start())
            line_start = True
            continue
        replacement = _space(folded, match.start(), match.end(), line_start)
        if replacement:
            pieces.append(replacement)
            origin.append(match.start() + _first_visible(match.group()))
    pieces.append(folded[copied:])
    origin.extend(range(copied, len(folded)))
    origin.append(len(original))
    text = _ZERO_LIKE.sub("〇", "".join(pieces))
    return NormalText(original, text, tuple(origin), _line_starts(original))


def _first_visible(run: str) -> int:
    return next((i for i, c in enumerate(run) if c not in _INVISIBLE), 0)


def _space(folded: str, start: int, end: int, line_start: bool) -> str:
    """What a run of spaces at ``folded[start:end]`` becomes: nothing, one space or a gap."""
    run = folded[start:end]
    visible = [c for c in run if c not in _INVISIBLE]
    at_line_end = end == len(folded) or folded[end] in "\r\n"
    if not visible or line_start or at_line_end:
        return ""
    if len(visible) >= 2 or any(c in _WIDE_SPACES for c in visible):
        return GAP
    return "" if _drops_space(folded, start - 1, end) else " "


def _drops_space(text: str, left_at: int, right_at: int) -> bool:
    """Whether a single space between ``text[left_at]`` and ``text[right_at]`` is an artefact."""
    left, right = text[left_at], text[right_at]
    if _is_cjk(left) or _is_cjk(right) or unicodedata.category(left).startswith("P"):
        return True
    if left.isdigit() and right.isdigit():
        return _joins_number(_number_token(text, left_at, -1), _number_token(text, right_at, 1))
    return unicodedata.category(right).startswith("P") and right not in "([{\"'"
