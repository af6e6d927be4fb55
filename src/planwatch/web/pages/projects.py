"""重大项目 pages: the list with filters and totals, its XLSX export, one project, and the
forms an editor reports progress and a rating with."""

from __future__ import annotations

import io
import json
import tempfile
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, File, Form, Query, Request, UploadFile
from fastapi import Path as PathPart
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from planwatch.domain.assessment import Light
from planwatch.domain.project import ProjectStatus
from planwatch.errors import FileTooLarge, InvalidInput, NotFound
from planwatch.services.project_cells import TO_WAN, parse_report_period
from planwatch.services.project_detail import ProjectDetail, project_detail
from planwatch.services.project_evidence import (
    attach_project_evidence,
    can_read_project_evidence,
    project_evidence_for,
)
from planwatch.services.project_export import EXPORT_HEADER, amount, export_rows
from planwatch.services.project_views import ProjectFilters, as_of_date
from planwatch.services.projects import (
    ReportEntry,
    add_report,
    can_edit_project,
    rate_project,
    require_project_edit,
)
from planwatch.services.tables import write_xlsx
from planwatch.store.models import ProjectEvidenceFile
from planwatch.web.api.projects import project_or_404, project_thresholds
from planwatch.web.deps import ReaderDep, SessionDep, SettingsDep, WriterDep
from planwatch.web.pages.context import chosen_plan, render
from planwatch.web.project_cache import ProjectListCache
from planwatch.web.uploads import read_upload

router = APIRouter()
PAGE_SIZE = 100
PlanQuery = Annotated[str | None, Query(alias="plan", max_length=200)]
YearQuery = Annotated[int | None, Query(ge=1949, le=2200)]
Text = Annotated[str | None, Query(max_length=300)]


def _filters(
    box: str | None, chapter: str | None, department: str | None, status: str | None,
    light: str | None, year: int | None,
) -> ProjectFilters:  # fmt: skip
    statuses = {s.value: s for s in ProjectStatus}
    lights = {x.value: x for x in Light}
    return ProjectFilters(
        box or None, chapter or None, department or None,
        statuses.get(status or ""), lights.get(light or ""), year,
    )  # fmt: skip


