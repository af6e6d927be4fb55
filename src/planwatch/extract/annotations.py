"""The unit annotation of a 分工方案 item: who leads, who shares, by when.

An annotation is the text that names units, in a bracket or after the task:
"(约束性指标,牵头单位:市发改委;责任单位:市工信局、市生态环境局,各区县)",
"牵头:住建局;配合:各街道办事处;完成时限:2024年", "(市发改委牵头,各区县配合)". It is read
on the normal form (see :mod:`planwatch.extract.normalize`: full-width punctuation is ASCII);
every span returned indexes that normal form, and the caller maps it to the original.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

import yaml

from planwatch.domain.assignment import Role
from planwatch.domain.indicator import Attribute
from planwatch.extract.departments import is_collective, is_unit
from planwatch.extract.lexicon import alternation

OPENERS, CLOSERS = "(【〔[《“", ")】〕]》”"
# What separates the parts of an annotation, and the units of a list.
PART_SEPARATORS = ";,。"
UNIT_SEPARATORS = "、,;\t /"
# A label starts an annotation, a part or a line, or follows a space: "…;责任单位:…".
BOUNDARY = set(OPENERS + PART_SEPARATORS + "、\t\n :")
LONG_LABEL = 4  # 责任单位 and longer labels need no boundary before them

CHINESE_YEAR_DIGITS = str.maketrans("〇零一二三四五六七八九", "00123456789")

# A year in a deadline: "2024年底", "二〇二五年", "2023—2025年" (the last one counts).
YEAR = re.compile(
    r"""(?P<year>(?:19|20)\d{2}|[〇零一二][〇零一二三四五六七八九]{3})  # 2024 / 二〇二五
        (?=\s*年|\s*[-—~至到]|\s*$)                                   # before 年 or a range sign
    """,
    re.VERBOSE,
)

# A lead-in part that is a deadline without a label: "2024年底前完成", "2025年6月底前".
DEADLINE_PHRASE = re.compile(
    r"""^(?:(?:19|20)\d{2}|[〇零一二][〇零一二三四五六七八九]{3})  # a year
        (?:\s*[-—~至到]\s*(?:19|20)?\d{2,4})?                      # 2023—2025
        年 [^,;]{0,10}? (?:底|前|内|完成|启动|建成)                 # 年底前完成, 年6月底前
    """,
    re.VERBOSE,
)


@cache
def vocab() -> dict[str, Any]:
    """The parsed ``vocab/assignments.yaml``."""
    text = (resources.files("planwatch.extract") / "vocab" / "assignments.yaml").read_text("utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    return data


@cache
def _label_kinds() -> dict[str, str]:
    """Every label word (and misspelling) → lead / co / deadline / milestones / attribute."""
    kinds = {word: kind for kind, words in vocab()["labels"].items() for word in words}
    for typo, word in vocab()["typos"].items():
        if word in kinds:
            kinds[typo] = kinds[word]
    return kinds


@cache
def _suffix_roles() -> dict[str, Role]:
    roles = {word: Role(role) for role, words in vocab()["suffixes"].items() for word in words}
    for typo, word in vocab()["typos"].items():
        if word in roles:
            roles[typo] = roles[word]
    return roles


@cache
def label_pattern() -> re.Pattern[str]:
    """A role, deadline or other label and its colon: "牵头单位:", "督办单位 :", "完成时限\\t".

    >>> label_pattern().search("责任单位:县科技局").group("known")
    '责任单位'
    """
    endings = alternation(vocab()["unknown_label_endings"])
    return re.compile(
        r"(?:(?P<known>" + alternation(list(_label_kinds())) + r")"  # 牵头单位
        r"|(?P<unknown>[\u4e00-\u9fff]{1,6}?(?:" + endings + r")))"  # 督办单位
        r"\s*(?::|\t)"  # followed by a colon or a gap
    )


@cache
def _known_label() -> re.Pattern[str]:
    return re.compile(r"(?P<word>" + alternation(list(_label_kinds())) + r")\s*(?::|\t)")


@cache
def _unknown_label() -> re.Pattern[str]:
    endings = alternation(vocab()["unknown_label_endings"])
    return re.compile(r"(?P<word>[\u4e00-\u9fff]{1,6}?(?:" + endings + r"))\s*(?::|\t)")


@dataclass(frozen=True, slots=True)
class Label:
    """A label and its colon at ``text[start:end]``; ``word`` is the label without the colon."""

    start: int
    end: int
    word: str


def find_labels(text: str, start: int, end: int) -> list[Label]:
    """The labels in ``text[start:end]``, in order.

    A label opens the text or follows a separator; a known label of four characters or more
    (责任单位) needs none, since "县发展改革局 责任单位:…" loses its space in the normal form.
    An unknown label ("督办单位:") ending where a known one ends is the known one.

    >>> t = "牵头单位:县财政局责任单位:县税务局"
    >>> [(x.word, t[x.end:]) for x in find_labels(t, 0, len(t))]
    [('牵头单位', '县财政局责任单位:县税务局'), ('责任单位', '县税务局')]
    """
    known = {m.end(): m for m in _known_label().finditer(text, start, end)}
    labels = [
        Label(m.start(), m.end(), m.group("word"))
        for m in known.values()
        if _at_boundary(text, m.start(), start) or len(m.group("word")) >= LONG_LABEL
    ]
    for m in _unknown_label().finditer(text, start, end):
        if m.end() not in known and _at_boundary(text, m.start(), start):
            labels.append(Label(m.start(), m.end(), m.group("word")))
    return sorted(labels, key=lambda label: label.start)


@dataclass(frozen=True, slots=True)
class UnitSpan:
    """A unit named in an annotation, with its role and its span in the normal form."""

    role: Role
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Problem:
    """A problem in an annotation, made an Issue with its line by the caller."""

    code: str
    message: str


@dataclass(frozen=True, slots=True)
class Annotation:
    """What an annotation says; spans index the normal form."""

    units: tuple[UnitSpan, ...] = ()
    attribute: Attribute | None = None
    deadline: tuple[int, int] | None = None
    milestones: tuple[int, int] | None = None
    labelled: bool = False
    problems: tuple[Problem, ...] = field(default=())

    @property
    def found(self) -> bool:
        """Whether the text is an annotation at all: it names units, a role, or a deadline."""
        return bool(self.units or self.attribute or self.labelled or self.deadline)


def split_top(text: str, start: int, end: int, separators: str) -> list[tuple[int, int]]:
    """Spans of ``text[start:end]`` between separators outside brackets, stripped, non-empty.

    >>> t = "县发改局、各县(市、区)"
    >>> [t[s:e] for s, e in split_top(t, 0, len(t), "、")]
    ['县发改局', '各县(市、区)']
    """
    spans, depth, begin = [], 0, start
    for i in range(start, end):
        char = text[i]
        if char in OPENERS:
            depth += 1
        elif char in CLOSERS:
            depth = max(depth - 1, 0)
        elif depth == 0 and char in separators:
            spans.append((begin, i))
            begin = i + 1
    spans.append((begin, end))
    return [s for s in (_strip(text, a, b) for a, b in spans) if s[1] > s[0]]


def _strip(text: str, start: int, end: int, chars: str = " \t\n:。,;、") -> tuple[int, int]:
    while start < end and text[start] in chars:
        start += 1
    while end > start and text[end - 1] in chars:
        end -= 1
    return start, end


def _typo(word: str) -> Problem | None:
    right = vocab()["typos"].get(word)
    if right is None:
        return None
    return Problem("role_typo", f"「{word}」按「{right}」读取")


def _suffix(text: str, start: int, end: int) -> tuple[str, int] | None:
    """The role word a part ends with, and where the units before it end: "市发改委牵头"."""
    for word in sorted(_suffix_roles(), key=len, reverse=True):
        if text.endswith(word, start, end):
            units_end = end - len(word)
            while units_end > start and text[units_end - 1] in "等及和、":
                units_end -= 1
            return word, units_end
    return None


def attribute_of(text: str) -> Attribute | None:
    """The attribute a text names: 约束性 (binding) or 预期性 (expected).

    >>> attribute_of("(一)约束性指标").value
    'binding'
    """
    for name, words in vocab()["attributes"].items():
        if any(word in text for word in words):
            return Attribute(name)
    return None


def _units(text: str, start: int, end: int, role: Role) -> list[UnitSpan]:
    """The units of a list, each with its role; "(牵头)" after one makes it the lead."""
    out: list[UnitSpan] = []
    markers = tuple(f"({m})" for m in vocab()["lead_markers"])
    for a, b in split_top(text, start, end, UNIT_SEPARATORS):
        unit_role = role
        for marker in markers:
            if text.endswith(marker, a, b):
                b, unit_role = b - len(marker), Role.LEAD
                break
        if text.startswith("由", a) and b - a > 3:
            a += 1
        while b - a > 2 and text[b - 1] == "等":
            b -= 1
        if b <= a:
            continue
        spans = _joined(text, a, b)
        etc = text.find("等", a + 2, b)
        if etc > 0 and is_collective(text[etc + 1 : b]):  # 县民政局等有关部门
            spans = [*_joined(text, a, etc), (etc + 1, b)]
        out.extend(UnitSpan(unit_role, x, y) for x, y in spans)
    return out


def _joined(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split "县发改局和县财政局" in two, but never "住房和城乡建设局" (住房 is no unit)."""
    for joiner in "及和与":
        at = text.find(joiner, start + 2, end - 2)
        if at > 0 and is_unit(text[start:at]) and is_unit(text[at + 1 : end]):
            return [(start, at), *_joined(text, at + 1, end)]
    return [(start, end)]


