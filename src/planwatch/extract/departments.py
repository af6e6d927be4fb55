"""Names of government units: their level, place and function, and matching against a list.

A 分工方案 writes one department many ways — 区文广旅局 and 区文化广播电视和旅游局, 发改委
and 发展和改革委员会 (a county's 发展改革局) — and names collective units (各区县, 各镇街,
有关部门). :func:`parse_unit` splits a name into scope (区 县 市 省 …), place (泸州市江阳) and
body (文广旅局) and finds the body's department function in ``vocab/departments.yaml``;
:func:`match_department` compares a name with the known departments and says how it
matched, so that an unknown name becomes a question with ranked candidates, never a silent
new department.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from importlib import resources
from typing import Any

import yaml

MAX_CANDIDATES = 5
MIN_CANDIDATE_SCORE = 0.3

SCORE_ALIAS = 0.95  # one function, one scope: a listed synonym
SCORE_SCOPE_OMITTED = 0.9  # 发改委 for 区发改委
SCORE_SHORTENED = 0.85  # a shortening no list holds: 区文广新局 for 区文化广电新闻局
SCOPE_MISMATCH_FACTOR = 0.5  # 市发改委 is not 区发改委, only like it
CHARACTER_WEIGHT = 0.8  # shared characters count for less than shared pairs of them


class MatchKind(StrEnum):
    """How a unit name matched a known department."""

    EXACT = "exact"  # the same name, up to full-width forms and spaces
    ALIAS = "alias"  # a synonym listed in vocab/departments.yaml
    ABBREVIATION = "abbreviation"  # a shortening: scope left out, or characters left out
    UNKNOWN = "unknown"  # none, or several equally good: a question for a person


@dataclass(frozen=True, slots=True)
class UnitName:
    """A unit name taken apart.

    >>> u = parse_unit("泸州市江阳区文广旅局")
    >>> (u.scope, u.place, u.body, u.function, u.collective)
    ('区', '泸州市江阳', '文广旅局', '文化广播电视和旅游局', False)
    """

    name: str
    scope: str | None
    place: str | None
    body: str
    function: str | None
    collective: bool


@dataclass(frozen=True, slots=True)
class Candidate:
    """A known department that a name may denote, with a score from 0 to 1."""

    name: str
    score: float


@dataclass(frozen=True, slots=True)
class DepartmentMatch:
    """How a unit name matched a list of known departments.

    ``department`` is the known name matched (None for UNKNOWN); ``candidates`` ranks the
    known names a person may pick from, best first (for UNKNOWN, or the runners-up).
    """

    name: str
    kind: MatchKind
    department: str | None
    score: float
    candidates: tuple[Candidate, ...]
    collective: bool


@cache
def _vocab() -> dict[str, Any]:
    text = (resources.files("planwatch.extract") / "vocab" / "departments.yaml").read_text("utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    return data


@cache
def _functions() -> dict[str, str]:
    """Every listed body → the full name of its department function."""
    return {str(name): str(group[0]) for group in _vocab()["departments"] for name in group}


@cache
def _bodies_longest_first() -> tuple[str, ...]:
    return tuple(sorted(_functions(), key=len, reverse=True))


def clean_unit(name: str) -> str:
    """A unit name without spaces, full-width ASCII, a leading 由 or a trailing 等.

    >>> clean_unit(" 由县发改局等 "), clean_unit("各乡镇（街道）")
    ('县发改局', '各乡镇(街道)')
    """
    folded = unicodedata.normalize("NFKC", name)
    text = "".join(c for c in folded if not c.isspace())
    if text.startswith("由") and len(text) > 3:
        text = text[1:]
    while text.endswith("等") and len(text) > 2:
        text = text[:-1]
    return text


def is_collective(name: str) -> bool:
    """Whether a name stands for many units: 各区县, 各镇街, 有关部门, 县级有关部门.

    >>> is_collective("各乡镇(街道)"), is_collective("县级有关部门"), is_collective("县财政局")
    (True, True, False)
    """
    text = clean_unit(name)
    vocab = _vocab()
    return text.startswith(tuple(vocab["collective_prefixes"])) or any(
        word in text for word in vocab["collective_words"]
    )


def is_unit(name: str) -> bool:
    """Whether a phrase can name a unit: a collective, or a name ending like one (局 委 办 …).

    >>> is_unit("市发改委"), is_unit("各镇街"), is_unit("企业"), is_unit("社会")
    (True, True, False, False)
    """
    text = clean_unit(name)
    vocab = _vocab()
    if not 2 <= len(text) <= 40 or text in vocab["not_units"]:
        return False
    bare = text.split("(", 1)[0] or text
    return is_collective(text) or bare.endswith(tuple(vocab["unit_endings"]))


def is_office(name: str) -> bool:
    """Whether a name is an office's, not only a place's: a collective, a listed department,
    or a name ending like an office (局 委 办 厅 中心 政府 …, ``office_endings``).

    >>> is_office("县发改局"), is_office("各乡镇"), is_office("高新区"), is_office("含高新区")
    (True, True, False, False)
    """
    unit = parse_unit(name)
    if unit.collective or unit.function is not None:
        return True
    bare = clean_unit(name).split("(", 1)[0]
    return bare.endswith(tuple(_vocab()["office_endings"])) and is_unit(name)


@cache
def _vocab_assignments_endings() -> tuple[str, ...]:
    text = (resources.files("planwatch.extract") / "vocab" / "assignments.yaml").read_text("utf-8")
    return tuple(yaml.safe_load(text)["office_endings"])


def _split_prefix(prefix: str) -> tuple[str | None, str | None]:
    """Scope and place of what stands before a unit's body: 泸州市江阳区 → 区, 泸州市江阳."""
    if not prefix:
        return None, None
    for scope in sorted(_vocab()["scopes"], key=len, reverse=True):
        if prefix.endswith(scope):
            place = prefix[: -len(scope)]
            return scope, place or None
    return None, prefix


