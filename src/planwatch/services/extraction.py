"""Use case: read a plan document and extract its outline, metadata and quantities.

One data function (:func:`extract_file`) feeds every renderer: the ``extract`` JSON
contract (:func:`to_contract`), the ``outline`` tree and, later, the store.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from planwatch.domain.document import Document, DocumentKind
from planwatch.domain.issue import Issue
from planwatch.domain.outline import Outline, OutlineNode
from planwatch.domain.plan import PlanMeta
from planwatch.domain.quantity import IndicatorCandidate, QuantityFindings
from planwatch.errors import (
    DocumentYearUnknown,
    ExtractionBudgetExceeded,
    InvalidInput,
    PlanwatchError,
)
from planwatch.extract.document_kind import KIND_NAMES, KindReading, read_kind
from planwatch.extract.document_year import YearReading, read_year
from planwatch.extract.indicators import link_indicators
from planwatch.extract.metadata import read_plan_meta
from planwatch.extract.normalize import NormalText, normalize
from planwatch.extract.outline import build_outline
from planwatch.extract.quantities import find_quantities
from planwatch.extract.reports import read_report
from planwatch.extract.vocabulary import Vocabulary, load_vocabulary, using_vocabulary
from planwatch.extract.vocabulary import vocabulary as package_vocabulary
from planwatch.extract.wrapping import join_wrapped_lines
from planwatch.read import read_document
from planwatch.samples import sample_path
from planwatch.settings import Settings

DEFAULT_KIND = KindReading(DocumentKind.PLAN_OUTLINE, "默认:未见文种标志,按规划纲要读取")


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything planwatch reads out of one plan document."""

    document: Document
    text: NormalText
    plan: PlanMeta
    outline: Outline
    findings: QuantityFindings
    indicators: tuple[IndicatorCandidate, ...]
    issues: tuple[Issue, ...]
    kind: KindReading = DEFAULT_KIND
    year: YearReading | None = None
    """The document's own year (a report's or bulletin's), or None for a plan outline."""

    @property
    def document_year(self) -> int | None:
        """The year that dates a report or bulletin: 今年 = this, 去年 = this − 1."""
        return self.year.year if self.year else None


def extract_document(
    document: Document,
    *,
    max_chars: int | None = None,
    kind: DocumentKind | None = None,
    year: int | None = None,
    vocabulary: Vocabulary | None = None,
) -> Extraction:
    """Extract outline, metadata and quantities from an already decoded document.

    ``vocabulary`` gives the words the rules read (the package's when None); it is the
    current vocabulary for the duration of the call (``extract.vocabulary``).

    The document's kind is recognised (``kind`` overrides it); a work report, annual plan
    report or bulletin is read against its year (``year`` overrides the one read from the
    document), and one whose year cannot be read raises
    :class:`~planwatch.errors.DocumentYearUnknown`.

    Extraction is linear in the text's length; ``max_chars`` (``Settings.max_extract_chars``
    at the entry points) bounds it, and a longer text raises
    :class:`~planwatch.errors.ExtractionBudgetExceeded` before any work is done.

    >>> from planwatch.domain.document import DocumentFormat, Source
    >>> doc = Document("第一章 总体要求", Source("a.txt", "0" * 64, DocumentFormat.TXT, "utf-8", 8))
    >>> try:
    ...     extract_document(doc, max_chars=4)
    ... except ExtractionBudgetExceeded as error:
    ...     (error.chars, error.limit)
    (8, 4)
    """
    if max_chars is not None and len(document.text) > max_chars:
        raise ExtractionBudgetExceeded(
            document.source.path, chars=len(document.text), limit=max_chars
        )
    with using_vocabulary(vocabulary or package_vocabulary()):
        return _extract(document, kind, year)


def _extract(document: Document, kind: DocumentKind | None, year: int | None) -> Extraction:
    lines = normalize(document.text)
    text = join_wrapped_lines(lines)
    outline, issues = build_outline(text)
    plan = read_plan_meta(lines, outline.body_start)  # a title block is read line by line
    kind_reading = KindReading(kind, "指定:--kind") if kind else read_kind(lines.text, plan.title)
    year_reading = _document_year(document, lines, kind_reading.kind, plan, year)
    if year_reading is not None:
        bulletin = kind_reading.kind is DocumentKind.STATISTICAL_BULLETIN
        findings = read_report(text, outline, plan, year_reading.year, bulletin=bulletin).findings
    else:
        findings = find_quantities(text, outline, plan)
    indicators = link_indicators(findings.quantities)
    found = [*document.issues, *issues, *findings.issues]
    all_issues = tuple(sorted(found, key=lambda i: i.line or 0))
    return Extraction(
        document, text, plan, outline, findings, indicators, all_issues, kind_reading, year_reading
    )


