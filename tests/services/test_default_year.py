"""The default as-of year is the latest year most indicators have data for."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from planwatch.assess.thresholds import Thresholds
from planwatch.read import read_document
from planwatch.services.observations import add_observation, find_indicator
from planwatch.services.overview import plan_overview
from planwatch.services.plans import import_plan
from planwatch.store.database import Database
from planwatch.store.models import Plan

PLANS = Path(__file__).parent.parent / "data" / "plans"


def test_one_later_value_does_not_move_the_default_year(database: Database) -> None:
    document = read_document(PLANS / "qinghe-district-14th.txt", max_bytes=1 << 20)
    with database.session() as session:
        plan_id = import_plan(session, document, "规划科").plan_id
    with database.session() as session:
        plan = session.get(Plan, plan_id)
        assert plan is not None
        for name, values in (("森林覆盖率", (38.9, 39.3)), ("常住人口城镇化率", (59.1, 60.2))):
            for year, value in zip((2021, 2022), values, strict=True):
                add_observation(
                    session, find_indicator(plan, name), year, Decimal(str(value)), "统计局"
                )
        # a slip: −5 typed for 2025 on a third indicator
        add_observation(
            session, find_indicator(plan, "人均地区生产总值"), 2025, Decimal(-5), "统计局"
        )
    with database.session() as session:
        assert plan_overview(session, str(plan_id), None, Thresholds()).as_of == 2022
        plan = session.get(Plan, plan_id)
        assert plan is not None
        for name in ("森林覆盖率", "常住人口城镇化率"):  # now most indicators have 2025
            add_observation(session, find_indicator(plan, name), 2025, Decimal(41), "统计局")
    with database.session() as session:
        assert plan_overview(session, str(plan_id), None, Thresholds()).as_of == 2025