@router.get("/projects", response_class=HTMLResponse)
def projects_page(
    request: Request, session: SessionDep, settings: SettingsDep, auth: ReaderDep,
    plan: PlanQuery = None, box: Text = None, chapter: Text = None, department: Text = None,
    status: Text = None, light: Text = None, year: YearQuery = None,
    page: Annotated[int, Query(ge=1, le=10_000)] = 1,
) -> HTMLResponse:  # fmt: skip
    chosen = chosen_plan(session, plan)
    filters = _filters(box, chapter, department, status, light, year)
    cache: ProjectListCache = request.app.state.project_lists
    listing = cache.listing(session, chosen, project_thresholds(settings), filters)
    pages = max(1, -(-len(listing.rows) // PAGE_SIZE))
    shown = listing.rows[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
    query = {k: v for k, v in request.query_params.items() if k != "page"}
    return render(request, session, auth, "projects.html", {
        "plan": chosen, "listing": listing, "rows": shown, "filters": filters,
        "page": page, "pages": pages, "query": query, "statuses": list(ProjectStatus),
        "lights": [Light.GREEN, Light.YELLOW, Light.RED, Light.GREY], "amount": amount,
        "years": list(range(chosen.period_start or date.today().year,
                            (chosen.period_end or date.today().year) + 1)),
        "export_query": "&".join(f"{k}={quote(str(v))}" for k, v in query.items()),
    })  # fmt: skip


@router.get("/projects/export.xlsx")
def projects_export(
    request: Request, session: SessionDep, settings: SettingsDep, _: ReaderDep,
    plan: PlanQuery = None, box: Text = None, chapter: Text = None, department: Text = None,
    status: Text = None, light: Text = None, year: YearQuery = None,
) -> Response:  # fmt: skip
    chosen = chosen_plan(session, plan)
    filters = _filters(box, chapter, department, status, light, year)
    cache: ProjectListCache = request.app.state.project_lists
    listing = cache.listing(session, chosen, project_thresholds(settings), filters)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "projects.xlsx"
        write_xlsx(path, [("重大项目", EXPORT_HEADER, export_rows(listing))])
        data = io.BytesIO(path.read_bytes()).getvalue()
    name = quote(f"重大项目-{listing.as_of.isoformat()}.xlsx")
    return Response(
        data,
        media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        headers={"Content-Disposition": f"attachment; filename*=UTF-8''{name}"},
    )


@router.get("/projects/{project_id}", response_class=HTMLResponse)
def project_page(
    project_id: int, request: Request, session: SessionDep, settings: SettingsDep,
    auth: ReaderDep, year: YearQuery = None,
) -> HTMLResponse:  # fmt: skip
    record = project_or_404(session, project_id)
    detail = project_detail(session, record.plan, record, as_of_date(year, date.today()),
                            project_thresholds(settings))  # fmt: skip
    return render(request, session, auth, "project.html", {
        "plan": record.plan, "detail": detail, "record": record, "amount": amount,
        "can_edit": can_edit_project(auth.user, record),
        "may_read_evidence": can_read_project_evidence(auth.user, record),
        "chart_json": json.dumps(_chart(detail), ensure_ascii=False),
    })  # fmt: skip


@router.post("/projects/{project_id}/reports")
def report_form(
    project_id: int,
    session: SessionDep,
    user: WriterDep,
    period: Annotated[str, Form(max_length=20)],
    completed: Annotated[str, Form(max_length=40)] = "",
    cumulative: Annotated[str, Form(max_length=40)] = "",
    unit: Annotated[str, Form(max_length=4)] = "万元",
    progress: Annotated[str, Form(max_length=2000)] = "",
    note: Annotated[str, Form(max_length=2000)] = "",
) -> RedirectResponse:
    record = project_or_404(session, project_id)
    require_project_edit(user, record)
    if unit not in TO_WAN:
        raise InvalidInput(f"金额单位「{unit}」应为 万元 或 亿元")
    try:
        entry = ReportEntry(
            parse_report_period(period), _form_amount("本期完成投资", completed, unit),
            _form_amount("累计完成投资", cumulative, unit), progress, note,
        )  # fmt: skip
    except ValueError as error:
        raise InvalidInput(f"报告期「{period}」:{error}") from error
    report = add_report(session, record.plan, record, entry, user.username)
    session.commit()
    return _back(project_id, f"已保存 {report.period} 的进展")


@router.post("/projects/{project_id}/ratings")
def rating_form(
    project_id: int,
    session: SessionDep,
    user: WriterDep,
    rating: Annotated[str, Form(max_length=4)],
    reason: Annotated[str, Form(max_length=2000)] = "",
) -> RedirectResponse:
    record = project_or_404(session, project_id)
    require_project_edit(user, record)
    entry = rate_project(session, record, rating, reason, user.username)
    session.commit()
    return _back(project_id, f"已记录交付信心:{entry.rating}")


@router.post("/projects/{project_id}/reports/{period}/evidence")
async def evidence_form(
    project_id: int,
    period: Annotated[str, PathPart(max_length=10)],
    session: SessionDep,
    settings: SettingsDep,
    user: WriterDep,
    file: Annotated[UploadFile, File()],
) -> RedirectResponse:
    record = project_or_404(session, project_id)
    require_project_edit(user, record)
    report = next((r for r in record.reports if r.period == period), None)
    if report is None:
        raise NotFound(f"项目「{record.name}」没有 {period} 的进展记录")
    limit = settings.max_evidence_bytes
    data = await read_upload(file, limit, too_large=FileTooLarge)
    stored = attach_project_evidence(session, report, file.filename or "", data, user, limit)
    session.commit()
    return _back(project_id, f"已上传 {stored.filename}")


@router.get("/projects/{project_id}/evidence/{evidence_id}")
def evidence_download(
    project_id: int, evidence_id: int, session: SessionDep, auth: ReaderDep
) -> Response:
    evidence = session.get(ProjectEvidenceFile, evidence_id)
    if evidence is None or evidence.report.project_id != project_id:
        raise NotFound(f"项目没有编号为 {evidence_id} 的证明材料")
    content = project_evidence_for(auth.user, evidence)
    disposition = f"attachment; filename*=UTF-8''{quote(evidence.filename)}"
    return Response(content, media_type=evidence.media_type,
                    headers={"Content-Disposition": disposition})  # fmt: skip


def _form_amount(name: str, text: str, unit: str) -> Decimal | None:
    if not text.strip():
        return None
    try:
        value = Decimal(text.strip().replace(",", ""))
    except InvalidOperation:
        raise InvalidInput(f"{name}「{text}」不是数字") from None
    if not value.is_finite():
        raise InvalidInput(f"{name}「{text}」不是数字")
    return value * TO_WAN[unit]


def _back(project_id: int, message: str) -> RedirectResponse:
    return RedirectResponse(f"/projects/{project_id}?message={quote(message)}", status_code=303)


def _chart(detail: ProjectDetail) -> dict[str, Any]:
    """Planned and completed investment by year (bars), the cumulative curve (a line), 万元."""

    def number(value: Decimal | None) -> float | None:
        return None if value is None else float(value)

    return {
        "years": [y.year for y in detail.years],
        "planned": [number(y.planned) for y in detail.years],
        "completed": [number(y.completed) for y in detail.years],
        "cumulative": [[p.isoformat(), number(c)] for p, c in detail.curve],
        "total": number(detail.record.total_investment),
        "unit": "万元",
    }
