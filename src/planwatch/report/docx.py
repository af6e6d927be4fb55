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
from dataclasses import replace

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
LATIN_UNITS = 1.3
HARD_UNITS = 8  # words this short (预期性, 无数据, 平方公里) are never wrapped
SHORT_UNITS = 10  # nor, where room allows, words this short (森林覆盖率)
LIGHT_FILLS = {Light.GREEN: "C6EFCE", Light.YELLOW: "FFEB9C", Light.RED: "FFC7CE"}
HEADER_FILL = "D9E2F3"
TABLE_STYLE, CAPTION_STYLE, BODY_STYLE = "报告表格", "报告题注", "报告正文"
TITLE_STYLE, SUBTITLE_STYLE, SIGNATURE_STYLE = "报告标题", "报告副标题", "报告落款"
STYLE_IDS = {
    TABLE_STYLE: "ReportTable",
    CAPTION_STYLE: "ReportCaption",
    BODY_STYLE: "ReportBody",
    TITLE_STYLE: "ReportTitle",
    SUBTITLE_STYLE: "ReportSubtitle",
    SIGNATURE_STYLE: "ReportSignature",
}
RED = RGBColor(0xC0, 0x00, 0x00)
# a value or word followed by a bracketed note: 767.81（2022年）, 无数据（缺少基期值）
VALUE_NOTE = re.compile(
    r"""
    ^ (?P<value> [^（\n]+ )            # 767.81, ＞1000, 无数据
    (?P<note> （ [^）\n]* ） ) $       # （2022年）, （缺少基期值）
    """,
    re.VERBOSE,
)
NOTE_UNITS = 18  # a note this short (（数据截至2022年）) gets a line of its own, unbroken


def render_docx(report: Report, fonts: DocumentFonts | None = None) -> bytes:
    """The report as DOCX bytes; charts are drawn first, so a missing CJK font fails early."""
    report = clean_strings(report)  # XML refuses control characters that slipped in
    family = chart_font()
    images = {id(f): render_chart(f.chart, family) for f in report.figures}
    fonts = fonts or document_fonts()
    document = Document()
    _page_setup(document, report)
    _styles(document, fonts)
    _title(document, report)
    for section in report.sections:
        _section(document, section, images)
    _signature(document, report)
    _section(document, report.appendix, images, new_page=True)
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
    _chinese(normal)
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
    for name, east_asia, size in ((TITLE_STYLE, fonts.title, TITLE_SIZE),
                                  (SUBTITLE_STYLE, fonts.subheading, BODY_SIZE),
                                  (SIGNATURE_STYLE, fonts.body, BODY_SIZE)):  # fmt: skip
        style = styles.add_style(name, 1)
        style.style_id = STYLE_IDS[name]
        style.base_style = normal
        set_fonts(style, fonts.latin, east_asia)
        style.font.size = size
        _spacing(style.paragraph_format, indent=False)
    for name in (TITLE_STYLE, SUBTITLE_STYLE):
        fmt = styles[name].paragraph_format
        fmt.alignment = WD_ALIGN_PARAGRAPH.CENTER
        fmt.space_after = Pt(12)
    styles[TITLE_STYLE].paragraph_format.line_spacing = Pt(36)
    signature = styles[SIGNATURE_STYLE].paragraph_format
    signature.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    signature.right_indent = BODY_SIZE * 4  # 成文日期右空四字 (GB/T 9704)


def _chinese(style: BaseStyle) -> None:
    """Mark the style's text as Simplified Chinese, so layout engines pick CJK rules."""
    rpr = style.element.get_or_add_rPr()
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), "en-US")
    lang.set(qn("w:eastAsia"), "zh-CN")
    rpr.append(lang)


def _spacing(paragraph_format: ParagraphFormat, *, indent: bool) -> None:
    fmt = paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = LINE
    fmt.space_before = fmt.space_after = Pt(0)
    if indent:
        fmt.first_line_indent = BODY_SIZE * 2


def _title(document: WordDocument, report: Report) -> None:
    """Title and subtitle, their fonts in their styles (方正小标宋简体, 楷体_GB2312)."""
    fits = _units(report.title) * TITLE_SIZE.pt / 2 <= TEXT_WIDTH_CM / 2.54 * 72
    lines = (report.title,) if fits or len(report.title_lines) < 2 else report.title_lines
    paragraph = _paragraph(document, TITLE_STYLE)
    paragraph.add_run("\n".join(lines))
    _paragraph(document, SUBTITLE_STYLE, report.subtitle)


