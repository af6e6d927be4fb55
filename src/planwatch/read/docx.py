"""Text of a DOCX file: body paragraphs and tables in document order.

One paragraph per line; one table row per line with its cells joined by a tab (a cell that
spans several columns is written once). Runs inside hyperlinks, tracked insertions, fields
and content controls count as the paragraph's text (python-docx's ``Paragraph.text`` skips
the last three); tracked deletions do not. Text boxes follow the paragraph that anchors them.
Headers, footers, footnotes and comments are left out.
"""

import io
import logging
import zipfile
import zlib
from collections.abc import Iterator

import docx
from docx.exceptions import PythonDocxError
from docx.opc.exceptions import OpcError
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.table import Table
from docx.types import ProvidesStoryPart

from planwatch.errors import UnreadableDocument

logger = logging.getLogger(__name__)

DAMAGED = "DOCX 文件已损坏或被截断"
# What zipfile raises on a damaged archive; NotImplementedError for an unknown format
# version or compression method, as a few corrupted bytes in a header produce.
ZIP_ERRORS = (zipfile.BadZipFile, EOFError, zlib.error, NotImplementedError)
# Unpacked size refused before parsing, so a small "zip bomb" cannot exhaust memory.
MAX_UNPACKED_BYTES = 512 * 1024 * 1024

# What python-docx raises on a package whose XML is malformed or not what it expects;
# lxml's XMLSyntaxError is a SyntaxError.
_MALFORMED = (PythonDocxError, SyntaxError, ValueError, AttributeError, TypeError, IndexError)

_PARAGRAPH = qn("w:p")
_RUN = qn("w:r")
_TABLE = qn("w:tbl")
_TEXT_BOX = qn("w:txbxContent")
# Wrappers whose children are paragraphs and tables of the enclosing container.
_WRAPPERS = {qn("w:sdt"): qn("w:sdtContent"), qn("w:customXml"): None}
# Word stores each text box twice: a DrawingML one and, for old readers, a VML fallback.
_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"


def read_docx(data: bytes, name: str) -> str:
    """The text of a DOCX file, lines joined by "\\n".

    >>> document = docx.Document()
    >>> _ = document.add_paragraph("第一章 规划背景")
    >>> table = document.add_table(rows=1, cols=2)
    >>> table.cell(0, 0).text, table.cell(0, 1).text = "指标", "单位"
    >>> buffer = io.BytesIO()
    >>> document.save(buffer)
    >>> read_docx(buffer.getvalue(), "plan.docx")
    '第一章 规划背景\\n指标\\t单位'
    """
    _check_archive(data, name)
    try:
        document = docx.Document(io.BytesIO(data))
        lines = list(_block_lines(document.element.body, document))
    except ZIP_ERRORS as error:
        raise UnreadableDocument(name, DAMAGED) from error
    except (KeyError, OpcError) as error:
        raise UnreadableDocument(name, f"{DAMAGED}（缺少正文部分 word/document.xml）") from error
    except _MALFORMED as error:
        raise UnreadableDocument(name, f"{DAMAGED}（XML 内容无效）") from error
    logger.debug("%s: %d lines from DOCX", name, len(lines))
    return "\n".join(lines)


def _check_archive(data: bytes, name: str) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(member.file_size for member in archive.infolist())
    except (*ZIP_ERRORS, ValueError) as error:
        raise UnreadableDocument(name, DAMAGED) from error
    if unpacked > MAX_UNPACKED_BYTES:
        raise UnreadableDocument(
            name, f"DOCX 解压后超过 {MAX_UNPACKED_BYTES // 1024 // 1024} MB，拒绝读取"
        )


def _block_lines(container: BaseOxmlElement, parent: ProvidesStoryPart) -> Iterator[str]:
    """Lines of the paragraphs and tables directly inside ``container``, in order."""
    for child in container.iterchildren():
        if child.tag == _PARAGRAPH:
            yield _paragraph_text(child)
            yield from _text_box_lines(child, parent)
        elif child.tag == _TABLE:
            yield from _table_lines(Table(child, parent))
        elif child.tag in _WRAPPERS:
            content_tag = _WRAPPERS[child.tag]
            content = child if content_tag is None else child.find(content_tag)
            if content is not None:
                yield from _block_lines(content, parent)


def _table_lines(table: Table) -> Iterator[str]:
    for row in table.rows:
        cells: list[str] = []
        previous = None
        for cell in row.cells:
            if cell._tc is previous:  # python-docx repeats a merged cell for each column
                continue
            previous = cell._tc
            lines = (line.strip() for line in _block_lines(cell._tc, cell))
            cells.append(" ".join(line for line in lines if line))
        yield "\t".join(cells)


def _paragraph_text(paragraph: BaseOxmlElement) -> str:
    """Text of the paragraph's runs at any depth, except those of its text boxes."""
    runs = (run for run in paragraph.iter(_RUN) if not _read_elsewhere(run, paragraph))
    return "".join(run.text for run in runs)


def _text_box_lines(paragraph: BaseOxmlElement, parent: ProvidesStoryPart) -> Iterator[str]:
    """Lines of the text boxes anchored in ``paragraph``, each read once."""
    for box in paragraph.iter(_TEXT_BOX):
        if not _read_elsewhere(box, paragraph):
            yield from _block_lines(box, parent)


def _read_elsewhere(element: BaseOxmlElement, paragraph: BaseOxmlElement) -> bool:
    """Whether ``element`` of ``paragraph`` is in a fallback copy or in a text box.

    Text boxes are read as lines of their own, each by the paragraph that directly holds it.
    """
    ancestor = element.getparent()
    while ancestor is not None and ancestor is not paragraph:
        if ancestor.tag in (_FALLBACK, _TEXT_BOX):
            return True
        ancestor = ancestor.getparent()
    return False
