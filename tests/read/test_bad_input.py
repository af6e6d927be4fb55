"""Input planwatch cannot read gives UnreadableDocument naming the file and the problem."""

import io
import os
import random
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from reportlab.lib.pdfencrypt import StandardEncryption
from reportlab.pdfgen.canvas import Canvas

from document_builders import build_docx, build_pdf, build_scanned_pdf
from planwatch.errors import UnreadableDocument
from planwatch.read import read_bytes, read_document

MAX_BYTES = 1024 * 1024
LINES = ["第一章 规划背景", "到2025年，全区外贸进出口总额达到20亿元。"] * 20


def random_bytes(size: int, low: int = 0) -> bytes:
    generator = random.Random(size)  # the same bytes on every run
    return bytes(generator.randrange(low, 256) for _ in range(size))


def zip_of(members: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for member, content in members.items():
            archive.writestr(member, content)
    return buffer.getvalue()


def encrypted_pdf() -> bytes:
    buffer = io.BytesIO()
    canvas = Canvas(buffer, encrypt=StandardEncryption("secret", ownerPassword="owner"))
    canvas.drawString(72, 720, "confidential")
    canvas.save()
    return buffer.getvalue()


def empty_docx() -> bytes:
    return build_docx([])


# (id, file name, content, what the message must say)
CASES: list[tuple[str, str, Callable[[], bytes], str]] = [
    ("empty", "plan.txt", lambda: b"", "文件为空"),
    ("whitespace-only", "plan.txt", lambda: " \r\n\t\u3000\n".encode(), "文档中没有文字"),
    ("bom-only", "plan.txt", lambda: b"\xef\xbb\xbf", "文档中没有文字"),
    ("utf-16-bom-and-newlines", "plan.txt", lambda: "\ufeff\r\n".encode("utf-16-le"), "没有文字"),
    ("random-binary", "plan.txt", lambda: random_bytes(4096), "不是可识别的文本编码"),
    ("random-high-bytes", "plan", lambda: random_bytes(4096, low=0x80), "不是可识别的文本编码"),
    ("control-characters", "plan.txt", lambda: bytes(range(1, 9)) * 64, "不是可识别的文本编码"),
    ("text-with-nul", "plan.txt", lambda: "第一章\x00规划背景\n".encode(), "不是可识别的文本编码"),
    ("truncated-docx", "plan.docx", lambda: build_docx(LINES)[:5000], "DOCX 文件已损坏或被截断"),
    ("truncated-docx-named-txt", "p.txt", lambda: build_docx(LINES)[:5000], "DOCX 文件已损坏"),
    (
        "docx-without-document-xml",
        "plan.docx",
        lambda: zip_of({"[Content_Types].xml": "<Types/>", "word/styles.xml": "<w/>"}),
        "DOCX 文件已损坏或被截断",
    ),
    ("zip-not-docx", "data.zip", lambda: zip_of({"data.csv": "a,b\n"}), "ZIP 压缩包，不是 DOCX"),
    ("zip-named-docx", "plan.docx", lambda: zip_of({"data.csv": "a,b\n"}), "DOCX 文件已损坏"),
    ("xlsx", "plan.xlsx", lambda: zip_of({"xl/workbook.xml": "<workbook/>"}), "Excel 工作簿"),
    ("docx-without-text", "plan.docx", empty_docx, "文档中没有文字"),
    ("pdf-without-text-layer", "scan.pdf", build_scanned_pdf, "PDF 没有文本层（可能是扫描件）"),
    ("corrupt-pdf", "plan.pdf", lambda: b"%PDF-1.7\n" + random_bytes(2048), "PDF 文件已损坏"),
    ("pdf-header-only", "plan.pdf", lambda: b"%PDF-1.4\n%%EOF\n", "PDF 文件已损坏"),
    ("encrypted-pdf", "plan.pdf", encrypted_pdf, "PDF 已加密"),
    ("html-without-text", "page.html", lambda: b"<html><script>x()</script></html>", "没有文字"),
    ("over-size", "plan.txt", lambda: "规划".encode() * 1024 * 200, "超过上限"),
    ("unknown-extension-binary", "plan.xyz", lambda: random_bytes(512), "不支持的文件类型 .xyz"),
    ("legacy-doc", "plan.doc", lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504), "旧版"),
    ("pdf-extension-binary", "plan.pdf", lambda: random_bytes(512), "内容不是 PDF 文件"),
]


@pytest.mark.parametrize(
    ("name", "content", "problem"),
    [pytest.param(name, content, problem, id=case) for case, name, content, problem in CASES],
)
def test_unreadable_file(
    tmp_path: Path, name: str, content: Callable[[], bytes], problem: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content())

    with pytest.raises(UnreadableDocument) as caught:
        read_document(path, max_bytes=MAX_BYTES)

    assert caught.value.path == str(path)
    assert problem in caught.value.problem
    assert str(caught.value) == f"{path}: {caught.value.problem}"


def test_size_is_checked_before_reading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "huge.txt"
    path.write_bytes(b"x" * 2048)

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the file was opened")

    monkeypatch.setattr(Path, "open", refuse)
    with pytest.raises(UnreadableDocument, match=r"文件大小 2\.0 KB 超过上限 1\.0 KB"):
        read_document(path, max_bytes=1024)


@pytest.mark.parametrize(
    ("make_path", "problem"),
    [
        pytest.param(lambda folder: folder / "missing.txt", "文件不存在", id="missing"),
        pytest.param(lambda folder: folder, "文件夹", id="directory"),
        pytest.param(lambda folder: Path(os.devnull), "不是普通文件", id="device"),
        pytest.param(lambda folder: folder / "no-such-folder" / "p.txt", "文件不存在", id="no-dir"),
    ],
)
def test_unreadable_path(tmp_path: Path, make_path: Callable[[Path], Path], problem: str) -> None:
    path = make_path(tmp_path)
    with pytest.raises(UnreadableDocument) as caught:
        read_document(path, max_bytes=MAX_BYTES)
    assert caught.value.path == str(path)
    assert problem in caught.value.problem


@pytest.mark.parametrize(
    ("error", "problem"),
    [
        pytest.param(PermissionError(13, "Permission denied"), "没有读取该文件的权限", id="denied"),
        pytest.param(
            OSError(5, "Input/output error"), "无法读取文件（Input/output error）", id="io"
        ),
    ],
)
def test_os_error_while_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, error: OSError, problem: str
) -> None:
    path = tmp_path / "plan.txt"
    path.write_text("规划", encoding="utf-8")

    def fail(*args: object, **kwargs: object) -> None:
        raise error

    monkeypatch.setattr(Path, "open", fail)  # root, which runs CI, may read any file
    with pytest.raises(UnreadableDocument) as caught:
        read_document(path, max_bytes=MAX_BYTES)
    assert (caught.value.path, caught.value.problem) == (str(path), problem)


def test_upload_names_the_upload() -> None:
    with pytest.raises(UnreadableDocument) as caught:
        read_bytes(build_pdf(["规划"]), name="上传的规划.pdf", max_bytes=100)
    assert str(caught.value).startswith("上传的规划.pdf: 文件大小")
    assert caught.value.problem.endswith("超过上限 100 字节")