def _signature(document: WordDocument, report: Report) -> None:
    """The issuing office and the date, right-aligned under the body (落款)."""
    if not report.issuer:
        return
    _paragraph(document, SIGNATURE_STYLE)
    _paragraph(document, SIGNATURE_STYLE, report.issuer)
    _paragraph(document, SIGNATURE_STYLE, report.issued)


def _section(
    document: WordDocument, section: Section, images: dict[int, bytes], *, new_page: bool = False
) -> None:
    heading = document.add_heading(section.heading, level=min(section.level, 3))
    heading.paragraph_format.page_break_before = new_page
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
    picture = document.paragraphs[-1]
    picture.alignment = WD_ALIGN_PARAGRAPH.CENTER
    picture.paragraph_format.keep_with_next = True  # the caption stays under its figure
    _paragraph(document, CAPTION_STYLE, figure.caption)


def _units(text: str) -> float:
    """Width in half-width characters of the longest line: a CJK character counts 2, any other
    ``LATIN_UNITS`` (the reader's machine may draw digits in a wider font than Times)."""
    return max(
        sum(2 if ord(char) > 0x2E80 else LATIN_UNITS for char in line) for line in text.split("\n")
    )


def _unbreakable(text: str) -> float:
    """The widest part a line cannot break: a run of Latin letters and digits ("616.36")."""
    runs = re.findall(r"[≥≤＞＜]?[0-9A-Za-z.%+\-−]+", text)
    return max((_units(run) for run in runs), default=0)


def _widths(table: Table) -> list[float]:
    """Column widths in cm that fit the text width.

    Three tiers per column: what it cannot do without (its longest number, its words of up to
    four characters: 预期性, 灰灯, 平方公里); what it should have (half its heading, a note such
    as （数据截至2022年） on a line of its own, words up to five characters); what it wants (its
    longest line, at most ``MAX_COLUMN_UNITS``). The widest tier that fits is granted and the
    room left goes towards the next, so a long name wraps before "40.0%" or "灰灯" ever do.
    """
    columns = list(zip(table.header, *table.rows, strict=True))

    def lines(column: tuple[str, ...]) -> list[str]:
        return [line for text in column[1:] for line in text.split("\n")]

    hard = [
        max(
            4,
            *(_unbreakable(text) + 1 for text in column),
            *(_units(line) + 1 for line in lines(column) if _units(line) <= HARD_UNITS),
        )
        for column in columns
    ]
    soft = [
        max(
            low,
            (_units(column[0]) + 1) // 2,
            *(_units(note) + 1 for note in column[0].split("\n")[1:]),  # （2020年） whole
            *(
                _units(line) + 1
                for line in lines(column)
                if _units(line) <= (NOTE_UNITS if line.startswith("（") else SHORT_UNITS)
            ),
        )
        for low, column in zip(hard, columns, strict=True)
    ]
    wanted = [
        max(low, min(MAX_COLUMN_UNITS, max(_units(text) + 1 for text in column)))
        for low, column in zip(soft, columns, strict=True)
    ]
    room = TEXT_WIDTH_CM / UNIT_CM - len(columns) * PADDING_CM / UNIT_CM
    tiers = [hard, soft, wanted]
    if sum(wanted) <= room:
        units = [w * room / sum(wanted) for w in wanted]
    elif sum(hard) >= room:
        units = [w * room / sum(hard) for w in hard]
    else:
        low, high = next((tiers[k], tiers[k + 1]) for k in (1, 0) if sum(tiers[k]) <= room)
        gap = sum(h - lo for h, lo in zip(high, low, strict=True))
        spare = (room - sum(low)) / gap if gap else 0
        units = [lo + (h - lo) * spare for h, lo in zip(high, low, strict=True)]
    return [u * UNIT_CM + PADDING_CM for u in units]


def cell_lines(text: str) -> str:
    r"""A value with a note in brackets wraps before the note, never inside the value.

    >>> cell_lines("767.81（2022年）"), cell_lines("基本符合预期")
    ('767.81\n（2022年）', '基本符合预期')
    """
    found = VALUE_NOTE.match(text)
    return f"{found['value']}\n{found['note']}" if found else text


def _table(document: WordDocument, table: Table) -> None:
    table = replace(
        table,
        header=tuple(text.replace("（", "\n（", 1).lstrip("\n") for text in table.header),
        rows=tuple(tuple(cell_lines(text) for text in row) for row in table.rows),
    )
    _paragraph(document, CAPTION_STYLE, table.caption).paragraph_format.keep_with_next = True
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
