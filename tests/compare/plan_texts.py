"""Builders of plan texts for the comparison tests: the sample with a chapter inserted."""

from __future__ import annotations

import re

from planwatch.compare.outline_keys import node_refs
from planwatch.domain.comparison import NodeRef
from planwatch.extract.normalize import normalize
from planwatch.extract.outline import build_outline

DIGITS = "零一二三四五六七八九"
CHAPTER_LINE = re.compile(r"^(?P<indent>\s*)第(?P<n>[一二三四五六七八九十]+)章", re.MULTILINE)


def chinese(n: int) -> str:
    """1 → 一, 10 → 十, 16 → 十六, 21 → 二十一 (the numerals of chapter headings, below 100)."""
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else DIGITS[tens] + "十")
    return head + (DIGITS[ones] if ones else "")


def number(numeral: str) -> int:
    if "十" not in numeral:
        return DIGITS.index(numeral)
    tens, _, ones = numeral.partition("十")
    return (DIGITS.index(tens) if tens else 1) * 10 + (DIGITS.index(ones) if ones else 0)


def insert_chapter(text: str, before: int, title: str) -> str:
    """The text with a new chapter ``before`` (old number) and every later chapter shifted."""

    def shift(match: re.Match[str]) -> str:
        n = number(match.group("n"))
        return f"{match.group('indent')}第{chinese(n + 1 if n >= before else n)}章"

    shifted = CHAPTER_LINE.sub(shift, text)
    lines = shifted.split("\n")
    at = next(i for i, line in enumerate(lines)
              if line.strip().startswith(f"第{chinese(before + 1)}章") and "……" not in line)
    lines[at:at] = [f"第{chinese(before)}章 {title}", "这是新增一章的正文,说明本章的安排。"]
    return "\n".join(lines)


def refs(text: str) -> tuple[NodeRef, ...]:
    outline, _ = build_outline(normalize(text))
    return node_refs(outline.nodes, text)