def _unknown_body(text: str) -> tuple[str | None, str | None, str]:
    """Scope, place and body of a name whose body no list holds: 高新区管委会 → 区, 高新."""
    vocab = _vocab()
    if text.startswith(tuple(vocab["lookalikes"])):
        return None, None, text
    scopes = sorted(vocab["scopes"], key=len, reverse=True)
    for scope in scopes:
        if text.startswith(scope) and len(text) - len(scope) >= 2:
            return scope, None, text[len(scope) :]
    for end in range(2, min(len(text) - 2, 9)):
        for scope in scopes:
            body = text[end + len(scope) :]
            if text.startswith(scope, end) and len(body) >= 2:
                if body.startswith(tuple(vocab["lookalikes"])):
                    continue
                return scope, text[:end], body
    return None, None, text


def parse_unit(name: str) -> UnitName:
    """Take a unit name apart into scope, place, body and department function.

    >>> u = parse_unit("县发展改革局"); (u.scope, u.body, u.function)
    ('县', '发展改革局', '发展和改革委员会')
    >>> u = parse_unit("市场监管局"); (u.scope, u.body)
    (None, '市场监管局')
    >>> parse_unit("各区县").collective
    True
    """
    text = clean_unit(name)
    if is_collective(text):
        return UnitName(name, None, None, text, None, True)
    bare = text.split("(", 1)[0] or text  # 县发改局(县粮食局): the first name decides
    for body in _bodies_longest_first():
        if bare.endswith(body):
            scope, place = _split_prefix(bare[: -len(body)])
            if scope is None and place is not None:
                continue  # 国资委 inside 某某国资委 with no level: try a shorter body
            return UnitName(name, scope, place, body, _functions()[body], False)
    scope, place, body = _unknown_body(bare)
    return UnitName(name, scope, place, body, None, False)


def _shortening(short: str, long: str) -> bool:
    """Whether ``short`` is ``long`` with characters left out, keeping its first and last.

    >>> _shortening("文广旅局", "文化广播电视和旅游局"), _shortening("水务局", "水利局")
    (True, False)
    """
    if not 2 <= len(short) < len(long) or short[0] != long[0] or short[-1] != long[-1]:
        return False
    position = 0
    for char in short:
        position = long.find(char, position)
        if position < 0:
            return False
        position += 1
    return True


def _bigrams(text: str) -> set[str]:
    return {text[i : i + 2] for i in range(len(text) - 1)} or {text}