def _part(text: str, start: int, end: int, role: Role | None) -> Annotation | None:
    """One part of an annotation; ``role`` is its label's, None in a lead-in (strict)."""
    a, b = _strip(text, start, end)
    if b <= a:
        return Annotation()
    piece = text[a:b]
    if role is None and (attribute := attribute_of(piece)) is not None:
        return Annotation(attribute=attribute)
    suffix = _suffix(text, a, b)
    problems: tuple[Problem, ...] = ()
    part_role = role
    units_end = b
    if suffix is not None:
        word, units_end = suffix
        part_role = _suffix_roles()[word]
        typo = _typo(word)
        problems = (typo,) if typo else ()
    if DEADLINE_PHRASE.match(piece) or (suffix is None and _ongoing(piece) and len(piece) <= 8):
        return Annotation(deadline=(a, b))
    if part_role is None:
        return None
    units = _units(text, a, units_end, part_role)
    if role is None and not all(is_unit(text[u.start : u.end]) for u in units):
        return None  # "政府主导,企业参与" is no annotation
    return Annotation(units=tuple(units), problems=problems)


def _ongoing(piece: str) -> bool:
    return any(word in piece for word in vocab()["ongoing"])


def read_annotation(
    text: str, start: int, end: int, *, strict: bool = False, default: Role | None = None
) -> Annotation:
    """Read ``text[start:end]`` as an annotation (see the module docstring).

    ``strict`` asks that every part be understood, for text outside a bracket, where a
    sentence like "政府主导,企业参与" must not pass for one; ``default`` is the role of
    units with no role word, as in a table's 牵头单位 column.

    >>> t = "约束性指标,牵头单位:市发改委;责任单位:市工信局、各区县"
    >>> a = read_annotation(t, 0, len(t))
    >>> a.attribute.value, [(u.role.value, t[u.start:u.end]) for u in a.units]
    ('binding', [('lead', '市发改委'), ('co', '市工信局'), ('co', '各区县')])
    """
    pieces: list[tuple[int, int, Label | None]] = []
    begin: int = start
    label: Label | None = None
    for match in find_labels(text, start, end):
        pieces.append((begin, match.start, label))
        begin, label = match.end, match
    pieces.append((begin, end, label))
    found: list[Annotation] = []
    for a, b, governing in pieces:
        if governing is not None:
            read: Annotation | None = _labelled(text, a, b, governing)
        else:
            read = _lead_in(text, a, b, strict, default)
        if read is None:
            return Annotation()
        found.append(read)
    return merge(found)


