"""Tasks (重点任务) and their progress reports, completeness and the department scorecard.

The same rules as the pages (web/pages/tasks.py): a report is written by an editor of a
unit responsible for the task (or an administrator, whose report is approved at once); a
report not yet approved is shown only to those who may report on the task or review it.
The review transitions of reports and values are in :mod:`planwatch.web.api.review`.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query
from pydantic import BaseModel, Field

from planwatch.services.completeness import STATE_LABELS, completeness
from planwatch.services.progress_reports import (
    PERIODS,
    can_read_evidence,
    can_report,
    figure,
    save_report,
)
from planwatch.services.review import can_review
from planwatch.services.scorecard import scorecards, task_status
from planwatch.services.tasks import find_task, lead_of, plan_tasks
from planwatch.store.models import EvidenceFile, ProgressReport, TaskRecord, UserRecord
from planwatch.web.api.common import get_or_404, overview, plan_or_404
from planwatch.web.deps import CleanText, Id, ReaderDep, SessionDep, SettingsDep, WriterDep

router = APIRouter(tags=["tasks"])
Period = Literal["Q1", "Q2", "Q3", "Q4", "H1", "H2", "Y"]
ProgressStatus = Literal["未启动", "推进中", "已完成", "滞后"]
Year = Annotated[int, Query(ge=1949, le=2200)]
TaskCode = Annotated[str, Path(max_length=20)]


class UnitPublic(BaseModel):
    name: str
    role: Literal["lead", "co"]


class EvidencePublic(BaseModel):
    id: int
    filename: str
    media_type: str
    size: int
    sha256: str
    url: str = Field(description="下载地址(仅审核员、管理员和任务责任单位可下载)")


class FigurePublic(BaseModel):
    name: str
    value: str
    unit: str


class ProgressReportPublic(BaseModel):
    id: int
    year: int
    period: Period
    period_label: str = Field(examples=["全年"])
    status: ProgressStatus
    narrative: str
    figures: list[FigurePublic]
    review_state: Literal["draft", "submitted", "returned", "approved"]
    review_label: str = Field(examples=["待审核"])
    review_comment: str
    recorded_by: str
    recorded_at: datetime
    reviewed_by: str
    version: int = Field(description="修改或审核时回传,用于发现他人已修改(409)")
    evidence: list[EvidencePublic]


class TaskPublic(BaseModel):
    code: str = Field(examples=["T001"])
    title: str
    category: str
    status: Literal["proposed", "confirmed", "rejected"]
    chapter: str | None
    lead: str | None
    units: list[UnitPublic]
    deadline: str
    progress: str = Field(description="最近一期已审核进展报告的状态,或 未报送")


class TaskDetail(TaskPublic):
    text: str
    milestones: dict[int, str]
    reports: list[ProgressReportPublic]
    may_report: bool
    may_review: bool


class FigureIn(BaseModel):
    name: CleanText = Field(max_length=100)
    value: str = Field(max_length=40, examples=["5"])
    unit: CleanText = Field("", max_length=20)


class ReportCreate(BaseModel):
    year: int = Field(ge=1949, le=2200)
    period: Period
    status: ProgressStatus
    narrative: CleanText = Field("", max_length=20000)
    figures: list[FigureIn] = Field(default_factory=list, max_length=50)
    version: int | None = Field(None, ge=1, description="修改已有报告时回传其 version")
    submit: bool = Field(False, description="true 时保存并提交审核")


def task_public(task: TaskRecord) -> TaskPublic:
    lead = lead_of(task)
    return TaskPublic(
        code=task.code, title=task.title, category=task.category,
        status=task.status,  # type: ignore[arg-type]
        chapter=task.chapter, lead=lead.name if lead else None,
        units=[UnitPublic(name=u.department.name, role=u.role) for u in task.units],  # type: ignore[arg-type]
        deadline=task.deadline_text, progress=task_status(task),
    )  # fmt: skip


def evidence_public(evidence: EvidenceFile) -> EvidencePublic:
    return EvidencePublic(
        id=evidence.id, filename=evidence.filename, media_type=evidence.media_type,
        size=evidence.size, sha256=evidence.sha256, url=f"/evidence/{evidence.id}",
    )  # fmt: skip


def report_public(report: ProgressReport, with_evidence: bool) -> ProgressReportPublic:
    labels = {**STATE_LABELS, "submitted": "待审核"}
    return ProgressReportPublic(
        id=report.id, year=report.year, period=report.period,  # type: ignore[arg-type]
        period_label=PERIODS[report.period], status=report.status,  # type: ignore[arg-type]
        narrative=report.narrative,
        figures=[FigurePublic(**{k: str(v) for k, v in f.items()}) for f in report.figures],
        review_state=report.review_state,  # type: ignore[arg-type]
        review_label=labels[report.review_state], review_comment=report.review_comment,
        recorded_by=report.recorded_by, recorded_at=report.recorded_at,
        reviewed_by=report.reviewed_by, version=report.version,
        evidence=[evidence_public(e) for e in report.evidence] if with_evidence else [],
    )  # fmt: skip


def visible_reports(user: UserRecord | None, task: TaskRecord) -> list[ProgressReport]:
    """Approved reports for everyone; every report for its task's editors and reviewers."""
    if can_report(user, task) or can_review(user):
        return list(task.reports)
    return [r for r in task.reports if r.review_state == "approved"]


