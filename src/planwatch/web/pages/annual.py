"""Annual targets on the web: the form on the indicator page, their review, and a bulletin
or report uploaded, reviewed as a table and confirmed with a button (docs/web.md)."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse
from sqlalchemy.orm import Session

from planwatch.errors import Forbidden, InvalidInput
from planwatch.extract.vocabulary import load_vocabulary
from planwatch.read import read_bytes
from planwatch.services.annual_targets import COMPARATOR_WORDS, TargetEntry, add_annual_target
from planwatch.services.document_figures import (
    confirm_figures,
    document_from,
    read_figures,
    stored_document,
    target_text,
)
from planwatch.services.observations import find_indicator
from planwatch.services.review import entry_state
from planwatch.services.tables import number_problem, parse_number
from planwatch.services.users import Role, can_edit_indicator, require_edit
from planwatch.store.models import AnnualTargetRecord, Plan, SourceDocument, UserRecord
from planwatch.web.api.common import get_or_404
from planwatch.web.deps import AuthDep, CleanText, SessionDep, SettingsDep, WriterDep
from planwatch.web.pages.context import chosen_plan, render
from planwatch.web.pages.review import Version, decided
from planwatch.web.uploads import read_upload

router = APIRouter()
YearForm = Annotated[int | None, Form(ge=1949, le=2200)]


def _redirect(path: str, message: str) -> RedirectResponse:
    joiner = "&" if "?" in path else "?"
    return RedirectResponse(f"{path}{joiner}message={quote(message)}", status_code=303)


def _no_viewers(user: UserRecord) -> None:
    if user.role == Role.VIEWER:
        raise Forbidden("查看者不能填报数据")


@router.post("/indicators/{code}/annual-targets")
def annual_target_form(
    code: str,
    session: SessionDep,
    user: WriterDep,
    year: Annotated[int, Form(ge=1949, le=2200)],
    value: Annotated[str, Form(max_length=40)],
    comparator: Annotated[str, Form(max_length=10)] = ">=",
    unit: Annotated[CleanText, Form(max_length=30)] = "",
    growth_rate: Annotated[bool, Form()] = False,
    approximate: Annotated[bool, Form()] = False,
    source: Annotated[CleanText, Form(max_length=500)] = "",
    plan: Annotated[str | None, Form(max_length=200)] = None,
) -> RedirectResponse:
    chosen = chosen_plan(session, plan)
    record = find_indicator(chosen, code)
    require_edit(user, record)
    number = parse_number(value)
    if number is None:
        raise InvalidInput(f"目标值「{value}」:{number_problem(value) or '不是数字'}")
    meaning = COMPARATOR_WORDS.get(comparator)
    if meaning is None:
        raise InvalidInput(f"比较符「{comparator}」应为 >= > <= < = 或 以上、以内、左右")
    entry = TargetEntry(
        year,
        meaning,
        number,
        unit,
        growth_rate,
        approximate or comparator == "左右",
        source or user.username,
    )
    state = entry_state(user)
    added = add_annual_target(session, record, entry, user.username, review=state)
    session.commit()
    word = "已保存" if state == "approved" else "已提交审核"
    message = f"{word} {year} 年度目标" if added else f"{year} 年度目标已是该值,未改动"
    return _redirect(f"/indicators/{record.code}?plan={chosen.id}", message)


def _target(session: Session, target_id: int) -> AnnualTargetRecord:
    return get_or_404(session, AnnualTargetRecord, target_id, f"没有编号为 {target_id} 的年度目标")


@router.post("/review/annual-targets/{target_id}/approve")
def approve_target(
    target_id: int, session: SessionDep, user: WriterDep, version: Version
) -> RedirectResponse:
    target = _target(session, target_id)
    message = f"已通过 {target.indicator.name} {target.year} 年度目标"
    return decided(session, target, user, version, message)


@router.post("/review/annual-targets/{target_id}/return")
def return_target(
    target_id: int,
    session: SessionDep,
    user: WriterDep,
    version: Version,
    comment: Annotated[str, Form(max_length=500)] = "",
) -> RedirectResponse:
    target = _target(session, target_id)
    message = f"已退回 {target.indicator.name} {target.year} 年度目标"
    return decided(session, target, user, version, message, comment)


@router.post("/plans/{plan_id}/documents", response_class=HTMLResponse)
async def document_upload(
    plan_id: int,
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    auth: AuthDep,
    user: WriterDep,
    file: Annotated[UploadFile, File()],
    year: YearForm = None,
    other_region: Annotated[bool, Form()] = False,
) -> HTMLResponse:
    """Read an uploaded bulletin or report and show its review table; no data is written."""
    _no_viewers(user)
    plan = _plan(session, plan_id)
    data = await read_upload(file, settings.max_document_bytes)
    document = read_bytes(
        data, name=file.filename or "upload", max_bytes=settings.max_document_bytes
    )
    reading = read_figures(
        session,
        plan,
        document,
        year=year,
        allow_other_region=other_region,
        max_chars=settings.max_extract_chars,
        vocabulary=load_vocabulary(settings.vocabulary_file),
    )
    kept = stored_document(session, reading, user.username)  # the upload, kept for its spans
    session.commit()
    by_id = {i.id: i for i in plan.indicators}
    editable = {
        f.number: f.indicator_id in by_id and can_edit_indicator(user, by_id[f.indicator_id or 0])
        for f in reading.figures
    }
    rows = [
        {
            "figure": f,
            "shown": target_text(f) if f.role == "annual_target" else f.value,
            "editable": editable[f.number],
        }
        for f in reading.figures
    ]
    context = {
        "plan": plan,
        "reading": reading,
        "document": kept,
        "rows": rows,
        "other_region": other_region,
        "writable": sum(1 for f in reading.figures if f.writable and editable[f.number]),
        "conflicts": sum(1 for f in reading.figures if f.state.value == "conflict"),
    }
    return render(request, session, auth, "document_review.html", context)


@router.post("/documents/{document_id}/confirm")
def document_confirm(
    document_id: int,
    session: SessionDep,
    settings: SettingsDep,
    user: WriterDep,
    plan: Annotated[str | None, Form(max_length=200)] = None,
    year: YearForm = None,
    other_region: Annotated[bool, Form()] = False,
    replace_conflicts: Annotated[bool, Form()] = False,
) -> RedirectResponse:
    """Write the reviewed figures as pending data (待审核), each with its document and span."""
    _no_viewers(user)
    record = get_or_404(session, SourceDocument, document_id, f"没有编号为 {document_id} 的文件")
    chosen = chosen_plan(session, plan)
    reading = read_figures(
        session,
        chosen,
        document_from(record),
        year=year or record.year,
        allow_other_region=other_region,
        max_chars=settings.max_extract_chars,
        vocabulary=load_vocabulary(settings.vocabulary_file),
    )
    indicators = {i.id: i for i in chosen.indicators}
    writable = [f for f in reading.figures if f.writable and f.indicator_id in indicators]
    if writable and not any(
        can_edit_indicator(user, indicators[f.indicator_id or 0]) for f in writable
    ):
        raise Forbidden("这些数值所属的指标都不是本部门的,不能写入")
    outcome = confirm_figures(
        session,
        chosen,
        reading,
        user.username,
        replace_conflicts=replace_conflicts,
        may_edit=lambda indicator: can_edit_indicator(user, indicator),
    )
    session.commit()
    kept = f",与已审核值不一致未写入 {outcome.conflicts_kept} 项" if outcome.conflicts_kept else ""
    message = f"已写入待审核的实际值 {outcome.observations} 个、年度目标 {outcome.targets} 项{kept}"
    return _redirect(f"/entry?plan={chosen.id}", message)


def _plan(session: Session, plan_id: int) -> Plan:
    return get_or_404(session, Plan, plan_id, f"没有编号为 {plan_id} 的规划")
