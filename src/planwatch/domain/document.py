"""A plan document as read from disk: its decoded text and where it came from."""

from dataclasses import dataclass
from enum import StrEnum

from planwatch.domain.issue import Issue


class DocumentKind(StrEnum):
    """What genre of planning document a text is (docs/extraction.md, "Document kinds")."""

    PLAN_OUTLINE = "plan_outline"  # 规划纲要 (five-year plan outline, special plans)
    WORK_REPORT = "work_report"  # 政府工作报告
    ANNUAL_PLAN_REPORT = "annual_plan_report"  # 计划执行情况与计划草案的报告
    STATISTICAL_BULLETIN = "statistical_bulletin"  # 统计公报
    TASK_DIVISION = "task_division"  # 任务分工方案

    @property
    def is_annual(self) -> bool:
        """Whether the document is dated by one year (report or bulletin), not a period.

        >>> DocumentKind.WORK_REPORT.is_annual, DocumentKind.PLAN_OUTLINE.is_annual
        (True, False)
        """
        return self in _ANNUAL


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


_ANNUAL = frozenset(
    {DocumentKind.WORK_REPORT, DocumentKind.ANNUAL_PLAN_REPORT, DocumentKind.STATISTICAL_BULLETIN}
)
