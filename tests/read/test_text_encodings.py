"""Plain-text plans in every encoding Chinese offices produce decode to exactly the original."""

import codecs
import hashlib
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from document_builders import SAMPLE, TRADITIONAL_EXCERPT, encodable_lines
from planwatch.domain.document import DocumentFormat
from planwatch.read import read_bytes, read_document

MAX_BYTES = 10 * 1024 * 1024

LF_TEXT = SAMPLE.read_text(encoding="utf-8")
LINES = LF_TEXT.split("\n")
GBK_TEXT = "\n".join(encodable_lines(LF_TEXT.split("\n"), "gbk"))
GB2312_TEXT = "\n".join(encodable_lines(LF_TEXT.split("\n"), "gb2312"))


def crlf(text: str) -> str:
    return text.replace("\n", "\r\n")


def cr(text: str) -> str:
    return text.replace("\n", "\r")


def with_bom(encoding: str) -> Callable[[str], bytes]:
    bom = {"utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE}[encoding]
    return lambda text: bom + text.encode(encoding)


def plain(encoding: str) -> Callable[[str], bytes]:
    return lambda text: text.encode(encoding)


# (id, text, how to encode it, the encoding planwatch must report)
CASES = [
    ("utf-8", LF_TEXT, plain("utf-8"), "utf-8"),
    ("utf-8-bom", LF_TEXT, plain("utf-8-sig"), "utf-8-sig"),
    ("utf-8-crlf", crlf(LF_TEXT), plain("utf-8"), "utf-8"),
    ("utf-8-cr", cr(LF_TEXT), plain("utf-8"), "utf-8"),
    ("gb18030", LF_TEXT, plain("gb18030"), "gb18030"),
    ("gb18030-crlf", crlf(LF_TEXT), plain("gb18030"), "gb18030"),
    ("gbk-excerpt", GBK_TEXT, plain("gbk"), "gb18030"),
    ("gb2312-excerpt-cr", cr(GB2312_TEXT), plain("gb2312"), "gb18030"),
    ("big5-traditional", TRADITIONAL_EXCERPT, plain("big5"), "big5"),
    ("utf-16-le", LF_TEXT, plain("utf-16-le"), "utf-16-le"),
    ("utf-16-be", LF_TEXT, plain("utf-16-be"), "utf-16-be"),
    ("utf-16-le-crlf", crlf(LF_TEXT), plain("utf-16-le"), "utf-16-le"),
    ("utf-16-le-bom", LF_TEXT, with_bom("utf-16-le"), "utf-16"),
    ("utf-16-be-bom", crlf(LF_TEXT), with_bom("utf-16-be"), "utf-16"),
    ("utf-32-bom", LF_TEXT, plain("utf-32"), "utf-32"),
]


@pytest.mark.parametrize(
    ("text", "encode", "encoding"),
    [pytest.param(text, encode, encoding, id=case) for case, text, encode, encoding in CASES],
)
def test_decodes_exactly(
    tmp_path: Path, text: str, encode: Callable[[str], bytes], encoding: str
) -> None:
    data = encode(text)
    path = tmp_path / "plan.txt"
    path.write_bytes(data)

    document = read_document(path, max_bytes=MAX_BYTES)

    assert document.text == text  # line endings and every character kept; BOM dropped
    assert document.source.encoding == encoding
    assert data.decode(document.source.encoding) == document.text
    assert document.source.format is DocumentFormat.TXT
    assert document.source.chars == len(text)
    assert document.source.sha256 == hashlib.sha256(data).hexdigest()
    assert document.source.path == str(path)


def test_gbk_excerpt_is_most_of_the_plan() -> None:
    assert len(GBK_TEXT) > 0.9 * len(LF_TEXT)
    assert len(GB2312_TEXT) > 0.5 * len(LF_TEXT)


def test_big5_excerpt_is_not_misread_as_gb18030() -> None:
    data = TRADITIONAL_EXCERPT.encode("big5")
    assert data.decode("gb18030", errors="strict")  # the trap: Big5 bytes are valid GB18030

    assert read_bytes(data, name="big5.txt", max_bytes=MAX_BYTES).text == TRADITIONAL_EXCERPT


@settings(max_examples=60, deadline=None, derandomize=True)
@given(
    start=st.integers(min_value=0, max_value=330),
    count=st.integers(min_value=1, max_value=8),
    encoding=st.sampled_from(["gb18030", "utf-8", "utf-16-le", "utf-16-be", "big5"]),
    newline=st.sampled_from(["\n", "\r\n", "\r"]),
)
def test_any_excerpt_of_the_plan_round_trips(
    start: int, count: int, encoding: str, newline: str
) -> None:
    lines = [line for line in LINES[start : start + count] if line.strip()]
    if encoding == "big5":  # simplified text has no Big5 form; use the traditional excerpt
        lines = TRADITIONAL_EXCERPT.splitlines()[: count % 4 + 1]
    text = newline.join(lines) + newline
    document = read_bytes(text.encode(encoding), name="excerpt.txt", max_bytes=MAX_BYTES)
    assert document.text == text


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_or_nul_bytes(encoding: str) -> None:
    text = "规划背景发展基础全区经济实力显著增强"  # no ASCII, no U+XX00: not one NUL byte
    assert b"\x00" not in text.encode(encoding)

    document = read_bytes(text.encode(encoding), name="hanzi.txt", max_bytes=MAX_BYTES)

    assert (document.text, document.source.encoding) == (text, encoding)


FRENCH = "Le plan quinquennal a été adopté en mars par les députés de la région.\n" * 3


@pytest.mark.parametrize(
    ("text", "encoding", "expected"),
    [
        pytest.param("Plan 2021-2025.\n" * 20, "utf-16-le", "utf-16-le", id="english-utf-16"),
        pytest.param(
            "到2025年，外贸进出口总额达到20亿元。", "gb18030", "gb18030", id="one-gb-line"
        ),
        # charset-normalizer's call: cp1250 and cp1252 agree on these characters
        pytest.param(FRENCH, "cp1252", "cp1250", id="french-cp1252"),
    ],
)
def test_other_texts_keep_their_encoding(text: str, encoding: str, expected: str) -> None:
    document = read_bytes(text.encode(encoding), name="other.txt", max_bytes=MAX_BYTES)
    assert (document.text, document.source.encoding) == (text, expected)
