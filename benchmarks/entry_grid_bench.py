"""Speed of the entry grid (数据填报): rendering all indicators × years, and saving a full
column of changed cells in one submit (each parsed, checked and written as a revision).

Uses the bundled sample (40 indicators × 6 years = 240 cells) in a temporary SQLite file,
signed in as an administrator, through the ASGI app in this process.

    .venv/bin/python benchmarks/entry_grid_bench.py [--rounds 10]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from fastapi.testclient import TestClient

from planwatch.services.plans import get_plan
from planwatch.services.sample import load_sample
from planwatch.services.users import add_user
from planwatch.settings import Settings
from planwatch.store.database import Database
from planwatch.web.app import create_app

PASSWORD = "bench-password-42"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=10)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp())
    database = Database(f"sqlite:///{folder / 'bench.sqlite3'}")
    database.migrate()
    with database.session() as session:
        load_sample(session, Settings(), actor="bench")
        add_user(session, "admin", PASSWORD, "admin", None, None, actor="bench")
        plan = get_plan(session, None)
        codes = [i.code for i in plan.indicators]
        plan_id = plan.id
    app = create_app(Settings(database_url="sqlite://"), database)
    with TestClient(app, follow_redirects=False) as client:
        login = client.post("/api/v1/auth/login", json={"username": "admin", "password": PASSWORD})
        csrf = login.json()["csrf_token"]
        renders = []
        for _ in range(args.rounds):
            started = time.perf_counter()
            assert client.get("/entry", params={"plan": plan_id}).status_code == 200
            renders.append(time.perf_counter() - started)
        saves = []
        for round_ in range(args.rounds):
            # a new value for 2024 in every row (confirmed: 100 is a jump for some rows)
            cells = {f"v-{code}-2024": f"{100 + round_}" for code in codes}
            started = time.perf_counter()
            response = client.post(
                "/entry", data={"csrf_token": csrf, "plan": str(plan_id), "confirm": "1", **cells}
            )
            saves.append(time.perf_counter() - started)
            assert response.status_code == 303, response.text[:300]
    print(f"grid: {len(codes)} indicators × 6 years = {len(codes) * 6} cells")
    print(f"render /entry: p50 {statistics.median(renders) * 1000:.0f} ms, "
          f"max {max(renders) * 1000:.0f} ms ({args.rounds} rounds)")  # fmt: skip
    print(f"save {len(codes)} changed cells: p50 {statistics.median(saves) * 1000:.0f} ms, "
          f"max {max(saves) * 1000:.0f} ms ({args.rounds} rounds)")  # fmt: skip
    database.dispose()


if __name__ == "__main__":
    main()
