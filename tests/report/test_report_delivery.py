"""Tasks, reporting completeness and major projects in the reports, read back from the DOCX
(python-docx) and the XLSX (openpyxl), on SQLite and PostgreSQL. Every expected figure is
worked out by hand from the data the fixtures enter (the comments show the sums)."""

from __future__ import annotations

import io
import re
from datetime import date
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from docx import Document
from docx.document import Document as WordDocument
from sqlalchemy import select
from tests.services.project_builders import songxi_plan

from planwatch.assess.projects import ProjectThresholds
from planwatch.assess.thresholds import Thresholds
from planwatch.domain.project import MilestoneKind
from planwatch.read import read_document
from planwatch.report import ReportFormat, ReportKind, build_report, render_report
from planwatch.services.delivery import plan_delivery
from planwatch.services.department_list import add_department
from planwatch.services.observations import find_indicator
from planwatch.services.overview import plan_overview
from planwatch.services.plans import get_plan, import_plan
from planwatch.services.progress_reports import save_report
from planwatch.services.project_cells import parse_report_period
from planwatch.services.project_register import import_register
from planwatch.services.projects import (
    ReportEntry,
    add_report,
    find_project,
    rate_project,
    set_milestone,
)
from planwatch.services.tables import read_table, write_csv
from planwatch.services.tasks import decide_task, find_task, propose_tasks, set_units
from planwatch.store.database import Database
from planwatch.store.models import UserRecord

DATA = Path(__file__).parent.parent / "services" / "data"
TASK_HEADER = ("已完成", "推进中", "滞后", "未启动", "未报送进展")
# A code word (T002, I001, an English word) never reaches the congress.
CODE_WORD = re.compile(r"[A-Za-z]+")


def read(data: bytes) -> WordDocument:
    return Document(io.BytesIO(data))


def table_rows(document: WordDocument, *header: str) -> list[list[str]]:
    """The rows (header first) of the one table whose header starts with ``header``."""
    tables = [
        [[cell.text.replace("\n", "") for cell in row.cells] for row in table.rows]
        for table in document.tables
    ]
    found = [rows for rows in tables if tuple(rows[0][: len(header)]) == header]
    assert len(found) == 1, header
    return found[0]


def body_text(document: WordDocument) -> str:
    return "\n".join(p.text for p in document.paragraphs)


def delivery_text(document: WordDocument) -> str:
    """The paragraphs and table cells from the first tasks or projects heading to the next
    section after the reporting one (the indicator sections may print P and τ)."""
    text = body_text(document)
    start = min(text.find(t) for t in ("主要任务", "重大项目推进") if t in text)
    end = text.find("附录")
    cells = (c.text for t in document.tables for r in t.rows for c in r.cells)
    return text[start:end] + "\n".join(c for c in cells if "专栏" in c or "局" in c)


def who(session: object, name: str) -> UserRecord:
    found: UserRecord = session.scalars(  # type: ignore[attr-defined]
        select(UserRecord).where(UserRecord.username == name)
    ).one()
    return found


