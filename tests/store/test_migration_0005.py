"""Migration 0005 carries a database of the first release forward with nothing lost.

``data/release-0.1.json`` holds every row a database of release 0.1 (schema 0004) had after:
``planwatch sample``; ``observe add GDP 2023 880.5``; ``observe note GDP 2022``;
``indicator edit I001 --confirm --department 区发改局``; importing a 15th plan of the same
district (its GDP observed for 2023 as well: the two plans now share one series, so the
revisions of 2023 are renumbered); importing a plan without a region (粮食产量 2022); importing
a changed copy of the sample (外贸进出口总额 25 亿元) as its second version; and adding a user.
The two sample texts are stored as references to the bundled sample.
"""

from __future__ import annotations

import json
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import Boolean, DateTime, MetaData, func, select

from planwatch.assess.thresholds import Thresholds
from planwatch.samples import sample_path
from planwatch.services.overview import plan_overview
from planwatch.store.database import Database
from planwatch.store.models import (
    AppSetting,
    IndicatorRecord,
    ObservationRecord,
    OutlineNodeRecord,
    Plan,
    PlanVersion,
    QuantityRecord,
    Region,
    Series,
    UserRecord,
)

RELEASE = Path(__file__).parent / "data" / "release-0.1.json"


def _text(stored: str | dict[str, list[str]]) -> str:
    if isinstance(stored, str):
        return stored
    text = sample_path().read_text("utf-8")
    replace = stored["sample"]
    return text.replace(replace[0], replace[1]) if replace else text


def load_release(database: Database) -> dict[str, list[dict[str, Any]]]:
    """Build schema 0004 and fill it with the rows of release 0.1."""
    database.migrate("0004")
    rows: dict[str, list[dict[str, Any]]] = json.loads(RELEASE.read_text("utf-8"))
    meta = MetaData()
    meta.reflect(database.engine)
    with database.engine.begin() as connection:
        for name, table_rows in rows.items():
            table = meta.tables[name]
            converted = []
            for row in table_rows:
                out = dict(row)
                for column in table.columns:
                    value = out.get(column.name)
                    if value is None:
                        continue
                    if isinstance(column.type, DateTime):
                        out[column.name] = datetime.fromisoformat(value)
                    elif isinstance(column.type, Boolean):
                        out[column.name] = bool(value)
                    elif column.name == "text" and name == "plan_version":
                        out[column.name] = _text(value)
                    elif name == "audit_log" and column.name in ("before", "after"):
                        out[column.name] = json.loads(value)
                converted.append(out)
            connection.execute(table.insert(), converted)
        if connection.dialect.name == "postgresql":  # ids were given: move the sequences on
            for name in rows:
                connection.exec_driver_sql(
                    f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), "
                    f"(SELECT max(id) FROM {name}))"
                )
    return rows


def test_release_database_is_carried_forward(empty_database: Database) -> None:
    old = load_release(empty_database)
    empty_database.migrate()
    with empty_database.session() as session:
        # Regions: one per distinct region name; the plan without one keeps none.
        regions = {r.name: r.level for r in session.scalars(select(Region))}
        assert regions == {"泸州市江阳区": "县区"}
        plans = {p.key: p for p in session.scalars(select(Plan))}
        assert plans["泸州市江阳区 2021-2025"].region_name == "泸州市江阳区"
        assert plans["泸州市江阳区 2026-2030"].region_name == "泸州市江阳区"
        assert plans["某规划"].region is None

        # Nothing lost: every indicator, observation and user is still there.
        assert session.scalar(select(func.count()).select_from(IndicatorRecord)) == len(
            old["indicator"]
        )
        assert session.scalar(select(func.count()).select_from(ObservationRecord)) == len(
            old["observation"]
        )
        assert [u.username for u in session.scalars(select(UserRecord))] == ["admin"]

        # One GDP series for the district, shared by both plans; 2023 has two revisions now:
        # the 14th plan's 880.5 (entered first) and the 15th plan's 881.
        fourteenth = plans["泸州市江阳区 2021-2025"]
        fifteenth = plans["泸州市江阳区 2026-2030"]
        gdp14 = next(i for i in fourteenth.indicators if i.name == "GDP")
        gdp15 = next(i for i in fifteenth.indicators if i.name == "地区生产总值")
        assert gdp14.series_id == gdp15.series_id is not None
        revisions = [(o.year, o.revision, o.value) for o in gdp14.observations if o.year == 2023]
        assert revisions == [(2023, 1, Decimal("880.5")), (2023, 2, Decimal("881"))]

        # Without a region, a series of its own.
        grain = plans["某规划"].indicators[0]
        assert grain.series is not None and grain.series.region is None
        assert [(o.year, o.value) for o in grain.observations] == [(2022, Decimal("48"))]

        # Exact values: the 430.32 of 2016 was a float on SQLite, now it is exact text.
        first = session.get(ObservationRecord, 1)
        assert first is not None and first.value == Decimal("430.32")

        # Stable outline keys beside the positional ids; indicators point at the stable key and
        # know their chapter.
        version = fourteenth.versions[0]
        nodes = {n.path: n for n in version.nodes}
        assert nodes["p1.c3"].key == "chapter:主要目标"
        assert gdp14.chapter == "第三章 主要目标"
        assert gdp14.source_node is not None and not gdp14.source_node.startswith("p")

        # Every version's quantities are stored, linked to their indicators; the second version
        # states 25 亿元 where the first states 20.
        trade = [
            [q.value for q in v.quantities if q.name == "外贸进出口总额"]
            for v in fourteenth.versions
        ]
        assert trade == [[Decimal("20")], [Decimal("25")]]
        linked = [q for q in version.quantities if q.indicator is not None]
        assert linked and all(q.indicator.plan_id == fourteenth.id for q in linked)

        # The confirmation, the department and the note survived.
        first_indicator = fourteenth.indicators[0]
        assert first_indicator.confirmed and first_indicator.department is not None
        assert [n.year for n in gdp14.notes] == [2022]

        # And the migrated database works: the overview assesses the GDP from its series.
        overview = plan_overview(session, str(fourteenth.id), 2023, Thresholds())
        view = next(v for v in overview.indicators if v.code == gdp14.code)
        assert view.observations[-1].value == Decimal("881")  # the newest revision of 2023
        assert session.scalar(select(func.count()).select_from(AppSetting)) == 0
        assert session.scalar(select(func.count()).select_from(Series)) >= 3
        assert session.scalar(select(func.count()).select_from(QuantityRecord)) > 100
        assert session.scalar(select(func.count()).select_from(OutlineNodeRecord)) == len(
            old["outline_node"]
        )
        assert session.scalar(select(func.count()).select_from(PlanVersion)) == 4