def task_detail(user: UserRecord | None, task: TaskRecord) -> TaskDetail:
    evidence = can_read_evidence(user, task)
    return TaskDetail(
        **task_public(task).model_dump(),
        text=task.text,
        milestones={m.year: m.target for m in task.milestones},
        reports=[report_public(r, evidence) for r in visible_reports(user, task)],
        may_report=can_report(user, task),
        may_review=can_review(user),
    )


@router.get("/plans/{plan_id}/tasks")
def list_tasks(
    plan_id: Id,
    session: SessionDep,
    _: ReaderDep,
    status: Literal["proposed", "confirmed", "rejected"] | None = None,
    department: Annotated[str | None, Query(max_length=100)] = None,
    chapter: Annotated[str | None, Query(max_length=300)] = None,
    progress: Literal["未启动", "推进中", "已完成", "滞后", "未报送"] | None = None,
    q: Annotated[str | None, Query(max_length=100)] = None,
) -> list[TaskPublic]:
    """规划的任务清单;可按确认状态、责任单位(牵头或责任)、章节(包含)、进展状态和标题关键词筛选。"""
    plan = plan_or_404(session, plan_id)
    rows = []
    for task in plan_tasks(session, plan):
        if status and task.status != status:
            continue
        if department and all(u.department.name != department for u in task.units):
            continue
        if chapter and chapter not in (task.chapter or ""):
            continue
        if q and q not in task.title:
            continue
        row = task_public(task)
        if progress and row.progress != progress:
            continue
        rows.append(row)
    return rows


@router.get("/plans/{plan_id}/tasks/{code}")
def get_task(plan_id: Id, code: TaskCode, session: SessionDep, auth: ReaderDep) -> TaskDetail:
    """一项任务:责任单位、年度目标和进展报告(未审核的报告仅责任单位和审核员可见)。"""
    return task_detail(auth.user, find_task(session, plan_or_404(session, plan_id), code))


@router.get("/plans/{plan_id}/tasks/{code}/reports")
def list_reports(
    plan_id: Id, code: TaskCode, session: SessionDep, auth: ReaderDep
) -> list[ProgressReportPublic]:
    """一项任务的进展报告,按年份和报送期排列。"""
    task = find_task(session, plan_or_404(session, plan_id), code)
    evidence = can_read_evidence(auth.user, task)
    return [report_public(r, evidence) for r in visible_reports(auth.user, task)]


