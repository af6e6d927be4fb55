"""The context a sentence sits in: its paragraph, the entity it is about, its headings.

A paragraph is one line of the text. Plans open a paragraph with a short measure
("促进江南科技产业园转型升级。") and then state its targets; when that opening sentence, or the
heading above, names a park, a company or a town, the paragraph's quantities are about it.
Headings also tell a review of the previous period (发展基础) from the main targets (主要目标).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from planwatch.domain.outline import NodeKind, Outline
from planwatch.extract.lexicon import alternation, words
from planwatch.extract.metadata import plan_number_period
from planwatch.extract.normalize import NormalText
from planwatch.extract.numbers import PLAN_ORDINAL, plan_ordinal
from planwatch.extract.phrases import is_entity
from planwatch.extract.vocabulary import Vocabulary, per_vocabulary

SENTENCE_END = re.compile(r"[。;!?]+  # 。 ; ! ? end a sentence", re.VERBOSE)
# Where an over-long sentence may be cut: after a clause mark, "…达到1000亿元," / "、".
CLAUSE_END = re.compile(r"[,:、\t]+  # , : 、 end a clause", re.VERBOSE)
# The longest sentence read as one: real plans and reports stay under 500 characters; the
# rules look back over a sentence, so bounding it keeps extraction linear in its length.
SENTENCE_MAX = 600
OPENING_MAX = 25  # characters of an opening sentence that reads as the paragraph's measure
HEADING_MAX = 40  # characters of a line without 。 that reads as a heading (no outline given)
HEADING_LOOKBACK = 50  # lines searched upwards for such a heading


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A line's span in the normal form, its sentences and the entity it is about."""

    start: int
    end: int
    sentences: tuple[tuple[int, int], ...]
    entity: str | None
    long_sentences: tuple[tuple[int, int], ...] = ()  # cut into pieces of <= SENTENCE_MAX


@per_vocabulary
def _entity_pattern(vocab: Vocabulary) -> re.Pattern[str]:
    verbs = alternation(vocab.words("measure_verbs"))
    return re.compile(
        rf"""(?:{verbs})*                                  # 促进 / 加快
             (?P<entity>[\u4e00-\u9fff]{{2,14}}?
                        (?:{alternation(vocab.words("entity_suffixes"))}))   # 江南科技产业园
        """,
        re.VERBOSE,
    )


def entity_in(phrase: str) -> str | None:
    """The park, company or town a short phrase names.

    >>> entity_in("促进江南科技产业园转型升级"), entity_in("巩固商贸流通中心")
    ('江南科技产业园', None)
    >>> entity_in("加快黄舣镇建设"), entity_in("推进新型城镇化")
    ('黄舣镇', None)
    """
    match = _entity_pattern().search(phrase)
    if match is None or not is_entity(match.group("entity")):
        return None
    return match.group("entity")


def paragraphs(text: NormalText, outline: Outline) -> Iterator[Paragraph]:
    """The text's lines as paragraphs, in order."""
    at = 0
    body = text.text
    while at <= len(body):
        stop = body.find("\n", at)
        stop = len(body) if stop < 0 else stop
        if stop > at:
            sentences, long = _sentences(body, at, stop)
            yield Paragraph(at, stop, sentences, _entity(text, outline, sentences), long)
        at = stop + 1


def _sentences(
    body: str, start: int, end: int
) -> tuple[tuple[tuple[int, int], ...], tuple[tuple[int, int], ...]]:
    """The sentences of ``body[start:end]``, over-long ones cut, and the over-long ones.

    >>> _sentences("甲。乙;丙", 0, 5)
    (((0, 2), (2, 4), (4, 5)), ())
    """
    out: list[tuple[int, int]] = []
    long: list[tuple[int, int]] = []
    at = start
    for match in SENTENCE_END.finditer(body, start, end):
        _add_sentence(body, at, match.end(), out, long)
        at = match.end()
    if at < end:
        _add_sentence(body, at, end, out, long)
    return tuple(out), tuple(long)


