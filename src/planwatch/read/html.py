"""Visible text of an HTML page, one block element per line (BeautifulSoup, html.parser).

The bytes are decoded by the first that applies: a byte-order mark, the charset a ``<meta>``
tag declares (if it decodes the bytes strictly — a single-byte charset such as latin-1
decodes any bytes, so a detected codec that reads more hanzi wins over it), the detection
used for plain text. GB2312
and GBK are read with GB18030, their superset, because pages labelled GB2312 routinely use
characters outside it.
"""

import logging
import re
from collections.abc import Iterator
from functools import cache

from bs4 import BeautifulSoup
from bs4.element import Comment, Declaration, Doctype, NavigableString, ProcessingInstruction, Tag

from planwatch.errors import UnreadableDocument
from planwatch.read.encoding import (
    DecodedText,
    bom_encoding,
    decode_text,
    decodes_strictly,
    document_codec,
    hanzi_score,
)

logger = logging.getLogger(__name__)

_DROPPED = ("script", "style", "head", "noscript", "template", "svg", "iframe", "object")
_BLOCKS = frozenset(
    {
        *("address", "article", "aside", "blockquote", "caption", "center", "dd", "details"),
        *("div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "header"),
        *("h1", "h2", "h3", "h4", "h5", "h6", "hr", "li", "main", "nav", "ol", "p", "pre"),
        *("section", "summary", "table", "tbody", "tfoot", "thead", "title", "ul"),
    }
)
_NOT_TEXT = (Comment, Declaration, Doctype, ProcessingInstruction)
# <meta charset="gb2312"> or <meta http-equiv="Content-Type" content="text/html; charset=gbk">
_META_CHARSET = re.compile(
    rb"""<meta [^>]*? charset \s* = \s* ["']? \s* (?P<label>[a-z0-9_.:-]+)""",
    re.IGNORECASE | re.VERBOSE,
)
_META_WINDOW = 16 * 1024
_SUPERSETS = {"gb2312": "gb18030", "gbk": "gb18030"}
# Collapsed inside a line; U+3000 (ideographic space) is text and stays.
_SPACES = re.compile(r"[ \t\n\r\f\v\u00a0]+")


def read_html(data: bytes, name: str) -> DecodedText:
    """The visible text of an HTML page and the codec it was decoded with.

    >>> page = '<meta charset="gbk"><p>第一章</p><table><tr><td>指标</td><td>单位</td></tr>'
    >>> read_html(page.encode("gbk"), "plan.html")
    DecodedText(text='第一章\\n指标\\t单位', encoding='gb18030')
    """
    decoded = _decode(data, name)
    soup = BeautifulSoup(decoded.text, "html.parser")
    for tag in soup.find_all(list(_DROPPED)):
        tag.decompose()
    lines = list(_lines(soup))
    logger.debug("%s: %d lines from HTML", name, len(lines))
    return DecodedText("\n".join(lines), decoded.encoding, decoded.cut_bytes)


def declared_charset(data: bytes) -> str | None:
    """The Python codec for the charset a ``<meta>`` tag declares, if Python knows it.

    >>> declared_charset(b'<meta http-equiv="Content-Type" content="text/html; charset=GB2312">')
    'gb18030'
    >>> declared_charset(b'<meta charset="undefined">'), declared_charset(b"<meta charset=idna>")
    (None, None)
    """
    match = _META_CHARSET.search(data[:_META_WINDOW])
    if match is None:
        return None
    codec = document_codec(match["label"].decode("ascii"))
    if codec is None:  # unknown, or "undefined", "punycode": not a document's encoding
        return None
    if codec.startswith(("utf-16", "utf-32")):
        return None  # a page whose <meta> is readable as ASCII is not UTF-16, whatever it says
    return _SUPERSETS.get(codec, codec)


def _decode(data: bytes, name: str) -> DecodedText:
    declared = declared_charset(data)
    if bom_encoding(data) is None and declared is not None:
        # Valid multi-byte UTF-8 is no coincidence: it beats a stale declaration.
        if declared != "utf-8" and not data.isascii() and decodes_strictly(data, "utf-8"):
            logger.warning("%s: declares %s but is UTF-8", name, declared)
        elif decodes_strictly(data, declared):
            text = data.decode(declared)
            if _single_byte(declared) and not data.isascii():
                # latin-1 decodes any bytes, so it proves nothing: a page of hanzi says more
                detected = _detected(data, name)
                if detected is not None and hanzi_score(detected.text) > hanzi_score(text):
                    logger.warning("%s: declares %s but reads as %s", name, declared,
                                   detected.encoding)  # fmt: skip
                    return detected
            return DecodedText(text, declared)
        else:
            logger.warning("%s: declares %s, which does not decode it", name, declared)
    return decode_text(data, name)


@cache
def _single_byte(codec: str) -> bool:
    """Whether a codec maps each byte to one character (latin-1, cp1252): it decodes anything.

    >>> _single_byte("latin-1"), _single_byte("gb18030")
    (True, False)
    """
    try:
        return len(bytes(range(0x80, 0x100)).decode(codec, errors="replace")) == 0x80
    except LookupError:  # pragma: no cover - declared_charset returns known codecs only
        return False


def _detected(data: bytes, name: str) -> DecodedText | None:
    try:
        return decode_text(data, name)
    except UnreadableDocument:
        return None


def _lines(soup: BeautifulSoup) -> Iterator[str]:
    """Lines of visible text; walks the tree with a stack, as pages can nest deeply."""
    parts: list[str] = []
    stack: list[Tag | NavigableString | None] = [soup]
    while stack:
        node = stack.pop()
        if node is None or (isinstance(node, Tag) and _breaks_line(node)):
            yield from _flush(parts)
        if node is None:
            continue
        if isinstance(node, NavigableString):
            if not isinstance(node, _NOT_TEXT):
                parts.append(str(node))
        elif node.name == "tr":
            yield from _row_line(node)
        elif node.name == "br":
            continue
        else:
            if node.name in _BLOCKS:
                stack.append(None)  # a line break after the block's content
            children = [
                child for child in node.children if isinstance(child, Tag | NavigableString)
            ]
            stack.extend(reversed(children))
    yield from _flush(parts)


def _breaks_line(tag: Tag) -> bool:
    return tag.name in _BLOCKS or tag.name in ("tr", "br")


def _flush(parts: list[str]) -> Iterator[str]:
    line = _SPACES.sub(" ", "".join(parts)).strip(" ")
    parts.clear()
    if line:
        yield line


def _row_line(row: Tag) -> Iterator[str]:
    """The row's cells joined by a tab; a table nested in a cell is flattened into it."""
    cells = [
        _SPACES.sub(" ", cell.get_text(" ")).strip(" ")
        for cell in row.find_all(["td", "th"], recursive=False)
    ]
    if any(cells):
        yield "\t".join(cells)
