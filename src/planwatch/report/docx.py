"""A report as a DOCX laid out like an official document (党政机关公文格式, GB/T 9704).

A4 with margins 上3.7 下3.5 左2.8 右2.6 cm; title in 小标宋 二号 (22 pt); body in 仿宋 三号
(16 pt) with a fixed 28 pt line and a two-character first-line indent; headings 一、 in 黑体,
（一） in 楷体, 1. in bold 仿宋; tables in 小五 (9 pt) with the header row repeated on every page;
the page number "— N —" centred in the footer; 模拟数据 in the header of every page when any
value shown is simulated. East-Asian fonts are set through ``w:eastAsia`` so Word and
LibreOffice use them for Chinese text.
"""

from __future__ import annotations

import io
import re

from docx import Document
from docx.document import Document as WordDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.text.run import CT_R
from docx.shared import Cm, Pt, RGBColor
from docx.styles.style import BaseStyle
from docx.table import Table as WordTable
from docx.table import _Cell, _Row
from docx.text.paragraph import Paragraph as WordParagraph
from docx.text.parfmt import ParagraphFormat

from planwatch.domain.assessment import Light
from planwatch.domain.text import clean_strings
from planwatch.report.charts import render_chart
from planwatch.report.fonts import DocumentFonts, chart_font, document_fonts
from planwatch.report.model import Block, Figure, Paragraph, Report, Section, Table

PAGE = (Cm(21.0), Cm(29.7))
MARGINS = {"top": Cm(3.7), "bottom": Cm(3.5), "left": Cm(2.8), "right": Cm(2.6)}
TEXT_WIDTH_CM = 21.0 - 2.8 - 2.6
BODY_SIZE, TITLE_SIZE, TABLE_SIZE, CAPTION_SIZE = Pt(16), Pt(22), Pt(9), Pt(12)
LINE = Pt(28)
UNIT_CM = 9 / 2 * 2.54 / 72  # a half-width character at 9 pt, in cm
PADDING_CM = 0.2  # left and right cell margins together
MAX_COLUMN_UNITS = 24
SHORT_UNITS = 10  # cells this short (预期性, 无数据, 平方公里) are never wrapped
LIGHT_FILLS = {Light.GREEN: "C6EFCE", Light.YELLOW: "FFEB9C", Light.RED: "FFC7CE"}
HEADER_FILL = "D9E2F3"
TABLE_STYLE, CAPTION_STYLE, BODY_STYLE = "报告表格", "报告题注", "报告正文"
STYLE_IDS = {TABLE_STYLE: "ReportTable", CAPTION_STYLE: "ReportCaption", BODY_STYLE: "ReportBody"}
RED = RGBColor(0xC0, 0x00, 0x00)


def render_docx(report: Report, fonts: DocumentFonts | None = None) -> bytes:
    """The report as DOCX bytes; charts are drawn first, so a missing CJK font fails early."""
    report = clean_strings(report)  # XML refuses control characters that slipped in
    family = chart_font()
    images = {id(f): render_chart(f.chart, family) for f in report.figures}
    fonts = fonts or document_fonts()
    document = Document()
    _page_setup(document, report)
    _styles(document, fonts)
    _title(document, report, fonts)
    for section in report.sections:
        _section(document, section, images)
    _section(document, report.appendix, images)
    document.core_properties.title = report.title
    document.core_properties.author = "planwatch"
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def set_fonts(element: BaseStyle | CT_R, latin: str, east_asia: str) -> None:
    """Set the Latin and east-Asian fonts of a style's or run's ``w:rPr``, dropping theme fonts."""
    rpr = (
        element.element.get_or_add_rPr()
        if isinstance(element, BaseStyle)
        else element.get_or_add_rPr()
    )
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme), None)
    for slot, name in (("w:ascii", latin), ("w:hAnsi", latin), ("w:cs", latin)):
        fonts.set(qn(slot), name)
    fonts.set(qn("w:eastAsia"), east_asia)


def _page_setup(document: WordDocument, report: Report) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = PAGE
    for side, size in MARGINS.items():
        setattr(section, f"{side}_margin", size)
    section.header_distance, section.footer_distance = Cm(1.5), Cm(2.0)
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run("— ")
    _page_field(footer)
    footer.add_run(" —")
    header = section.header.paragraphs[0]
    if report.simulated:
        header.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = header.add_run(f"【模拟数据】{report.simulated_mark}")
        run.font.color.rgb, run.font.bold, run.font.size = RED, True, Pt(10.5)


