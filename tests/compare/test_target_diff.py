"""The target diff: matched by series and stretch flag; each changed field before and after."""

from decimal import Decimal
from itertools import combinations
from pathlib import Path

import pytest
from plan_texts import insert_chapter, refs
from target_builders import DOWN, UP, A, K, target

from planwatch.compare.target_diff import diff_targets, match_targets, relatedness
from planwatch.domain.comparison import TargetChangeKind, TargetRef
from planwatch.samples import sample_path

C = TargetChangeKind
GDP = target()
FOREST = target("forest", "40", "%", attribute=A.BINDING, indicator="森林覆盖率")
ENERGY = target("energy", "13.5", "%", kind=K.CHANGE, change=DOWN, attribute=A.BINDING,
                indicator="单位地区生产总值能源消耗降低")

# (old targets, new targets, [(kind, series, changed fields)])
CASES = [
    ("unchanged", [GDP, FOREST], [GDP, FOREST], []),
    ("value-changed", [GDP], [target(value="1100")], [(C.CHANGED, "gdp", ["value"])]),
    ("equal-as-numbers", [FOREST], [target("forest", "40.0", "%", attribute=A.BINDING, indicator="森林覆盖率")], []),
    ("year-changed", [GDP], [target(year=2026)], [(C.CHANGED, "gdp", ["year"])]),
    ("comparator-changed", [GDP], [target(comparator=">")], [(C.CHANGED, "gdp", ["comparator"])]),
    ("kind-changed", [GDP], [target(kind=K.CUMULATIVE)], [(C.CHANGED, "gdp", ["kind"])]),
    ("attribute-changed", [GDP], [target(attribute=A.BINDING)], [(C.CHANGED, "gdp", ["attribute"])]),
    ("attribute-learned", [target(attribute=None)], [GDP], [(C.CHANGED, "gdp", ["attribute"])]),
    ("value-and-year", [GDP], [target(value="1200", year=2026)], [(C.CHANGED, "gdp", ["value", "year"])]),
    ("change-direction", [ENERGY], [target("energy", "13.5", "%", kind=K.CHANGE, change=UP, attribute=A.BINDING)],
     [(C.CHANGED, "energy", ["change"])]),
    ("change-unit", [ENERGY], [target("energy", "2", "百分点", kind=K.CHANGE, change=DOWN, attribute=A.BINDING)],
     [(C.CHANGED, "energy", ["value", "unit"])]),
    ("removed", [GDP, FOREST], [GDP], [(C.REMOVED, "forest", [])]),
    ("added", [GDP], [GDP, ENERGY], [(C.ADDED, "energy", [])]),
    ("stretch-added-beside-main", [GDP], [GDP, target(value="1200", stretch=True)], [(C.ADDED, "gdp", [])]),
    ("stretch-not-matched-to-main", [target(value="1200", stretch=True)], [target(value="1200")],
     [(C.REMOVED, "gdp", []), (C.ADDED, "gdp", [])]),
    ("milestones-by-year", [target(value="800", year=2023), GDP],
     [target(value="800", year=2023), target(value="1100")], [(C.CHANGED, "gdp", ["value"])]),
    ("milestone-dropped", [target(value="800", year=2023), GDP], [GDP], [(C.REMOVED, "gdp", [])]),
    ("not-by-position", [GDP, FOREST], [FOREST, GDP], []),
]


