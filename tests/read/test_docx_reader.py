"""DOCX plans: paragraphs and tables come out in document order, one line each."""

import io
from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from docx.document import Document as DocxDocument
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from document_builders import INDICATOR_ROWS, build_docx
from planwatch.domain.document import DocumentFormat
from planwatch.read import read_bytes, read_document

MAX_BYTES = 10 * 1024 * 1024
BOX_LINE = 41  # 专栏 1 “ 十四五 ” 时期经济社会发展主要指标: the indicator table follows it


def test_sample_plan_with_indicator_table(tmp_path: Path, sample_lines: list[str]) -> None:
    path = tmp_path / "plan.docx"
    path.write_bytes(build_docx(sample_lines, table_after=BOX_LINE))

    document = read_document(path, max_bytes=MAX_BYTES)

    rows = ["\t".join(row) for row in INDICATOR_ROWS]
    expected = sample_lines[: BOX_LINE + 1] + rows + sample_lines[BOX_LINE + 1 :]
    assert document.text.split("\n") == expected
    assert document.source.format is DocumentFormat.DOCX
    assert document.source.encoding == ""
    assert document.source.chars == len(document.text)


def build(edit: Callable[[DocxDocument], None]) -> bytes:
    document = docx.Document()
    edit(document)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def read(data: bytes) -> list[str]:
    return read_bytes(data, name="plan.docx", max_bytes=MAX_BYTES).text.split("\n")


def test_merged_cells_are_written_once() -> None:
    def edit(document: DocxDocument) -> None:
        table = document.add_table(rows=2, cols=3)
        title = table.cell(0, 0).merge(table.cell(0, 2))
        title.text = "专栏 1 主要指标"
        for cell, value in zip(table.rows[1].cells, ("指标", "单位", "属性"), strict=True):
            cell.text = value

    assert read(build(edit)) == ["专栏 1 主要指标", "指标\t单位\t属性"]


def test_cell_with_several_paragraphs_stays_on_its_row() -> None:
    def edit(document: DocxDocument) -> None:
        table = document.add_table(rows=1, cols=2)
        table.cell(0, 0).text = "地区生产总值"
        table.cell(0, 1).text = "亿元"
        table.cell(0, 0).add_paragraph("（现价）")

    assert read(build(edit)) == ["地区生产总值 （现价）\t亿元"]


W = nsdecls("w")
MC = 'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
V = 'xmlns:v="urn:schemas-microsoft-com:vml"'


def run(text: str) -> str:
    return f"<w:r><w:t xml:space='preserve'>{text}</w:t></w:r>"


def box(text: str) -> str:
    return f"<w:txbxContent><w:p>{run(text)}</w:p></w:txbxContent>"


# (id, the body XML of one paragraph's content, the lines expected)
INLINE_CASES = [
    ("plain-runs", run("建设") + run("区域金融中心。"), ["建设区域金融中心。"]),
    (
        "tracked-insertion-and-deletion",
        run("到2025年达到")
        + f"<w:ins w:id='1' w:author='a'>{run('20')}</w:ins>"
        + "<w:del w:id='2' w:author='a'><w:r><w:delText>15</w:delText></w:r></w:del>"
        + run("亿元"),
        ["到2025年达到20亿元"],
    ),
    (
        "hyperlink-and-simple-field",
        f"<w:hyperlink>{run('江阳区人民政府')}</w:hyperlink>"
        + f"<w:fldSimple w:instr='PAGE'>{run('第3页')}</w:fldSimple>",
        ["江阳区人民政府第3页"],
    ),
    (
        "inline-content-control",
        f"<w:sdt><w:sdtContent>{run('千亿强区')}</w:sdtContent></w:sdt>",
        ["千亿强区"],
    ),
    (
        "text-box-with-vml-fallback-read-once",
        run("见专栏。")
        + f"<w:r><mc:AlternateContent {MC}>"
        + f"<mc:Choice Requires='wps'><w:drawing>{box('专栏 2 重大项目')}</w:drawing></mc:Choice>"
        + f"<mc:Fallback><w:pict><v:shape {V}><v:textbox>{box('专栏 2 重大项目')}"
        + "</v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>",
        ["见专栏。", "专栏 2 重大项目"],
    ),
]


@pytest.mark.parametrize(
    ("content", "expected"),
    [pytest.param(content, expected, id=case) for case, content, expected in INLINE_CASES],
)
def test_paragraph_content(content: str, expected: list[str]) -> None:
    def edit(document: DocxDocument) -> None:
        document.add_paragraph("第一章")
        paragraph = parse_xml(f"<w:p {W}>{content}</w:p>")
        document.element.body.insert(1, paragraph)

    assert read(build(edit)) == ["第一章", *expected]


def test_block_content_control_is_read_in_place() -> None:
    def edit(document: DocxDocument) -> None:
        document.add_paragraph("第一节")
        control = parse_xml(
            f"<w:sdt {W}><w:sdtContent><w:p>{run('目录')}</w:p></w:sdtContent></w:sdt>"
        )
        document.element.body.insert(0, control)

    assert read(build(edit)) == ["目录", "第一节"]