def similarity(a: str, b: str) -> float:
    """A score from 0 to 1 for how alike two unit names are (scope, function, characters).

    >>> similarity("区文广旅局", "区文化广播电视和旅游局") > similarity("区文广旅局", "区商务局")
    True
    """
    x, y = parse_unit(a), parse_unit(b)
    if x.function is not None and x.function == y.function:
        body = 1.0
    else:
        bx, by = _bigrams(x.function or x.body), _bigrams(y.function or y.body)
        dice = 2 * len(bx & by) / (len(bx) + len(by))
        # Characters shared before the suffix that every 局 shares: 商贸局 is like 商务局.
        cx, cy = set(x.body[:-1]), set(y.body[:-1])
        chars = 2 * len(cx & cy) / (len(cx) + len(cy)) if cx and cy else 0.0
        shortened = _shortening(x.body, y.body) or _shortening(y.body, x.body)
        body = max(dice, CHARACTER_WEIGHT * chars, SCORE_SHORTENED if shortened else 0.0)
    if x.scope and y.scope and x.scope != y.scope:
        body *= SCOPE_MISMATCH_FACTOR
    return round(body, 3)


def _level(target: UnitName, known: UnitName) -> tuple[MatchKind, float] | None:
    """How ``known`` matches ``target`` short of exactly, or None when it does not."""
    if target.collective or known.collective:
        return None
    if target.place and known.place and target.place != known.place:
        return None
    same_scope = target.scope == known.scope
    one_scope = same_scope or target.scope is None or known.scope is None
    if not one_scope:
        return None
    if target.function is not None and target.function == known.function:
        return (MatchKind.ALIAS, SCORE_ALIAS) if same_scope else (
            MatchKind.ABBREVIATION, SCORE_SCOPE_OMITTED)  # fmt: skip
    if target.body == known.body:
        return MatchKind.ABBREVIATION, SCORE_SCOPE_OMITTED
    if _shortening(target.body, known.body) or _shortening(known.body, target.body):
        factor = 1.0 if same_scope else 0.95
        return MatchKind.ABBREVIATION, round(SCORE_SHORTENED * factor, 3)
    return None


def match_department(name: str, known: Iterable[str]) -> DepartmentMatch:
    """Match a unit name against known department names.

    EXACT for the same name; ALIAS for a listed synonym of the same scope; ABBREVIATION for
    a left-out scope or left-out characters; UNKNOWN when nothing matches or several known
    names match equally well — then ``candidates`` holds them, ranked.

    >>> known = ["区文化广播电视和旅游局", "区科学技术和经济信息化局", "市发展和改革委员会"]
    >>> m = match_department("区文广旅局", known); (m.kind.value, m.department, m.score)
    ('alias', '区文化广播电视和旅游局', 0.95)
    >>> m = match_department("区科经局", known); (m.kind.value, m.department, m.score)
    ('abbreviation', '区科学技术和经济信息化局', 0.85)
    >>> m = match_department("区发改委", known); (m.kind.value, m.department)
    ('unknown', None)
    >>> m.candidates[0].name
    '市发展和改革委员会'
    """
    names = list(dict.fromkeys(known))
    cleaned = clean_unit(name)
    target = parse_unit(name)
    exact = [k for k in names if clean_unit(k) == cleaned]
    if exact:
        return DepartmentMatch(name, MatchKind.EXACT, exact[0], 1.0, (), target.collective)
    levels = {k: _level(target, parse_unit(k)) for k in names}
    found = [(k, level) for k, level in levels.items() if level is not None]
    ranked = sorted(
        (Candidate(k, similarity(name, k)) for k in names),
        key=lambda c: (-c.score, c.name),
    )
    candidates = tuple(c for c in ranked if c.score >= MIN_CANDIDATE_SCORE)[:MAX_CANDIDATES]
    if found:
        best = max(score for _, (_, score) in found)
        top = [(k, kind) for k, (kind, score) in found if score == best]
        if len(top) == 1:
            department, kind = top[0]
            others = tuple(c for c in candidates if c.name != department)
            return DepartmentMatch(name, kind, department, best, others, target.collective)
        candidates = tuple(Candidate(k, best) for k, _ in top) + tuple(
            c for c in candidates if c.name not in {k for k, _ in top}
        )
        candidates = candidates[:MAX_CANDIDATES]
    return DepartmentMatch(name, MatchKind.UNKNOWN, None, 0.0, candidates, target.collective)
