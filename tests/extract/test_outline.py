"""The outline tree: the sample's counts, other plans' conventions, anomalies, and spans."""

from collections import Counter
from itertools import pairwise

import pytest

from planwatch.domain.outline import NodeKind, Outline, OutlineNode
from planwatch.extract.normalize import normalize
from planwatch.extract.outline import build_outline
from planwatch.samples import sample_path

K = NodeKind


def outline_of(text: str) -> tuple[Outline, list[str]]:
    outline, issues = build_outline(normalize(text))
    return outline, [f"{i.code}@{i.line}" for i in issues]


def shape(outline: Outline) -> list[tuple[str, str, str]]:
    return [(n.id, n.kind.value, n.title) for n in outline.walk()]


def assert_partition(outline: Outline, text: str) -> None:
    """Every character from the first heading on lies in exactly one deepest node."""
    owners = [0] * len(text)

    def visit(nodes: tuple[OutlineNode, ...], lo: int, hi: int) -> None:
        previous_end = lo
        for node in nodes:
            assert lo <= node.start < node.end <= hi, node.id
            assert node.start >= previous_end, f"{node.id} overlaps its previous sibling"
            previous_end = node.end
            visit(node.children, node.start, node.end)

    visit(outline.nodes, outline.body_start, len(text))
    tops = outline.nodes
    assert tops[0].start == outline.body_start and tops[-1].end == len(text)
    assert all(a.end == b.start for a, b in pairwise(tops))
    for offset in range(outline.body_start, len(text)):
        chain = outline.ancestors_at(offset)
        assert chain, offset
        owners[offset] += 1
    assert set(owners[outline.body_start :]) == {1}


@pytest.fixture(scope="module")
def sample() -> str:
    return sample_path().read_text(encoding="utf-8")


def test_sample_counts(sample: str) -> None:
    outline, issues = outline_of(sample)
    counts = Counter(node.kind for node in outline.walk())
    assert counts == {K.PREFACE: 1, K.PART: 10, K.CHAPTER: 31, K.SECTION: 87, K.BOX: 32}
    # 第十六章 has two 第二节 (lines 183 and 185 of the sample); nothing else is off.
    assert issues == ["duplicate_number@185"]


def test_sample_spans(sample: str) -> None:
    outline, _ = outline_of(sample)
    assert_partition(outline, sample)
    for node in outline.walk():
        heading = sample[node.start : node.title_end].replace(" ", "")
        assert heading.startswith(node.label), node.id
        assert sample.count("\n", 0, node.start) + 1 == node.line


def test_sample_duplicate_section_keeps_both(sample: str) -> None:
    outline, _ = outline_of(sample)
    chapter = next(n for n in outline.walk() if n.id == "p5.c16")
    assert [(c.label, c.title) for c in chapter.children][:3] == [
        ("第一节", "巩固拓展脱贫攻坚成果"),
        ("第二节", "完善返贫监测帮扶机制"),
        ("第二节", "建设生态宜居乡村"),
    ]
    assert [c.id for c in chapter.children][1:3] == ["p5.c16.s2", "p5.c16.s2~2"]


NATIONAL_STYLE = """中华人民共和国国民经济和社会发展
第十四个五年规划和2035年远景目标纲要
目　　录
第一篇　开启全面建设社会主义现代化国家新征程……1
第一章　发展环境……1
第二章　指导方针……3
第二篇　坚持创新驱动发展……5
第三章　强化国家战略科技力量……5
第一篇　开启全面建设社会主义现代化国家新征程
第一章　发展环境
第一节　决胜全面建成小康社会取得决定性成就
“十三五”时期，经济实力、科技实力、综合国力跃上新台阶，经济运行总体平稳。
第二节　我国发展环境面临深刻复杂变化
当前和今后一个时期，我国发展仍然处于重要战略机遇期。
第二章　指导方针
第一节　指导思想
高举中国特色社会主义伟大旗帜。
专栏1　“十四五”时期经济社会发展主要指标
类别\t指标\t2020年\t2025年\t年均/累计\t属性
经济发展\t国内生产总值增长（%）\t2.3\t保持在合理区间、各年度视情提出\t—\t预期性
\t全员劳动生产率增长（%）\t2.5\t高于国内生产总值增长\t—\t预期性
注：〔〕内为5年累计数。
坚持以人民为中心的发展思想，这一段在专栏之后，属于第一节。
第二篇　坚持创新驱动发展　全面塑造发展新优势
第三章　强化国家战略科技力量
制定科技强国行动纲要。
"""


def test_national_style_with_table_of_contents_and_box() -> None:
    outline, issues = outline_of(NATIONAL_STYLE)
    assert shape(outline) == [
        ("p1", "part", "开启全面建设社会主义现代化国家新征程"),
        ("p1.c1", "chapter", "发展环境"),
        ("p1.c1.s1", "section", "决胜全面建成小康社会取得决定性成就"),
        ("p1.c1.s2", "section", "我国发展环境面临深刻复杂变化"),
        ("p1.c2", "chapter", "指导方针"),
        ("p1.c2.s1", "section", "指导思想"),
        ("p1.c2.s1.b1", "box", "“十四五”时期经济社会发展主要指标"),
        ("p2", "part", "坚持创新驱动发展"),
        ("p2.c3", "chapter", "强化国家战略科技力量"),
    ]
    assert issues == []
    box = next(n for n in outline.walk() if n.kind is K.BOX)
    assert NATIONAL_STYLE[box.start : box.end].splitlines()[-1] == "注：〔〕内为5年累计数。"
    after = NATIONAL_STYLE.index("坚持以人民为中心")
    assert outline.deepest_at(after).id == "p1.c2.s1"
    assert outline.body_start == NATIONAL_STYLE.index(
        "第一篇　开启", NATIONAL_STYLE.index("第三章")
    )
    assert_partition(outline, NATIONAL_STYLE)