@pytest.fixture
def county(database: Database) -> Database:
    """A county plan, 2023: four confirmed tasks.

    建设区域金融中心 (T002, 县金融局 with 县商务局): 2023 全年 已完成, approved.
    推进园区提质增效 (T003, 县经信局): 2023 上半年 推进中, then 2023 全年 滞后, both approved.
    建设区域消费中心 (T005, 县商务局): 2022 全年 未启动 approved; 2023 全年 推进中 submitted.
    推进绿色低碳发展 (T006, the 第一节, 县经信局): no report.
    No indicator has a lead department or a value.
    """
    document = read_document(DATA / "county-plan-tasks.txt", max_bytes=1 << 20)
    with database.session() as session:
        import_plan(session, document, "规划科")
        plan = get_plan(session, None)
        plan.period_start, plan.period_end = 2021, 2025
        units = {n: add_department(session, n, "部门", "规划科")
                 for n in ("县经信局", "县金融局", "县商务局")}  # fmt: skip
        session.add_all([
            UserRecord(username="guihua", password_hash="x", role="admin"),
            UserRecord(username="shangwu", password_hash="x", role="editor",
                       department=units["县商务局"]),
        ])  # fmt: skip
        session.flush()
        propose_tasks(session, plan, "规划科")
        leads = {"T002": ("县金融局", "县商务局"), "T003": ("县经信局",), "T005": ("县商务局",),
                 "T006": ("县经信局",)}  # fmt: skip
        for code, (lead, *co) in leads.items():
            task = find_task(session, plan, code)
            roles = [(units[lead], "lead"), *((units[c], "co") for c in co)]
            set_units(session, task, roles, "规划科")
            decide_task(session, task, "confirmed", "规划科")
        admin, editor = who(session, "guihua"), who(session, "shangwu")
        finance, park, consumption = (find_task(session, plan, c) for c in ("T002", "T003", "T005"))
        save_report(session, finance, 2023, "Y", "已完成", "引进银行3家", [], admin)
        save_report(session, park, 2023, "H1", "推进中", "扩容规划已编制", [], admin)
        save_report(session, park, 2023, "Y", "滞后", "园区扩容用地指标未落实", [], admin)
        save_report(session, consumption, 2022, "Y", "未启动", "", [], admin)
        save_report(session, consumption, 2023, "Y", "推进中", "首店引进2家", [], editor,
                    submit=True)  # fmt: skip
    return database


def county_report(database: Database, kind: ReportKind, pending: bool = False) -> bytes:
    with database.session() as session:
        plan = get_plan(session, None)
        overview = plan_overview(session, None, 2023, Thresholds(), pending=pending)
        delivery = plan_delivery(session, plan, 2023, ProjectThresholds(), pending=pending)
        return render_report(overview, kind, ReportFormat.DOCX, delivery)


def test_tasks_by_chapter_and_department_in_the_annual_report(county: Database) -> None:
    document = read(county_report(county, ReportKind.ANNUAL))
    text = body_text(document)
    # T002 已完成; T003 滞后 (全年 after 上半年); T005 未启动 (its 2023 report awaits review,
    # so 2022's stands); T006 未报送 → 4 tasks: 1 done, 0 ongoing, 1 lagging, 1 not started.
    assert (
        "截至2023年，规划分解落实的4项主要任务中，已完成1项，推进中0项，滞后1项，未启动1项；"
        "另有1项尚无经审核的进展报告。"
    ) in text
    assert "待审核" not in text.split("监测数据和任务进展报送情况")[0]
    assert table_rows(document, "章节") == [
        ["章节", "任务数", *TASK_HEADER],
        ["第二章 建设现代产业体系", "3", "1", "0", "1", "1", "0"],  # T002, T003, T005
        ["第三章 加强生态文明建设", "1", "0", "0", "0", "0", "1"],  # T006
        ["合计", "4", "1", "0", "1", "1", "1"],
    ]
    assert table_rows(document, "牵头单位") == [
        ["牵头单位", "任务数", *TASK_HEADER],
        ["县金融局", "1", "1", "0", "0", "0", "0"],
        ["县经信局", "2", "0", "0", "1", "0", "1"],  # T003 滞后, T006 no report
        ["县商务局", "1", "0", "0", "0", "1", "0"],
        ["合计", "4", "1", "0", "1", "1", "1"],
    ]
    lagging = table_rows(document, "序号", "任务")
    assert lagging[1:] == [
        ["1", "推进园区提质增效", "县经信局", "—", "2023年全年：园区扩容用地指标未落实"]
    ]


