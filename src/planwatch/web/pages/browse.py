"""Reading pages: overview (总览), indicator, plan reader, search, departments."""

from __future__ import annotations

import json
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy.orm import Session

from planwatch.domain.assessment import Status
from planwatch.errors import NotFound
from planwatch.report import ReportFormat, ReportKind
from planwatch.services.annual_targets import pending_targets
from planwatch.services.departments import department_summaries
from planwatch.services.observations import find_indicator
from planwatch.services.overview import OTHER_CHAPTER, IndicatorView
from planwatch.services.plans import stored_version
from planwatch.services.search import find
from planwatch.services.users import can_edit_indicator
from planwatch.settings import Settings
from planwatch.store.models import Plan
from planwatch.web.api.common import overview
from planwatch.web.api.reports import report_response
from planwatch.web.charts import annual_chart, chart_rows, trajectory
from planwatch.web.deps import Auth, ReaderDep, SessionDep, SettingsDep
from planwatch.web.format import number as plain_number
from planwatch.web.pages.context import chosen_plan, render
from planwatch.web.reader import Highlight, lines_with_marks

router = APIRouter()
PlanQuery = Annotated[str | None, Query(alias="plan", max_length=200)]
AsOfQuery = Annotated[int | None, Query(alias="as_of", ge=1949, le=2200)]
CONTEXT_LINES = 2


def _filtered(
    views: tuple[IndicatorView, ...],
    attribute: str | None,
    status: str | None,
    department: str | None,
    q: str | None,
) -> list[IndicatorView]:
    out = []
    for view in views:
        if attribute and view.indicator.attribute.value != attribute:
            continue
        if status and view.status.value != status:
            continue
        if department and (view.department or "") != department:
            continue
        if q and q not in view.indicator.name:
            continue
        out.append(view)
    return out


def shown_statuses(counts: dict[Status, int]) -> list[Status]:
    """The vocabulary a page shows: while the plan runs, the in-period words (提前实现 …
    滞后); once a target year's value is in, every word that applies, 无数据 always.

    >>> [s.value for s in shown_statuses({Status.COMPLETED: 2, Status.AHEAD: 1})]
    ['快于预期', '已完成', '无数据']
    >>> len(shown_statuses({}))
    5
    """
    if not any(counts.get(s, 0) for s in Status if s.final):
        return [s for s in Status if not s.final]
    return [s for s in Status if counts.get(s, 0) or s is Status.NO_DATA]


def _groups(views: list[IndicatorView], by: str) -> list[tuple[str, list[IndicatorView]]]:
    """Views by attribute (binding first, as the overview orders them) or by chapter in the
    plan's order (where its first indicator stands in the text), 其他 last."""
    groups: dict[str, list[IndicatorView]] = {}
    for view in views:
        key = view.indicator.attribute.label if by == "attribute" else view.chapter
        groups.setdefault(key, []).append(view)
    if by == "attribute":
        return list(groups.items())

    def place(item: tuple[str, list[IndicatorView]]) -> tuple[bool, int]:
        name, members = item
        starts = [v.source_start for v in members if v.source_start is not None]
        return (name == OTHER_CHAPTER, min(starts, default=0))

    return sorted(groups.items(), key=place)


@router.get("/", response_class=HTMLResponse)
def overview_page(
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    auth: ReaderDep,
    plan: PlanQuery = None,
    as_of: AsOfQuery = None,
    attribute: Annotated[str | None, Query(max_length=20)] = None,
    status: Annotated[str | None, Query(max_length=20)] = None,
    department: Annotated[str | None, Query(max_length=100)] = None,
    q: Annotated[str | None, Query(max_length=100)] = None,
    group: Annotated[str, Query(pattern="^(chapter|attribute)$")] = "chapter",
) -> HTMLResponse:
    chosen = chosen_plan(session, plan)
    result = overview(session, chosen, as_of, settings)
    views = _filtered(result.indicators, attribute, status, department, q)
    departments = sorted({v.department for v in result.indicators if v.department})
    chart = {"counts": [[s.value, result.counts.get(s, 0)] for s in Status]}
    return render(
        request,
        session,
        auth,
        "overview.html",
        {
            "plan": chosen,
            "overview": result,
            "groups": _groups(views, group),
            "shown": len(views),
            "filters": {
                "attribute": attribute,
                "status": status,
                "department": department,
                "q": q,
                "group": group,
                "as_of": as_of,
            },
            "statuses": shown_statuses(result.counts),
            "departments": departments,
            "chart_json": json.dumps(chart, ensure_ascii=False),
        },
    )


