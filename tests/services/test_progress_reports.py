"""Progress reports per task and period; evidence checked by content and size, with sha256."""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

import docx
import pytest
from sqlalchemy import select

from planwatch.errors import Conflict, Forbidden, InvalidInput, YearLocked
from planwatch.read import read_document
from planwatch.services.department_list import add_department
from planwatch.services.plans import get_plan, import_plan
from planwatch.services.progress_reports import (
    attach_evidence,
    evidence_for,
    figure,
    save_report,
)
from planwatch.services.review import approve, lock_year, submit
from planwatch.services.tasks import find_task, propose_tasks, set_units
from planwatch.store.database import Database
from planwatch.store.models import EvidenceFile, UserRecord

DATA = Path(__file__).parent / "data"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def site(database: Database) -> Database:
    document = read_document(DATA / "county-plan-tasks.txt", max_bytes=1 << 20)
    with database.session() as session:
        import_plan(session, document, "规划科")
        plan = get_plan(session, None)
        plan.period_start, plan.period_end = 2021, 2025
        propose_tasks(session, plan, "规划科")
        finance = add_department(session, "县金融局", "部门", "规划科")
        other = add_department(session, "县商务局", "部门", "规划科")
        set_units(session, find_task(session, plan, "T002"), [(finance, "lead")], "规划科")
        session.add_all(
            [
                UserRecord(username="jinrong", password_hash="x", role="editor", department=finance),
                UserRecord(username="shangwu", password_hash="x", role="editor", department=other),
                UserRecord(username="shenhe", password_hash="x", role="reviewer"),
                UserRecord(username="guihua", password_hash="x", role="admin"),
            ]
        )  # fmt: skip
    return database


def user(session: object, name: str) -> UserRecord:
    found: UserRecord = session.scalars(  # type: ignore[attr-defined]
        select(UserRecord).where(UserRecord.username == name)
    ).one()
    return found


def docx_bytes() -> bytes:
    out = io.BytesIO()
    document = docx.Document()
    document.add_paragraph("区域金融中心建设进展")
    document.save(out)
    return out.getvalue()


def test_a_report_is_drafted_submitted_and_approved(site: Database) -> None:
    with site.session() as session:
        task = find_task(session, get_plan(session, None), "T002")
        report = save_report(session, task, 2023, "H1", "推进中", "引进银行2家。",
                             [figure("新增金融机构", "2", "家")], user(session, "jinrong"))  # fmt: skip
        assert (report.review_state, report.version) == ("draft", 1)
        assert report.figures == [{"name": "新增金融机构", "value": "2", "unit": "家"}]
        submit(session, report, user(session, "jinrong"), 1)
        with pytest.raises(InvalidInput, match="待审核,不能修改"):
            save_report(session, task, 2023, "H1", "已完成", "", [], user(session, "jinrong"),
                        version=2)  # fmt: skip
        approve(session, report, user(session, "shenhe"), 2)
        assert (report.review_state, report.version) == ("approved", 3)


BAD_REPORTS = [
    ("unknown period", 2023, "M7", "推进中", "报送期「M7」"),
    ("unknown status", 2023, "Y", "差不多", "进展状态「差不多」"),
    ("outside the plan period", 2027, "Y", "推进中", "不在规划期 2021—2025 内"),
]


@pytest.mark.parametrize(("year", "period", "status", "message"),
                         [c[1:] for c in BAD_REPORTS], ids=[c[0] for c in BAD_REPORTS])  # fmt: skip
def test_bad_reports_are_refused(
    site: Database, year: int, period: str, status: str, message: str
) -> None:
    with site.session() as session, pytest.raises(InvalidInput, match=message):
        task = find_task(session, get_plan(session, None), "T002")
        save_report(session, task, year, period, status, "", [], user(session, "jinrong"))


def test_only_the_tasks_units_report_and_locked_years_refuse(site: Database) -> None:
    with site.session() as session:
        task = find_task(session, get_plan(session, None), "T002")
        with pytest.raises(Forbidden, match="只有任务 T002 的牵头或责任单位"):
            save_report(session, task, 2023, "Y", "推进中", "", [], user(session, "shangwu"))
        lock_year(session, get_plan(session, None), 2022, user(session, "guihua"))
        with pytest.raises(YearLocked):
            save_report(session, task, 2022, "Y", "推进中", "", [], user(session, "jinrong"))
        report = save_report(session, task, 2023, "Y", "推进中", "", [], user(session, "jinrong"))
        with pytest.raises(Conflict):  # a form with another version than the stored one
            save_report(session, task, 2023, "Y", "滞后", "", [], user(session, "jinrong"),
                        version=report.version + 1)  # fmt: skip


EVIDENCE = [
    ("pdf", "说明.pdf", PDF, "application/pdf"),
    ("png named .doc", "照片.doc", b"\x89PNG\r\n\x1a\n" + b"\x00" * 20, "image/png"),
    ("jpeg", "现场.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 20, "image/jpeg"),
]


@pytest.mark.parametrize(("name", "data", "kind"), [c[1:] for c in EVIDENCE],
                         ids=[c[0] for c in EVIDENCE])  # fmt: skip
def test_evidence_is_typed_by_content_and_hashed(
    site: Database, name: str, data: bytes, kind: str
) -> None:
    with site.session() as session:
        task = find_task(session, get_plan(session, None), "T002")
        report = save_report(session, task, 2023, "Q1", "推进中", "", [], user(session, "jinrong"))
        stored = attach_evidence(session, report, name, data, user(session, "jinrong"), 1000)
        assert (stored.media_type, stored.size) == (kind, len(data))
        assert stored.sha256 == hashlib.sha256(data).hexdigest()
        evidence_id = stored.id
    with site.session() as session:
        found = session.get(EvidenceFile, evidence_id)
        assert found is not None
        assert evidence_for(user(session, "shenhe"), found) == data
        with pytest.raises(Forbidden, match="无权下载"):
            evidence_for(user(session, "shangwu"), found)


def test_a_docx_is_recognised_inside_its_zip(site: Database) -> None:
    data = docx_bytes()
    with site.session() as session:
        task = find_task(session, get_plan(session, None), "T002")
        report = save_report(session, task, 2023, "Q2", "推进中", "", [], user(session, "jinrong"))
        stored = attach_evidence(session, report, "材料.docx", data, user(session, "jinrong"),
                                 1 << 20)  # fmt: skip
        assert stored.media_type.endswith("wordprocessingml.document")


BAD_EVIDENCE = [
    ("executable named .pdf", "x.pdf", b"MZ\x90\x00" + b"\x00" * 10, 1000, "只能是 PDF"),
    ("plain zip named .docx", "x.docx", b"PK\x03\x04" + b"\x00" * 30, 1000, "只能是 PDF"),
    ("too large", "big.pdf", PDF, 10, "超过上限 10 字节"),
    ("empty", "e.pdf", b"", 1000, "文件为空"),
]


@pytest.mark.parametrize(("name", "data", "limit", "message"), [c[1:] for c in BAD_EVIDENCE],
                         ids=[c[0] for c in BAD_EVIDENCE])  # fmt: skip
def test_bad_evidence_is_refused_and_nothing_stored(
    site: Database, name: str, data: bytes, limit: int, message: str
) -> None:
    with site.session() as session:
        task = find_task(session, get_plan(session, None), "T002")
        report = save_report(session, task, 2023, "Q3", "推进中", "", [], user(session, "jinrong"))
        with pytest.raises(InvalidInput, match=message):
            attach_evidence(session, report, name, data, user(session, "jinrong"), limit)
        assert report.evidence == []
