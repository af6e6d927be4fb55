"""A dashboard over the sample plan with five users, on SQLite and PostgreSQL.

- 规划科 (admin), 统计局 (editor of 区统计局, which leads GDP), 发改局 (editor of 区发改局,
  which leads 外贸进出口总额), 人大代表 (viewer), 审核员 (reviewer). Every password is
  PASSWORD. GDP has a 2023 value 900 that 统计局 submitted (``submitted_id``, version 1).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import pytest
from fastapi.testclient import TestClient

from planwatch.read import read_bytes
from planwatch.services.annual_targets import TargetEntry, add_annual_target
from planwatch.services.document_figures import read_figures, stored_document
from planwatch.services.indicators import department
from planwatch.services.observations import add_observation, find_indicator, set_progress_note
from planwatch.services.plans import get_plan
from planwatch.services.sample import load_sample
from planwatch.services.users import add_user
from planwatch.settings import Settings
from planwatch.store.database import Database
from planwatch.store.models import ProgressReport, ProjectRecord, TaskRecord, TaskUnit
from planwatch.web.app import create_app

PASSWORD = "correct-horse-42"
BULLETIN = """泸州市江阳区2023年国民经济和社会发展统计公报
2023年,全区实现地区生产总值8123000万元,比上年增长6.1%。
2023年,全区社会消费品零售总额482亿元,比上年增长9.2%。
"""
USERS = {
    "admin": ("admin", None),
    "stats": ("editor", "区统计局"),
    "reform": ("editor", "区发改局"),
    "deputy": ("viewer", None),
    "shenhe": ("reviewer", None),
}


@dataclass(frozen=True)
class Site:
    database: Database
    plan_id: int
    gdp_id: int
    trade_id: int
    submitted_id: int
    report_id: int  # 统计局's submitted 2023 report on task T001 (led by 区统计局)
    note_id: int  # 统计局's submitted 2022 reasons and measures for GDP
    project_id: int = 0  # a major project led by 区统计局, 2021-2025, 10000 万元
    annual_target_id: int = 0  # 统计局's submitted 2023 annual target for GDP: 增长 6.5% 左右
    document_id: int = 0  # an uploaded bulletin (BULLETIN) kept for review, nothing written


@pytest.fixture
def site(database: Database) -> Site:
    with database.session() as session:
        load_sample(session, Settings(), actor="样例")
        plan = get_plan(session, None)
        gdp, trade = find_indicator(plan, "GDP"), find_indicator(plan, "外贸进出口总额")
        gdp.department = department(session, "区统计局", create=True)
        trade.department = department(session, "区发改局", create=True)
        for name, (role, dept) in USERS.items():
            add_user(session, name, PASSWORD, role, dept, None, actor="test")
        submitted = add_observation(session, gdp, 2023, Decimal(900), "stats", review="submitted")
        assert submitted is not None
        task = TaskRecord(plan_id=plan.id, code="T001", title="建设区域统计数据中心",
                          status="confirmed", origin="manual")  # fmt: skip
        task.units.append(TaskUnit(department=gdp.department, role="lead"))
        report = ProgressReport(year=2023, period="Y", status="推进中", recorded_by="stats",
                                review_state="submitted")  # fmt: skip
        task.reports.append(report)
        session.add(task)
        note = set_progress_note(session, gdp, 2022, "疫情影响", "稳投资促消费", "stats",
                                 review="submitted")  # fmt: skip
        project = ProjectRecord(
            plan=plan, code="1", name="江北港二期", start_on=date(2021, 1, 1),
            end_on=date(2025, 12, 31), period_text="2021-2025", total_investment=Decimal(10000),
            department=gdp.department, box_key="box:十四五区域合作开放重大项目及重要事项",
        )  # fmt: skip
        session.add(project)
        target = add_annual_target(session, gdp, TargetEntry(2023, "=", Decimal("6.5"), "%",
                                   True, True), "stats", review="submitted")  # fmt: skip
        bulletin = read_bytes(BULLETIN.encode(), name="公报.txt", max_bytes=1 << 20)
        kept = stored_document(session, read_figures(session, plan, bulletin), "stats")
        session.flush()
        assert target is not None
        return Site(
            database, plan.id, gdp.id, trade.id, submitted.id, report.id, note.id, project.id,
            target.id, kept.id,
        )  # fmt: skip


def make_client(site: Site, **settings: object) -> TestClient:
    settings.setdefault("public_read", True)
    app = create_app(Settings(database_url="sqlite://", **settings), site.database)  # type: ignore[arg-type]
    return TestClient(app, follow_redirects=False)


@pytest.fixture
def client(site: Site) -> Iterator[TestClient]:
    with make_client(site) as client:
        yield client


def login(client: TestClient, username: str) -> str:
    """Sign in through the API; returns the CSRF token for writes."""
    response = client.post("/api/v1/auth/login", json={"username": username, "password": PASSWORD})
    assert response.status_code == 200, response.text
    token: str = response.json()["csrf_token"]
    return token
