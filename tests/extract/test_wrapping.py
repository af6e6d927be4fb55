"""Soft line breaks of PDF text are rejoined; one-paragraph-a-line text is left alone."""

import textwrap

from planwatch.extract.normalize import normalize
from planwatch.extract.wrapping import join_wrapped_lines

PARAGRAPH = (
    "到2025年,全区地区生产总值突破1000亿元,力争达到1200亿元,外贸进出口总额达到20亿元,"
    "社会消费品零售总额达到630亿元,常住人口城镇化率提高到80%以上,森林覆盖率达到39.6%。"
)


def wrapped_plan(width: int) -> str:
    lines = ["第一章 主要目标", "第一节 经济发展"]
    for _ in range(8):
        lines.extend(textwrap.wrap(PARAGRAPH, width))
    return "\n".join(lines) + "\n"


def test_wrapped_paragraphs_are_rejoined() -> None:
    original = wrapped_plan(30)
    joined = join_wrapped_lines(normalize(original))
    lines = joined.text.split("\n")
    assert lines[:2] == ["第一章主要目标", "第一节经济发展"]
    assert lines[2:10] == [PARAGRAPH] * 8
    start = joined.text.index("1200亿元")
    assert original[slice(*joined.span(start, start + 6))].replace("\n", "") == "1200亿元"


def test_paragraph_per_line_text_is_untouched() -> None:
    original = "\n".join(PARAGRAPH[: n * 3] for n in range(4, 40))
    text = normalize(original)
    assert join_wrapped_lines(text) is text


def test_heading_after_a_full_line_starts_its_own_line() -> None:
    body = textwrap.wrap(PARAGRAPH.replace("。", ""), 30)
    original = "\n".join([*body, "第二章 空间布局", *body] * 6)
    joined = join_wrapped_lines(normalize(original)).text
    assert joined.count("\n第二章空间布局\n") == 6
    assert all(line.startswith(("第二章", "到2025年")) for line in joined.split("\n"))
