"""Speed of the major-project register: the list page over 2,000 projects × 60 monthly
reports, and the import of a 2,000-row register sheet.

Builds a temporary SQLite database (or PLANWATCH_BENCH_DATABASE_URL) with the small test
plan of tests/data/plans (two 专栏 boxes), 2,000 projects over 2021–2025, 60 monthly reports
each (120,000 reports), two milestones and five years of planned investment; requests the
list page, the API list and a project page in process, and times the import of a 2,000-row
XLSX register (title line, two-row header with merged cells, amounts in 亿元).

    .venv/bin/python benchmarks/projects_bench.py [--requests 30]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import tempfile
import time
from datetime import date
from decimal import Decimal
from pathlib import Path

from fastapi.testclient import TestClient
from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet
from sqlalchemy import insert, select

from planwatch.read import read_document
from planwatch.services.department_list import add_department
from planwatch.services.plans import get_plan, import_plan
from planwatch.services.project_cells import parse_report_period
from planwatch.services.project_register import import_register
from planwatch.services.projects import ReportEntry, add_report
from planwatch.services.tables import read_table
from planwatch.settings import Settings
from planwatch.store.database import Database
from planwatch.store.models import (
    AuditEntry,
    Department,
    ProjectMilestone,
    ProjectRecord,
    ProjectReport,
    ProjectYearPlan,
)
from planwatch.web.app import create_app

PLAN = Path(__file__).parent.parent / "tests" / "data" / "plans" / "songxi-county-14th.txt"
PROJECTS, MONTHS, DEPARTMENTS = 2000, 60, 12
BOXES = ("box:交通基础设施重大项目", "box:社会事业重大项目")
CHAPTERS = ("chapter:构建现代交通网络", "chapter:提升公共服务水平")


def month_end(year: int, month: int) -> date:
    following = date(year + (month == 12), month % 12 + 1, 1)
    return date.fromordinal(following.toordinal() - 1)


def with_plan(database: Database) -> int:
    with database.session() as session:
        plan_id = import_plan(session, read_document(PLAN, max_bytes=1 << 20), "bench").plan_id
        session.add_all(Department(name=f"县部门{d:02d}") for d in range(DEPARTMENTS))
        return plan_id


def build(database: Database) -> int:
    """The plan and its 2,000 projects with 60 monthly reports each; returns the plan id."""
    plan_id = with_plan(database)
    rng = random.Random(14)
    with database.session() as session:
        departments = list(session.scalars(select(Department.id)))
        projects = [
            {"plan_id": plan_id, "code": str(i + 1), "name": f"示例项目{i + 1:04d}",
             "content": "", "location": "", "nature": "新建", "period_text": "2021-2025",
             "start_on": date(2021, 1, 1), "end_on": date(2025, 12, 31),
             "total_investment": Decimal(rng.randint(1000, 500000)), "plan_investment": None,
             "funding_source": "", "owner": "", "department_id": departments[i % DEPARTMENTS],
             "version_id": None, "box_key": BOXES[i % 2], "chapter_key": CHAPTERS[i % 2],
             "note": "", "origin": "import", "recorded_by": "bench"}
            for i in range(PROJECTS)
        ]  # fmt: skip
        session.execute(insert(ProjectRecord), projects)
        ids = list(session.scalars(select(ProjectRecord.id).order_by(ProjectRecord.id)))
        totals = {pid: p["total_investment"] for pid, p in zip(ids, projects, strict=True)}
        reports, plans, milestones = [], [], []
        for pid in ids:
            pace = Decimal(rng.randint(60, 110)) / Decimal(100)
            cumulative = Decimal(0)
            for m in range(MONTHS):
                year, month = 2021 + m // 12, m % 12 + 1
                step = (totals[pid] * pace / MONTHS).quantize(Decimal(1))
                cumulative += step
                reports.append({"project_id": pid, "period": f"{year}-{month:02d}",
                                "period_end": month_end(year, month), "completed": step,
                                "cumulative": cumulative, "progress": "", "evidence": [],
                                "note": "", "recorded_by": "bench"})  # fmt: skip
            plans += [
                {"project_id": pid, "year": y, "amount": totals[pid] / 5} for y in range(2021, 2026)
            ]
            milestones += [
                {"project_id": pid, "kind": "start", "planned_on": date(2021, 1, 1),
                 "actual_on": date(2021, 2, 1), "note": ""},
                {"project_id": pid, "kind": "completion", "planned_on": date(2025, 12, 31),
                 "actual_on": None, "note": ""},
            ]  # fmt: skip
        session.execute(insert(ProjectReport), reports)
        session.execute(insert(ProjectYearPlan), plans)
        session.execute(insert(ProjectMilestone), milestones)
    return plan_id


def timed(client: TestClient, url: str, requests: int) -> tuple[float, float]:
    client.get(url)  # warm: templates compiled, pages cached by the database
    samples = []
    for _ in range(requests):
        start = time.perf_counter()
        response = client.get(url)
        samples.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, response.text[:200]
    samples.sort()
    return statistics.median(samples), samples[int(len(samples) * 0.95) - 1]


def write(database: Database, kind: str, n: int) -> None:
    """One write of ``kind``: a progress report on one project (as an editor enters it), an
    audit entry of something else (a value, a sign-in), or a department added (the list
    shows department names: it is judged whole again)."""
    with database.session() as session:
        if kind == "report":
            project = session.get(ProjectRecord, 1 + n * 37 % PROJECTS)
            assert project is not None
            entry = ReportEntry(parse_report_period("2026-01"), Decimal(1), None, note=f"bench {n}")
            plan = project.plan
            plan.period_end = 2026  # a period after the 60 months, inside the (widened) plan
            add_report(session, plan, project, entry, "bench")
        elif kind == "other":
            session.add(AuditEntry(actor="bench", action="touch", entity="bench", entity_id=None))
        else:
            add_department(session, f"县新部门{n:03d}", "部门", "bench")


def timed_cold(
    client: TestClient, database: Database, url: str, requests: int, kind: str = "other"
) -> tuple[float, float]:
    """As timed(), with a write of ``kind`` before each request."""
    samples = []
    for n in range(requests):
        write(database, kind, n)
        start = time.perf_counter()
        response = client.get(url)
        samples.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200
    samples.sort()
    return statistics.median(samples), samples[int(len(samples) * 0.95) - 1]


def register_sheet(path: Path) -> Path:
    """A 2,000-row register as bureaus lay it out: title, unit line, two-row merged header."""
    workbook = Workbook()
    sheet = workbook.active
    assert isinstance(sheet, Worksheet)
    sheet.append(["松溪县重大项目表"])
    sheet.merge_cells("A1:L1")
    sheet.append(["单位:亿元"])
    sheet.append(["序号", "项目名称", "建设性质", "建设起止年限", "投资(亿元)", None, None,
                  "资金来源", "业主单位", "牵头单位", "所属专栏", "备注"])  # fmt: skip
    sheet.append([None] * 4 + ["总投资", "“十四五”计划投资", "2023年计划投资"] + [None] * 5)
    for column in "ABCDHIJKL":
        sheet.merge_cells(f"{column}3:{column}4")
    sheet.merge_cells("E3:G3")
    for i in range(PROJECTS):
        period = "2021-2025" if i % 2 else "2021年3月—2024年底"
        department, box = f"县部门{i % DEPARTMENTS:02d}", f"专栏{i % 2 + 1}"
        sheet.append([str(i + 1), f"导入项目{i + 1:04d}", "新建", period, 12.5, 10, 2,
                      "财政资金", "县城投公司", department, box, ""])  # fmt: skip
    workbook.save(path)
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--requests", type=int, default=30)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        url = os.environ.get("PLANWATCH_BENCH_DATABASE_URL", f"sqlite:///{folder}/bench.sqlite3")
        database = Database(url)
        database.migrate()
        started = time.perf_counter()
        plan_id = build(database)
        print(
            f"built {PROJECTS} projects × {MONTHS} reports in {time.perf_counter() - started:.1f} s"
        )
        app = create_app(Settings(database_url=url, public_read=True), database)
        with TestClient(app) as client:
            first = client.get(f"/api/v1/projects?plan={plan_id}&year=2023").json()
            print(
                f"projects listed: {first['totals']['count']}, lights {first['totals']['lights']}"
            )
            project_id = first["projects"][0]["id"]
            for kind, label in (
                ("whole", "list page after a department is added (all judged)"),
                ("report", "list page after a progress report (one re-judged)"),
                ("other", "list page after an unrelated write"),
            ):
                cold = timed_cold(client, database, f"/projects?plan={plan_id}&year=2023", 10, kind)
                print(f"{label:50s} p50 {cold[0]:7.1f} ms  p95 {cold[1]:7.1f} ms")
            query = f"plan={plan_id}&year=2023"
            for name, path in (
                ("list page (first 100 of 2,000, totals over all)", f"/projects?{query}"),
                (
                    "list page filtered by box and light",
                    f"/projects?{query}&box={BOXES[0]}&light=green",
                ),
                ("API list (all 2,000 as JSON)", f"/api/v1/projects?{query}"),
                ("project page (60 reports)", f"/projects/{project_id}?year=2023"),
                ("XLSX export (2,000 rows)", f"/projects/export.xlsx?{query}"),
            ):
                p50, p95 = timed(client, path, args.requests)
                print(f"{name:50s} p50 {p50:7.1f} ms  p95 {p95:7.1f} ms")
        database.dispose()
        target = Database(f"sqlite:///{folder}/import.sqlite3")
        target.migrate()
        with_plan(target)
        sheet = register_sheet(Path(folder) / "register.xlsx")
        started = time.perf_counter()
        table = read_table(sheet, merged=True)
        read = time.perf_counter() - started
        with target.session() as session:
            report = import_register(session, get_plan(session, None), table, "bench")
        total = time.perf_counter() - started
        assert report.ok and report.created == PROJECTS, report.problems[:3]
        print(
            f"import of a {PROJECTS}-row XLSX register: {total:.2f} s "
            f"(reading the sheet {read:.2f} s)"
        )
        target.dispose()


if __name__ == "__main__":
    main()