def test_reporting_completeness_names_who_owes_what(county: Database) -> None:
    with county.session() as session:
        plan = get_plan(session, None)
        names = [find_indicator(plan, c).name for c in ("I001", "I002", "I003")]
    document = read(county_report(county, ReportKind.MIDTERM))
    text = body_text(document)
    # Due for 2023: 3 indicator values (none entered, no lead) + 4 yearly task reports:
    # T002 and T003 approved, T005 submitted, T006 missing → 2 approved, 1 pending, 4 missing.
    assert (
        "2023年应报送7项（指标数据3项，任务进展4项），已审核通过2项，待审核1项，退回修改0项，"
        "草稿未提交0项，未报送4项。"
    ) in text
    assert table_rows(document, "单位") == [
        ["单位", "应报送", "已通过", "待审核", "已退回", "草稿未提交", "未报送"],
        ["县商务局", "1", "0", "1", "0", "0", "0"],
        ["县经信局", "2", "1", "0", "0", "0", "1"],
        ["县金融局", "1", "1", "0", "0", "0", "0"],
        ["未指定牵头单位", "3", "0", "0", "0", "0", "3"],
    ]
    owed = [row[1:5] for row in table_rows(document, "序号", "单位")[1:]]
    assert owed == [
        *(["未指定牵头单位", "指标数据", name, "未报送"] for name in names),
        ["县经信局", "任务进展", "推进绿色低碳发展", "未报送"],
    ]
    assert not CODE_WORD.findall(delivery_text(document))


def test_pending_reports_count_only_when_shown_and_are_labelled(county: Database) -> None:
    text = body_text(read(county_report(county, ReportKind.ANNUAL, pending=True)))
    # With pending data shown, T005's submitted 推进中 replaces 2022's 未启动.
    assert (
        "已完成1项，推进中1项，滞后1项，未启动0项；另有1项尚无经审核的进展报告"
        "（以上含1项尚待审核的进展报告，已标注“待审核”）。"
    ) in text


def test_a_plan_without_tasks_or_projects_gets_no_such_section(database: Database) -> None:
    document = read_document(DATA / "county-plan-tasks.txt", max_bytes=1 << 20)
    with database.session() as session:
        import_plan(session, document, "规划科")
        plan = get_plan(session, None)
        propose_tasks(session, plan, "规划科")  # proposed, none confirmed: nothing to report
        overview = plan_overview(session, None, 2023, Thresholds())
        delivery = plan_delivery(session, plan, 2023, ProjectThresholds())
    annual = [s.title for s in build_report(overview, ReportKind.ANNUAL, delivery=delivery).walk()]
    assert not {"主要任务推进情况", "重大项目推进情况", "监测数据和任务进展报送情况"} & set(annual)
    final = build_report(overview, ReportKind.FINAL, delivery=delivery)
    section = next(s for s in final.sections if s.title == "主要任务与重大项目")
    assert not section.children  # the placeholder paragraph only


REGISTER_HEADER = ["序号", "项目名称", "建设起止年限", "总投资(万元)", "2023年计划投资(万元)",
                   "牵头单位", "所属专栏"]  # fmt: skip
REGISTER = [
    ["1", "松溪港二期", "2021-2025", "10000", "2000", "县交通运输局", "专栏1"],
    ["2", "县人民医院综合楼", "2022年3月—2024年底", "8000", "", "县卫健局", "专栏2"],
    ["3", "县城环线改造工程", "2023-2025", "5000", "1000", "县交通运输局", "专栏1"],
]


