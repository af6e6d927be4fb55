"""The project tables keep amounts exactly, refuse an unknown rating and a reversed period."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy.exc import IntegrityError

from planwatch.store.database import Database
from planwatch.store.models import (
    Plan,
    ProjectMilestone,
    ProjectRating,
    ProjectRecord,
    ProjectReport,
    ProjectYearPlan,
)


def project(plan_id: int, **changes: object) -> ProjectRecord:
    fields: dict[str, object] = {
        "plan_id": plan_id, "code": "1", "name": "松溪港二期", "start_on": date(2021, 3, 1),
        "end_on": date(2024, 12, 31), "total_investment": Decimal("32000.5"),
    }  # fmt: skip
    fields.update(changes)
    return ProjectRecord(**fields)


@pytest.fixture
def plan_id(database: Database) -> int:
    with database.session() as session:
        plan = Plan(key="松溪县 2021-2025", title="松溪县规划", period_start=2021, period_end=2025)
        session.add(plan)
        session.flush()
        return plan.id


def test_a_project_and_its_rows_read_back_exactly(database: Database, plan_id: int) -> None:
    with database.session() as session:
        record = project(plan_id)
        record.year_plans.append(ProjectYearPlan(year=2023, amount=Decimal("8000.25")))
        record.reports.append(
            ProjectReport(period="2023-06", period_end=date(2023, 6, 30),
                          completed=Decimal("1234.567891"), cumulative=Decimal("20000"),
                          evidence=["现场照片.jpg"])
        )  # fmt: skip
        record.milestones.append(ProjectMilestone(kind="start", planned_on=date(2021, 3, 1)))
        record.ratings.append(ProjectRating(rating="黄红", reason="征地滞后", rated_by="规划科"))
        session.add(record)
    with database.session() as session:
        stored = session.query(ProjectRecord).one()
        assert stored.total_investment == Decimal("32000.5")
        assert stored.reports[0].completed == Decimal("1234.567891")
        assert stored.reports[0].evidence == ["现场照片.jpg"]
        assert stored.year_plans[0].amount == Decimal("8000.25")
        assert (stored.ratings[0].rating, stored.milestones[0].kind) == ("黄红", "start")


@pytest.mark.parametrize(
    "bad",
    [
        {"end_on": date(2020, 12, 31)},
        {"ratings": [ProjectRating(rating="蓝", reason="?", rated_by="x")]},
        {"milestones": [ProjectMilestone(kind="开工")]},
    ],
    ids=["end-before-start", "unknown-rating", "unknown-milestone"],
)
def test_the_database_refuses_what_the_import_never_writes(
    database: Database, plan_id: int, bad: dict[str, object]
) -> None:
    with pytest.raises(IntegrityError), database.session() as session:
        session.add(project(plan_id, **bad))


def test_one_name_once_per_plan(database: Database, plan_id: int) -> None:
    with pytest.raises(IntegrityError), database.session() as session:
        session.add_all([project(plan_id), project(plan_id, code="2")])
