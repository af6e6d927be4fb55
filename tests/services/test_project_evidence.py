"""Evidence files of a major project's progress report: type by content, size limit,
sha256, no duplicate on one report, download for permitted users only (SQLite, PostgreSQL)."""

from __future__ import annotations

import hashlib
from datetime import date
from decimal import Decimal

import pytest
from project_builders import songxi_plan
from sqlalchemy import select
from sqlalchemy.orm import Session

from planwatch.errors import FileTooLarge, Forbidden, InvalidInput, Unauthorized
from planwatch.services.project_evidence import attach_project_evidence, project_evidence_for
from planwatch.store.database import Database
from planwatch.store.models import (
    AuditEntry,
    Department,
    Plan,
    ProjectEvidenceFile,
    ProjectRecord,
    ProjectReport,
    UserRecord,
)

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 20


@pytest.fixture
def site(database: Database) -> Database:
    with database.session() as session:
        plan_id = songxi_plan(session, ("县交通运输局", "县水利局"))
        transport, water = (
            session.scalars(select(Department).where(Department.name == n)).one()
            for n in ("县交通运输局", "县水利局")
        )
        project = ProjectRecord(
            plan=session.get(Plan, plan_id), code="1", name="松溪港码头", start_on=date(2021, 1, 1),
            end_on=date(2025, 12, 31), total_investment=Decimal(10000), department=transport,
        )  # fmt: skip
        project.reports.append(ProjectReport(period="2023-06", period_end=date(2023, 6, 30),
                                             completed=Decimal(500), cumulative=Decimal(3500)))  # fmt: skip
        session.add(project)
        session.add_all([
            UserRecord(username="jiaotong", password_hash="x", role="editor", department=transport),
            UserRecord(username="shuili", password_hash="x", role="editor", department=water),
            UserRecord(username="shenhe", password_hash="x", role="reviewer"),
            UserRecord(username="guihua", password_hash="x", role="admin"),
            UserRecord(username="daibiao", password_hash="x", role="viewer"),
        ])  # fmt: skip
    return database


def user(session: Session, name: str) -> UserRecord:
    return session.scalars(select(UserRecord).where(UserRecord.username == name)).one()


def the_report(session: Session) -> ProjectReport:
    return session.scalars(select(ProjectReport)).one()


def test_a_file_is_stored_with_its_sha256_and_read_back_by_permitted_users(
    site: Database,
) -> None:
    with site.session() as session:
        stored = attach_project_evidence(session, the_report(session), "C:\\材料\\验收.pdf", PDF,
                                         user(session, "jiaotong"), 1000)  # fmt: skip
        evidence_id = stored.id
    with site.session() as session:
        found = session.get(ProjectEvidenceFile, evidence_id)
        assert found is not None
        # the digest computed here by hashlib, not read from the stored row's output
        assert found.sha256 == hashlib.sha256(PDF).hexdigest()
        assert (found.filename, found.media_type, found.size) == ("验收.pdf", "application/pdf",
                                                                   len(PDF))  # fmt: skip
        for name in ("jiaotong", "shenhe", "guihua"):
            assert project_evidence_for(user(session, name), found) == PDF
        for name in ("shuili", "daibiao"):  # another department's editor, a viewer
            with pytest.raises(Forbidden, match="无权下载"):
                project_evidence_for(user(session, name), found)
        with pytest.raises(Unauthorized):
            project_evidence_for(None, found)
        audit = session.scalars(select(AuditEntry).where(AuditEntry.action == "evidence")).one()
        assert audit.after is not None and audit.after["period"] == "2023-06"


BAD = [
    ("executable named .pdf", "x.pdf", b"MZ\x90\x00" + b"\x00" * 10, 1000, InvalidInput,
     "x.pdf: 证明材料只能是 PDF"),
    ("too large", "big.pdf", PDF, 10, FileTooLarge, f"big.pdf: 文件大小 {len(PDF)} 字节,超过上限 10 字节"),
    ("empty", "e.png", b"", 1000, InvalidInput, "e.png: 文件为空"),
]  # fmt: skip


@pytest.mark.parametrize(("name", "data", "limit", "error", "message"), [c[1:] for c in BAD],
                         ids=[c[0] for c in BAD])  # fmt: skip
def test_bad_files_are_refused_and_nothing_is_stored(
    site: Database, name: str, data: bytes, limit: int, error: type[Exception], message: str
) -> None:
    with site.session() as session:
        report = the_report(session)
        with pytest.raises(error, match=message):
            attach_project_evidence(session, report, name, data, user(session, "jiaotong"), limit)
        assert report.files == []
        assert session.scalars(select(ProjectEvidenceFile)).all() == []


def test_the_same_file_twice_on_one_report_is_refused(site: Database) -> None:
    with site.session() as session:
        report = the_report(session)
        attach_project_evidence(session, report, "a.png", PNG, user(session, "jiaotong"), 1000)
        with pytest.raises(InvalidInput, match=r"b\.png: 2023-06 的进展已有相同的文件"):
            attach_project_evidence(session, report, "b.png", PNG, user(session, "guihua"), 1000)
        other = attach_project_evidence(session, report, "c.pdf", PDF, user(session, "guihua"),
                                        1000)  # fmt: skip
        assert [f.filename for f in report.files] == ["a.png", "c.pdf"] and other.id


@pytest.mark.parametrize("name", ["shuili", "daibiao", "shenhe"])
def test_only_the_department_and_administrators_may_attach(site: Database, name: str) -> None:
    with site.session() as session:
        with pytest.raises(Forbidden):
            attach_project_evidence(session, the_report(session), "a.pdf", PDF, user(session, name),
                                    1000)  # fmt: skip
        assert session.scalars(select(ProjectEvidenceFile)).all() == []
