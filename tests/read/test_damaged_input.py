"""Damaged files of every format give a Document or UnreadableDocument, never a library error."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from document_builders import build_docx, build_pdf
from planwatch.domain.document import Document
from planwatch.errors import UnreadableDocument
from planwatch.read import read_bytes

LINES = ["第一章 规划背景", "到2025年，全区外贸进出口总额达到20亿元。", "森林覆盖率达 39.2%"]
ORIGINALS = {
    "plan.docx": build_docx(LINES, table_after=1),
    "plan.pdf": build_pdf(LINES),
    "plan.html": ("<html><body><p>" + "</p><p>".join(LINES) + "</p></body></html>").encode("gbk"),
    "plan.txt": "\r\n".join(LINES).encode("utf-16"),
}


@st.composite
def damaged(draw: st.DrawFn) -> tuple[str, bytes]:
    """An original cut short, or with a few bytes overwritten."""
    name = draw(st.sampled_from(sorted(ORIGINALS)))
    data = bytearray(ORIGINALS[name])
    if draw(st.booleans()):
        data = data[: draw(st.integers(min_value=1, max_value=len(data) - 1))]
    else:
        for _ in range(draw(st.integers(min_value=1, max_value=8))):
            data[draw(st.integers(min_value=0, max_value=len(data) - 1))] = draw(
                st.integers(min_value=0, max_value=255)
            )
    return name, bytes(data)


@settings(max_examples=120, deadline=None, derandomize=True)
@given(damaged())
def test_damage_is_reported_not_raised(case: tuple[str, bytes]) -> None:
    name, data = case
    try:
        document = read_bytes(data, name=name, max_bytes=len(data))
    except UnreadableDocument as error:
        assert error.path == name
        assert error.problem
    else:
        assert isinstance(document, Document)
        assert document.source.chars == len(document.text)


@pytest.mark.parametrize("name", sorted(ORIGINALS))
def test_originals_are_readable(name: str) -> None:
    text = read_bytes(ORIGINALS[name], name=name, max_bytes=len(ORIGINALS[name])).text
    assert "全区外贸进出口总额达到20亿元" in text
