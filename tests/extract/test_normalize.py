"""The normal form: what it folds, what it drops, and that every span maps back."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from planwatch.extract.normalize import normalize

CASES = [
    # id, original, normal form
    ("full-width digits and percent", "增长６．５％", "增长6.5%"),
    ("full-width punctuation", "（一）发展基础：", "(一)发展基础:"),
    ("spaces inside a year", "2 0 0 5 年", "2005年"),
    ("space splitting a number", "投资 4 00 亿元", "投资400亿元"),
    ("thousands split by a space", "12 000 人", "12000人"),
    ("two numbers in a table row stay apart", "2020 2025", "2020 2025"),
    ("decimal then number stays apart", "616.36 1000", "616.36 1000"),
    ("spaced Chinese year", "二 〇 三五年", "二〇三五年"),
    ("circle for zero in a year", "二○三五年远景目标", "二〇三五年远景目标"),
    ("letter O for zero in OCR text", "二O三五年", "二〇三五年"),
    ("letter O in a word is kept", "OECD国家", "OECD国家"),
    ("spaces inside quotes", "“ 十四五 ” 时期", "“十四五”时期"),
    ("ideographic space is a gap", "第一章　总体要求", "第一章\t总体要求"),
    ("two ASCII spaces are a gap", "第一章  总体要求", "第一章\t总体要求"),
    ("tab is a gap", "指标\t单位", "指标\t单位"),
    ("latin words keep their space", "Smart City 建设", "Smart City建设"),
    ("form feed and zero-width dropped", "发展\f基础\u200b。", "发展基础。"),
    ("spaces at line ends dropped", "  序 言  ", "序言"),
    ("CRLF becomes one break", "甲\r\n乙\r丙\n丁", "甲\n乙\n丙\n丁"),
    ("space before a percent sign", "增长 8.5 % ,", "增长8.5%,"),
]


@pytest.mark.parametrize(
    ("original", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_normal_form(original: str, expected: str) -> None:
    assert normalize(original).text == expected


def test_span_maps_to_original() -> None:
    original = "到 ２０２５ 年，\r\n全区外贸进出口总额达到 2 0 亿元"
    text = normalize(original)
    start = text.text.index("20亿元")
    assert text.span(start, start + 4) == (original.index("2 0"), len(original))
    assert original[slice(*text.span(start, start + 4))] == "2 0 亿元"


def test_line_numbers_count_every_break_style() -> None:
    original = "一\r\n二\r三\n四"
    text = normalize(original)
    assert [text.line_of(original.index(c)) for c in "一二三四"] == [1, 2, 3, 4]


@given(
    st.text(
        alphabet=st.sampled_from(list("第一章节年二20 5.　\t\r\n“”亿元％Ａa,。\fO○")), max_size=60
    )
)
def test_every_normal_character_comes_from_the_original(original: str) -> None:
    text = normalize(original)
    assert len(text.origin) == len(text.text) + 1
    assert list(text.origin) == sorted(text.origin)
    assert len(set(text.origin[:-1])) == len(text.origin) - 1
    for char, at in zip(text.text, text.origin, strict=False):
        source = original[at]
        if char == "\n":
            assert source in "\r\n"
        elif char == "\t":
            assert source in " \t\u3000"
        elif char == " ":
            assert source == " "
        elif char == "〇":
            assert source in "〇○O"
        else:
            assert normalize(source).text == char
