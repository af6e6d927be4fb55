"""Stable outline keys: kind and folded title, unique within a version, blind to numbering."""

import pytest
from plan_texts import insert_chapter, refs

from planwatch.compare.outline_keys import MAX_KEY, normalize_title, stable_keys
from planwatch.domain.outline import NodeKind, OutlineNode
from planwatch.extract.normalize import normalize
from planwatch.extract.outline import build_outline
from planwatch.samples import sample_path


def keys_of(text: str, with_text: bool = True) -> dict[str, str]:
    outline, _ = build_outline(normalize(text))
    return stable_keys(outline.nodes, text if with_text else None)


CASES = [
    ("chapter-title", "第一章 规划背景\n正文。", {"c1": "chapter:规划背景"}),
    ("quotes-dropped", "第一节 “十四五”经济社会发展主要目标", {"s1": "section:十四五经济社会发展主要目标"}),
    ("number-not-in-key", "第十六章 深入实施乡村振兴战略", {"c16": "chapter:深入实施乡村振兴战略"}),
    ("part-and-chapter", "第一篇 开启新征程\n第一章 规划背景",
     {"p1": "part:开启新征程", "p1.c1": "chapter:规划背景"}),
    ("box-title", "专栏1 “十四五”时期经济社会发展主要指标\n指标\t2020年",
     {"b1": "box:十四五时期经济社会发展主要指标"}),
    ("preface", "序言\n正文。\n第一章 规划背景", {"preface": "preface", "c1": "chapter:规划背景"}),
    ("preface-other-word", "前言\n正文。", {"preface": "preface"}),
    ("item-heading", "第一节 发展基础\n一、经济实力显著增强\n正文。",
     {"s1": "section:发展基础", "s1.i1": "item:经济实力显著增强"}),
    ("duplicate-across-parents",
     "第一章 甲\n第一节 发展基础\n第二章 乙\n第一节 发展基础",
     {"c1": "chapter:甲", "c1.s1": "chapter:甲/section:发展基础",
      "c2": "chapter:乙", "c2.s1": "chapter:乙/section:发展基础"}),
    ("duplicate-under-one-parent", "第一章 甲\n第一节 重点任务\n第二节 重点任务",
     {"c1": "chapter:甲", "c1.s1": "chapter:甲/section:重点任务",
      "c1.s2": "chapter:甲/section:重点任务~2"}),
    ("duplicate-at-top", "第一章 总体要求\n第二章 总体要求",
     {"c1": "chapter:总体要求", "c2": "chapter:总体要求~2"}),
    ("same-title-other-kind", "第一章 发展基础\n第一节 发展基础",
     {"c1": "chapter:发展基础", "c1.s1": "section:发展基础"}),
    ("untitled-box-takes-body", "第一章 甲\n专栏1\n序号\t项目名称\t建设内容",
     {"c1": "chapter:甲", "c1.b1": "box:~序号项目名称建设内容"}),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_keys(text: str, expected: dict[str, str]) -> None:
    assert keys_of(text) == expected


def test_untitled_node_without_text_takes_its_number() -> None:
    assert keys_of("第一章 甲\n专栏3\n序号\t项目名称", with_text=False) == {
        "c1": "chapter:甲", "c1.b3": "box#3"}


WIDTHS = [
    ("full-width-latin", "ＧＤＰ增长", "GDP增长"),
    ("ideographic-space", "发展\u3000基础", "发展基础"),
    ("full-width-punct", "（一）稳增长，促改革", "(一)稳增长,促改革"),
    ("ascii-case", "5G网络", "5g网络"),
]


@pytest.mark.parametrize(("a", "b"), [c[1:] for c in WIDTHS], ids=[c[0] for c in WIDTHS])
def test_width_and_punctuation_fold(a: str, b: str) -> None:
    assert normalize_title(a) == normalize_title(b)


def node(id_: str, title: str) -> OutlineNode:
    return OutlineNode(id_, NodeKind.ITEM, "1.", 1, title, 1, 0, 1, 1, 1)


def test_long_keys_are_capped_and_stay_unique() -> None:
    head = "加快建设现代化经济体系" * 30  # 330 characters
    keys = stable_keys([node("i1", head + "甲"), node("i2", head + "乙")])
    assert all(len(k) <= MAX_KEY for k in keys.values())
    assert keys["i1"] != keys["i2"]


def test_a_flat_list_gives_the_tree_keys() -> None:
    outline, _ = build_outline(normalize("第一章 甲\n第一节 乙\n第二章 丙"))
    assert stable_keys(list(outline.walk())) == stable_keys(outline.nodes)


@pytest.fixture(scope="module")
def sample() -> str:
    return sample_path().read_text(encoding="utf-8")


def test_sample_keys_are_unique(sample: str) -> None:
    outline, _ = build_outline(normalize(sample))
    keys = stable_keys(outline.nodes, sample)
    assert len(keys) == len(list(outline.walk())) == 161
    assert len(set(keys.values())) == 161


def test_keys_survive_an_inserted_chapter(sample: str) -> None:
    before = refs(sample)
    after = refs(insert_chapter(sample, 5, "全面推进数字化转型"))
    old = {r.key: r for r in before}
    new = {r.key: r for r in after}
    assert set(new) - set(old) == {"chapter:全面推进数字化转型"}
    assert set(old) <= set(new)
    # 第五章 深度融入区域开放合作 is 第六章 now, under the same key.
    moved = old["chapter:深度融入区域开放合作"], new["chapter:深度融入区域开放合作"]
    assert (moved[0].label, moved[1].label) == ("第五章", "第六章")
