"""Task pages: the plan's tasks, one task with its reports, reporting and evidence files."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from planwatch.errors import FileTooLarge
from planwatch.services.progress_reports import (
    PERIODS,
    STATUSES,
    attach_evidence,
    can_report,
    evidence_for,
    save_report,
)
from planwatch.services.review import can_review
from planwatch.services.scorecard import task_status
from planwatch.services.tasks import find_task, plan_tasks
from planwatch.store.models import EvidenceFile, Plan, TaskRecord
from planwatch.web.api.common import get_or_404
from planwatch.web.api.review import decide
from planwatch.web.api.tasks import report_or_404
from planwatch.web.deps import ReaderDep, SessionDep, SettingsDep, WriterDep
from planwatch.web.pages.browse import PlanQuery
from planwatch.web.pages.context import chosen_plan, render
from planwatch.web.uploads import read_upload

router = APIRouter()
PlanForm = Annotated[str | None, Form(max_length=200)]


def _back(plan: Plan, task: TaskRecord, message: str) -> RedirectResponse:
    url = f"/tasks/{task.code}?plan={plan.id}&message={quote(message)}"
    return RedirectResponse(url, status_code=303)


@router.get("/tasks", response_class=HTMLResponse)
def tasks_page(
    request: Request, session: SessionDep, auth: ReaderDep, plan: PlanQuery = None
) -> HTMLResponse:
    chosen = chosen_plan(session, plan)
    tasks = [t for t in plan_tasks(session, chosen) if t.status != "rejected"]
    rows = [{"task": t, "progress": task_status(t)} for t in tasks]
    return render(request, session, auth, "tasks.html", {"plan": chosen, "rows": rows})


@router.get("/tasks/{code}", response_class=HTMLResponse)
def task_page(
    code: str, request: Request, session: SessionDep, auth: ReaderDep, plan: PlanQuery = None
) -> HTMLResponse:
    chosen = chosen_plan(session, plan)
    task = find_task(session, chosen, code)
    context = {
        "plan": chosen,
        "task": task,
        "periods": PERIODS,
        "statuses": STATUSES,
        "may_report": can_report(auth.user, task),
        "may_review": can_review(auth.user),
        "may_read_evidence": auth.user is not None
        and (can_review(auth.user) or can_report(auth.user, task)),
        "years": range(chosen.period_start or 2021, (chosen.period_end or 2025) + 1),
    }
    return render(request, session, auth, "task.html", context)


@router.post("/tasks/{code}/reports")
def report_form(
    code: str,
    session: SessionDep,
    user: WriterDep,
    year: Annotated[int, Form(ge=1949, le=2200)],
    period: Annotated[str, Form(max_length=4)],
    status: Annotated[str, Form(max_length=10)],
    narrative: Annotated[str, Form(max_length=20000)] = "",
    version: Annotated[int | None, Form(ge=1)] = None,
    send: Annotated[str, Form(max_length=10)] = "",
    plan: PlanForm = None,
) -> RedirectResponse:
    chosen = chosen_plan(session, plan)
    task = find_task(session, chosen, code)
    report = save_report(session, task, year, period, status, narrative, [], user,
                         version=version, submit=send == "submit")  # fmt: skip
    session.commit()
    word = "已提交审核" if report.review_state == "submitted" else "已保存"
    return _back(chosen, task, f"{word} {year} 年{PERIODS[period]}进展")


@router.post("/reports/{report_id}/evidence")
async def evidence_form(
    report_id: int,
    session: SessionDep,
    settings: SettingsDep,
    user: WriterDep,
    file: Annotated[UploadFile, File()],
) -> RedirectResponse:
    report = report_or_404(session, report_id)
    data = await read_upload(file, settings.max_evidence_bytes, too_large=FileTooLarge)
    stored = attach_evidence(session, report, file.filename or "", data, user,
                             settings.max_evidence_bytes)  # fmt: skip
    session.commit()
    return _back(report.task.plan, report.task, f"已上传 {stored.filename}")


@router.get("/evidence/{evidence_id}")
def evidence_download(evidence_id: int, session: SessionDep, auth: ReaderDep) -> Response:
    missing = f"没有编号为 {evidence_id} 的证明材料"
    evidence = get_or_404(session, EvidenceFile, evidence_id, missing)
    content = evidence_for(auth.user, evidence)
    disposition = f"attachment; filename*=UTF-8''{quote(evidence.filename)}"
    return Response(content, media_type=evidence.media_type,
                    headers={"Content-Disposition": disposition})  # fmt: skip


@router.post("/review/reports/{report_id}/approve")
def approve_report(
    report_id: int, session: SessionDep, user: WriterDep, version: Annotated[int, Form(ge=1)]
) -> RedirectResponse:
    report = report_or_404(session, report_id)
    decide(session, report, user, version)
    return _back(report.task.plan, report.task, "已通过进展报告")


@router.post("/review/reports/{report_id}/return")
def return_report(
    report_id: int,
    session: SessionDep,
    user: WriterDep,
    version: Annotated[int, Form(ge=1)],
    comment: Annotated[str, Form(max_length=500)] = "",
) -> RedirectResponse:
    report = report_or_404(session, report_id)
    decide(session, report, user, version, comment)
    return _back(report.task.plan, report.task, "已退回进展报告")
