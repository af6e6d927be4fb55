"""Use case: evidence files (证明材料) of a major project's progress report.

The same checks as a task report's evidence (services/evidence_files.py): the type read from
the content, the size limited, the sha256 kept; the same file twice on one report is refused.
Who may attach: whoever may report the project's progress (its department's editors,
administrators). Who may download: those, and reviewers.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from planwatch.errors import Forbidden, InvalidInput, Unauthorized
from planwatch.services.audit import record
from planwatch.services.evidence_files import check_file
from planwatch.services.projects import can_edit_project, require_project_edit
from planwatch.services.users import Role
from planwatch.store.models import ProjectEvidenceFile, ProjectRecord, ProjectReport, UserRecord


def can_read_project_evidence(user: UserRecord | None, project: ProjectRecord) -> bool:
    """Reviewers, administrators and the editors of the project's department."""
    if user is None or not user.active:
        return False
    return user.role == Role.REVIEWER or can_edit_project(user, project)


def attach_project_evidence(
    session: Session,
    report: ProjectReport,
    filename: str,
    data: bytes,
    user: UserRecord,
    max_bytes: int,
) -> ProjectEvidenceFile:
    """Store a file on a project's report after checking its type and size; audited."""
    project = report.project
    require_project_edit(user, project)
    checked = check_file(filename, data, max_bytes)
    if any(f.sha256 == checked.sha256 for f in report.files):
        raise InvalidInput(f"{checked.name}: {report.period} 的进展已有相同的文件")
    stored = ProjectEvidenceFile(
        filename=checked.name, media_type=checked.media_type, size=checked.size,
        sha256=checked.sha256, content=data, uploaded_by=user.username,
    )  # fmt: skip
    report.files.append(stored)
    session.flush()
    record(session, user.username, "evidence", "project", project.id, None,
           {"period": report.period, "filename": checked.name, "sha256": checked.sha256,
            "size": checked.size})  # fmt: skip
    return stored


def project_evidence_for(user: UserRecord | None, evidence: ProjectEvidenceFile) -> bytes:
    """The content of a project's evidence file, for a permitted reader only."""
    if user is None or not user.active:
        raise Unauthorized("请先登录")
    if not can_read_project_evidence(user, evidence.report.project):
        raise Forbidden("无权下载该项目的证明材料")
    return evidence.content
