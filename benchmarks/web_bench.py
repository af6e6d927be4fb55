"""Latency and throughput of the dashboard and the API under load.

Builds a database of 50 plans × 100 indicators × 5 years of data (synthetic, in a temporary
SQLite file unless PLANWATCH_BENCH_DATABASE_URL names another), serves it with uvicorn in
this process, and requests each page from concurrent clients over loopback. Prints p50/p95
latency per endpoint and requests per second.

    .venv/bin/python benchmarks/web_bench.py [--requests 200] [--clients 8]
"""

from __future__ import annotations

import argparse
import os
import random
import socket
import statistics
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal

import httpx
import uvicorn

from planwatch.settings import Settings
from planwatch.store.database import Database
from planwatch.store.models import (
    CatalogueIndicator,
    IndicatorRecord,
    ObservationRecord,
    Plan,
    PlanVersion,
    Region,
    Series,
    TargetRecord,
)
from planwatch.web.app import create_app

PLANS, INDICATORS, YEARS = 50, 100, 5
KINDS = ("level", "level", "level", "growth_rate", "cumulative", "ceiling")


def build(database: Database) -> list[tuple[int, str]]:
    """The synthetic plans; returns (plan id, an indicator code) pairs to request."""
    rng = random.Random(14)
    targets: list[tuple[int, str]] = []
    with database.session() as session:
        catalogue = [
            CatalogueIndicator(name=f"指标{i + 1:03d}", unit_family="元", definition="")
            for i in range(INDICATORS)
        ]
        session.add_all(catalogue)
        for p in range(PLANS):
            region = Region(name=f"示例区{p:02d}", level="县区")
            plan = Plan(
                key=f"示例区{p:02d} 2021-2025",
                title=f"示例区{p:02d}国民经济和社会发展第十四个五年规划纲要",
                region=region,
                period_start=2021,
                period_end=2025,
            )
            plan.versions = [
                PlanVersion(
                    number=1,
                    sha256=f"{p:064d}",
                    source_path="bench.txt",
                    format="txt",
                    encoding="utf-8",
                    text="第一章 总体要求\n",
                )
            ]
            session.add(plan)
            session.flush()
            for i in range(INDICATORS):
                kind = KINDS[i % len(KINDS)]
                base = Decimal(rng.randint(50, 500))
                indicator = IndicatorRecord(
                    plan_id=plan.id,
                    code=f"I{i + 1:03d}",
                    position=i + 1,
                    name=f"指标{i + 1:03d}",
                    unit="亿元",
                    kind=kind,
                    direction="decrease" if kind == "ceiling" else "increase",
                    baseline_year=2020,
                    baseline_value=base,
                )
                goal = Decimal(8) if kind == "growth_rate" else base * Decimal("1.5")
                indicator.targets = [
                    TargetRecord(
                        value=goal, year=2025, comparator="<=" if kind == "ceiling" else ">="
                    )
                ]
                indicator.series = Series(region=region, catalogue=catalogue[i], unit="亿元")
                indicator.series.observations = [
                    ObservationRecord(
                        year=2020 + y,
                        value=round(base * Decimal(1 + 0.05 * y + rng.random() / 20), 6),
                    )
                    for y in range(1, YEARS + 1)
                ]
                session.add(indicator)
            targets.append((plan.id, "I001"))
    return targets


def serve(database: Database) -> tuple[uvicorn.Server, int]:
    app = create_app(Settings(database_url="sqlite://", public_read=True), database)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.05)
    return server, port


def measure(base: str, paths: list[str], clients: int) -> tuple[list[float], float]:
    def one(path: str) -> float:
        with httpx.Client(base_url=base, timeout=30) as client:
            started = time.perf_counter()
            response = client.get(path)
            elapsed = time.perf_counter() - started
            assert response.status_code == 200, (path, response.status_code)
            return elapsed

    started = time.perf_counter()
    with ThreadPoolExecutor(clients) as pool:
        times = list(pool.map(one, paths))
    return times, len(paths) / (time.perf_counter() - started)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--clients", type=int, default=8)
    args = parser.parse_args()
    folder = tempfile.mkdtemp()
    database = Database(
        os.environ.get("PLANWATCH_BENCH_DATABASE_URL", f"sqlite:///{folder}/bench.sqlite3")
    )
    database.migrate()
    started = time.perf_counter()
    pairs = build(database)
    print(
        f"data: {PLANS} plans × {INDICATORS} indicators × {YEARS} years, "
        f"built in {time.perf_counter() - started:.1f} s"
    )
    server, port = serve(database)
    base = f"http://127.0.0.1:{port}"
    rng = random.Random(1)
    endpoints = {
        "overview page": lambda: f"/?plan={rng.choice(pairs)[0]}",
        "indicator page": lambda: (
            f"/indicators/I{rng.randint(1, INDICATORS):03d}?plan={rng.choice(pairs)[0]}"
        ),
        "API overview": lambda: f"/api/v1/plans/{rng.choice(pairs)[0]}/overview",
        "API indicator": lambda: f"/api/v1/indicators/{rng.randint(1, PLANS * INDICATORS)}",
        "API search": lambda: "/api/v1/search?q=指标05",
    }
    # Cold: the first view of each plan after a change computes its overview (no cache entry).
    cold, _ = measure(base, [f"/?plan={plan_id}" for plan_id, _ in pairs], 1)
    print(
        f"overview page, cold (first view of each of {PLANS} plans): "
        f"p50 {statistics.median(cold) * 1000:.1f} ms, "
        f"p95 {statistics.quantiles(cold, n=20)[-1] * 1000:.1f} ms"
    )
    measure(base, [f"/api/v1/plans/{plan_id}/overview" for plan_id, _ in pairs], 2)
    print(
        f"{'warm endpoint':<16} {'p50 ms':>8} {'p95 ms':>8}   "
        f"(1 client, {args.requests // 4} requests each)"
    )
    for name, make in endpoints.items():
        times, _ = measure(base, [make() for _ in range(args.requests // 4)], 1)
        p95 = statistics.quantiles(times, n=20)[-1]
        print(f"{name:<16} {statistics.median(times) * 1000:>8.1f} {p95 * 1000:>8.1f}")
    mixed = [rng.choice(list(endpoints.values()))() for _ in range(args.requests)]
    times, rate = measure(base, mixed, args.clients)
    p95 = statistics.quantiles(times, n=20)[-1]
    print(
        f"mixed, {args.clients} concurrent clients: {rate:.1f} requests/s, "
        f"p50 {statistics.median(times) * 1000:.1f} ms, p95 {p95 * 1000:.1f} ms"
    )
    server.should_exit = True


if __name__ == "__main__":
    main()
