"""A dashboard over the sample plan with four users, on SQLite and PostgreSQL.

- 规划科 (admin), 统计局 (editor of 区统计局, which leads GDP), 发改局 (editor of 区发改局,
  which leads 外贸进出口总额), 人大代表 (viewer). Every password is PASSWORD.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import pytest
from fastapi.testclient import TestClient

from planwatch.services.indicators import department
from planwatch.services.observations import find_indicator
from planwatch.services.plans import get_plan
from planwatch.services.sample import load_sample
from planwatch.services.users import add_user
from planwatch.settings import Settings
from planwatch.store.database import Database
from planwatch.store.models import ProjectRecord
from planwatch.web.app import create_app

PASSWORD = "correct-horse-42"
USERS = {
    "admin": ("admin", None),
    "stats": ("editor", "区统计局"),
    "reform": ("editor", "区发改局"),
    "deputy": ("viewer", None),
}


@dataclass(frozen=True)
class Site:
    database: Database
    plan_id: int
    gdp_id: int
    trade_id: int
    project_id: int = 0  # a major project led by 区统计局, 2021-2025, 10000 万元


@pytest.fixture
def site(database: Database) -> Site:
    with database.session() as session:
        load_sample(session, Settings(), actor="样例")
        plan = get_plan(session, None)
        gdp, trade = find_indicator(plan, "GDP"), find_indicator(plan, "外贸进出口总额")
        gdp.department = department(session, "区统计局")
        trade.department = department(session, "区发改局")
        for name, (role, dept) in USERS.items():
            add_user(session, name, PASSWORD, role, dept, None, actor="test")
        project = ProjectRecord(
            plan=plan, code="1", name="江北港二期", start_on=date(2021, 1, 1),
            end_on=date(2025, 12, 31), period_text="2021-2025", total_investment=Decimal(10000),
            department=gdp.department, box_key="box:十四五区域合作开放重大项目及重要事项",
        )  # fmt: skip
        session.add(project)
        session.flush()
        return Site(database, plan.id, gdp.id, trade.id, project.id)


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