@pytest.fixture
def songxi(database: Database, tmp_path: Path) -> Database:
    """Three projects, judged on 2023-12-31.

    松溪港二期: cumulative 3000 (2022-12), 4000 (2023-06), +500 (2023-12) = 4500; started 2021.
    县人民医院综合楼: 5000 (2022-12), 8000 (2023-09); started 2022-03-15, completed 2023-10-31.
    县城环线改造工程: nothing reported, not started; rated 黄, then 红 (征地拆迁尚未完成).
    """
    write_csv(tmp_path / "r.csv", REGISTER_HEADER, REGISTER)
    with database.session() as session:
        songxi_plan(session, ("县交通运输局", "县卫健局"))
        plan = get_plan(session, None)
        imported = import_register(session, plan, read_table(tmp_path / "r.csv", merged=True), "x")
        assert imported.ok, imported.problems
        port, hospital = find_project(session, plan, "1"), find_project(session, plan, "2")
        for project, period, completed, cumulative, progress in (
            (port, "2022-12", None, "3000", ""),
            (port, "2023-06", None, "4000", ""),
            (port, "2023-12", "500", None, "码头主体施工"),
            (hospital, "2022-12", None, "5000", ""),
            (hospital, "2023-09", None, "8000", "已竣工验收"),
        ):
            entry = ReportEntry(
                parse_report_period(period),
                Decimal(completed) if completed else None,
                Decimal(cumulative) if cumulative else None,
                progress,
            )
            add_report(session, plan, project, entry, "x")
        set_milestone(session, port, MilestoneKind.START, "x", actual=date(2021, 3, 1))
        set_milestone(session, hospital, MilestoneKind.START, "x", actual=date(2022, 3, 15))
        set_milestone(session, hospital, MilestoneKind.COMPLETION, "x", actual=date(2023, 10, 31))
        ring = find_project(session, plan, "3")
        rate_project(session, ring, "黄", "初步判断可追回", "x")
        rate_project(session, ring, "红", "征地拆迁尚未完成", "x")  # the newer one is current
    return database


def songxi_report(database: Database, kind: ReportKind, fmt: ReportFormat, year: int) -> bytes:
    with database.session() as session:
        plan = get_plan(session, None)
        overview = plan_overview(session, None, year, Thresholds())
        delivery = plan_delivery(session, plan, year, ProjectThresholds())
        return render_report(overview, kind, fmt, delivery)


def test_major_projects_in_the_annual_report(songxi: Database) -> None:
    document = read(songxi_report(songxi, ReportKind.ANNUAL, ReportFormat.DOCX, 2023))
    text = body_text(document)
    assert "重大项目推进情况" in [p.text.split("、", 1)[-1] for p in document.paragraphs]
    # Total 10000 + 8000 + 5000 = 23000 万元 = 2.3 亿元. Started: the port (under way) and the
    # hospital (completed) = 2, none of them in 2023; completed 1, in 2023.
    assert (
        "规划重大项目库共有项目3个，总投资2.3亿元。截至2023年底，已开工2个（其中2023年新开工0个），"
        "已竣工1个（其中2023年竣工1个），尚未开工1个。"
    ) in text
    # 2023 plan 2000 + 1000 = 3000 万元; completed in 2023: port 1000 + 500, hospital 3000
    # = 4500 → 150.0 %. Cumulative 4500 + 8000 = 12500 / 23000 = 54.3 %.
    assert "2023年计划投资0.3亿元，完成投资0.45亿元，为年度计划的150.0%。" in text
    assert "项目累计完成投资1.25亿元，占总投资的54.3%。" in text
    assert table_rows(document, "专栏")[1:] == [
        # 专栏1: port and ring road, none completed, 4500 / 15000 = 30.0 %
        ["专栏1 交通基础设施重大项目", "2", "0", "0.0%", "1.5", "0.45", "30.0%"],
        ["专栏2 社会事业重大项目", "1", "1", "100.0%", "0.8", "0.8", "100.0%"],
    ]
    lagging = table_rows(document, "序号", "项目名称")
    assert lagging[0] == [
        "序号",
        "项目名称",
        "所属专栏",
        "责任单位",
        "预警",
        "滞后原因",
        "形象进度",
    ]
    # Ring road 2023-01-01 … 2025-12-31 (1096 days), 365 gone: τ = 33.3 %, P = 0 → red; the
    # year 0 / 1000; no start after its planned start. Port: τ = 1095 / 1826 = 60.0 %,
    # P = 45.0 % (gap 15.0, yellow); the year 1500 / 2000 = 75.0 % (gap 25.0, yellow).
    assert lagging[1] == [
        "1", "县城环线改造工程", "专栏1 交通基础设施重大项目", "县交通运输局", "红灯",
        "累计完成投资0亿元，占总投资的0.0%，低于时间进度33.3%；2023年完成投资0亿元，"
        "为年度计划投资0.1亿元的0.0%；计划2023年1月1日开工，尚未开工；"
        "交付信心评级为“红”（征地拆迁尚未完成）", "—",
    ]  # fmt: skip
    assert lagging[2] == [
        "2", "松溪港二期", "专栏1 交通基础设施重大项目", "县交通运输局", "黄灯",
        "累计完成投资0.45亿元，占总投资的45.0%，低于时间进度60.0%；2023年完成投资0.15亿元，"
        "为年度计划投资0.2亿元的75.0%", "码头主体施工",
    ]  # fmt: skip
    assert "2个项目进度滞后，其中亮红灯1个、亮黄灯1个" in text
    assert not CODE_WORD.findall(delivery_text(document))


