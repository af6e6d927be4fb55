"""Unit names taken apart and matched: full names, abbreviations, scopes, collective units."""

import pytest

from planwatch.extract.departments import MatchKind, is_unit, match_department, parse_unit

PARTS = [
    # id, name, scope, place, body, function
    ("district abbreviation", "区文广旅局", "区", None, "文广旅局", "文化广播电视和旅游局"),
    ("district full name", "区文化广播电视和旅游局", "区", None, "文化广播电视和旅游局", "文化广播电视和旅游局"),
    ("city commission", "市发改委", "市", None, "发改委", "发展和改革委员会"),
    ("county bureau of the same function", "县发展改革局", "县", None, "发展改革局", "发展和改革委员会"),
    ("place and level", "泸州市江阳区发展和改革局", "区", "泸州市江阳", "发展和改革局", "发展和改革委员会"),
    ("province department", "四川省发展和改革委员会", "省", "四川", "发展和改革委员会", "发展和改革委员会"),
    ("市场 is no level", "市场监管局", None, None, "市场监管局", "市场监督管理局"),
    ("市 before 市场", "市市场监管局", "市", None, "市场监管局", "市场监督管理局"),
    ("party office", "县委宣传部", "县", None, "委宣传部", "委宣传部"),
    ("government office", "县政府办", "县", None, "政府办", "人民政府办公室"),
    ("unknown body keeps its level", "县新型城镇化办", "县", None, "新型城镇化办", None),
    ("park committee", "高新区管委会", "区", "高新", "管委会", None),
]


@pytest.mark.parametrize(("name", "scope", "place", "body", "function"), [c[1:] for c in PARTS], ids=[c[0] for c in PARTS])
def test_parse_unit(name: str, scope: str | None, place: str | None, body: str, function: str | None) -> None:
    unit = parse_unit(name)
    assert (unit.scope, unit.place, unit.body, unit.function) == (scope, place, body, function)


COLLECTIVE = [
    ("各区县", True), ("各镇街", True), ("各乡镇（街道）", True), ("各县(市、区)", True),
    ("县级有关部门", True), ("相关部门", True), ("区商务局", False), ("镇政府", False),
]


@pytest.mark.parametrize(("name", "expected"), COLLECTIVE, ids=[c[0] for c in COLLECTIVE])
def test_collective_units(name: str, expected: bool) -> None:
    assert parse_unit(name).collective is expected


UNITS = [("县发改局", True), ("各镇街", True), ("高新区管委会", True), ("县邮政公司", True),
         ("企业", False), ("社会", False), ("政府主导", False), ("加快发展", False)]


@pytest.mark.parametrize(("name", "expected"), UNITS, ids=[c[0] for c in UNITS])
def test_is_unit(name: str, expected: bool) -> None:
    assert is_unit(name) is expected


KNOWN = ["区文化广播电视和旅游局", "区发展和改革局", "区商务局", "市发展和改革委员会",
         "区住房和城乡建设局", "区科学技术和经济信息化局", "各镇街"]

MATCHES = [
    # id, name, kind, department matched
    ("the same name", "区商务局", MatchKind.EXACT, "区商务局"),
    ("full-width space only", "区商务局　", MatchKind.EXACT, "区商务局"),
    ("listed abbreviation", "区文广旅局", MatchKind.ALIAS, "区文化广播电视和旅游局"),
    ("listed synonym of another level's name", "区发改委", MatchKind.ALIAS, "区发展和改革局"),
    ("scope left out", "住建局", MatchKind.ABBREVIATION, "区住房和城乡建设局"),
    ("characters left out, no list", "区科经局", MatchKind.ABBREVIATION, "区科学技术和经济信息化局"),
    ("a city's office is not the district's", "市发改局", MatchKind.ALIAS, "市发展和改革委员会"),
    ("collective, exactly", "各镇街", MatchKind.EXACT, "各镇街"),
    ("unknown department", "区统计局", MatchKind.UNKNOWN, None),
    ("two levels match equally: a question", "发改委", MatchKind.UNKNOWN, None),
]


@pytest.mark.parametrize(("name", "kind", "department"), [c[1:] for c in MATCHES], ids=[c[0] for c in MATCHES])
def test_match_department(name: str, kind: MatchKind, department: str | None) -> None:
    match = match_department(name, KNOWN)
    assert (match.kind, match.department) == (kind, department)


def test_unknown_name_ranks_candidates() -> None:
    match = match_department("发改委", KNOWN)
    assert {c.name for c in match.candidates[:2]} == {"区发展和改革局", "市发展和改革委员会"}
    assert match.score == 0.0


def test_scores_order_the_kinds() -> None:
    scores = [match_department(n, KNOWN).score for n in ("区商务局", "区文广旅局", "住建局", "区科经局")]
    assert scores == sorted(scores, reverse=True) and scores[0] == 1.0


def test_a_typo_is_a_candidate_not_a_match() -> None:
    match = match_department("区商贸局", KNOWN)
    assert match.kind is MatchKind.UNKNOWN
    assert match.candidates and match.candidates[0].name == "区商务局"
