"""Targets, baselines and qualitative targets of a plan (DESIGN.md §2, issue 3).

The pipeline, sentence by sentence of the normal form:

1. :mod:`~planwatch.extract.mentions` finds numbers with units and drops non-quantities;
2. :mod:`~planwatch.extract.timeframe` finds year markers: the nearest one before a number
   (else one earlier in the paragraph, else one later in the sentence, else the headings)
   gives its year and tells a target from a baseline;
3. :mod:`~planwatch.extract.phrases` reads the words before each number: name, scope, verb;
   a number without a verb of its own shares the previous one's ("累计培育 A 20 家、B 15 家"),
   a number without a name takes the previous name ("突破 1000 亿元,力争达到 1200 亿元"), and
   分别/各 hand out the names of a list in order;
4. the words after it (以上, 以内, 左右) settle the comparator.

Rows of an indicator table (a header with 指标 and year columns) are read by their columns
in :mod:`~planwatch.extract.table_rows` and skipped by the rules above.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Literal

from planwatch.domain.issue import Issue
from planwatch.domain.outline import Outline
from planwatch.domain.plan import PlanMeta
from planwatch.domain.quantity import (
    Change,
    Comparator,
    QualitativeTarget,
    Quantity,
    QuantityFindings,
)
from planwatch.extract.context import Paragraph, heading_context, heading_period, paragraphs
from planwatch.extract.lexicon import alternation, lookup, word_pattern, words
from planwatch.extract.mentions import Mention, Rejected, find_mentions
from planwatch.extract.normalize import NormalText
from planwatch.extract.phrases import Phrase, read_phrase, sentence_subject, split_names
from planwatch.extract.quantity_issues import failed_sentence, long_sentence, rejected_number
from planwatch.extract.table_rows import find_table_rows
from planwatch.extract.timeframe import Anchor, YearMarker, find_markers, heading_year_context
from planwatch.extract.units import UnitReading, read_unit
from planwatch.extract.vocabulary import Vocabulary, per_vocabulary


@dataclass(frozen=True, slots=True)
class _When:
    year: int | None
    target: bool
    explicit: bool = True  # stated in the text (到 2025 年), not implied by the headings
    since: int | None = None  # a report's 过去五年: where a 由 A 提高到 B of the period starts


def find_quantities(
    text: NormalText, outline: Outline, plan: PlanMeta, anchor: Anchor | None = None
) -> QuantityFindings:
    """Every target, baseline and dated qualitative target of a plan.

    ``anchor`` dates a report or bulletin: 今年, 去年, 过去一年 and undated sentences are read
    against its year instead of the plan period (docs/extraction.md, "Years from the document").

    >>> from planwatch.extract.normalize import normalize
    >>> plan = PlanMeta("某区规划", "某区", (2021, 2025), None, "县区")
    >>> found = find_quantities(normalize("到 2025 年,全区外贸进出口总额达到 20 亿元。"),
    ...                         Outline((), 0), plan)
    >>> q = found.quantities[0]
    >>> q.indicator, q.scope, q.value, q.base_value, q.comparator, q.year, q.kind
    ('外贸进出口总额', '全区', Decimal('20'), Decimal('2000000000'), '>=', 2025, 'target')
    """
    quantities: list[Quantity] = []
    qualitative: list[QualitativeTarget] = []
    issues: list[Issue] = []
    tables = find_table_rows(text, outline, plan, _default_scope(plan))
    document_plan = plan
    for paragraph in paragraphs(text, outline):
        line = text.line_of(text.offset(paragraph.start))
        if tables.consumed(line):  # a table row is read by its columns, not as prose
            quantities.extend(tables.quantities[line])
            issues.extend(tables.issues.get(line, ()))
            continue
        issues.extend(long_sentence(text, span) for span in paragraph.long_sentences)
        context = heading_context(text, outline, paragraph.start)
        plan = _in_period(document_plan, text, outline, paragraph.start, context)
        default = _default_when(plan, context, anchor)
        if anchor is not None:  # a report's heading "一、2020年…执行情况" dates its section
            context = _dated_heading(text, outline, paragraph.start, anchor) or context
            default = _default_when(plan, context, anchor)
            if context == "baseline" and _reviews_five_years(text, outline, paragraph.start):
                default = replace(default, since=anchor.year - 6)  # 由 A: five years before
            named = heading_period(text, outline, paragraph.start) if context == "target" else None
            if named is not None and named[1] > anchor.year:  # “十三五”时期主要目标任务: 2020
                default = _When(named[1], True, explicit=False)
        carried: _When | None = None
        for start, end in paragraph.sentences:
            try:
                markers = find_markers(text.text, start, end, plan.period, anchor)
                items = find_mentions(text.text, start, end)
                mentions = [m for m in items if isinstance(m, Mention)]
                found = _sentence(
                    text, outline, plan, paragraph, (start, end), markers, mentions,
                    carried or default,
                    now=anchor.year if anchor else None,
                )  # fmt: skip
                dated = [] if mentions else _qualitative(text, outline, (start, end), markers)
            except Exception as error:
                issues.append(failed_sentence(text, (start, end), error))
                continue
            issues.extend(rejected_number(text, r) for r in items if isinstance(r, Rejected))
            quantities.extend(found)
            qualitative.extend(dated)
            explicit = [m for m in markers if m.explicit]
            if anchor is not None and (start, end) == paragraph.sentences[0]:
                explicit = explicit or _opening_year(text.text, start, markers)
            if explicit:  # 到 2025 年 dates the rest of the paragraph; a past year its sentence
                last = explicit[-1]
                carried = _When(last.year, last.target is not False, since=last.since)
    return QuantityFindings(tuple(quantities), tuple(qualitative), tuple(issues))


def _in_period(
    plan: PlanMeta,
    text: NormalText,
    outline: Outline,
    at: int,
    context: Literal["baseline", "target"] | None,
) -> PlanMeta:
    """The plan as a paragraph reads it: a document without a period of its own (a work
    report) takes the period its target heading names ("“十三五”时期主要目标任务")."""
    if plan.period is not None or context != "target":
        return plan
    period = heading_period(text, outline, at)
    return replace(plan, period=period) if period else plan


def _sentence(
    text: NormalText,
    outline: Outline,
    plan: PlanMeta,
    paragraph: Paragraph,
    span: tuple[int, int],
    markers: list[YearMarker],
    mentions: list[Mention],
    carried: _When,
    *,
    now: int | None = None,
) -> list[Quantity]:
    out: list[Quantity] = []
    phrases = _phrases(text.text, span, markers, mentions)
    previous: Quantity | None = None
    previous_end: int | None = None
    after_from = False
    spent: list[YearMarker] = []  # the 2020年 of "由2020年的 A": A's own year, dating no other
    for mention, (phrase, name, shared) in zip(mentions, phrases, strict=True):
        # the B of "由2020年的 A 提高到 B" is not dated by A's year
        own = (
            [m for m in markers if m.start >= (previous_end or 0) or m.target]
            if after_from
            else [m for m in markers if m not in spent]
        )  # a target year before A still dates B: "到2025年由 A 提高到 B"
        when = _when(text, outline, plan, own, mention, span, carried)
        comparator, approximate, tail_end = _tail(text.text, mention.end)
        if mention.more_than and comparator is None:
            comparator = ">"  # "1300多万人": more than 1300 万人
        quantity = _build(text, outline, plan, paragraph, span, mention, phrase, name, when, now)
        own_meaning = mention.bracketed or mention.doubling  # [13.5] / 翻一番 carry their own
        listed = previous_end is not None and not _CLAUSE_MARK.search(
            text.text, previous_end, mention.start
        )  # "A 20家、B 15家" shares A's verb; "…7%,城镇新增就业4500万人" has its own
        after_from = _is_from_value(text.text, span, markers, mention)
        if after_from:
            spent += [m for m in markers if m.end <= mention.start
                      and text.text[m.end : mention.start] in ("", "的")]  # fmt: skip
            quantity = replace(
                quantity, kind="baseline", comparator="=",
                year=when.since or _from_year(plan, markers, mention, _earlier(when.year, now)),
            )  # fmt: skip
        elif (
            not phrase.has_verb
            and previous is not None
            and not own_meaning
            and (listed or not phrase.name or quantity.base_unit == previous.base_unit)
        ):  # a parallel clause in the same unit shares the verb: "教育项目152个,卫生项目52个"
            quantity = replace(
                quantity,
                comparator=previous.comparator,
                change=previous.change,
                growth_rate=previous.growth_rate,
                cumulative=previous.cumulative or quantity.cumulative,
                stretch=previous.stretch,
            )
        if comparator is not None and not (approximate and quantity.comparator in ("<=", "<")):
            quantity = replace(quantity, comparator=comparator)  # "控制在3%左右" stays a ceiling
        start, end = text.span(mention.start, tail_end)
        quantity = replace(
            quantity,
            approximate=approximate or phrase.approximate,
            text=text.original[start:end],
            end=end,
        )
        out.append(quantity)
        out.extend(replace(quantity, indicator=other) for other in shared)
        previous, previous_end = quantity, mention.end
    if out and _describes_a_stock(text.text, span, mentions, phrases, markers, carried):
        base = now - 1 if now is not None else plan.period[0] - 1 if plan.period else None
        out = [
            replace(
                q,
                kind="baseline",
                year=base,
                comparator="=" if q.comparator == ">=" else q.comparator,
            )
            for q in out
        ]
    return out


_COPULA = re.compile(r"[,，]?是(?!否)")  # "9亿多劳动力、1亿多…人才,是我们最大的资源"


def _describes_a_stock(
    text: str,
    span: tuple[int, int],
    mentions: list[Mention],
    phrases: list[tuple[Phrase, str, tuple[str, ...]]],
    markers: list[YearMarker],
    carried: _When,
) -> bool:
    """Whether a sentence states what there is now: undated counts before their nouns, no
    verb, then 是 ("9亿多劳动力、1亿多受过高等教育的人才，是我们最大的资源和优势")."""
    if carried.explicit or any(m.target is not None for m in markers):
        return False
    if any(phrase.has_verb for phrase, _, _ in phrases):
        return False
    if not all(_counts_next_noun(text, m) for m in mentions):
        return False
    _, end = _name_after(text, mentions[-1], span)
    return _COPULA.match(text, end, span[1]) is not None


_CLAUSE_MARK = re.compile(r"[,;:]  # a clause boundary between two numbers", re.VERBOSE)
# "由 A 增加到 B", "从 A 提高到 B", "由 A 降为 B": A is the baseline, B the target.
_FROM_BEFORE = re.compile(r"(?:由|从)(?:人均|平均|每人|每年|每)?$  # 由9.1万公里, 从人均8.7", re.X)
_FROM_WINDOW = 12  # characters before A where its 由/从 stands: "由2020年的"
_TO_AFTER = re.compile(r"[\u4e00-\u9fff]{0,3}(?:到|至|为)  # 增加到 / 降为", re.VERBOSE)


def _is_from_value(text: str, span: tuple[int, int], markers: list[YearMarker], m: Mention) -> bool:
    """Whether the mention is the A of "由 A 增加到 B" (the value the change starts from)."""
    before = _without_markers(text, max(span[0], m.start - _FROM_WINDOW), m.start, markers)
    after = _TO_AFTER.match(text, _tail(text, m.end)[2], min(span[1], m.end + 8))
    return bool(_FROM_BEFORE.search(before.removesuffix("的"))) and after is not None


_FIVE_YEARS = re.compile(r"过去五年|五年来|五年工作  # 一、过去五年工作回顾", re.VERBOSE)


def _reviews_five_years(text: NormalText, outline: Outline, at: int) -> bool:
    return any(_FIVE_YEARS.search(n.title) for n in outline.ancestors_at(text.offset(at)))


def _dated_heading(
    text: NormalText, outline: Outline, at: int, anchor: Anchor
) -> Literal["baseline", "target"] | None:
    for node in reversed(outline.ancestors_at(text.offset(at))):
        found = heading_year_context(node.title, anchor)
        if found is not None:
            return found
    return None


def _opening_year(text: str, start: int, markers: list[YearMarker]) -> list[YearMarker]:
    """A report's paragraph that opens with a year ("1984年,我国农业又获得了大丰收。") is
    about that year throughout."""
    first = markers[0] if markers else None
    if first is None or first.year is None or first.target is None or first.start > start + 1:
        return []
    return [first] if text[first.end : first.end + 1] in ",,是" else []


def _earlier(year: int | None, now: int | None) -> int | None:
    """In a report of year ``now``, the latest year a sentence about ``year`` can start from."""
    return None if now is None or year is None else min(year, now)


def _from_year(
    plan: PlanMeta, markers: list[YearMarker], mention: Mention, dated: int | None = None
) -> int | None:
    """The year of a 由 A value: a past year written before it, else the year before the plan
    (in a report, the year before the one the sentence is about: ``dated`` − 1)."""
    past = [m for m in markers if m.end <= mention.start and m.target is False]
    if past:
        return past[-1].since or past[-1].year
    if dated is not None:
        return dated - 1
    return plan.period[0] - 1 if plan.period else None


def _phrases(
    text: str, span: tuple[int, int], markers: list[YearMarker], mentions: list[Mention]
) -> list[tuple[Phrase, str, tuple[str, ...]]]:
    """The phrase of each mention, its name and the further names one value is stated for
    ("化学需氧量、二氧化硫排放分别减少8%"), with 分别 lists and inherited names resolved."""
    out: list[tuple[Phrase, str, tuple[str, ...]]] = []
    boundary = span[0]
    pending: list[str] = []
    for index, mention in enumerate(mentions):
        named_to = 0  # where a name read after the number ends ("9亿多劳动力、1亿多人才")
        clause_start = max(text.rfind(c, boundary, mention.start) for c in ",;:\t") + 1
        segment_start = max(boundary, clause_start)
        segment = _without_markers(text, segment_start, mention.start, markers)
        phrase = read_phrase(segment)
        name = phrase.name
        if phrase.distributes and not name:  # "A和B,分别实际增长58.3%和29.2%"
            name = sentence_subject(_without_markers(text, span[0], mention.start, markers))
        shared: tuple[str, ...] = ()
        if phrase.distributes and name:
            run = _run_length(text, mentions, index)
            pending = split_names(name, run)
            if run == 1 and len(names := split_names(name, 1)) > 1:
                shared, pending = tuple(names[1:]), names[:1]  # "A、B分别减少8%": 8% each
        elif mention.doubling and name and len(names := split_names(name, 1)) > 1:
            # "国内生产总值和城乡居民人均收入比2010年翻一番": each of them doubles
            shared, name = tuple(names[1:]), names[0]
        elif name and _is_rate(mention) and _parallel_names(names := re.split("和|与|及", name)):
            # "城镇居民人均可支配收入和农村居民人均纯收入年均实际增长超过7%": each of them;
            # "…实际增长8.4%和11.4%": one each, in order (an amount would be their sum)
            run = _run_length(text, mentions, index)
            if run == 1:
                shared, name = tuple(names[1:]), names[0]
            elif run == len(names):
                pending = names[1:]
                name = names[0]
        if pending and (phrase.distributes or not name):
            name = pending.pop(0)
        elif (not name or _bare_multiplier(mention)) and _counts_next_noun(text, mention):
            # "引导约1亿人在…就近城镇化"; "又有2897万农村贫困人口脱贫" counts 农村贫困人口
            name, named_to = _name_after(text, mention, span)
        elif out and (not name or name in words()["generic_names"]):
            name = out[-1][1]
        if not name:
            name = sentence_subject(_without_markers(text, span[0], mention.start, markers))
        out.append((phrase, name, shared))
        boundary = max(_tail(text, mention.end)[2], named_to)
    return out


_HEAD = 2  # characters of a name's head noun: 收入, 总额, 比重


def _is_rate(mention: Mention) -> bool:
    """A percentage, which holds for each of the names it follows (an amount is their sum:
    "国家财政扶贫资金和以工代赈资金达480亿元")."""
    return mention.unit is not None and mention.unit.unit_class == "percent"


def _parallel_names(names: list[str]) -> bool:
    """Whether names joined by 和/与/及 are whole indicators of one kind, sharing a value
    without 分别: each of four characters or more, all ending in one head noun ("…可支配收入和
    …纯收入"); "研究与试验发展经费投入强度" is one name, its pieces unlike.

    >>> _parallel_names(["城镇居民人均可支配收入", "农村居民人均纯收入"])
    True
    >>> _parallel_names(["研究", "试验发展经费投入强度"]), _parallel_names(["地级", "以上城市比率"])
    (False, False)
    """
    if len(names) < 2 or any(len(n) < 4 for n in names):
        return False
    return len({n[-_HEAD:] for n in names}) == 1


def _run_length(text: str, mentions: list[Mention], index: int) -> int:
    """How many mentions from ``index`` on are joined by 、 or 和 only ("A、B和C")."""
    count = 1
    for left, right in zip(mentions[index:], mentions[index + 1 :], strict=False):
        between = text[_tail(text, left.end)[2] : right.start].strip()
        if between not in ("、", "和", "与", "及", ","):
            break
        count += 1
    return count


def _bare_multiplier(mention: Mention) -> bool:
    """A number with a multiplier and no unit: "9亿(多劳动力)"."""
    return mention.unit is not None and mention.unit.unit is None and bool(mention.unit.surface)


def _counts_next_noun(text: str, mention: Mention) -> bool:
    """A count or a bare multiplier followed by a noun: "3个省级园区", "9亿多劳动力"."""
    unit = mention.unit
    if unit is None or not (unit.unit_class == "count" or (unit.unit is None and unit.surface)):
        return False
    after = text[_tail(text, mention.end)[2] : _tail(text, mention.end)[2] + 1]
    return "\u4e00" <= after <= "\u9fff"


def _name_after(text: str, mention: Mention, span: tuple[int, int]) -> tuple[str, int]:
    """The noun after a count and where it ends: "建成 3 个省级产业园" counts 省级产业园."""
    end = _tail(text, mention.end)[2]
    stop = end
    while stop < span[1] and text[stop] not in ",;:。、\t\n是" and stop - end < 20:
        stop += 1
    verb = _verb_pattern().search(text, end, stop)  # "5575万农村贫困人口实现脱贫"
    stop = verb.start() if verb and verb.start() > end else stop
    return text[end:stop].strip("“”"), stop


def _without_markers(text: str, start: int, end: int, markers: list[YearMarker]) -> str:
    pieces, at = [], start
    for marker in markers:
        if marker.end <= start or marker.start >= end:
            continue
        pieces.append(text[at : max(at, marker.start)])
        at = max(at, marker.end)
    pieces.append(text[at:end])
    return "".join(pieces)


def _tail(text: str, at: int) -> tuple[Comparator | None, bool, int]:
    """The comparator a word after the number gives, whether it is 左右, and where it ends."""
    ignore = word_pattern("tails", "ignore").match(text, at)
    at_tail = ignore.end() if ignore else at
    tails = lookup("tails")
    match = _tail_pattern().match(text, at_tail)
    if match is None or tails.get(match.group()) in (None, "ignore"):
        return None, False, at
    label = tails[match.group()]
    return label, label == "=", match.end()  # type: ignore[return-value]


@per_vocabulary
def _verb_pattern(vocab: Vocabulary) -> re.Pattern[str]:
    """Verbs that end a noun read after a count."""
    verbs = [*vocab.comparators, *vocab.changes, *vocab.words("qualitative_verbs")]
    return re.compile(alternation([v for v in verbs if len(v) > 1]))


@per_vocabulary
def _people_nouns(vocab: Vocabulary) -> re.Pattern[str]:
    return re.compile(alternation(vocab.words("people_nouns")))


@per_vocabulary
def _tail_pattern(vocab: Vocabulary) -> re.Pattern[str]:
    return re.compile(alternation(list(vocab.tails)))


def _when(
    text: NormalText,
    outline: Outline,
    plan: PlanMeta,
    markers: list[YearMarker],
    mention: Mention,
    span: tuple[int, int],
    carried: _When,
) -> _When:
    """The year of a mention: the nearest dated marker before it in its sentence, else the
    paragraph's deadline, else a marker after it, else what the headings imply (``carried``
    holds the last two)."""
    dated = [m for m in markers if m.target is not None]
    before = [
        m
        for m in dated
        if m.end <= mention.start
        and not (m.clause_only and _CLAUSE_MARK.search(text.text, m.end, mention.start))
    ]  # "在1979到1983年平均每年递增7.9%的基础上,比上年增长14.2%": 14.2% is not of 1983
    if before:
        return _When(before[-1].year, bool(before[-1].target), since=before[-1].since)
    if carried.explicit:
        return carried
    after = [m for m in dated if m.start >= mention.end]
    if after:
        return _When(after[0].year, bool(after[0].target))
    return carried


def _default_when(
    plan: PlanMeta, context: Literal["baseline", "target"] | None, anchor: Anchor | None = None
) -> _When:
    """The year a paragraph's headings imply: a review states the year before the period
    (before the report's year); a bulletin states its own year's data."""
    if anchor is not None:
        if not anchor.current_is_target:
            return _When(anchor.year, False, explicit=False)
        if context == "baseline":
            return _When(anchor.year - 1, False, explicit=False)
        return _When(anchor.year, True, explicit=False)
    period = plan.period
    if context == "baseline":
        return _When(period[0] - 1 if period else None, False, explicit=False)
    return _When(period[1] if period else None, True, explicit=False)


def _build(
    text: NormalText,
    outline: Outline,
    plan: PlanMeta,
    paragraph: Paragraph,
    span: tuple[int, int],
    mention: Mention,
    phrase: Phrase,
    name: str,
    when: _When,
    now: int | None = None,
) -> Quantity:
    start, end = text.span(mention.start, mention.end)
    sentence_start, sentence_end = text.span(*span)
    node = outline.deepest_at(start)
    unit = mention.unit
    if _bare_multiplier(mention) and unit is not None:
        if "人次" in name:  # "旅游接待人次达到5000万": visits
            unit = read_unit(unit.surface + "人次") or unit
        elif _people_nouns().search(name):  # "5575万农村贫困人口": 5575 万人
            unit = read_unit(unit.surface + "人") or unit
    comparator: Comparator = phrase.comparator or (">=" if when.target else "=")
    verb = _verb_before(text.text, mention.start)
    achieved = verb in words()["achieved_verbs"] or not phrase.has_verb
    if not when.target and comparator == ">=" and achieved:
        comparator = "="
    if not when.target and when.year is not None and _planned(text.text, span[0], mention.start):
        when = replace(when, target=True)  # "1981年计划为3.7%,实际达到4.6%": that year's target
        comparator = phrase.comparator or ">="
    scope = (
        paragraph.entity if phrase.back_reference and paragraph.entity else phrase.scope
    ) or paragraph.entity
    return Quantity(
        kind="target" if when.target else "baseline",
        indicator=name,
        scope=scope or _default_scope(plan),
        value=mention.value,
        unit=unit.name if unit else "比",
        base_value=unit.to_base(mention.value) if unit else mention.value,
        base_unit=unit.base if unit else "比",
        comparator=comparator,
        year=when.year,
        cumulative=not phrase.per_year
        and (phrase.cumulative or mention.bracketed or _period_flow(name, unit, when, plan, now)),
        growth_rate=phrase.growth_rate and not _per_year_points(phrase, mention),
        stretch=phrase.stretch,
        change=_change(phrase, mention),
        text=text.original[start:end],
        line=text.line_of(start),
        start=start,
        end=end,
        sentence=text.original[sentence_start:sentence_end],
        node=node.id if node else None,
        range_high=mention.range_high,
        parts=mention.parts,
        since=when.since if when.explicit else None,  # stated ("五年来"), not a heading's
    )


def _period_flow(
    name: str, unit: UnitReading | None, when: _When, plan: PlanMeta, now: int | None
) -> bool:
    """A flow (新增…) targeted for the end of a five-year period, or stated in a review of
    several years, is the period's sum: "“十三五”时期城镇新增就业5000万人以上" is 5,000 万
    over five years. A year's target (a report's own year) is that year's flow.

    >>> from planwatch.extract.units import read_unit
    >>> plan = PlanMeta("某区规划", "某区", (2021, 2025), None, "县区")
    >>> _period_flow("城镇新增就业", read_unit("万人"), _When(2025, True), plan, None)
    True
    >>> _period_flow("城镇新增就业", read_unit("万人"), _When(2016, True), plan, 2016)
    False
    """
    if "新增" not in name or unit is None or unit.unit_class not in ("measure", "count"):
        return False
    if when.year is None:
        return False
    if not when.target:  # a review of several years, stated: "五年来,…城镇新增就业4200万人"
        return when.explicit and when.since is not None and when.year - when.since >= 2
    if now is not None:  # a report: a target two years or more ahead spans several years
        return when.year > now + 1
    return plan.period is not None and when.year == plan.period[1]


_PLANNED = re.compile(r"计划(?:为|是|要|增长|递增|达到|完成|安排)?(?:到|为)?$")


def _planned(text: str, sentence_start: int, at: int) -> bool:
    """Whether the words right before a number state a plan: "1981年计划为[3.7%]"."""
    return _PLANNED.search(text, max(sentence_start, at - 8), at) is not None


def _change(phrase: Phrase, mention: Mention) -> Change | None:
    """翻一番 is an increase; a growth rate is a change only when it is a decrease."""
    if mention.doubling:
        return "increase"
    if _per_year_points(phrase, mention):
        return phrase.change or "increase"
    if phrase.growth_rate and phrase.change != "decrease":
        return None
    return phrase.change


def _per_year_points(phrase: Phrase, mention: Mention) -> bool:
    """年均提升1个百分点: a change in points each year, not an average growth rate."""
    return phrase.growth_rate and mention.unit is not None and mention.unit.base == "百分点"


def _verb_before(text: str, at: int) -> str:
    comparators = lookup("comparators")
    for length in (3, 2, 1):
        if text[max(0, at - length) : at] in comparators:
            return text[at - length : at]
    return ""


# The last character of a region's name that, after 全, names its whole territory.
_WHOLE_TERRITORY = frozenset("国省市区县州盟旗镇乡")


def _default_scope(plan: PlanMeta) -> str:
    """The scope of a figure that names none: the region's own word (a county's plan says
    全县, though its level is 县区: :attr:`PlanMeta.scope_word`), else its level's, else 全区."""
    if plan.scope_word and plan.region and plan.region[-1] in _WHOLE_TERRITORY:
        return plan.scope_word  # 某县 → 全县, 某旗 → 全旗, 某自治区 → 全区
    defaults: dict[str, str] = words()["default_scope"]
    return defaults.get(plan.level or "", "全区")


def _qualitative(
    text: NormalText, outline: Outline, span: tuple[int, int], markers: list[YearMarker]
) -> list[QualitativeTarget]:
    targets = [m for m in markers if m.explicit and m.target]  # not a report's 去年
    if not targets or not word_pattern("qualitative_verbs").search(
        text.text, targets[0].end, span[1]
    ):
        return []
    marker = targets[0]
    end = span[1]
    while end > marker.start and text.text[end - 1] in "。;!?\n":
        end -= 1
    start, stop = text.span(marker.start, end)
    node = outline.deepest_at(start)
    return [
        QualitativeTarget(
            text.original[start:stop],
            marker.year,
            text.line_of(start),
            start,
            stop,
            node.id if node else None,
        )
    ]
