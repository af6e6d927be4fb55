"""Documents built from the bundled sample plan, in every format and encoding planwatch reads.

The tests import the builders from here; conftest.py turns the sample into fixtures.
"""

import io
import re
from collections.abc import Sequence

import docx
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen.canvas import Canvas

from planwatch.samples import sample_path

SAMPLE = sample_path()

# The 主要指标 box of a plan, the shape of table a reader must keep in order and row by row.
INDICATOR_ROWS = (
    ("指标", "单位", "2020年", "2025年", "属性"),
    ("地区生产总值", "亿元", "766.2", "1100", "预期性"),
    ("森林覆盖率", "%", "39.2", "40.5", "约束性"),
    ("单位地区生产总值能耗降低", "%", "/", "[14]", "约束性"),
)

# Written for these tests: traditional characters, as a Big5 file from Taiwan or Hong Kong has
# (Big5 has no 〇, so the year is spelt with ○ as Big5 documents do).
TRADITIONAL_EXCERPT = (
    "瀘州市江陽區國民經濟和社會發展第十四個五年規劃和二○三五年遠景目標綱要\r\n"
    "第一章　規劃背景\r\n"
    "「十三五」時期，全區經濟實力顯著增強，地區生產總值年均增長7.5%，"
    "城鄉居民收入穩步提高，生態環境持續改善，森林覆蓋率達到39.2%。\r\n"
    "到2025年，全區外貿進出口總額達到20億元，常住人口城鎮化率提高到80%以上。\r\n"
)

CID_FONT = "STSong-Light"  # one of reportlab's built-in Adobe CID fonts: no font file needed
_PDF_CHARS_PER_LINE = 36
_PDF_LINE_HEIGHT = 18
_PDF_TABLE_FONT = 7  # points: a table row of 60 characters fits the page


def no_space(text: str) -> str:
    """``text`` without any whitespace, to compare texts whose layout differs."""
    return re.sub(r"\s+", "", text)


def encodable_lines(lines: Sequence[str], encoding: str) -> list[str]:
    """The lines that ``encoding`` can encode, to make a GBK or GB2312 excerpt."""
    kept = []
    for line in lines:
        try:
            line.encode(encoding)
        except UnicodeEncodeError:
            continue
        kept.append(line)
    return kept


def build_docx(lines: Sequence[str], *, table_after: int | None = None) -> bytes:
    """A DOCX with one paragraph per line and the indicator table after line ``table_after``."""
    document = docx.Document()
    for index, line in enumerate(lines):
        document.add_paragraph(line)
        if index == table_after:
            table = document.add_table(rows=len(INDICATOR_ROWS), cols=len(INDICATOR_ROWS[0]))
            for row, values in zip(table.rows, INDICATOR_ROWS, strict=True):
                for cell, value in zip(row.cells, values, strict=True):
                    cell.text = value
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def build_pdf(lines: Sequence[str]) -> bytes:
    """A PDF with a text layer: the lines in a CID font, wrapped, over as many pages as needed.

    Consecutive lines of tab-separated cells are a table, drawn as a PDF draws one: each
    column at its own x (as wide as its widest cell, two characters apart), in a smaller
    font, an empty cell left blank, no tab in the text layer.
    """
    pdfmetrics.registerFont(UnicodeCIDFont(CID_FONT))
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4)
    _, height = A4
    y = height - 60
    for block in _blocks(lines):
        columns = _column_starts(block) if "\t" in block[0] else None
        for line in block:
            pieces = [line] if columns else [
                line[start : start + _PDF_CHARS_PER_LINE]
                for start in range(0, max(len(line), 1), _PDF_CHARS_PER_LINE)
            ]  # fmt: skip
            for piece in pieces:
                if y < 60:
                    canvas.showPage()
                    y = height - 60
                if columns:
                    canvas.setFont(CID_FONT, _PDF_TABLE_FONT)
                    for x, cell in zip(columns, piece.split("\t"), strict=False):
                        if cell:
                            canvas.drawString(x, y, cell)
                else:
                    canvas.setFont(CID_FONT, 12)
                    canvas.drawString(60, y, piece)
                y -= _PDF_LINE_HEIGHT
    canvas.save()
    return buffer.getvalue()


def _blocks(lines: Sequence[str]) -> list[list[str]]:
    """Runs of table rows (lines with a tab) and single lines of text, in order."""
    blocks: list[list[str]] = []
    for line in lines:
        if "\t" in line and blocks and "\t" in blocks[-1][-1]:
            blocks[-1].append(line)
        else:
            blocks.append([line])
    return blocks


def _column_starts(rows: Sequence[str]) -> list[float]:
    widths: list[float] = []
    for row in rows:
        for index, cell in enumerate(row.split("\t")):
            width = pdfmetrics.stringWidth(cell, CID_FONT, _PDF_TABLE_FONT)
            if index < len(widths):
                widths[index] = max(widths[index], width)
            else:
                widths.append(width)
    starts, x = [], 60.0
    for width in widths:
        starts.append(x)
        x += width + 2 * _PDF_TABLE_FONT
    return starts


def build_scanned_pdf() -> bytes:
    """A PDF page with a drawing and no text layer, as a scan without OCR looks to a reader."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4)
    canvas.rect(100, 400, 300, 200, fill=1)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()
