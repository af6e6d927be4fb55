"""Hostile or careless text input: codecs no document uses, a file cut inside a character,
control characters. Each is read (or refused) with a clear result, never a traceback."""

from __future__ import annotations

import pytest

from planwatch.errors import UnreadableDocument
from planwatch.read import read_bytes

LIMIT = 1024 * 1024
PLAN = "第一章 总体要求\n到2025年,森林覆盖率达到40%。\n"
# A page of running text: one odd character among a few is no sign of binary data.
PAGE = "“十四五”时期,全区经济社会发展的主要目标是:综合实力显著增强,城乡区域协调发展。\n" * 4


@pytest.mark.parametrize(
    "label", ["undefined", "punycode", "idna", "unicode_escape", "base64", "utf-7", "x\x00y"]
)
def test_a_meta_charset_no_document_uses_falls_back_to_detection(label: str) -> None:
    page = f'<html><head><meta charset="{label}"></head><body><p>{PLAN}</p></body></html>'
    document = read_bytes(page.encode("utf-8"), name="plan.html", max_bytes=LIMIT)
    assert "森林覆盖率达到40%" in document.text
    assert document.source.encoding == "utf-8"


@pytest.mark.parametrize(
    ("cut", "kept"),
    [
        pytest.param(
            1, "第一章 总体要求\n到2025年,森林覆盖率达到40%。", id="one-byte-of-three-missing"
        ),
        pytest.param(
            2, "第一章 总体要求\n到2025年,森林覆盖率达到40%。", id="two-bytes-of-three-missing"
        ),
    ],
)
def test_utf8_cut_inside_the_last_character_is_read(cut: int, kept: str) -> None:
    data = (PLAN.rstrip("\n") + "达").encode("utf-8")[:-cut]
    document = read_bytes(data, name="plan.txt", max_bytes=LIMIT)
    assert document.text == kept
    assert document.source.encoding == "utf-8"
    issue = next(i for i in document.issues if i.code == "truncated_text")
    assert f"{3 - cut} 个字节" in issue.message and issue.line == 2


def test_truncated_html_is_read_too() -> None:
    data = f"<html><body><p>{PLAN}达</p>".encode()
    document = read_bytes(data[: data.index("达".encode()) + 1], name="p.html", max_bytes=LIMIT)
    assert "森林覆盖率" in document.text
    assert [i.code for i in document.issues] == ["truncated_text"]


def test_invalid_utf8_in_the_middle_is_not_a_cut() -> None:
    # Only a cut at the very end is forgiven; damage inside the text is no encoding at all.
    data = PAGE.encode() + b"\xe6\x9e" + PAGE.encode()
    with pytest.raises(UnreadableDocument, match="文本编码"):
        read_bytes(data, name="plan.txt", max_bytes=LIMIT)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("森林\x01覆盖率达到40%\n", "森林 覆盖率达到40%\n", id="x01"),
        pytest.param("森林\x00覆盖率达到40%\n", "森林 覆盖率达到40%\n", id="nul"),
        pytest.param("森林\x7f覆盖率\x1b达到40%\n", "森林 覆盖率 达到40%\n", id="del-and-escape"),
        pytest.param("第一章\t总体\r\n要求\f\n", "第一章\t总体\r\n要求\f\n", id="layout-stays"),
        pytest.param("森林\x00\x00覆盖率\n", "森林  覆盖率\n", id="two-nuls-in-utf8"),
    ],
)
def test_control_characters_become_spaces_without_moving_offsets(text: str, expected: str) -> None:
    document = read_bytes((PAGE + text).encode("utf-8"), name="plan.txt", max_bytes=LIMIT)
    assert document.text == PAGE + expected and len(document.text) == len(PAGE + text)
    replaced = [i for i in document.issues if i.code == "control_characters"]
    assert len(replaced) == (0 if text == expected else 1)


def test_binary_data_is_still_refused() -> None:
    with pytest.raises(UnreadableDocument, match="二进制"):
        read_bytes(bytes(range(256)) * 8, name="plan.txt", max_bytes=LIMIT)