@router.get("/indicators/{code}", response_class=HTMLResponse)
def indicator_page(
    code: str,
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    auth: ReaderDep,
    plan: PlanQuery = None,
    as_of: AsOfQuery = None,
) -> HTMLResponse:
    context = indicator_context(session, settings, auth, chosen_plan(session, plan), code, as_of)
    return render(request, session, auth, "indicator.html", context)


def indicator_context(
    session: Session,
    settings: Settings,
    auth: Auth,
    chosen: Plan,
    code: str,
    as_of: int | None,
    entry: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """What the indicator page shows; ``entry`` is a refused form's typed values."""
    result = overview(session, chosen, as_of, settings)
    record = find_indicator(chosen, code)
    view = result.indicator(record.code)
    if view is None:
        raise NotFound(f"规划中没有指标 {code}")
    context_lines: list[tuple[int, str]] = []
    if view.source_line and chosen.versions:
        source = next(
            (v for v in chosen.versions if v.id == record.source_version_id), chosen.versions[-1]
        )
        text_lines = source.text.splitlines()
        first = max(1, view.source_line - CONTEXT_LINES)
        last = min(len(text_lines), view.source_line + CONTEXT_LINES)
        context_lines = [(n, text_lines[n - 1]) for n in range(first, last + 1)]
    return {
        "plan": chosen,
        "overview": result,
        "view": view,
        "record": record,
        "can_edit": can_edit_indicator(auth.user, record),
        "annual_pending": pending_targets(session, record),
        "annual_chart_json": json.dumps(
            annual_chart(result.annual_of(view.code)), ensure_ascii=False
        ),
        "context_lines": context_lines,
        "chart_json": json.dumps(trajectory(view), ensure_ascii=False),
        "chart_rows": chart_rows(view),
        "entry": entry,
        "years": list(
            range(
                (chosen.period_start or result.as_of) - 1,
                (chosen.period_end or result.as_of) + 1,
            )
        ),
    }


@router.get("/plan", response_class=HTMLResponse)
def reader_page(
    request: Request,
    session: SessionDep,
    auth: ReaderDep,
    plan: PlanQuery = None,
    version: Annotated[int | None, Query(ge=1, le=10_000)] = None,
) -> HTMLResponse:
    chosen = chosen_plan(session, plan)
    shown = stored_version(chosen, version)
    highlights = [
        Highlight(
            q.start,
            q.end,
            f"{q.name} {'目标' if q.kind == 'target' else '基期'} {q.comparator} "
            f"{plain_number(q.value)}{q.unit}",
            f"/indicators/{q.indicator.code}?plan={chosen.id}" if q.indicator else None,
            q.kind,
        )
        for q in shown.quantities
        if q.kind != "qualitative" and q.value is not None
    ]
    return render(
        request,
        session,
        auth,
        "reader.html",
        {
            "plan": chosen,
            "version": shown,
            "nodes": shown.nodes,
            "lines": lines_with_marks(shown.text, highlights),
            "quantities": len(highlights),
        },
    )


@router.get("/reports/{kind}", response_class=Response)
def report_download(
    kind: ReportKind,
    session: SessionDep,
    settings: SettingsDep,
    _: ReaderDep,
    plan: PlanQuery = None,
    as_of: AsOfQuery = None,
    format: Annotated[ReportFormat, Query()] = ReportFormat.DOCX,
) -> Response:
    return report_response(session, chosen_plan(session, plan), kind, format, as_of, settings)


@router.get("/search", response_class=HTMLResponse)
def search_page(
    request: Request,
    session: SessionDep,
    auth: ReaderDep,
    q: Annotated[str, Query(max_length=100)] = "",
) -> HTMLResponse:
    results = find(session, q) if q.strip() else []
    return render(request, session, auth, "search.html", {"q": q, "results": results})


@router.get("/departments", response_class=HTMLResponse)
def departments_page(
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    auth: ReaderDep,
    plan: PlanQuery = None,
    as_of: AsOfQuery = None,
) -> HTMLResponse:
    chosen = chosen_plan(session, plan)
    result = overview(session, chosen, as_of, settings)
    return render(
        request,
        session,
        auth,
        "departments.html",
        {
            "plan": chosen,
            "overview": result,
            "summaries": department_summaries(result),
            "statuses": list(Status),
        },
    )
