"""Reports on a plan's implementation: annual monitoring, mid-term and final evaluation.

Renders a :class:`~planwatch.services.overview.PlanOverview` to DOCX, HTML or XLSX; never
touches the database. :func:`render_report` is the one entry point of the CLI and the
dashboard; docs/reports.md describes the content and layout.

    overview = plan_overview(session, None, 2022, Thresholds())
    data = render_report(overview, ReportKind.MIDTERM, ReportFormat.DOCX)
"""

from __future__ import annotations

from planwatch.report.content import build_report
from planwatch.report.fonts import MissingFont, document_fonts
from planwatch.report.model import Report, ReportFormat, ReportKind
from planwatch.services.delivery import Delivery
from planwatch.services.overview import PlanOverview

__all__ = [
    "MissingFont",
    "Report",
    "ReportFormat",
    "ReportKind",
    "build_report",
    "document_fonts",
    "file_name",
    "render_report",
]


def render_report(
    overview: PlanOverview,
    kind: ReportKind,
    fmt: ReportFormat,
    delivery: Delivery | None = None,
) -> bytes:
    """The report of ``kind`` for ``overview`` as the bytes of a ``fmt`` file; ``delivery``
    (tasks, reporting, projects of the year, :func:`planwatch.services.delivery.plan_delivery`)
    adds their sections.

    Raises :class:`MissingFont` for DOCX and HTML when no CJK font is installed for the charts.
    """
    report = build_report(overview, kind, delivery=delivery)
    if fmt is ReportFormat.DOCX:
        from planwatch.report.docx import render_docx

        return render_docx(report)
    if fmt is ReportFormat.HTML:
        from planwatch.report.html import render_html

        return render_html(report).encode("utf-8")
    from planwatch.report.xlsx import render_xlsx

    return render_xlsx(report, overview)


def file_name(overview: PlanOverview, kind: ReportKind, fmt: ReportFormat) -> str:
    """A download's default name: region, year, kind.

    For the sample as of 2022: 泸州市江阳区-2022-中期评估报告.docx
    """
    region = overview.region or overview.key
    return f"{region}-{overview.as_of}-{kind.label}.{fmt.value}".replace("/", "-")
