"""Progress reports: derived amounts, the refused reports, a file of reports all or nothing,
who may report, and the list with its totals — on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import func, select
from tests.services.project_builders import songxi_plan

from planwatch.assess.projects import ProjectThresholds
from planwatch.domain.assessment import Light
from planwatch.errors import InvalidInput
from planwatch.services.plans import get_plan
from planwatch.services.project_cells import parse_report_period
from planwatch.services.project_progress import import_progress
from planwatch.services.project_register import import_register
from planwatch.services.project_summary import plan_project_summary
from planwatch.services.project_views import ProjectFilters, project_list
from planwatch.services.projects import (
    ReportEntry,
    add_report,
    can_edit_project,
    find_project,
    rate_project,
)
from planwatch.services.tables import read_table, write_csv
from planwatch.store.database import Database
from planwatch.store.models import Department, ProjectReport, UserRecord

HEADER = ["序号", "项目名称", "建设起止年限", "总投资(万元)", "2023年计划投资(万元)", "牵头单位",
          "所属专栏"]  # fmt: skip
ROWS = [
    ["1", "松溪港二期", "2021-2025", "10000", "2000", "县交通运输局", "专栏1"],
    ["2", "县人民医院综合楼", "2022年3月—2024年底", "8000", "", "县卫健局", "专栏2"],
]


@pytest.fixture
def plan_id(database: Database, tmp_path: Path) -> int:
    write_csv(tmp_path / "r.csv", HEADER, ROWS)
    with database.session() as session:
        plan_id = songxi_plan(session, ("县交通运输局", "县卫健局"))
        plan = get_plan(session, str(plan_id))
        report = import_register(session, plan, read_table(tmp_path / "r.csv", merged=True), "x")
        assert report.ok, report.problems
        return plan_id


def entry(
    period: str, completed: str | None, cumulative: str | None, note: str = ""
) -> ReportEntry:
    def amount(text: str | None) -> Decimal | None:
        return None if text is None else Decimal(text)

    return ReportEntry(
        parse_report_period(period), amount(completed), amount(cumulative), note=note
    )


def test_the_missing_amount_comes_from_the_previous_period(
    database: Database, plan_id: int
) -> None:
    with database.session() as session:
        plan = get_plan(session, None)
        project = find_project(session, plan, "1")
        add_report(session, plan, project, entry("2023-03", None, "4100"), "x")
        june = add_report(session, plan, project, entry("2023-06", "600", None), "x")
        assert (june.completed, june.cumulative) == (600, 4700)  # 4100 + 600
        march = add_report(session, plan, project, entry("2023-03", None, "4200"), "x")
        assert (march.completed, march.cumulative) == (4200, 4200)  # a correction of March


@pytest.mark.parametrize(
    ("report", "reason"),
    [
        (entry("2023-09", "-1", None), "投资不能为负数"),
        (entry("2023-09", None, "4000"), "少于上一报告期(2023-06)的 4700 万元"),
        (entry("2023-04", None, "4800"), "多于下一报告期(2023-06)的 4700 万元"),
        (entry("2023-09", None, "10500"), "超过总投资 10000 万元,须在备注中说明原因"),
        (entry("2026-03", "1", None), "不在规划期(2021—2025年)内"),
        (entry("2023-09", None, None), "须填写本期或累计完成投资"),
    ],
    ids=["negative", "cumulative-decreasing", "above-a-later-period", "beyond-total-no-note",
         "outside-the-plan", "no-amount"],
)  # fmt: skip
def test_refused_reports(
    database: Database, plan_id: int, report: ReportEntry, reason: str
) -> None:
    with database.session() as session:
        plan = get_plan(session, None)
        project = find_project(session, plan, "1")
        add_report(session, plan, project, entry("2023-03", None, "4100"), "x")
        add_report(session, plan, project, entry("2023-06", "600", None), "x")
    pattern = reason.replace("(", r"\(").replace(")", r"\)")
    with pytest.raises(InvalidInput, match=pattern), database.session() as session:
        plan = get_plan(session, None)
        add_report(session, plan, find_project(session, plan, "1"), report, "x")


def test_beyond_total_with_a_note_is_accepted(database: Database, plan_id: int) -> None:
    with database.session() as session:
        plan = get_plan(session, None)
        report = add_report(session, plan, find_project(session, plan, "1"),
                            entry("2023-06", None, "10500", note="概算调增,待批复"), "x")  # fmt: skip
        assert report.cumulative == 10500


def test_a_file_of_reports_is_written_whole_or_not_at_all(
    database: Database, plan_id: int, tmp_path: Path
) -> None:
    header = ["项目编号", "报告期", "本期完成投资(万元)", "累计完成投资(万元)", "形象进度"]
    good = [["1", "2023-03", "400", "4100", "桩基完成"], ["1", "2023-06", "300", "4400", ""],
            ["2", "2023年第二季度", "1000", "3000", "主体封顶"]]  # fmt: skip
    bad = [*good, ["1", "2023-09", "", "4300", ""], ["9", "2023-09", "1", "", ""]]
    write_csv(tmp_path / "bad.csv", header, bad)
    write_csv(tmp_path / "good.csv", header, good)
    with database.session() as session:
        plan = get_plan(session, None)
        report = import_progress(session, plan, read_table(tmp_path / "bad.csv"), "x")
        assert [str(p) for p in report.problems] == [
            "第5行「累计完成投资」'4300':少于上一报告期(2023-06)的 4400 万元",
            "第6行「项目编号」'9':规划中没有这个项目",
        ]
    with database.session() as session:
        assert session.scalar(select(func.count()).select_from(ProjectReport)) == 0
        report = import_progress(
            session, get_plan(session, None), read_table(tmp_path / "good.csv"), "x"
        )
        assert (report.problems, report.added) == ([], 3)
    with database.session() as session:
        listing = project_list(session, get_plan(session, None), ProjectThresholds(),
                               ProjectFilters(), today=date(2023, 6, 30))  # fmt: skip
        first, second = listing.rows
        # P = 4400/10000 = 44%; τ = 911/1826 = 49.9% → 5.9 points: green. The year:
        # 700/2000 = 35% against 181/365 = 49.6% → 14.6 points < 15: green.
        assert (first.judgement.cumulative, first.judgement.year_completed) == (4400, 700)
        assert first.judgement.light is Light.GREEN
        # 2022-03-01 … 2024-12-31 is 1037 days; 2023-06-30 is day 487: τ = 47.0%, P = 37.5%
        assert second.judgement.light is Light.GREEN  # 9.5 points < 10
        assert (listing.totals.count, listing.totals.cumulative) == (2, 7400)
        assert listing.totals.year_plan == 2000 and listing.totals.year_completed == 1700
        only = project_list(session, get_plan(session, None), ProjectThresholds(),
                            ProjectFilters(department="县卫健局"), today=date(2023, 6, 30))  # fmt: skip
        assert [r.code for r in only.rows] == ["2"]


def test_an_editor_reports_only_for_its_department(database: Database, plan_id: int) -> None:
    with database.session() as session:
        plan = get_plan(session, None)
        transport = session.scalars(
            select(Department).where(Department.name == "县交通运输局")
        ).one()
        editor = UserRecord(
            username="e", password_hash="x", role="editor", department_id=transport.id, active=True
        )
        viewer = UserRecord(username="v", password_hash="x", role="viewer", active=True)
        admin = UserRecord(username="a", password_hash="x", role="admin", active=True)
        port, hospital = find_project(session, plan, "1"), find_project(session, plan, "2")
        verdicts = [
            can_edit_project(u, p) for u in (editor, viewer, admin) for p in (port, hospital)
        ]
        assert verdicts == [True, False, False, False, True, True]
        rating = rate_project(session, port, "绿黄", "进度正常,资金到位", "e")
        assert rating.rating == "绿黄"
        with pytest.raises(InvalidInput, match="须说明理由"):
            rate_project(session, port, "红", " ", "e")


def test_the_summary_reads_the_register(database: Database, plan_id: int) -> None:
    with database.session() as session:
        plan = get_plan(session, None)
        add_report(
            session, plan, find_project(session, plan, "1"), entry("2023-06", "700", "4400"), "x"
        )
        summary = plan_project_summary(session, plan, date(2023, 6, 30), ProjectThresholds())
        assert (summary.projects, summary.started, summary.cumulative) == (2, 1, 4400)
        assert (summary.year_plan, summary.year_completed) == (2000, 700)
        # the hospital (2022-03-01 start, nothing reported) is a delayed start: red
        assert [lag.name for lag in summary.lagging] == ["县人民医院综合楼"]
        assert {b.box.split(" ")[0] for b in summary.boxes} == {"专栏1", "专栏2"}