def _page_field(paragraph: WordParagraph) -> None:
    """A PAGE field: Word and LibreOffice put the page number in its place."""
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1"),
                       ("end", None)):  # fmt: skip
        if kind is not None:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)
        elif text == " PAGE ":
            instruction = OxmlElement("w:instrText")
            instruction.set(qn("xml:space"), "preserve")
            instruction.text = text
            run._r.append(instruction)
        else:
            shown = OxmlElement("w:t")
            shown.text = text
            run._r.append(shown)


def _styles(document: WordDocument, fonts: DocumentFonts) -> None:
    styles = document.styles
    normal = styles["Normal"]
    set_fonts(normal, fonts.latin, fonts.body)
    normal.font.size = BODY_SIZE
    body = styles.add_style(BODY_STYLE, 1)
    body.style_id = STYLE_IDS[BODY_STYLE]
    body.base_style = normal
    _spacing(body.paragraph_format, indent=True)
    for level, east_asia, bold in ((1, fonts.heading, False), (2, fonts.subheading, False),
                                   (3, fonts.body, True)):  # fmt: skip
        style = styles[f"Heading {level}"]
        set_fonts(style, fonts.latin, east_asia)
        style.font.size, style.font.bold, style.font.italic = BODY_SIZE, bold, False
        style.font.color.rgb = RGBColor(0, 0, 0)
        _spacing(style.paragraph_format, indent=True)
        style.paragraph_format.keep_with_next = True
    for name, size in ((TABLE_STYLE, TABLE_SIZE), (CAPTION_STYLE, CAPTION_SIZE)):
        style = styles.add_style(name, 1)
        style.style_id = STYLE_IDS[name]
        style.base_style = normal
        style.font.size = size
        style.paragraph_format.space_before = style.paragraph_format.space_after = Pt(0)
        style.paragraph_format.line_spacing = 1.0
    caption = styles[CAPTION_STYLE]
    set_fonts(caption, fonts.latin, fonts.heading)
    caption.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    caption.paragraph_format.space_before = caption.paragraph_format.space_after = Pt(6)


def _spacing(paragraph_format: ParagraphFormat, *, indent: bool) -> None:
    fmt = paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = LINE
    fmt.space_before = fmt.space_after = Pt(0)
    if indent:
        fmt.first_line_indent = BODY_SIZE * 2


def _title(document: WordDocument, report: Report, fonts: DocumentFonts) -> None:
    for text, size, east_asia in ((report.title, TITLE_SIZE, fonts.title),
                                  (report.subtitle, BODY_SIZE, fonts.subheading)):  # fmt: skip
        paragraph = document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.paragraph_format.space_after = Pt(12)
        run = paragraph.add_run(text)
        run.font.size = size
        set_fonts(run._r, fonts.latin, east_asia)


def _section(document: WordDocument, section: Section, images: dict[int, bytes]) -> None:
    document.add_heading(section.heading, level=min(section.level, 3))
    for block in section.blocks:
        _block(document, block, images)
    for child in section.children:
        _section(document, child, images)


def _block(document: WordDocument, block: Block, images: dict[int, bytes]) -> None:
    if isinstance(block, Paragraph):
        paragraph = _paragraph(document, BODY_STYLE)
        run = paragraph.add_run(block.text)
        if block.emphasis:
            run.font.bold, run.font.color.rgb = True, RED
    elif isinstance(block, Table):
        _table(document, block)
    else:
        _figure(document, block, images[id(block)])


def _paragraph(document: WordDocument, style: str, text: str = "") -> WordParagraph:
    """A paragraph of one of the report's styles (by id: python-docx looks names up slowly)."""
    paragraph = document.add_paragraph(text)
    paragraph._p.style = STYLE_IDS[style]
    return paragraph


def _figure(document: WordDocument, figure: Figure, png: bytes) -> None:
    document.add_picture(io.BytesIO(png), width=Cm(TEXT_WIDTH_CM - 0.4))
    document.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
    _paragraph(document, CAPTION_STYLE, figure.caption)


def _units(text: str) -> int:
    """Width in half-width characters: a CJK character counts 2."""
    return sum(2 if ord(char) > 0x2E80 else 1 for char in text)