@pytest.mark.parametrize(("old", "new", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_diff(old: list[TargetRef], new: list[TargetRef], expected: list[tuple[C, str, list[str]]]) -> None:
    changes = diff_targets(old, new)
    assert [(c.kind, c.series, [f.field for f in c.fields]) for c in changes] == expected


def test_matching_includes_unchanged_targets() -> None:
    stretch = target(value="1200", stretch=True)
    pairs = match_targets([GDP, FOREST, stretch], [FOREST, target(value="1100"), ENERGY])
    assert [(a.series, a.value, b.value) for a, b in pairs] == [
        ("gdp", Decimal("1000"), Decimal("1100")), ("forest", Decimal("40"), Decimal("40"))]


def test_changed_fields_carry_before_and_after() -> None:
    (change,) = diff_targets([GDP], [target(value="1200", year=2026)])
    assert [(f.before, f.after) for f in change.fields] == [(Decimal("1000"), Decimal("1200")), (2025, 2026)]
    assert change.old == GDP and change.new is not None and change.new.year == 2026


MESSAGES = [
    ("value", [GDP], [target(value="1100", indicator="地区生产总值")], "地区生产总值:目标值由1000改为1100"),
    ("attribute", [target(attribute=None, indicator="森林覆盖率")], [target(attribute=A.BINDING, indicator="森林覆盖率")],
     "森林覆盖率:指标属性由未注明改为约束性"),
    ("comparator-and-kind", [target(indicator="用水总量")], [target(comparator="<=", kind=K.CEILING, indicator="用水总量")],
     "用水总量:比较方式由不低于改为不高于,目标类型由水平值改为上限"),
    ("removed", [target("w", "2.39", "亿立方米", comparator="<=", kind=K.CEILING, indicator="用水总量")], [],
     "删除目标:用水总量2025年目标不高于2.39亿立方米"),
    ("added-stretch", [], [target(value="1200", comparator=">=", stretch=True, indicator="地区生产总值")],
     "新增目标:地区生产总值2025年力争目标不低于1200亿元"),
]


@pytest.mark.parametrize(("old", "new", "message"), [c[1:] for c in MESSAGES], ids=[c[0] for c in MESSAGES])
def test_messages(old: list[TargetRef], new: list[TargetRef], message: str) -> None:
    (change,) = diff_targets(old, new)
    assert change.message == message


@pytest.fixture(scope="module")
def sample() -> str:
    return sample_path().read_text(encoding="utf-8")


OTHER_DISTRICT = """序言
正文。
第一篇 开启现代化建设新征程
第一章 规划背景
第一节 发展基础
第二节 面临形势
第二章 总体要求
第一节 指导思想
第二节 基本原则
第三章 主要目标
第二篇 建设成渝地区双城经济圈重要节点城市
第四章 全力发展现代农业
第五章 建设西部陆海新通道物流枢纽
第十章 保障措施
"""


def test_two_versions_of_one_plan_are_related(sample: str) -> None:
    old, new = refs(sample), refs(insert_chapter(sample, 5, "全面推进数字化转型"))
    result = relatedness(old, new, [GDP, FOREST], [GDP, FOREST, ENERGY])
    # Every title of the old version is in the new one; both series of the old version too.
    assert (result.outline_overlap, result.series_overlap, result.related) == (1.0, 1.0, True)
    assert result.message == "两个版本属于同一规划(章节标题重合100%,指标序列重合100%)"


def test_another_districts_plan_is_not_related(sample: str) -> None:
    other_gdp = target("other|gdp")
    result = relatedness(refs(sample), refs(OTHER_DISTRICT), [GDP], [other_gdp])
    # Only four-character boilerplate (规划背景, 发展基础, …) is shared, and it does not count.
    assert (result.outline_overlap, result.series_overlap, result.score) == (0.0, 0.0, 0.0)
    assert not result.related
    assert result.message.endswith("不能比较")


def test_without_targets_the_outline_decides(sample: str) -> None:
    result = relatedness(refs(sample), refs(sample), [], [])
    assert (result.series_overlap, result.score, result.related) == (None, 1.0, True)


def test_nothing_to_compare_is_not_related() -> None:
    result = relatedness([], [], [], [])
    assert (result.score, result.related) == (0.0, False)


CORPUS = Path(__file__).parent.parent.parent.parent / "shared" / "corpus" / "national-gov-work-reports"


@pytest.mark.skipif(not CORPUS.is_dir(), reason="the shared corpus is not on this machine")
def test_no_two_work_reports_are_related() -> None:
    """47 real reports of one genre and one author: their shared headings are boilerplate."""
    outlines = {path.name[:4]: refs(path.read_text(encoding="utf-8")) for path in sorted(CORPUS.glob("*.txt"))}
    related_pairs = [(a, b) for a, b in combinations(outlines, 2)
                     if relatedness(outlines[a], outlines[b], [], []).related]
    assert related_pairs == []
    assert relatedness(outlines["2011"], outlines["2011"], [], []).related
