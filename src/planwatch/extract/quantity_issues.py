"""Issues that quantity extraction reports: numbers it refused, sentences it could not read."""

from __future__ import annotations

import logging

from planwatch.domain.issue import Issue
from planwatch.extract.context import SENTENCE_MAX
from planwatch.extract.mentions import Rejected
from planwatch.extract.normalize import NormalText

logger = logging.getLogger(__name__)


def long_sentence(text: NormalText, span: tuple[int, int]) -> Issue:
    start, end = text.span(*span)
    return Issue(
        "long_sentence",
        f"一句话长达{end - start}个字符，已按不超过{SENTENCE_MAX}个字符的分句读取",
        text.line_of(start),
        (start, end),
    )


def failed_sentence(text: NormalText, span: tuple[int, int], error: Exception) -> Issue:
    """An unexpected error in one sentence, reported on its line; the document goes on."""
    logger.debug("sentence at %d failed", span[0], exc_info=error)  # stderr stays one line
    start, end = text.span(*span)
    return Issue(
        "sentence_failed",
        f"句子“{excerpt(text.original[start:end])}”未能读取（{type(error).__name__}），已跳过",
        text.line_of(start),
        (start, end),
    )


def rejected_number(text: NormalText, rejected: Rejected) -> Issue:
    start, end = text.span(rejected.start, rejected.end)
    number = excerpt(text.original[start:end])
    if rejected.code == "number_too_long":
        message = f"数字“{number}”位数过多，未作为指标值读取"
    elif rejected.code == "value_out_of_range":
        message = f"数值“{number}”超出可计算范围（折算后不小于1e20），未作为指标值读取"
    elif rejected.code == "garbled_number":
        message = f"数字“{number}”疑为识别错误（不是年份，也不是完整数字），未作为指标值读取"
    else:
        message = f"数字“{number}”后的“{rejected.following}”不是已知单位,未作为指标值读取"
    return Issue(rejected.code, message, text.line_of(start), (start, end))


EXCERPT_CHARS = 24  # an issue message quotes at most this much of the text


def excerpt(surface: str) -> str:
    """A surface short enough to quote in a one-line message.

    >>> excerpt("1" * 30)
    '111111111111111111111111…'
    """
    return surface if len(surface) <= EXCERPT_CHARS else surface[:EXCERPT_CHARS] + "…"