def _unbreakable(text: str) -> int:
    """The widest part a line cannot break: a run of Latin letters and digits ("616.36")."""
    runs = re.findall(r"[≥≤＞＜]?[0-9A-Za-z.%+\-−]+", text)
    return max((len(run) for run in runs), default=0)


def _widths(table: Table) -> list[float]:
    """Column widths in cm that fit the text width.

    Each column first gets what it cannot do without (its longest number, its short words,
    half its heading); the rest goes to the columns whose text is longest, up to one line
    each. A column of "616.36" and "预期性" is never wrapped; a long name wraps.
    """
    columns = list(zip(table.header, *table.rows, strict=True))
    least = [
        max(
            4,
            (_units(column[0]) + 1) // 2,
            *(_unbreakable(text) + 1 for text in column),
            *(_units(text) + 1 for text in column[1:] if _units(text) <= SHORT_UNITS),
        )
        for column in columns
    ]
    wanted = [
        max(low, min(MAX_COLUMN_UNITS, max(_units(text) + 1 for text in column)))
        for low, column in zip(least, columns, strict=True)
    ]
    room = TEXT_WIDTH_CM / UNIT_CM - len(columns) * PADDING_CM / UNIT_CM
    if sum(wanted) <= room:
        units = [w * room / sum(wanted) for w in wanted]
    elif sum(least) >= room:
        units = [w * room / sum(least) for w in least]
    else:
        spare = (room - sum(least)) / sum(w - low for w, low in zip(wanted, least, strict=True))
        units = [low + (w - low) * spare for w, low in zip(wanted, least, strict=True)]
    return [u * UNIT_CM + PADDING_CM for u in units]


def _table(document: WordDocument, table: Table) -> None:
    _paragraph(document, CAPTION_STYLE, table.caption)
    grid = document.add_table(rows=len(table.rows) + 1, cols=len(table.header))
    grid.style = "Table Grid"
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    grid.autofit = False
    _cell_margins(grid)
    widths = [Cm(w) for w in _widths(table)]
    for column, width in zip(grid.columns, widths, strict=True):
        column.width = width
    header = grid.rows[0]
    _repeat_header(header)
    lights = table.lights or (None,) * len(table.rows)
    style_id = STYLE_IDS[TABLE_STYLE]
    for row, texts, light in zip(grid.rows, (table.header, *table.rows), (None, *lights),
                                 strict=True):  # fmt: skip
        _keep_together(row)
        for index, (cell, text) in enumerate(zip(row.cells, texts, strict=True)):
            cell.width = widths[index]
            paragraph = cell.paragraphs[0]
            paragraph._p.style = style_id
            run = paragraph.add_run(text)
            if row is header:
                run.font.bold = True
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
                _shade(cell, HEADER_FILL)
            elif light in LIGHT_FILLS and text == light.label:
                _shade(cell, LIGHT_FILLS[light])
    if table.note:
        _paragraph(document, TABLE_STYLE, f"注：{table.note}")


def _repeat_header(row: _Row) -> None:
    """Mark a row as the table's header, repeated at the top of every page (w:tblHeader)."""
    properties = row._tr.get_or_add_trPr()
    flag = OxmlElement("w:tblHeader")
    flag.set(qn("w:val"), "true")
    properties.append(flag)


def _keep_together(row: _Row) -> None:
    """A row is never split across two pages (w:cantSplit)."""
    properties = row._tr.get_or_add_trPr()
    flag = OxmlElement("w:cantSplit")
    flag.set(qn("w:val"), "true")
    properties.insert(0, flag)


def _cell_margins(grid: WordTable) -> None:
    """Narrow left and right cell margins (0.1 cm), so that wide tables fit the page."""
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        margin = OxmlElement(f"w:{side}")
        margin.set(qn("w:w"), str(round(PADDING_CM / 2 / 2.54 * 1440)))
        margin.set(qn("w:type"), "dxa")
        margins.append(margin)
    properties = grid._tbl.tblPr
    look = properties.find(qn("w:tblLook"))  # the schema puts tblCellMar before tblLook
    if look is None:
        properties.append(margins)
    else:
        look.addprevious(margins)


def _shade(cell: _Cell, fill: str) -> None:
    properties = cell._tc.get_or_add_tcPr()
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    properties.append(shading)