def _document_year(
    document: Document, lines: NormalText, kind: DocumentKind, plan: PlanMeta, year: int | None
) -> YearReading | None:
    if not kind.is_annual:
        if year is not None:
            raise InvalidInput(
                f"{document.source.path}: 文档识别为{KIND_NAMES[kind]},--year 只用于政府工作报告、"
                "计划报告或统计公报;可用 --kind 指定文种"
            )
        return None
    if year is not None:
        return YearReading(year, "指定:--year")
    found = read_year(lines.text, kind, title=plan.title, path=document.source.path)
    if found is None:
        raise DocumentYearUnknown(document.source.path)
    return found


def extract_file(
    path: Path | None,
    settings: Settings,
    *,
    kind: DocumentKind | None = None,
    year: int | None = None,
) -> Extraction:
    """Read and extract a plan file; ``None`` means the bundled sample."""
    document = read_document(path or sample_path(), max_bytes=settings.max_document_bytes)
    words = load_vocabulary(settings.vocabulary_file)
    return extract_document(
        document, max_chars=settings.max_extract_chars, kind=kind, year=year, vocabulary=words
    )


def _node_dict(node: OutlineNode) -> dict[str, Any]:
    return {
        "id": node.id,
        "kind": node.kind.value,
        "label": node.label,
        "number": node.number,
        "title": node.title,
        "line": node.line,
        "start": node.start,
        "end": node.end,
        "children": [_node_dict(child) for child in node.children],
    }


QUANTITY_FIELDS = (
    "kind",
    "indicator",
    "scope",
    "value",
    "unit",
    "base_value",
    "base_unit",
    "comparator",
    "year",
    "cumulative",
    "growth_rate",
    "stretch",
    "change",
    "text",
    "line",
    "start",
    "end",
    "sentence",
    "node",
)
QUALITATIVE_FIELDS = ("text", "year", "line", "start", "end", "node")


def json_number(value: Decimal) -> int | float:
    """A Decimal as the JSON number a reader expects: 20 stays 20, 8.50 becomes 8.5.

    >>> json_number(Decimal("2000000000")), json_number(Decimal("8.50"))
    (2000000000, 8.5)
    """
    return int(value) if value == value.to_integral_value() else float(value)


def _plain(record: object, fields: tuple[str, ...]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name in fields:
        value = getattr(record, name)
        out[name] = json_number(value) if isinstance(value, Decimal) else value
    return out


def to_contract(extraction: Extraction) -> dict[str, Any]:
    """The ``planwatch extract --format json`` object (DESIGN.md §3, docs/cli.md)."""
    source = extraction.document.source
    plan = extraction.plan
    return {
        "source": {
            "path": source.path,
            "sha256": source.sha256,
            "format": source.format.value,
            "encoding": source.encoding,
            "chars": source.chars,
            "kind": extraction.kind.kind.value,
            "kind_evidence": extraction.kind.evidence,
            "year": extraction.document_year,
            "year_evidence": extraction.year.evidence if extraction.year else None,
        },
        "plan": {
            "title": plan.title,
            "region": plan.region,
            "period": list(plan.period) if plan.period else None,
            "vision_year": plan.vision_year,
        },
        "outline": [_node_dict(node) for node in extraction.outline.nodes],
        "quantities": [_plain(q, QUANTITY_FIELDS) for q in extraction.findings.quantities],
        "qualitative": [_plain(q, QUALITATIVE_FIELDS) for q in extraction.findings.qualitative],
        "issues": [
            {"code": issue.code, "message": issue.message, "line": issue.line}
            for issue in extraction.issues
        ],
    }


CORPUS_COLUMNS = ("record", "path", "sha256", *QUANTITY_FIELDS, "issues", "message")
"""Columns of a ``planwatch corpus`` table: ``record`` is ``quantity`` (one per quantity),
``document`` (one per document read, with its count of issues) or ``error`` (a document that
could not be read, with the one-line ``message``)."""


def corpus_rows(path: Path, settings: Settings) -> list[dict[str, Any]]:
    """The rows of one document for a corpus table; a problem becomes an ``error`` row.

    Pure apart from reading ``path``, so a process pool can run it.

    >>> rows = corpus_rows(Path("missing.txt"), Settings())
    >>> [(r["record"], r["message"]) for r in rows]
    [('error', 'missing.txt: 文件不存在')]
    """
    try:
        extraction = extract_file(path, settings)
    except PlanwatchError as error:
        return [{"record": "error", "path": str(path), "message": str(error)}]
    source = extraction.document.source
    head = {"path": source.path, "sha256": source.sha256}
    rows = [
        {"record": "quantity", **head, **_plain(q, QUANTITY_FIELDS)}
        for q in extraction.findings.quantities
    ]
    rows.append({"record": "document", **head, "issues": len(extraction.issues)})
    return rows
