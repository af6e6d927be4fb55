"""PDF plans: the text layer of every page, in page order.

A PDF wraps long lines where the layout runs out of width, and extractors may add spaces
between characters, so the check compares the text with all whitespace removed: every
character of the source, in order, nothing more. Exact line structure is not a PDF property.
"""

from pathlib import Path

import pdfplumber

from document_builders import build_pdf, no_space
from planwatch.domain.document import DocumentFormat
from planwatch.read import read_document

MAX_BYTES = 10 * 1024 * 1024
EXCERPT_CHARS = 3000  # about two and a half A4 pages at 36 characters a line


def first_pages_of(lines: list[str]) -> list[str]:
    excerpt: list[str] = []
    for line in lines:
        excerpt.append(line)
        if sum(map(len, excerpt)) >= EXCERPT_CHARS:
            return excerpt
    return excerpt


def test_first_pages_of_the_sample(tmp_path: Path, sample_lines: list[str]) -> None:
    excerpt = first_pages_of(sample_lines)
    path = tmp_path / "plan.pdf"
    path.write_bytes(build_pdf(excerpt))
    with pdfplumber.open(path) as pdf:
        assert len(pdf.pages) >= 3  # the page join is exercised

    document = read_document(path, max_bytes=MAX_BYTES)

    assert no_space(document.text) == no_space("\n".join(excerpt))
    assert document.text.splitlines()[0] == excerpt[0]  # a short line survives as it is
    assert document.source.format is DocumentFormat.PDF
    assert document.source.encoding == ""
    assert document.source.chars == len(document.text)
