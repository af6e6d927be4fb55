"""The content decides the format; the extension only breaks ties."""

import pytest

from document_builders import build_docx, build_pdf
from planwatch.domain.document import DocumentFormat
from planwatch.read import read_bytes

MAX_BYTES = 10 * 1024 * 1024
LINES = ["第一章 规划背景", "到2025年，全区外贸进出口总额达到20亿元。"]
TEXT = "\n".join(LINES)
DOCX = build_docx(LINES)
PDF = build_pdf(LINES)
PAGE = ("<!doctype html><html><body><p>" + "</p><p>".join(LINES) + "</p></body></html>").encode()

# (id, file name, content, expected format)
CASES = [
    ("docx", "plan.docx", DOCX, DocumentFormat.DOCX),
    ("docx-named-txt", "plan.txt", DOCX, DocumentFormat.DOCX),
    ("docx-no-extension", "plan", DOCX, DocumentFormat.DOCX),
    ("pdf", "plan.pdf", PDF, DocumentFormat.PDF),
    ("pdf-named-html", "plan.html", PDF, DocumentFormat.PDF),
    ("pdf-uppercase-extension", "PLAN.PDF", PDF, DocumentFormat.PDF),
    ("html", "plan.htm", PAGE, DocumentFormat.HTML),
    ("html-named-txt", "plan.txt", PAGE, DocumentFormat.HTML),
    ("html-after-bom-and-space", "plan", b"\xef\xbb\xbf \n" + PAGE, DocumentFormat.HTML),
    ("body-without-doctype", "plan", b"<div>x</div><body><p>y</p></body>", DocumentFormat.HTML),
    ("html-fragment-named-html", "plan.html", b"<p>x</p>", DocumentFormat.HTML),
    ("html-fragment-named-txt", "plan.txt", b"<p>x</p>", DocumentFormat.TXT),
    ("text-named-docx", "plan.docx", TEXT.encode(), DocumentFormat.TXT),
    ("text-named-pdf", "plan.pdf", TEXT.encode("gb18030"), DocumentFormat.TXT),
    ("text-named-md", "plan.md", TEXT.encode(), DocumentFormat.TXT),
    ("text-unknown-extension", "plan.2022", TEXT.encode(), DocumentFormat.TXT),
]


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [pytest.param(name, data, expected, id=case) for case, name, data, expected in CASES],
)
def test_format(name: str, data: bytes, expected: DocumentFormat) -> None:
    document = read_bytes(data, name=name, max_bytes=MAX_BYTES)
    assert document.source.format is expected
    assert document.source.path == name
