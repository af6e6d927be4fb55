"""The XLSX read back with openpyxl, and its 观测数据 sheet re-imported on both databases."""

from __future__ import annotations

import io
from decimal import Decimal

from openpyxl import load_workbook
from openpyxl.workbook.workbook import Workbook

from planwatch.assess.thresholds import Thresholds
from planwatch.report import ReportFormat, ReportKind, render_report
from planwatch.report.xlsx import INDICATOR_HEADER
from planwatch.services.observations import TEMPLATE_HEADER, import_observations, template_rows
from planwatch.services.overview import PlanOverview, plan_overview
from planwatch.services.plans import get_plan
from planwatch.services.sample import load_sample
from planwatch.services.tables import parse_table
from planwatch.settings import Settings
from planwatch.store.database import Database


def read(data: bytes) -> Workbook:
    return load_workbook(io.BytesIO(data))


def column(name: str) -> int:
    return INDICATOR_HEADER.index(name)


def test_sheets_and_headers(built_xlsx: bytes) -> None:
    workbook = read(built_xlsx)
    assert workbook.sheetnames == ["观测数据", "指标", "说明"]
    assert [c.value for c in workbook["观测数据"][1]] == TEMPLATE_HEADER
    assert [c.value for c in workbook["指标"][1]] == INDICATOR_HEADER


def test_indicator_values_equal_the_assessment(built: PlanOverview, built_xlsx: bytes) -> None:
    rows = list(read(built_xlsx)["指标"].iter_rows(min_row=2, values_only=True))
    assert [r[0] for r in rows] == [v.code for v in built.indicators]
    for row, view in zip(rows, built.indicators, strict=True):
        a = view.assessment
        if a is None:
            assert row[column("状态")] == "未设目标"
            continue
        assert row[column("状态")] == a.status.value and row[column("预警")] == a.light.label
        for name, exact in (
            ("进度", a.progress),
            ("序时进度", a.time_share),
            ("尚需年均增长", a.required_growth_remaining),
        ):
            cell = row[column(name)]
            assert (cell is None) == (exact is None)
            if exact is not None:
                assert abs(Decimal(str(cell)) - exact) < Decimal("0.000001")
    gdp = rows[2]
    assert (
        gdp[column("基期年")],
        gdp[column("基期值")],
        gdp[column("目标值")],
        gdp[column("力争目标值")],
    ) == (2020, 616.36, 1000, 1200)
    assert (gdp[column("最新年份")], gdp[column("最新值")], gdp[column("预计能否实现")]) == (
        2022,
        767.81,
        "是",
    )


def test_observation_rows_follow_the_template(built_xlsx: bytes) -> None:
    rows = list(read(built_xlsx)["观测数据"].iter_rows(min_row=2, values_only=True))
    water = [r for r in rows if r[0] == "I001"]
    assert [r[3] for r in water] == [2020, 2021, 2022, 2023, 2024, 2025]
    assert water[2][4:] == (2.5, "总量", "最终", "水务局", None, "否")
    tourism = next(r for r in rows if r[0] == "I004" and r[3] == 2022)
    assert tourism[-1] == "是"  # 模拟数据


def test_simulated_mark_on_every_sheet(built_xlsx: bytes) -> None:
    workbook = read(built_xlsx)
    assert all("模拟数据" in (sheet.oddHeader.center.text or "") for sheet in workbook.worksheets)
    assert workbook["说明"]["A2"].value == "模拟数据"


def test_real_data_has_no_mark(sample: PlanOverview) -> None:
    workbook = read(render_report(sample, ReportKind.ANNUAL, ReportFormat.XLSX))
    assert not any(sheet.oddHeader.center.text for sheet in workbook.worksheets)


def test_same_rows_as_the_template_command(database: Database) -> None:
    with database.session() as session:
        load_sample(session, Settings(), actor="样例")
    with database.session() as session:
        overview = plan_overview(session, None, 2022, Thresholds())
        expected = template_rows(get_plan(session, None))
    data = render_report(overview, ReportKind.ANNUAL, ReportFormat.XLSX)
    table = parse_table(data, "报告.xlsx")
    assert table.header == TEMPLATE_HEADER
    assert [row[:4] for row in table.rows] == [[str(c) for c in row[:4]] for row in expected]


def test_reimport_changes_nothing(database: Database) -> None:
    """The 观测数据 sheet is the first: `planwatch observe import 报告.xlsx` reads it."""
    with database.session() as session:
        load_sample(session, Settings(), actor="样例")
    with database.session() as session:
        overview = plan_overview(session, None, 2022, Thresholds())
    data = render_report(overview, ReportKind.MIDTERM, ReportFormat.XLSX)
    with database.session() as session:
        report = import_observations(
            session, get_plan(session, None), parse_table(data, "报告.xlsx"), "科室"
        )
    values = sum(len(v.observations) for v in overview.indicators)
    assert report.ok, report.problems
    assert (report.added, report.unchanged) == (0, values) and values == 10


def test_a_filled_in_value_imports(database: Database) -> None:
    with database.session() as session:
        load_sample(session, Settings(), actor="样例")
    with database.session() as session:
        overview = plan_overview(session, None, 2022, Thresholds())
    workbook = read(render_report(overview, ReportKind.MIDTERM, ReportFormat.XLSX))
    sheet = workbook["观测数据"]
    row = next(r for r in sheet.iter_rows(min_row=2) if r[1].value == "GDP" and r[3].value == 2023)
    row[4].value, row[6].value, row[7].value = 850, "初步", "统计快报"
    buffer = io.BytesIO()
    workbook.save(buffer)
    with database.session() as session:
        report = import_observations(
            session, get_plan(session, None), parse_table(buffer.getvalue(), "回收.xlsx"), "统计局"
        )
    assert report.ok and report.added == 1
    with database.session() as session:
        after = plan_overview(session, None, 2023, Thresholds())
    gdp = after.indicator("I005")
    assert gdp is not None and gdp.assessment is not None and gdp.assessment.latest is not None
    assert gdp.assessment.latest.value == Decimal("850")
