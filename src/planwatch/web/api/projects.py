"""Major projects: the list with filters and totals, one project, progress reports,
milestones, confidence ratings, and the import of a register."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request, UploadFile
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from planwatch.assess.projects import ProjectThresholds
from planwatch.domain.assessment import Light
from planwatch.domain.project import ProjectStatus
from planwatch.errors import InvalidInput
from planwatch.services.plans import get_plan
from planwatch.services.project_cells import TO_WAN, parse_report_period
from planwatch.services.project_detail import project_detail
from planwatch.services.project_export import detail_json, list_json
from planwatch.services.project_register import import_register
from planwatch.services.project_views import ProjectFilters, as_of_date
from planwatch.services.projects import (
    ReportEntry,
    add_report,
    parse_milestone,
    rate_project,
    require_project_edit,
    set_milestone,
)
from planwatch.services.tables import parse_table
from planwatch.services.users import require_admin
from planwatch.settings import Settings
from planwatch.store.models import ProjectRecord
from planwatch.web.api.common import get_or_404, plan_or_404
from planwatch.web.deps import ReaderDep, SessionDep, SettingsDep, WriterDep
from planwatch.web.errors import error_body
from planwatch.web.project_cache import ProjectListCache
from planwatch.web.uploads import read_upload

router = APIRouter(tags=["projects"])
Year = Annotated[int | None, Query(ge=1949, le=2200)]


class ReportCreate(BaseModel):
    period: str = Field(max_length=20, examples=["2023-06", "2023Q2"])
    completed: Decimal | None = None
    cumulative: Decimal | None = None
    unit: Literal["万元", "亿元"] = "万元"
    progress: str = Field("", max_length=2000)
    note: str = Field("", max_length=2000)
    evidence: list[str] = Field(default_factory=list, max_length=20)


class MilestoneUpdate(BaseModel):
    planned: date | None = None
    actual: date | None = None
    note: str = Field("", max_length=500)


class RatingCreate(BaseModel):
    rating: str = Field(max_length=4, examples=["黄红"])
    reason: str = Field(max_length=2000)


def project_thresholds(settings: Settings) -> ProjectThresholds:
    return ProjectThresholds.from_mapping(settings.project_thresholds)


def project_or_404(session: SessionDep, project_id: int) -> ProjectRecord:
    return get_or_404(session, ProjectRecord, project_id, f"项目 {project_id} 不存在")


@router.get("/projects")
def list_projects(
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    _: ReaderDep,
    plan: int | None = None,
    year: Year = None,
    box: str | None = None,
    chapter: str | None = None,
    department: str | None = None,
    status: ProjectStatus | None = None,
    light: Light | None = None,
) -> dict[str, Any]:
    """重大项目清单及合计;可按专栏、章、牵头单位、状态、灯号和年度筛选(金额单位:万元)。"""
    found = plan_or_404(session, plan) if plan is not None else get_plan(session, None)
    filters = ProjectFilters(box, chapter, department, status, light, year)
    cache: ProjectListCache = request.app.state.project_lists
    return list_json(cache.listing(session, found, project_thresholds(settings), filters))


@router.get("/projects/{project_id}")
def get_project(
    project_id: int, session: SessionDep, settings: SettingsDep, _: ReaderDep, year: Year = None
) -> dict[str, Any]:
    """一个项目:投资(按年)、里程碑、判断依据、进展记录和交付信心评级。"""
    return _detail(session, settings, project_id, year)


def _detail(
    session: SessionDep, settings: Settings, project_id: int, year: int | None
) -> dict[str, Any]:
    project = project_or_404(session, project_id)
    as_of = as_of_date(year, date.today())
    return detail_json(
        project_detail(session, project.plan, project, as_of, project_thresholds(settings))
    )


@router.post("/projects/{project_id}/reports", status_code=201)
def create_report(
    project_id: int, body: ReportCreate, session: SessionDep, settings: SettingsDep, user: WriterDep
) -> dict[str, Any]:
    """填报一期进展(管理员,或项目牵头单位的填报员);同一报告期再次填报即更正。"""
    project = project_or_404(session, project_id)
    require_project_edit(user, project)
    try:
        period = parse_report_period(body.period)
    except ValueError as error:
        raise InvalidInput(f"报告期「{body.period}」:{error}") from error
    scale = TO_WAN[body.unit]
    entry = ReportEntry(
        period,
        None if body.completed is None else body.completed * scale,
        None if body.cumulative is None else body.cumulative * scale,
        body.progress, body.note, tuple(body.evidence),
    )  # fmt: skip
    add_report(session, project.plan, project, entry, user.username)
    session.commit()
    return _detail(session, settings, project_id, None)


@router.put("/projects/{project_id}/milestones/{kind}")
def update_milestone(
    project_id: int,
    kind: str,
    body: MilestoneUpdate,
    session: SessionDep,
    settings: SettingsDep,
    user: WriterDep,
) -> dict[str, Any]:
    """设置里程碑(前期手续、开工、主体完工、竣工、投产)的计划或实际日期。"""
    project = project_or_404(session, project_id)
    require_project_edit(user, project)
    set_milestone(session, project, parse_milestone(kind), user.username,
                  planned=body.planned, actual=body.actual, note=body.note)  # fmt: skip
    session.commit()
    return _detail(session, settings, project_id, None)


@router.post("/projects/{project_id}/ratings", status_code=201)
def create_rating(
    project_id: int, body: RatingCreate, session: SessionDep, settings: SettingsDep, user: WriterDep
) -> dict[str, Any]:
    """记录交付信心评级(绿、绿黄、黄、黄红、红)及理由。"""
    project = project_or_404(session, project_id)
    require_project_edit(user, project)
    rate_project(session, project, body.rating, body.reason, user.username)
    session.commit()
    return _detail(session, settings, project_id, None)


@router.post("/plans/{plan_id}/projects/import", response_model=None)
async def import_projects(
    plan_id: int,
    file: UploadFile,
    session: SessionDep,
    settings: SettingsDep,
    user: WriterDep,
    dry_run: bool = False,
    year: Year = None,
    add_departments: bool = False,
) -> dict[str, Any] | JSONResponse:
    """导入重大项目库(管理员);逐行校验,有错误则不写入并返回错误清单。"""
    require_admin(user)
    plan = plan_or_404(session, plan_id)
    data = await read_upload(file, settings.max_document_bytes)
    table = parse_table(data, file.filename or "upload", merged=True)
    report = import_register(session, plan, table, user.username, year=year, dry_run=dry_run,
                             add_departments=add_departments)  # fmt: skip
    if not report.ok:
        problems = [
            {"row": p.row, "column": p.column, "value": p.value, "reason": p.reason}
            for p in report.problems
        ]
        message = f"{table.name}: {len(problems)} 处错误,未写入任何数据"
        session.rollback()
        return JSONResponse(error_body(422, message, problems), status_code=422)
    if dry_run:
        session.rollback()
    else:
        session.commit()
    return {
        "dry_run": dry_run, "created": report.created, "updated": report.updated,
        "unchanged": report.unchanged, "departments_added": report.departments_added,
    }  # fmt: skip
