"""The judged project list cache after writes (web/project_cache.py), on SQLite and
PostgreSQL: after each kind of write the cached list equals one judged from scratch, and
only the work the write calls for is done (counted by wrapping the two judging functions)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from conftest import Site
from planwatch.assess.projects import ProjectThresholds
from planwatch.services import project_views
from planwatch.services.department_list import add_department
from planwatch.services.observations import add_observation, find_indicator
from planwatch.services.plans import get_plan
from planwatch.services.project_cells import parse_report_period
from planwatch.services.project_views import ProjectFilters, ProjectList, all_projects
from planwatch.services.projects import ReportEntry, add_report, rate_project
from planwatch.store.models import ProjectRecord
from planwatch.web import project_cache
from planwatch.web.project_cache import ProjectListCache

FILTERS = ProjectFilters(year=2023)
THRESHOLDS = ProjectThresholds()


def facts(listing: ProjectList) -> list[tuple[Any, ...]]:
    return [(r.id, r.name, r.department, r.rating, r.judgement) for r in listing.rows]


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    counted = {"all": 0, "some": 0}

    def count(name: str, function: Any) -> Any:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            counted[name] += 1
            return function(*args, **kwargs)

        return wrapper

    monkeypatch.setattr(project_cache, "all_projects", count("all", project_views.all_projects))
    monkeypatch.setattr(project_cache, "rejudged", count("some", project_views.rejudged))
    return counted


def test_the_list_follows_each_kind_of_write(site: Site, calls: dict[str, int]) -> None:
    cache = ProjectListCache()
    with site.database.session() as session:
        plan = get_plan(session, None)
        first = session.get(ProjectRecord, site.project_id)
        assert first is not None
        session.add(ProjectRecord(
            plan=plan, code="2", name="城西污水厂", start_on=date(2022, 1, 1),
            end_on=date(2024, 12, 31), period_text="2022-2024", total_investment=Decimal(3000),
            department=first.department,
        ))  # fmt: skip

    def listed() -> ProjectList:
        with site.database.session() as session:
            plan = get_plan(session, None)
            cached = cache.listing(session, plan, THRESHOLDS, FILTERS)
            fresh = all_projects(session, plan, THRESHOLDS, date(2023, 12, 31))
            assert facts(cached) == facts(fresh) and cached.totals == fresh.totals
            return cached

    listed()
    assert calls == {"all": 1, "some": 0}  # the cache's (the test's own list is not counted)

    with site.database.session() as session:  # a report on one project: only it is judged
        plan = get_plan(session, None)
        project = session.get(ProjectRecord, site.project_id)
        assert project is not None
        entry = ReportEntry(parse_report_period("2023-06"), None, Decimal(3500), "桩基完成")
        add_report(session, plan, project, entry, "stats")
    after_report = listed()
    assert calls == {"all": 1, "some": 1}
    # 3500 / 10000 = 35 % of the investment by 2023-12-31 — the new report is in the list
    assert after_report.rows[0].judgement.cumulative == Decimal(3500)

    with site.database.session() as session:  # a rating: the project entry again
        project = session.get(ProjectRecord, site.project_id)
        assert project is not None
        rate_project(session, project, "黄", "征地滞后", "stats")
    assert listed().rows[0].rating == "黄"
    assert calls == {"all": 1, "some": 2}

    with site.database.session() as session:  # a value of an indicator
        plan = get_plan(session, None)
        add_observation(session, find_indicator(plan, "GDP"), 2024, Decimal(950), "admin")
    listed()
    # no register read; the projects of the recent entries are judged again (late commits)
    assert calls == {"all": 1, "some": 3}

    with site.database.session() as session:  # a department: the whole list again
        add_department(session, "区住建局", "部门", "admin")
    listed()
    assert calls == {"all": 2, "some": 3}
