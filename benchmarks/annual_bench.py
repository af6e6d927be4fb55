"""How much annual targets cost: the overview with and without them, and a bulletin read.

Input: the bundled sample plan (40 indicators) in an embedded SQLite file; then one approved
annual target per indicator and year 2021–2025 (200 targets) with a level for each year;
then a synthetic statistical bulletin of 2,000 sentences ("2023年,全区社会消费品零售总额…
比上年增长…%") read against the plan (review table only, nothing written). Prints the
best of several runs.

    .venv/bin/python benchmarks/annual_bench.py
"""

from __future__ import annotations

import platform
import tempfile
import time
from decimal import Decimal
from pathlib import Path

from planwatch.assess.thresholds import Thresholds
from planwatch.read import read_bytes
from planwatch.services.annual_targets import TargetEntry, add_annual_target
from planwatch.services.document_figures import read_figures
from planwatch.services.observations import add_observation
from planwatch.services.overview import plan_overview
from planwatch.services.plans import get_plan
from planwatch.services.sample import load_sample
from planwatch.settings import Settings
from planwatch.store.database import Database

RUNS = 5
YEARS = range(2021, 2026)


def best(action: object, runs: int = RUNS) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()  # type: ignore[operator]
        times.append(time.perf_counter() - started)
    return min(times)


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        database = Database(f"sqlite:///{Path(folder) / 'bench.sqlite3'}")
        database.migrate()
        with database.session() as session:
            load_sample(session, Settings(), actor="bench")
            plan = get_plan(session, None)
            without = best(lambda: plan_overview(session, None, 2023, Thresholds()))
            for indicator in plan.indicators:
                for year in YEARS:
                    entry = TargetEntry(year, ">=", Decimal(100 + year % 10), indicator.unit)
                    add_annual_target(session, indicator, entry, "bench")
                    if indicator.series is not None:
                        add_observation(session, indicator, year, Decimal(101 + year % 10),
                                        "bench")  # fmt: skip
            session.flush()
            count = len(plan.indicators) * len(YEARS)
            with_targets = best(lambda: plan_overview(session, None, 2023, Thresholds()))
            lines = ["泸州市江阳区2023年国民经济和社会发展统计公报"] + [
                f"2023年,全区社会消费品零售总额{480 + n % 50}亿元,比上年增长{n % 9}.{n % 10}%。"
                for n in range(2000)
            ]
            bulletin = read_bytes("\n".join(lines).encode(), name="公报.txt", max_bytes=1 << 26)
            reading_time = best(lambda: read_figures(session, plan, bulletin), runs=2)
            figures = len(read_figures(session, plan, bulletin).figures)
        database.dispose()
    print(f"machine: {platform.machine()} {platform.python_implementation()} "
          f"{platform.python_version()}")  # fmt: skip
    print(f"overview, sample plan, no annual targets: {without * 1000:.0f} ms")
    print(f"overview with {count} annual targets judged: {with_targets * 1000:.0f} ms")
    print(f"bulletin of {len(lines) - 1} sentences, {figures} figures matched: "
          f"{reading_time:.2f} s ({figures / reading_time:.0f} figures/s)")  # fmt: skip


if __name__ == "__main__":
    main()