def test_final_evaluation_rates_each_box(songxi: Database) -> None:
    data = songxi_report(songxi, ReportKind.FINAL, ReportFormat.DOCX, 2025)
    document = read(data)
    headings = [p.text for p in document.paragraphs if p.style is not None
                and p.style.name.startswith("Heading")]  # fmt: skip
    assert "三、主要任务与重大项目" in headings
    assert "（一）重大项目完成情况" in headings
    # By 2025-12-31 nothing more was reported: only the hospital is completed.
    assert table_rows(document, "专栏")[1:] == [
        ["专栏1 交通基础设施重大项目", "2", "0", "0.0%", "1.5", "0.45", "30.0%"],
        ["专栏2 社会事业重大项目", "1", "1", "100.0%", "0.8", "0.8", "100.0%"],
    ]
    assert "规划主要任务尚未分解录入" in body_text(document)


def test_the_workbook_carries_the_project_tables(songxi: Database) -> None:
    data = songxi_report(songxi, ReportKind.ANNUAL, ReportFormat.XLSX, 2023)
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    assert workbook.sheetnames[0] == "观测数据"  # still the sheet observe import reads
    boxes = workbook["各专栏重大项目完成情况（截至2023年底）"]
    rows = [list(r) for r in boxes.iter_rows(values_only=True)]
    assert rows[1] == ["专栏1 交通基础设施重大项目", "2", "0", "0.0%", "1.5", "0.45", "30.0%"]
    lagging = [list(r) for r in workbook["进度滞后的重大项目"].iter_rows(values_only=True)]
    assert [r[1] for r in lagging[1:]] == ["县城环线改造工程", "松溪港二期"]


def test_the_projects_section_survives_conversion_to_pdf(songxi: Database, tmp_path: Path) -> None:
    from test_report_pdf import pdf_text

    data = songxi_report(songxi, ReportKind.ANNUAL, ReportFormat.DOCX, 2023)
    text, _ = pdf_text(data, tmp_path, "annual")
    flat = re.sub(r"\s+", "", text)
    assert "重大项目推进情况" in flat
    assert "规划重大项目库共有项目3个，总投资2.3亿元" in flat
    # table cells wrap and interleave in the PDF's text: the captions and sentences stay whole
    assert "2个项目进度滞后，其中亮红灯1个、亮黄灯1个" in flat
    assert "进度滞后的重大项目" in flat and "各专栏重大项目完成情况" in flat


def test_the_html_report_has_the_same_sections(county: Database) -> None:
    from bs4 import BeautifulSoup

    with county.session() as session:
        plan = get_plan(session, None)
        overview = plan_overview(session, None, 2023, Thresholds())
        delivery = plan_delivery(session, plan, 2023, ProjectThresholds())
    html = render_report(overview, ReportKind.ANNUAL, ReportFormat.HTML, delivery).decode()
    soup = BeautifulSoup(html, "html.parser")
    headings = [h.get_text() for h in soup.find_all(["h1", "h2", "h3"])]
    assert any(h.endswith("主要任务推进情况") for h in headings)
    assert any(h.endswith("监测数据和任务进展报送情况") for h in headings)
    assert not any("重大项目" in h for h in headings)  # the county has no register
