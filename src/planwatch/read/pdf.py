"""Text of a PDF file's text layer, page by page (pdfplumber).

Scanned pages carry no text layer; planwatch does no OCR and says so.
"""

import io
import logging
import zlib
from typing import Any

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
            texts.append(page_text(page))
            page.close()  # frees the page's parsed objects; long plans have hundreds of pages
    return texts, chars


# A gap wider than this many character heights between two characters of a line separates
# two cells of a table drawn without tabs (a PDF places each cell at its own x); a narrower
# one wider than SPACE_GAP heights is a space (pdfplumber leaves the space characters out of
# a line's characters; hanzi of running text stand with no gap at all).
CELL_GAP = 1.5
SPACE_GAP = 0.15
ALIGNED = 6.0  # points: cells of one column start within this of each other


def page_text(page: pdfplumber.page.Page) -> str:
    """A page's text, one line per line of the page, the cells of a table split by tabs.

    >>> from reportlab.pdfgen.canvas import Canvas
    >>> buffer = io.BytesIO()
    >>> canvas = Canvas(buffer)
    >>> for x, cell in ((72, "Forest cover"), (250, "%"), (300, "39.2")):
    ...     canvas.drawString(x, 720, cell)
    >>> canvas.save()
    >>> read_pdf(buffer.getvalue(), "table.pdf")
    'Forest cover\\t%\\t39.2'
    """
    lines = page.extract_text_lines(return_chars=True, strip=True)
    rows = [_cells(line["chars"]) for line in lines]
    return "\n".join("\t".join(text for _, text in row) for row in _aligned(rows))


Cell = tuple[float, str]  # the x where a cell's text starts, and the text


def _cells(chars: list[dict[str, Any]]) -> list[Cell]:
    """A line's characters as cells: a wide gap starts a new one, a narrow one is a space."""
    cells: list[Cell] = []
    parts: list[str] = []
    start = chars[0]["x0"] if chars else 0.0
    previous = None
    for char in chars:
        if previous is not None:
            gap = char["x0"] - previous["x1"]
            if gap > CELL_GAP * max(previous["size"], char["size"], 1):
                cells.append((start, "".join(parts)))
                parts, start = [], char["x0"]
            elif gap > SPACE_GAP * max(previous["size"], 1):
                parts.append(" ")
        parts.append(char["text"])
        previous = char
    cells.append((start, "".join(parts)))
    return cells


def _aligned(rows: list[list[Cell]]) -> list[list[Cell]]:
    """Rows of one table drawn with an empty cell get that cell back: within a run of lines
    of several cells, the line with the most cells gives the columns' x, and a line whose
    every cell starts at one of them (within ALIGNED points) gets an empty cell for each
    column it skips before its last cell."""
    out: list[list[Cell]] = []
    run: list[list[Cell]] = []
    for row in [*rows, []]:
        if len(row) > 1:
            run.append(row)
            continue
        out.extend(_fill(run))
        run = []
        if row:
            out.append(row)
    return out


def _fill(run: list[list[Cell]]) -> list[list[Cell]]:
    if len(run) < 2:
        return run
    columns = [x for x, _ in max(run, key=len)]
    filled = []
    for row in run:
        if len(row) == len(columns):
            filled.append(row)
            continue
        found = [_column(x, columns) for x, _ in row]
        slots = [slot for slot in found if slot is not None]
        if len(slots) < len(found) or slots != sorted(set(slots)):
            filled.append(row)  # not aligned to the grid, one cell a column: leave it as drawn
            continue
        texts = dict(zip(slots, (text for _, text in row), strict=True))
        # up to the row's last cell: a missing cell at the end is no cell at all
        filled.append([(x, texts.get(i, "")) for i, x in enumerate(columns[: slots[-1] + 1])])
    return filled


def _column(x: float, columns: list[float]) -> int | None:
    """The column whose start ``x`` is, within ALIGNED points."""
    nearest = min(range(len(columns)), key=lambda i: abs(columns[i] - x))
    return nearest if abs(columns[nearest] - x) <= ALIGNED else None