CITY_NUMBERED = """某市国民经济和社会发展第十五个五年规划纲要
一、发展基础
（一）主要成就
1.经济实力。地区生产总值达到3000亿元。
2.创新能力。研发投入强度达到2.5%。
（二）面临形势
二、总体要求
（一）指导思想
"""


def test_numbered_headings_become_levels() -> None:
    outline, issues = outline_of(CITY_NUMBERED)
    assert shape(outline) == [
        ("c1", "chapter", "发展基础"),
        ("c1.s1", "section", "主要成就"),
        ("c1.s1.i1", "item", "经济实力"),
        ("c1.s1.i2", "item", "创新能力"),
        ("c1.s2", "section", "面临形势"),
        ("c2", "chapter", "总体要求"),
        ("c2.s1", "section", "指导思想"),
    ]
    assert issues == []
    assert_partition(outline, CITY_NUMBERED)


def test_enumerated_headings_under_chapters_are_sections() -> None:
    outline, _ = outline_of(
        "第一章 发展环境\n一、发展基础\n正文。\n二、面临形势\n第二章 总体要求\n一、指导思想\n"
    )
    assert [(n.id, n.kind.value) for n in outline.walk()] == [
        ("c1", "chapter"), ("c1.s1", "section"), ("c1.s2", "section"),
        ("c2", "chapter"), ("c2.s1", "section"),
    ]  # fmt: skip


ANOMALIES = [
    # id, text, expected issues
    (
        "duplicated section",
        "第一章 甲\n第一节 乙\n第二节 丙\n第二节 丁\n第三节 戊\n",
        ["duplicate_number@4"],
    ),
    ("skipped section", "第一章 甲\n第一节 乙\n第三节 丙\n", ["skipped_number@3"]),
    (
        "skipped chapter across parts",
        "第一篇 甲\n第一章 乙\n第二篇 丙\n第三章 丁\n",
        ["skipped_number@4"],
    ),
    ("chapters continue across parts", "第一篇 甲\n第一章 乙\n第二篇 丙\n第二章 丁\n", []),
    (
        "chapters restart in each part",
        "第一编 甲\n第一章 乙\n第二章 丙\n第二编 丁\n第一章 戊\n",
        [],
    ),
    ("sections restart in each chapter", "第一章 甲\n第一节 乙\n第二章 丙\n第一节 丁\n", []),
    ("sequence not starting at one", "第一章 甲\n第二节 乙\n第三节 丙\n", ["numbering_start@2"]),
    ("number out of order", "第一章 甲\n第二章 乙\n第一章 丙\n", ["number_out_of_order@3"]),
    ("skipped box", "第一章 甲\n专栏1 乙\n专栏3 丙\n", ["skipped_number@3"]),
    ("duplicated enumerated heading", "一、甲\n二、乙\n二、丙\n", ["duplicate_number@3"]),
    ("chapter ninety-nine then one hundred", "第九十九章 甲\n第一百章 乙\n", ["numbering_start@1"]),
]


@pytest.mark.parametrize(
    ("text", "expected"), [c[1:] for c in ANOMALIES], ids=[c[0] for c in ANOMALIES]
)
def test_numbering_anomalies(text: str, expected: list[str]) -> None:
    _, issues = outline_of(text)
    assert issues == expected


SAME_LINE_BODIES = [
    ("ideographic spaces", "第一章　发展环境　　当前我国发展仍处于重要战略机遇期。"),
    ("ASCII spaces", "第一章 发展环境    当前我国发展仍处于重要战略机遇期。"),
    ("no separator but a full stop", "第一章发展环境。当前我国发展仍处于重要战略机遇期。"),
]


@pytest.mark.parametrize(
    "line", [c[1] for c in SAME_LINE_BODIES], ids=[c[0] for c in SAME_LINE_BODIES]
)
def test_heading_followed_by_body_on_the_same_line(line: str) -> None:
    outline, _ = outline_of(line + "\n第二章 总体要求\n")
    first = outline.nodes[0]
    assert first.title == "发展环境"
    assert line[first.title_end :].lstrip("　 。").startswith("当前")


def test_offsets_refer_to_the_original_with_crlf() -> None:
    text = "某区规划纲要\r\n序　言\r\n正文。\r\n第 一 篇　总体\r\n第一章  目标\r\n正文\r\n"
    outline, _ = outline_of(text)
    part = outline.nodes[1]
    assert text[part.start : part.title_end] == "第 一 篇　总体"
    assert (part.line, part.end) == (4, len(text))
    assert text[outline.nodes[0].start : outline.nodes[0].end] == "序　言\r\n正文。\r\n"
    assert_partition(outline, text)


def test_text_without_headings_has_an_empty_outline() -> None:
    outline, issues = outline_of("这是一段没有任何标题的文字。\n第二段。")
    assert outline.nodes == () and issues == []
