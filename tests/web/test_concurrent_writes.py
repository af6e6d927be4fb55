"""Several writers on one indicator and year at once: each write lands or gets 409 — no 500,
nothing lost, every accepted write audited. On SQLite and PostgreSQL."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack

from sqlalchemy import func, select

from conftest import Site, login, make_client
from planwatch.store.models import AuditEntry, IndicatorRecord, ObservationRecord

WRITERS, WRITES = 6, 5


def observe_entries(site: Site) -> int:
    with site.database.session() as session:
        return (
            session.scalar(
                select(func.count())
                .select_from(AuditEntry)
                .where(AuditEntry.action == "observe", AuditEntry.entity_id == site.gdp_id)
            )
            or 0
        )


def revisions_of_2023(site: Site) -> list[int]:
    with site.database.session() as session:
        series_id = session.get(IndicatorRecord, site.gdp_id).series_id  # type: ignore[union-attr]
        return sorted(
            session.scalars(
                select(ObservationRecord.revision).where(
                    ObservationRecord.series_id == series_id, ObservationRecord.year == 2023
                )
            )
        )


def test_concurrent_writers_on_one_value(site: Site) -> None:
    before = observe_entries(site)  # the sample's own values of the GDP
    existing = len(revisions_of_2023(site))  # the fixture's submitted 2023 value
    with ExitStack() as stack:  # clients start (and migrate) one by one, then write at once
        clients = [stack.enter_context(make_client(site)) for _ in range(WRITERS)]
        tokens = [login(c, "stats" if n % 2 else "admin") for n, c in enumerate(clients)]

        def writer(number: int) -> list[tuple[int, bool]]:
            out = []
            for attempt in range(WRITES):
                response = clients[number].post(
                    f"/api/v1/indicators/{site.gdp_id}/observations",
                    headers={"X-CSRF-Token": tokens[number]},
                    json={"year": 2023, "value": f"{900 + number * 10 + attempt}"},
                )
                added = response.status_code == 201 and response.json()["added"]
                out.append((response.status_code, bool(added)))
            return out

        with ThreadPoolExecutor(WRITERS) as pool:
            results = [r for rs in pool.map(writer, range(WRITERS)) for r in rs]
    statuses = {status for status, _ in results}
    assert statuses <= {201, 409}, statuses
    accepted = sum(added for _, added in results)
    assert accepted >= 1
    # nothing lost, no gap, no twin
    assert revisions_of_2023(site) == list(range(1, existing + accepted + 1))
    assert observe_entries(site) - before == accepted
