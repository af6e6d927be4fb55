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


# An indicator box as a PDF draws it: each cell at its column's x, no tab in the text layer,
# the category printed once for its rows (an empty cell below it).
BOX = [
    "类别\t指标\t单位\t2020年\t2025年\t年均增长\t属性",
    "经济发展\t地区生产总值\t亿元\t616.4\t1000\t8左右\t预期性",
    "\t森林覆盖率\t%\t39.2\t39.6\t—\t约束性",
]


def test_a_table_drawn_by_position_comes_back_as_cells(tmp_path: Path) -> None:
    path = tmp_path / "box.pdf"
    path.write_bytes(build_pdf(["第二章 主要目标", "专栏1 “十四五”时期主要指标", *BOX]))
    text = read_document(path, max_bytes=MAX_BYTES).text
    assert text.splitlines()[2:] == BOX  # the empty category cell is kept


def test_a_positioned_box_gives_its_targets(tmp_path: Path) -> None:
    from planwatch.read import read_bytes
    from planwatch.services.extraction import extract_document

    data = build_pdf(["某区国民经济和社会发展第十四个五年规划纲要", "专栏1 主要指标", *BOX])
    found = extract_document(read_bytes(data, name="plan.pdf", max_bytes=MAX_BYTES))
    rows = {(q.indicator, str(q.value), q.kind, q.year) for q in found.findings.quantities}
    assert {("森林覆盖率", "39.6", "target", 2025), ("地区生产总值", "616.4", "baseline", 2020),
            ("地区生产总值", "8", "target", 2025)} <= rows  # fmt: skip