def _at_boundary(text: str, at: int, start: int) -> bool:
    return at == start or text[at - 1] in BOUNDARY


def _lead_in(
    text: str, start: int, end: int, strict: bool, default: Role | None
) -> Annotation | None:
    spans = split_top(text, start, end, PART_SEPARATORS)
    parts = [_part(text, a, b, default) for a, b in spans]
    if strict and any(p is None for p in parts):
        return None
    return merge([p for p in parts if p is not None])


def _labelled(text: str, start: int, end: int, match: Label) -> Annotation:
    word = match.word
    kind = _label_kinds().get(word)
    if kind is None:
        known = [k for k in _label_kinds() if word.endswith(k)]  # 市级牵头单位
        kind = _label_kinds()[max(known, key=len)] if known else None
    typo = _typo(word)
    problems = (typo,) if typo else ()
    a, b = _strip(text, start, end)
    if kind is None:
        problem = Problem("unknown_role", f"不认识的分工用语「{word}」,其后的单位未计入")
        return Annotation(labelled=True, problems=(problem,))
    if kind == "leader":
        return Annotation(labelled=True, problems=problems)
    if kind == "deadline":
        return Annotation(deadline=(a, b) if b > a else None, labelled=True, problems=problems)
    if kind == "milestones":
        return Annotation(milestones=(a, b) if b > a else None, labelled=True, problems=problems)
    if kind == "attribute":
        return Annotation(attribute=attribute_of(text[a:b]), labelled=True, problems=problems)
    parts = [_part(text, x, y, Role(kind)) for x, y in split_top(text, a, b, PART_SEPARATORS)]
    return merge([Annotation(labelled=True, problems=problems)] + [p for p in parts if p])


def merge(parts: list[Annotation]) -> Annotation:
    """One annotation saying what all of ``parts`` say, in order."""
    units = tuple(u for p in parts for u in p.units)
    return Annotation(
        units=units,
        attribute=next((p.attribute for p in parts if p.attribute), None),
        deadline=next((p.deadline for p in parts if p.deadline), None),
        milestones=next((p.milestones for p in parts if p.milestones), None),
        labelled=any(p.labelled for p in parts),
        problems=tuple(problem for p in parts for problem in p.problems),
    )


def deadline_year(text: str) -> int | None:
    """The last year a deadline names.

    >>> deadline_year("2024年底"), deadline_year("2023—2025年"), deadline_year("二〇二五年")
    (2024, 2025, 2025)
    >>> deadline_year("持续推进") is None
    True
    """
    years = [m.group("year") for m in YEAR.finditer(text)]
    if not years:
        short = re.search(r"(?:19|20)\d{2}\s*[-—~至到]\s*(?P<end>\d{2})\s*年", text)
        return 2000 + int(short.group("end")) if short else None
    return int(years[-1].translate(CHINESE_YEAR_DIGITS))


def is_ongoing(text: str) -> bool:
    """Whether a deadline names no end: 持续推进, 长期, 每年.

    >>> is_ongoing("长期坚持"), is_ongoing("2024年")
    (True, False)
    """
    return _ongoing(text)
