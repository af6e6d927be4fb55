"""Headings that share a line, are glued to a paragraph, or stand in a dense table of contents."""

import pytest

from planwatch.extract.normalize import normalize
from planwatch.extract.outline import build_outline


def shape(text: str) -> list[tuple[str, str, int]]:
    outline, _ = build_outline(normalize(text))
    return [(n.id, n.title, n.line) for n in outline.walk()]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "第二篇　经济结构　　第三章　构建现代产业体系\n正文。\n第四章　扩大内需\n",
            [("p2", "经济结构", 1), ("p2.c3", "构建现代产业体系", 1), ("p2.c4", "扩大内需", 3)],
            id="part-and-chapter-after-a-gap",
        ),
        pytest.param(
            "第五章 深化改革　第一节 优化营商环境\n正文。\n第二节 激发市场活力\n",
            [("c5", "深化改革", 1), ("c5.s1", "优化营商环境", 1), ("c5.s2", "激发市场活力", 3)],
            id="chapter-and-section",
        ),
        pytest.param(
            "第五章深化改革第一节优化营商环境\n正文。\n",
            [("c5", "深化改革", 1), ("c5.s1", "优化营商环境", 1)],
            id="chapter-and-section-without-a-separator",
        ),
        pytest.param(
            "一、总体要求（一）指导思想\n正文。\n（二）基本原则\n",
            [("c1", "总体要求", 1), ("c1.s1", "指导思想", 1), ("c1.s2", "基本原则", 3)],
            id="enum-and-paren-enum",
        ),
        pytest.param(
            "第三章 保障\n第三节 人才\n加强人才保障 。第四节增进民族团结\n正文。\n",
            [("c3", "保障", 1), ("c3.s3", "人才", 2), ("c3.s4", "增进民族团结", 3)],
            id="heading-glued-to-a-paragraph",
        ),
        pytest.param(
            "第一章 总体要求\n推进本规划第三章所列工程。第二节要求见附件,另行印发。\n",
            [("c1", "总体要求", 1)],
            id="a-reference-in-prose-is-no-heading",
        ),
        pytest.param(
            "目录\n第一章 总体要求……1　第二章 发展环境……5\n第三章 保障……9\n"
            "第一章 总体要求\n正文。\n第二章 发展环境\n正文。\n第三章 保障\n",
            [("c1", "总体要求", 4), ("c2", "发展环境", 6), ("c3", "保障", 8)],
            id="toc-with-several-entries-a-line",
        ),
        pytest.param(
            "第一章 总体要求 1　第二章 发展环境 5　第三章 保障 9\n"
            "第一章 总体要求\n正文。\n第二章 发展环境\n正文。\n第三章 保障\n",
            [("c1", "总体要求", 2), ("c2", "发展环境", 4), ("c3", "保障", 6)],
            id="toc-with-page-numbers-without-a-title",
        ),
    ],
)
def test_headings_on_shared_lines(text: str, expected: list[tuple[str, str, int]]) -> None:
    assert shape(text) == expected


def test_toc_one_entry_a_line_with_bare_page_numbers() -> None:
    text = (
        "第一章 总体要求 1\n第二章 发展环境 5\n第三章 保障 9\n"
        "第一章 总体要求\n正文。\n第二章 发展环境\n正文。\n第三章 保障\n"
    )
    assert [n.line for n in build_outline(normalize(text))[0].walk()] == [4, 6, 8]


def test_headings_ending_in_a_number_are_no_contents_unless_they_come_again() -> None:
    text = "第一章 发展基础 1\n第二章 建设目标 2\n第三章 重点任务 3\n正文。\n"
    assert [n.line for n in build_outline(normalize(text))[0].walk()] == [1, 2, 3]
