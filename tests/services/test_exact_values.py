"""Values are kept exactly on both databases, so importing the same file again adds nothing."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from planwatch.read import read_document
from planwatch.services.observations import find_indicator, import_observations
from planwatch.services.plans import import_plan
from planwatch.services.tables import parse_table
from planwatch.store.database import Database
from planwatch.store.models import Plan

PLANS = Path(__file__).parent.parent / "data" / "plans"


@pytest.mark.parametrize(
    "value", ["1234567890123.456789", "0.000001", "99999999999999999999", "616.36"], ids=str
)
def test_a_value_comes_back_exactly_and_a_reimport_adds_nothing(
    database: Database, value: str
) -> None:
    document = read_document(PLANS / "qinghe-district-14th.txt", max_bytes=1 << 20)
    with database.session() as session:
        plan_id = import_plan(session, document, "规划科").plan_id
    data = f"指标编号,年份,数值\nI001,2023,{value}\n".encode()
    with database.session() as session:
        plan = session.get(Plan, plan_id)
        assert plan is not None
        first = import_observations(session, plan, parse_table(data, "d.csv"), "统计局")
        assert (first.ok, first.added) == (True, 1)
    with database.session() as session:
        plan = session.get(Plan, plan_id)
        assert plan is not None
        stored = find_indicator(plan, "I001").observations
        assert [o.value for o in stored] == [Decimal(value)]
        assert str(stored[0].value) == value  # no float on the way: every digit, no trailing 0
        again = import_observations(session, plan, parse_table(data, "d.csv"), "统计局")
        assert (again.added, again.unchanged) == (0, 1)
