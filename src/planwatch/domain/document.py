"""A plan document as read from disk: its decoded text and where it came from."""

from dataclasses import dataclass
from enum import StrEnum

from planwatch.domain.issue import Issue


class DocumentFormat(StrEnum):
    TXT = "txt"
    DOCX = "docx"
    PDF = "pdf"
    HTML = "html"


@dataclass(frozen=True, slots=True)
class Source:
    """Provenance of a decoded text: every offset planwatch reports indexes ``Document.text``."""

    path: str
    sha256: str
    format: DocumentFormat
    encoding: str
    chars: int


@dataclass(frozen=True, slots=True)
class Document:
    """Decoded text of a plan document.

    >>> doc = Document("第一章 总体要求", Source("a.txt", "0" * 64, DocumentFormat.TXT, "utf-8", 8))
    >>> doc.source.chars == len(doc.text)
    True
    """

    text: str
    source: Source
    issues: tuple[Issue, ...] = ()
    """What the reader noticed while decoding: a file cut inside a character, control
    characters replaced by spaces (docs/reading.md)."""
