"""The outline diff: matched by stable key, never by position; renumbering folded into runs."""

import pytest
from plan_texts import insert_chapter, refs

from planwatch.compare.outline_diff import diff_outline, match_outline, renumber_runs
from planwatch.domain.comparison import OutlineChangeKind
from planwatch.samples import sample_path

K = OutlineChangeKind

BASE = """序言
正文。
第一篇 总体要求
第一章 规划背景
第一节 发展基础
第二节 面临形势
第二章 主要目标
第二篇 现代产业
第三章 建设区域服务业中心
第一节 提档升级支柱型服务业
第二节 做大做强成长型服务业
第四章 打造先进制造业集群
"""

MOVED = """序言
正文。
第一篇 总体要求
第一章 规划背景
第一节 发展基础
第二节 面临形势
第二篇 现代产业
第二章 建设区域服务业中心
第一节 提档升级支柱型服务业
第二节 做大做强成长型服务业
第三章 打造先进制造业集群
第四章 主要目标
"""

CASES = [
    ("identical", BASE, []),
    ("inserted-chapter", BASE.replace("第四章 打造先进制造业集群", "第四章 做强现代化都市农业\n第五章 打造先进制造业集群"),
     [(K.ADDED, "新增第四章“做强现代化都市农业”"),
      (K.RENUMBERED, "第四章“打造先进制造业集群”序号改为第五章")]),
    ("removed-section", BASE.replace("第二节 面临形势\n", ""),
     [(K.REMOVED, "删除第二节“面临形势”")]),
    ("renamed-section-in-place", BASE.replace("第二节 面临形势", "第二节 发展环境"),
     [(K.RENAMED, "第二节由“面临形势”更名为“发展环境”")]),
    ("reworded-chapter", BASE.replace("建设区域服务业中心", "建设区域现代服务业中心"),
     [(K.RENAMED, "第三章由“建设区域服务业中心”更名为“建设区域现代服务业中心”")]),
    ("chapter-moved-to-other-part", MOVED,
     [(K.RENUMBERED, "第三章“建设区域服务业中心”序号改为第二章"),
      (K.RENUMBERED, "第四章“打造先进制造业集群”序号改为第三章"),
      (K.MOVED, "第二章“主要目标”由第一篇“总体要求”调整至第二篇“现代产业”,序号改为第四章")]),
    ("sections-swapped",
     BASE.replace("第一节 提档升级支柱型服务业\n第二节 做大做强成长型服务业",
                  "第一节 做大做强成长型服务业\n第二节 提档升级支柱型服务业"),
     [(K.RENUMBERED, "第二节“做大做强成长型服务业”序号改为第一节"),
      (K.RENUMBERED, "第一节“提档升级支柱型服务业”序号改为第二节")]),
    ("inserted-section-and-next-reworded",
     BASE.replace("第二节 面临形势", "第二节 发展机遇\n第三节 面临的形势"),
     [(K.ADDED, "新增第二节“发展机遇”"),
      (K.RENAMED, "第二节“面临形势”更名为第三节“面临的形势”")]),
    ("replaced-elsewhere-is-not-a-rename",
     BASE.replace("第二节 面临形势\n", "").replace("第二章 主要目标", "第二章 主要目标\n第一节 指标体系"),
     [(K.REMOVED, "删除第二节“面临形势”"), (K.ADDED, "新增第一节“指标体系”")]),
    ("part-renamed-children-unchanged", BASE.replace("第二篇 现代产业", "第二篇 现代产业体系"),
     [(K.RENAMED, "第二篇由“现代产业”更名为“现代产业体系”")]),
    ("preface-word", BASE.replace("序言", "前言"), [(K.RENAMED, "序言更名为前言")]),
    ("punctuation-only-is-no-change", BASE.replace("主要目标", "“主要目标”"), []),
    ("title-became-a-duplicate",
     BASE.replace("第二章 主要目标", "第二章 主要目标\n第一节 发展基础"),
     [(K.ADDED, "新增第一节“发展基础”")]),
]


