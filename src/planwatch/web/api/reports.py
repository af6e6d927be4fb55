"""Report downloads: the annual monitoring report and the evaluations, as DOCX, HTML or XLSX."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Query
from fastapi.responses import Response
from sqlalchemy.orm import Session

from planwatch.report import ReportFormat, ReportKind, file_name, render_report
from planwatch.services.delivery import plan_delivery
from planwatch.settings import Settings
from planwatch.store.models import Plan
from planwatch.web.api.common import overview, plan_or_404
from planwatch.web.api.projects import project_thresholds
from planwatch.web.deps import Id, ReaderDep, SessionDep, SettingsDep

router = APIRouter(tags=["reports"])


def report_response(
    session: Session,
    plan: Plan,
    kind: ReportKind,
    fmt: ReportFormat,
    as_of: int | None,
    settings: Settings,
) -> Response:
    """The rendered report as a download (a final evaluation defaults to the period's end)."""
    year = as_of if as_of is not None or kind is not ReportKind.FINAL else plan.period_end
    result = overview(session, plan, year, settings)
    delivery = plan_delivery(
        session, plan, result.as_of, project_thresholds(settings), settings.show_pending
    )
    data = render_report(result, kind, fmt, delivery)
    name = quote(file_name(result, kind, fmt))
    return Response(
        data,
        media_type=fmt.media_type,
        headers={"Content-Disposition": f"attachment; filename*=UTF-8''{name}"},
    )


@router.get("/plans/{plan_id}/reports/{kind}", response_class=Response)
def download_report(
    plan_id: Id,
    kind: ReportKind,
    session: SessionDep,
    settings: SettingsDep,
    _: ReaderDep,
    format: Annotated[ReportFormat, Query()] = ReportFormat.DOCX,
    as_of: Annotated[int | None, Query(ge=1949, le=2200)] = None,
) -> Response:
    """下载年度监测报告(annual)、中期评估报告(midterm)或总结评估报告(final)。"""
    return report_response(session, plan_or_404(session, plan_id), kind, format, as_of, settings)
