"""Annual targets (年度目标): the judged list of a plan and the import of a target file."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, UploadFile
from fastapi.responses import JSONResponse

from planwatch.errors import Forbidden
from planwatch.serialize import annual_json
from planwatch.services.annual import annual_views, rules_of
from planwatch.services.annual_targets import import_annual_targets
from planwatch.services.review import entry_state
from planwatch.services.tables import parse_table
from planwatch.services.users import Role, can_edit_indicator
from planwatch.web.api.common import plan_or_404
from planwatch.web.deps import Id, ReaderDep, SessionDep, SettingsDep, WriterDep
from planwatch.web.errors import error_body
from planwatch.web.uploads import read_upload

router = APIRouter(tags=["annual targets"])


@router.get("/plans/{plan_id}/annual-targets")
def list_annual_targets(
    plan_id: Id,
    session: SessionDep,
    settings: SettingsDep,
    _: ReaderDep,
    year: Annotated[int | None, Query(ge=1949, le=2200)] = None,
) -> list[dict[str, Any]]:
    """已审核的年度目标及完成情况(完成 / 未完成 / 无数据,差距)。"""
    plan = plan_or_404(session, plan_id)
    return [annual_json(v) for v in annual_views(session, plan, rules_of(settings), year=year)]


@router.post("/plans/{plan_id}/annual-targets/import", response_model=None)
async def import_targets(
    plan_id: Id,
    file: UploadFile,
    session: SessionDep,
    settings: SettingsDep,
    user: WriterDep,
    dry_run: bool = False,
) -> dict[str, Any] | JSONResponse:
    """导入年度目标文件(CSV/XLSX);逐行校验,有错误则不写入并返回错误清单。"""
    plan = plan_or_404(session, plan_id)
    if user.role == Role.VIEWER:
        raise Forbidden("查看者不能填报数据")
    data = await read_upload(file, settings.max_document_bytes)
    table = parse_table(data, file.filename or "upload")
    report = import_annual_targets(
        session, plan, table, user.username, dry_run=dry_run,
        may_edit=lambda indicator: can_edit_indicator(user, indicator), review=entry_state(user),
    )  # fmt: skip
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
        "kind": "annual_targets",
        "dry_run": report.dry_run,
        "rows": report.rows,
        "added": report.added,
        "unchanged": report.unchanged,
        "blank": report.blank,
    }