@pytest.mark.parametrize(("new", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_diff(new: str, expected: list[tuple[OutlineChangeKind, str]]) -> None:
    changes = diff_outline(refs(BASE), refs(new))
    assert [(c.kind, c.message) for c in changes] == expected


def test_duplicate_title_became_unique() -> None:
    old = BASE.replace("第二章 主要目标", "第二章 主要目标\n第一节 发展基础")
    changes = diff_outline(refs(old), refs(BASE))
    assert [(c.kind, c.message) for c in changes] == [(K.REMOVED, "删除第一节“发展基础”")]
    assert changes[0].old is not None and changes[0].old.parent_key == "chapter:主要目标"


def test_matching_carries_renamed_and_moved_nodes_over() -> None:
    new = MOVED.replace("第二节 面临形势", "第二节 发展环境")
    pairs = match_outline(refs(BASE), refs(new))
    assert pairs["section:面临形势"] == "section:发展环境"
    assert pairs["chapter:主要目标"] == "chapter:主要目标"
    assert len(pairs) == len(refs(BASE))  # every node of the old version has its successor


def test_renamed_carries_a_similarity() -> None:
    new = BASE.replace("建设区域服务业中心", "建设区域现代服务业中心")
    (change,) = diff_outline(refs(BASE), refs(new))
    # difflib: 2 × 9 common characters over 9 + 11 characters.
    assert change.similarity == 0.9


def test_removed_node_is_placed_where_it_stood() -> None:
    new = BASE.replace("第二节 面临形势\n", "").replace("第四章 打造先进制造业集群", "第四章 打造先进制造业集群\n第五章 保障措施")
    kinds = [c.kind for c in diff_outline(refs(BASE), refs(new))]
    assert kinds == [K.REMOVED, K.ADDED]


@pytest.fixture(scope="module")
def sample() -> str:
    return sample_path().read_text(encoding="utf-8")


def test_sample_with_inserted_chapter(sample: str) -> None:
    changes = diff_outline(refs(sample), refs(insert_chapter(sample, 5, "全面推进数字化转型")))
    assert [c.message for c in changes if c.kind is not K.RENUMBERED] == [
        "新增第五章“全面推进数字化转型”"]
    # The sample has 31 chapters: 第五章 … 第三十一章 move up by one, nothing else changes.
    runs = renumber_runs(changes)
    assert [(r.first, r.last, r.shift, r.count) for r in runs] == [(5, 31, 1, 27)]
    assert runs[0].message == "第五章至第三十一章序号依次改为第六章至第三十二章(共27个)"


RUNS = [
    ("one-insertion", "第一章 甲\n第二章 乙\n第三章 丙", "第一章 新\n第二章 甲\n第三章 乙\n第四章 丙",
     [(1, 3, 1, 3)]),
    ("two-insertions-two-shifts", "第一章 甲\n第二章 乙\n第三章 丙\n第四章 丁",
     "第一章 甲\n第二章 新一\n第三章 乙\n第四章 新二\n第五章 丙\n第六章 丁", [(2, 2, 1, 1), (3, 4, 2, 2)]),
    ("chapters-across-parts", "第一篇 A\n第一章 甲\n第二篇 B\n第二章 乙",
     "第一篇 A\n第一章 新\n第二章 甲\n第二篇 B\n第三章 乙", [(1, 2, 1, 2)]),
    ("sections-stay-under-their-chapter", "第一章 甲\n第一节 子一\n第二章 乙\n第一节 子二",
     "第一章 甲\n第一节 新一\n第二节 子一\n第二章 乙\n第一节 新二\n第二节 子二", [(1, 1, 1, 1), (1, 1, 1, 1)]),
    ("chapters-and-boxes-apart", "第一章 甲\n专栏1 项目一\n第二章 乙\n专栏2 项目二",
     "第一章 新\n专栏1 新项目\n第二章 甲\n专栏2 项目一\n第三章 乙\n专栏3 项目二",
     [(1, 2, 1, 2), (1, 2, 1, 2)]),
]


@pytest.mark.parametrize(("old", "new", "expected"), [c[1:] for c in RUNS], ids=[c[0] for c in RUNS])
def test_renumber_runs(old: str, new: str, expected: list[tuple[int, int, int, int]]) -> None:
    runs = renumber_runs(diff_outline(refs(old), refs(new)))
    assert [(r.first, r.last, r.shift, r.count) for r in runs] == expected


def test_section_promoted_to_chapter_is_a_move() -> None:
    old = "第一章 甲\n第一节 数字经济\n第二章 乙"
    new = "第一章 甲\n第二章 数字经济\n第三章 乙"
    changes = diff_outline(refs(old), refs(new))
    kinds = {c.kind for c in changes}
    assert K.MOVED in kinds and K.ADDED not in kinds and K.REMOVED not in kinds
    assert "第一节“数字经济”升格为第二章“数字经济”" in [c.message for c in changes]
    back = [c.message for c in diff_outline(refs(new), refs(old))]
    assert "第二章“数字经济”降格为第一节“数字经济”" in back


def test_a_title_shared_by_two_left_over_nodes_is_not_paired_across_levels() -> None:
    old = "第一章 甲\n第一节 数字经济\n第二章 乙\n第一节 数字经济"
    new = "第一章 甲\n第二章 数字经济\n第三章 乙"
    kinds = [c.kind for c in diff_outline(refs(old), refs(new))]
    assert K.ADDED in kinds and K.REMOVED in kinds
