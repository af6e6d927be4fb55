"""Import of a task division plan (任务分工方案) on the web: upload, review, confirm.

An administrator uploads a txt, docx, pdf or html file (size-limited by
``max_document_bytes``, CSRF-checked like every write). The preview shows each item with
the indicator or outline node it matched, the score, its units, and a question for every
unit name the department list does not hold (pick a listed unit, recorded as an alias, or
create it). Confirming writes the answers and proposes the tasks in one transaction; any
problem left refuses the whole import with the preview shown again (422), nothing written.
"""

from __future__ import annotations

from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse
from sqlalchemy.orm import Session

from planwatch.errors import InvalidInput
from planwatch.extract.assignments import find_assignments
from planwatch.read import read_bytes
from planwatch.services.assignment_documents import AssignmentDocument
from planwatch.services.assignment_import import (
    ImportItem,
    import_assignments,
    items_from_document,
    match_items,
)
from planwatch.services.assignment_questions import (
    Answer,
    answer_questions,
    items_from_json,
    items_json,
    unit_questions,
)
from planwatch.services.department_list import KINDS, departments
from planwatch.services.users import require_admin
from planwatch.store.models import Plan
from planwatch.web.deps import Auth, ReaderDep, SessionDep, SettingsDep, WriterDep
from planwatch.web.pages.context import chosen_plan, render
from planwatch.web.uploads import read_upload

router = APIRouter()
SUFFIXES = (".txt", ".docx", ".pdf", ".html", ".htm")
ANSWER_FIELDS = 500  # at most this many unit questions in one form


@router.get("/tasks/import", response_class=HTMLResponse)
def import_page(
    request: Request, session: SessionDep, auth: ReaderDep, plan: str | None = None
) -> HTMLResponse:
    require_admin(auth.user)
    chosen = chosen_plan(session, plan)
    return render(request, session, auth, "assignments_import.html", {"plan": chosen})


def _preview(
    request: Request,
    session: Session,
    auth: Auth,
    plan: Plan,
    items: list[ImportItem],
    name: str,
    problems: list[str] | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    questions = unit_questions(session, items)
    asked = {q.name for q in questions}
    matches = match_items(session, plan, items)
    shown = [[p for p in m.problems if not any(f"「{n}」" in p for n in asked)] for m in matches]
    rows = [{"match": m, "problems": p} for m, p in zip(matches, shown, strict=True)]
    context = {
        "plan": plan, "name": name, "rows": rows, "questions": questions,
        "departments": departments(session), "kinds": KINDS, "items": items_json(items),
        "problems": problems or [], "blocking": sum(len(p) for p in shown),
    }  # fmt: skip
    return render(request, session, auth, "assignments_preview.html", context, status_code)


@router.post("/tasks/import", response_class=HTMLResponse)
async def upload_form(
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    user: WriterDep,
    auth: ReaderDep,
    file: Annotated[UploadFile, File()],
    plan: Annotated[str | None, Form(max_length=200)] = None,
) -> HTMLResponse:
    require_admin(user)
    chosen = chosen_plan(session, plan)
    name = file.filename or "分工方案"
    if not name.lower().endswith(SUFFIXES):
        raise InvalidInput(f"{name}: 分工方案只能是 txt、docx、pdf 或 html 文件")
    data = await read_upload(file, settings.max_document_bytes)
    document = read_bytes(data, name=name, max_bytes=settings.max_document_bytes)
    items = items_from_document(AssignmentDocument(document, find_assignments(document.text)))
    if not items:
        raise InvalidInput(f"{name}: 没有找到写明牵头单位或责任单位的分工条目")
    return _preview(request, session, auth, chosen, items, name)


@router.post("/tasks/import/confirm", response_model=None)
async def confirm_form(
    request: Request,
    session: SessionDep,
    user: WriterDep,
    auth: ReaderDep,
    items: Annotated[str, Form(max_length=900_000)],
    plan: Annotated[str | None, Form(max_length=200)] = None,
    name: Annotated[str, Form(max_length=200)] = "分工方案",
) -> HTMLResponse | RedirectResponse:
    require_admin(user)
    chosen = chosen_plan(session, plan)
    parsed = items_from_json(items)
    form = await request.form()
    answers: dict[str, Answer] = {}
    for index in range(ANSWER_FIELDS):
        unit = form.get(f"unit_{index}")
        if not isinstance(unit, str):
            break
        choice, kind = form.get(f"choice_{index}"), form.get(f"kind_{index}")
        answers[unit] = Answer(
            choice if isinstance(choice, str) else "", kind if isinstance(kind, str) else ""
        )
    questions = unit_questions(session, parsed)
    try:
        answer_questions(session, questions, answers, user.username)
        result = import_assignments(session, chosen, parsed, user.username)
    except InvalidInput as error:
        session.rollback()
        return _preview(request, session, auth, chosen, parsed, name, [str(error)], 422)
    if not result.ok:
        problems = result.problems
        session.rollback()
        return _preview(request, session, auth, chosen, parsed, name, problems, 422)
    session.commit()
    message = f"已从{name}导入待确认任务 {len(result.added)} 项(共 {len(result.matches)} 项)"
    return RedirectResponse(f"/tasks?plan={chosen.id}&message={quote(message)}", status_code=303)