@router.post("/plans/{plan_id}/tasks/{code}/reports", status_code=201)
def create_report(
    plan_id: Id,
    code: TaskCode,
    body: ReportCreate,
    session: SessionDep,
    user: WriterDep,
) -> ProgressReportPublic:
    """报送(或修改)一期进展:编辑为草稿,submit 为 true 时提交审核;管理员报送即为已通过。

    已锁定年度 423;他人已修改(version 过期)409,details 给出当前 version。
    """
    task = find_task(session, plan_or_404(session, plan_id), code)
    figures = [figure(f.name, f.value, f.unit) for f in body.figures]
    report = save_report(session, task, body.year, body.period, body.status, body.narrative,
                         figures, user, version=body.version, submit=body.submit)  # fmt: skip
    session.commit()
    return report_public(report, True)


def report_or_404(session: SessionDep, report_id: int) -> ProgressReport:
    return get_or_404(session, ProgressReport, report_id, f"没有编号为 {report_id} 的进展报告")


class CompletenessItem(BaseModel):
    department: str
    period: str
    kind: str = Field(examples=["数据", "任务进展"])
    code: str
    name: str
    state: Literal["approved", "submitted", "returned", "draft", "missing"]
    state_label: str
    comment: str


class CompletenessCell(BaseModel):
    department: str
    period: str
    due: int
    counts: dict[str, int]


class CompletenessPublic(BaseModel):
    year: int
    periods: list[str]
    departments: list[str]
    cells: list[CompletenessCell]
    items: list[CompletenessItem]
    follow_up: list[CompletenessItem] = Field(description="未报送和已退回的事项")


@router.get("/plans/{plan_id}/completeness")
def get_completeness(
    plan_id: Id,
    session: SessionDep,
    _: ReaderDep,
    year: Year,
    period: Annotated[list[Period] | None, Query(max_length=7)] = None,
) -> CompletenessPublic:
    """填报完成情况:各单位 × 报送期应报事项(指标数据、任务进展)及其状态,和需跟进的事项。"""
    plan = plan_or_404(session, plan_id)
    result = completeness(session, plan, year, tuple(dict.fromkeys(period or ["Y"])))

    def item(i: object) -> CompletenessItem:
        fields = {k: getattr(i, k) for k in ("department", "period", "kind", "code", "name",
                                              "state", "comment")}  # fmt: skip
        return CompletenessItem(**fields, state_label=STATE_LABELS[fields["state"]])

    cells = [
        CompletenessCell(department=d, period=p, due=c.due, counts=c.counts)
        for d in result.departments
        for p in result.periods
        if (c := result.cell(d, p)).due
    ]
    return CompletenessPublic(
        year=result.year, periods=list(result.periods), departments=result.departments,
        cells=cells, items=[item(i) for i in result.items],
        follow_up=[item(i) for i in result.follow_up],
    )  # fmt: skip


class ScorecardIndicator(BaseModel):
    code: str
    name: str
    attribute: str
    status: str
    progress: Decimal | None = Field(description="进度 P,无法计算时为 null")


class ScorecardTask(BaseModel):
    code: str
    title: str
    status: str


class ScorecardPublic(BaseModel):
    department: str
    binding: int
    indicators: list[ScorecardIndicator]
    tasks: list[ScorecardTask]
    task_counts: dict[str, int]


@router.get("/plans/{plan_id}/scorecard")
def get_scorecard(
    plan_id: Id,
    session: SessionDep,
    settings: SettingsDep,
    _: ReaderDep,
    year: Annotated[int | None, Query(ge=1949, le=2200)] = None,
) -> list[ScorecardPublic]:
    """部门绩效考核:每个牵头单位的指标(约束性在前,状态按已审核数据)和任务状态计数。"""
    plan = plan_or_404(session, plan_id)
    cards = scorecards(session, plan, overview(session, plan, year, settings))
    return [
        ScorecardPublic(
            department=card.department,
            binding=card.binding,
            indicators=[
                ScorecardIndicator(
                    code=v.code,
                    name=v.indicator.name,
                    attribute=v.indicator.attribute.label,
                    status=v.status.value,
                    progress=v.assessment.progress if v.assessment else None,
                )
                for v in card.indicators
            ],
            tasks=[ScorecardTask(code=t.code, title=t.title, status=t.status) for t in card.tasks],
            task_counts=card.task_counts,
        )
        for card in cards
    ]