def _add_sentence(
    body: str, start: int, end: int, out: list[tuple[int, int]], long: list[tuple[int, int]]
) -> None:
    if end - start <= SENTENCE_MAX:
        out.append((start, end))
        return
    long.append((start, end))
    out.extend(cut_sentence(body, start, end))


def cut_sentence(body: str, start: int, end: int) -> list[tuple[int, int]]:
    """Pieces of at most SENTENCE_MAX characters, cut after the last clause mark in reach
    (else between two characters that are not both digits, else anywhere).

    >>> body = "全区生产总值达到1000亿元," * 60
    >>> pieces = cut_sentence(body, 0, len(body))
    >>> [b - a for a, b in pieces][:2], body[slice(*pieces[1])][:8]
    ([600, 300], '全区生产总值达到')
    """
    pieces: list[tuple[int, int]] = []
    at = start
    while end - at > SENTENCE_MAX:
        limit = at + SENTENCE_MAX
        cut = max((m.end() for m in CLAUSE_END.finditer(body, limit - SENTENCE_MAX // 4, limit)),
                  default=None)  # fmt: skip
        if cut is None or cut <= at:
            cut = limit
            while cut > at + 1 and body[cut - 1].isdigit() and body[cut].isdigit():
                cut -= 1
            if cut == at + 1:
                cut = limit
        pieces.append((at, cut))
        at = cut
    pieces.append((at, end))
    return pieces


def _entity(
    text: NormalText, outline: Outline, sentences: tuple[tuple[int, int], ...]
) -> str | None:
    first_start, first_end = sentences[0]
    if len(sentences) > 1 and first_end - first_start <= OPENING_MAX:
        found = entity_in(text.text[first_start:first_end])
        if found:
            return found
    node = outline.deepest_at(text.offset(first_start))
    if node is not None and node.kind in (NodeKind.SECTION, NodeKind.ITEM):
        return entity_in(node.title)
    return None


def heading_context(
    text: NormalText, outline: Outline, at: int
) -> Literal["baseline", "target"] | None:
    """Whether the headings above normal-form offset ``at`` review the past or set targets.

    Without an outline, the nearest earlier line short enough to be a heading is used.
    """
    titles = [n.title for n in reversed(outline.ancestors_at(text.offset(at)))]
    if not outline.nodes:
        titles = _heading_lines_before(text.text, at)
    vocab = words()
    for title in titles:
        if any(w in title for w in vocab["target_headings"]):
            return "target"
        if any(w in title for w in vocab["baseline_headings"]):
            return "baseline"
    return None


def heading_period(text: NormalText, outline: Outline, at: int) -> tuple[int, int] | None:
    """The plan period a target heading above ``at`` names: a government work report's
    section "二、“十三五”时期主要目标任务和重大举措" sets targets for 2016–2020.

    >>> from planwatch.extract.outline import build_outline
    >>> from planwatch.extract.normalize import normalize
    >>> text = normalize("一、“十三五”时期主要目标任务\\n今后五年,森林覆盖率达到23%。")
    >>> heading_period(text, build_outline(text)[0], len(text.text) - 3)
    (2016, 2020)
    >>> text = normalize("第六个五年计划的基本任务\\n工农业总产值平均每年递增百分之四。")
    >>> heading_period(text, build_outline(text)[0], len(text.text) - 3)
    (1981, 1985)
    """
    titles = [n.title for n in reversed(outline.ancestors_at(text.offset(at)))]
    if not outline.nodes:
        titles = _heading_lines_before(text.text, at)
    targets = words()["target_headings"]
    for title in titles:
        found = PLAN_ORDINAL.search(title)
        if found and any(w in title for w in targets):
            ordinal = plan_ordinal((found["ordinal"] or found["long"]) + "五")
            return plan_number_period(ordinal) if ordinal else None
    return None


def _heading_lines_before(body: str, at: int) -> list[str]:
    end = body.rfind("\n", 0, at)
    for _ in range(HEADING_LOOKBACK):
        if end <= 0:
            break
        start = body.rfind("\n", 0, end) + 1
        if 0 < end - start <= HEADING_MAX and "。" not in body[start:end]:
            return [body[start:end]]
        end = start - 1
    return []
