"""Text of a PDF file's text layer, page by page (pdfplumber).

Scanned pages carry no text layer; planwatch does no OCR and says so.
"""

import io
import logging
import zlib

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.psexceptions import PSException
from pdfplumber.utils.exceptions import MalformedPDFException, PdfminerException

from planwatch.errors import UnreadableDocument

logger = logging.getLogger(__name__)

NO_TEXT_LAYER = "PDF 没有文本层（可能是扫描件），请先进行文字识别（OCR）"
ENCRYPTED = "PDF 已加密，需要密码才能读取，请先解除加密"
DAMAGED = "PDF 文件已损坏或被截断"

# What pdfminer raises on malformed input besides its own exceptions.
_MALFORMED = (
    MalformedPDFException,
    PSException,
    zlib.error,
    ValueError,
    KeyError,
    TypeError,
    IndexError,
    AttributeError,
)


def read_pdf(data: bytes, name: str) -> str:
    """The text of every page in order, pages joined by "\\n".

    >>> from reportlab.pdfgen.canvas import Canvas
    >>> buffer = io.BytesIO()
    >>> canvas = Canvas(buffer)
    >>> canvas.drawString(72, 720, "Chapter 1")
    >>> canvas.save()
    >>> read_pdf(buffer.getvalue(), "plan.pdf")
    'Chapter 1'
    """
    try:
        pages, chars = _page_texts(data)
    except PdfminerException as error:
        cause = error.args[0] if error.args else None
        if isinstance(cause, PDFPasswordIncorrect | PDFEncryptionError):
            raise UnreadableDocument(name, ENCRYPTED) from error
        raise UnreadableDocument(name, DAMAGED) from error
    except _MALFORMED as error:
        raise UnreadableDocument(name, DAMAGED) from error
    if chars == 0:
        raise UnreadableDocument(name, NO_TEXT_LAYER)
    logger.debug("%s: %d pages, %d characters from PDF", name, len(pages), chars)
    return "\n".join(pages)


def _page_texts(data: bytes) -> tuple[list[str], int]:
    """Each page's text, and how many characters the text layer holds in all."""
    texts: list[str] = []
    chars = 0
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            chars += len(page.chars)
            texts.append(page.extract_text())
            page.close()  # frees the page's parsed objects; long plans have hundreds of pages
    return texts, chars
