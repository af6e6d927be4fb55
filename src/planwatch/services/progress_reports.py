"""Use case: a department's progress report on a task for a period, with evidence files.

A report is per task, year and period (Q1–Q4, H1, H2, Y): a status (未启动 / 推进中 / 已完成 /
滞后), a narrative, figures, and evidence (pdf, png/jpeg/gif images, docx) whose type is
checked by content, whose size is limited, and which is stored in the database with its
sha256. Reports go through the review workflow (services/review.py): an editor's report is
a draft until submitted; an administrator's is approved at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from sqlalchemy.orm import Session

from planwatch.errors import Forbidden, InvalidInput, Unauthorized
from planwatch.services.audit import record
from planwatch.services.evidence_files import check_file
from planwatch.services.review import ReviewState, check_version, require_unlocked
from planwatch.services.users import Role
from planwatch.store.models import EvidenceFile, ProgressReport, TaskRecord, UserRecord

PERIODS = {"Q1": "一季度", "Q2": "二季度", "Q3": "三季度", "Q4": "四季度",
           "H1": "上半年", "H2": "下半年", "Y": "全年"}  # fmt: skip
STATUSES = ("未启动", "推进中", "已完成", "滞后")
NARRATIVE_MAX_LENGTH = 20000


@dataclass(frozen=True, slots=True)
class Figure:
    """A number a report states: 新增金融机构 5 家.

    >>> Figure("新增金融机构", Decimal("5"), "家").as_dict()
    {'name': '新增金融机构', 'value': '5', 'unit': '家'}
    """

    name: str
    value: Decimal
    unit: str

    def as_dict(self) -> dict[str, str]:
        return {"name": self.name, "value": str(self.value), "unit": self.unit}


def figure(name: str, value: str, unit: str = "") -> Figure:
    """A figure from form text; a value that is no number is InvalidInput."""
    try:
        number = Decimal(value.strip().replace(",", ""))
    except InvalidOperation:
        raise InvalidInput(f"数字「{value}」不是数字") from None
    if not number.is_finite() or not name.strip():
        raise InvalidInput("数字需要名称和有限的数值")
    return Figure(name.strip(), number, unit.strip())


def can_report(user: UserRecord | None, task: TaskRecord) -> bool:
    """Administrators, and editors of a unit responsible for the task (lead or co)."""
    if user is None or not user.active:
        return False
    if user.role == Role.ADMIN:
        return True
    return user.role == Role.EDITOR and any(
        u.department_id == user.department_id for u in task.units
    )


def can_read_evidence(user: UserRecord | None, task: TaskRecord) -> bool:
    """Who may download a task's evidence: reviewers, administrators, the task's editors."""
    if user is None or not user.active:
        return False
    return user.role in (Role.ADMIN, Role.REVIEWER) or can_report(user, task)


def require_report(user: UserRecord | None, task: TaskRecord) -> UserRecord:
    if user is None or not user.active:
        raise Unauthorized("请先登录")
    if not can_report(user, task):
        raise Forbidden(f"只有任务 {task.code} 的牵头或责任单位可以报送进展")
    return user


def _snapshot(report: ProgressReport) -> dict[str, object]:
    return {
        "year": report.year,
        "period": report.period,
        "status": report.status,
        "narrative": report.narrative,
        "figures": list(report.figures),
        "review_state": report.review_state,
    }


def save_report(
    session: Session,
    task: TaskRecord,
    year: int,
    period: str,
    status: str,
    narrative: str,
    figures: list[Figure],
    user: UserRecord,
    *,
    version: int | None = None,
    submit: bool = False,
) -> ProgressReport:
    """Write (or rewrite) the report of a task for a period; audited.

    A report being reviewed or approved is not rewritten by an editor; a stale form
    (``version``) is refused with Conflict.
    """
    require_report(user, task)
    plan = task.plan
    if period not in PERIODS:
        raise InvalidInput(f"报送期「{period}」应为 {'、'.join(PERIODS)} 之一")
    if status not in STATUSES:
        raise InvalidInput(f"进展状态「{status}」应为 {'、'.join(STATUSES)} 之一")
    low, high = plan.period_start or 1949, plan.period_end or 2200
    if not low <= year <= high:
        raise InvalidInput(f"年份 {year} 不在规划期 {low}—{high} 内")
    if len(narrative) > NARRATIVE_MAX_LENGTH:
        raise InvalidInput(f"进展情况不能超过 {NARRATIVE_MAX_LENGTH} 个字符")
    require_unlocked(session, [plan.id], year)
    report = next((r for r in task.reports if (r.year, r.period) == (year, period)), None)
    before = _snapshot(report) if report else None
    if report is None:
        report = ProgressReport(year=year, period=period)
        task.reports.append(report)
    else:
        check_version(report, version)
        if user.role != Role.ADMIN and report.review_state in ("submitted", "approved"):
            label = ReviewState(report.review_state).label
            raise InvalidInput(f"该报告{label},不能修改")
    report.status, report.narrative = status, narrative.strip()
    report.figures = [f.as_dict() for f in figures]
    report.recorded_by = user.username
    if user.role == Role.ADMIN:
        report.review_state = ReviewState.APPROVED.value
    else:
        report.review_state = (ReviewState.SUBMITTED if submit else ReviewState.DRAFT).value
    session.flush()
    record(session, user.username, "report", "progress_report", report.id, before,
           _snapshot(report))  # fmt: skip
    return report


def attach_evidence(
    session: Session,
    report: ProgressReport,
    filename: str,
    data: bytes,
    user: UserRecord,
    max_bytes: int,
) -> EvidenceFile:
    """Store an evidence file with its sha256 after checking its type and size; audited."""
    require_report(user, report.task)
    checked = check_file(filename, data, max_bytes)
    name, kind, digest = checked.name, checked.media_type, checked.sha256
    require_unlocked(session, [report.task.plan_id], report.year)
    if any(e.sha256 == digest for e in report.evidence):
        raise InvalidInput(f"{name}: 该报告已有相同的文件")
    evidence = EvidenceFile(
        filename=name, media_type=kind, size=len(data), sha256=digest, content=data,
        uploaded_by=user.username,
    )  # fmt: skip
    report.evidence.append(evidence)
    session.flush()
    record(session, user.username, "evidence", "progress_report", report.id, None,
           {"filename": name, "sha256": digest, "size": len(data)})  # fmt: skip
    return evidence


def evidence_for(user: UserRecord | None, evidence: EvidenceFile) -> bytes:
    """The content of an evidence file, for a permitted reader only."""
    if user is None or not user.active:
        raise Unauthorized("请先登录")
    if not can_read_evidence(user, evidence.report.task):
        raise Forbidden("无权下载该证明材料")
    return evidence.content
