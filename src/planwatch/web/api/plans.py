"""Plans: list, overview, outline, upload of a plan document, import of a data file."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, UploadFile
from fastapi.responses import JSONResponse
from sqlalchemy import select

from planwatch.errors import Forbidden
from planwatch.extract.vocabulary import load_vocabulary
from planwatch.read import read_bytes
from planwatch.serialize import overview_json, plan_json
from planwatch.services.entry_checks import entry_rules
from planwatch.services.observations import import_observations
from planwatch.services.plans import import_plan
from planwatch.services.review import entry_state
from planwatch.services.tables import parse_table
from planwatch.services.users import Role, can_edit_indicator, require_admin
from planwatch.store.models import Plan
from planwatch.web.api.common import overview, plan_or_404
from planwatch.web.deps import Id, ReaderDep, SessionDep, SettingsDep, WriterDep
from planwatch.web.errors import error_body
from planwatch.web.uploads import read_upload

router = APIRouter(tags=["plans"])
AsOf = Annotated[int | None, Query(ge=1949, le=2200, description="评估年份")]


@router.get("/plans")
def list_plans(session: SessionDep, _: ReaderDep) -> list[dict[str, Any]]:
    """所有规划及其版本。"""
    return [plan_json(plan) for plan in session.scalars(select(Plan).order_by(Plan.id))]


@router.get("/plans/{plan_id}")
def get_plan(plan_id: Id, session: SessionDep, _: ReaderDep) -> dict[str, Any]:
    return plan_json(plan_or_404(session, plan_id))


@router.get("/plans/{plan_id}/overview")
def get_overview(
    plan_id: Id, session: SessionDep, settings: SettingsDep, _: ReaderDep, as_of: AsOf = None
) -> dict[str, Any]:
    """总览:每项指标的评估结果与各状态数量。"""
    return overview_json(overview(session, plan_or_404(session, plan_id), as_of, settings))


@router.get("/plans/{plan_id}/outline")
def get_outline(plan_id: Id, session: SessionDep, _: ReaderDep) -> list[dict[str, Any]]:
    """最新版本的篇章节结构(平铺,parent 指向上级;id 是跨版本稳定的键,path 是位置编号)。"""
    plan = plan_or_404(session, plan_id)
    nodes = plan.versions[-1].nodes if plan.versions else []
    return [
        {
            "id": n.key,
            "path": n.path,
            "parent": n.parent_key,
            "kind": n.kind,
            "label": n.label,
            "number": n.number,
            "title": n.title,
            "line": n.line,
            "start": n.start,
            "end": n.end,
        }
        for n in nodes
    ]


@router.post("/plans", status_code=201)
async def upload_plan(
    file: UploadFile, session: SessionDep, settings: SettingsDep, user: WriterDep
) -> dict[str, Any]:
    """上传规划文件(管理员):同一文件再次上传不做改动,内容有变则成为新版本。"""
    require_admin(user)
    data = await read_upload(file, settings.max_document_bytes)
    document = read_bytes(
        data, name=file.filename or "upload", max_bytes=settings.max_document_bytes
    )
    words = load_vocabulary(settings.vocabulary_file)
    outcome = import_plan(
        session, document, user.username, max_chars=settings.max_extract_chars, vocabulary=words
    )
    session.commit()
    return {
        "plan_id": outcome.plan_id,
        "plan_key": outcome.plan_key,
        "version": outcome.version,
        "created": outcome.created,
        "new_plan": outcome.new_plan,
        "indicators_added": outcome.indicators_added,
    }


@router.post("/plans/{plan_id}/observations/import", response_model=None)
async def import_data(
    plan_id: Id,
    file: UploadFile,
    session: SessionDep,
    settings: SettingsDep,
    user: WriterDep,
    dry_run: bool = False,
    confirm: bool = False,
) -> dict[str, Any] | JSONResponse:
    """导入观测数据文件(CSV/XLSX);逐行校验,有错误则不写入并返回错误清单。

    异常值(超出范围、为负、变动超过阈值、疑似单位错位)是错误行,除非 ``confirm=true``。
    """
    plan = plan_or_404(session, plan_id)
    if user.role == Role.VIEWER:
        raise Forbidden("查看者不能填报数据")
    data = await read_upload(file, settings.max_document_bytes)
    table = parse_table(data, file.filename or "upload")
    report = import_observations(
        session,
        plan,
        table,
        user.username,
        dry_run=dry_run,
        may_edit=lambda indicator: can_edit_indicator(user, indicator),
        review=entry_state(user),
        checks=entry_rules(settings),
        confirm=confirm,
    )
    if not report.ok:
        problems = [
            {"row": p.row, "column": p.column, "value": p.value, "reason": p.reason}
            for p in report.problems
        ]
        message = f"{table.name}: {len(problems)} 处错误,未写入任何数据"
        return JSONResponse(error_body(422, message, problems), status_code=422)
    if not dry_run:
        session.commit()
    return {
        "dry_run": report.dry_run,
        "rows": report.rows,
        "added": report.added,
        "unchanged": report.unchanged,
        "blank": report.blank,
    }
