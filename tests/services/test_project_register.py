"""Importing a project register: two-row headers, merged cells, 亿元, both period forms;
bad rows reported by row, column and reason with nothing written."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import func, select
from tests.services.project_builders import register_xlsx, songxi_plan

from planwatch.services.plans import get_plan
from planwatch.services.project_register import import_register
from planwatch.services.project_template import write_template
from planwatch.services.tables import read_table, write_csv
from planwatch.store.database import Database
from planwatch.store.models import Department, ProjectRecord

GOOD = [
    ["1", "松溪至临江高速公路", "新建高速公路42公里", "松溪县", "新建", "2021-2025",
     85, 80, 15, "专项债、银行贷款", "县交投公司", "县交通运输局", "专栏1", ""],
    ["2", "县城环线改造工程", "改造环线18公里", "城关镇", "续建", "2021年3月—2024年底",
     12.5, "12.5", "3", "财政资金", "县城投公司", None, "1", ""],
    ["合计", "", "", "", "", "", 97.5, 92.5, 18, "", "", "", "", ""],
]  # fmt: skip


@pytest.fixture
def plan_id(database: Database) -> int:
    with database.session() as session:
        return songxi_plan(session)


def test_a_register_with_merged_cells_and_amounts_in_yi(
    database: Database, plan_id: int, tmp_path: Path
) -> None:
    table = read_table(register_xlsx(tmp_path / "项目库.xlsx", GOOD), merged=True)
    with database.session() as session:
        report = import_register(session, get_plan(session, str(plan_id)), table, "规划科")
        assert (report.problems, report.rows, report.created) == ([], 2, 2)
    with database.session() as session:
        first, second = session.scalars(select(ProjectRecord).order_by(ProjectRecord.code))
        # 85 亿元 = 850000 万元; 80 → 800000; 15 → 150000 in 2023
        assert (first.total_investment, first.plan_investment) == (850000, 800000)
        assert [(p.year, p.amount) for p in first.year_plans] == [(2023, 150000)]
        assert (first.start_on, first.end_on) == (date(2021, 1, 1), date(2025, 12, 31))
        assert first.box_key == "box:交通基础设施重大项目"
        assert first.chapter_key == "chapter:构建现代交通网络"
        assert first.department is not None and first.department.name == "县交通运输局"
        # 2021年3月—2024年底; the merged 牵头单位 cell covers this row too; box named "1"
        assert (second.start_on, second.end_on) == (date(2021, 3, 1), date(2024, 12, 31))
        assert second.total_investment == Decimal(125000)
        assert second.department is not None and second.department.name == "县交通运输局"
        assert second.box_key == first.box_key
        start = next(m for m in second.milestones if m.kind == "start")
        assert start.actual_on == date(2021, 3, 1)  # 续建: under way by the register's word


def test_the_same_register_again_changes_nothing_and_next_year_adds_its_plan(
    database: Database, plan_id: int, tmp_path: Path
) -> None:
    path = register_xlsx(tmp_path / "a.xlsx", GOOD)
    with database.session() as session:
        import_register(session, get_plan(session, None), read_table(path, merged=True), "x")
    with database.session() as session:
        again = import_register(
            session, get_plan(session, None), read_table(path, merged=True), "x"
        )
        assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
    rows = [
        ["序号", "项目名称", "建设起止年限", "总投资(万元)", "2024年计划投资(万元)", "牵头单位"],
        ["1", "松溪至临江高速公路", "2021-2025", "850000", "200000", "县交通运输局"],
    ]
    write_csv(tmp_path / "2024.csv", rows[0], rows[1:])
    with database.session() as session:
        plan = get_plan(session, None)
        report = import_register(session, plan, read_table(tmp_path / "2024.csv", merged=True), "x")
        assert (report.problems, report.updated) == ([], 1)
    with database.session() as session:
        project = session.scalars(select(ProjectRecord).where(ProjectRecord.code == "1")).one()
        assert [(p.year, p.amount) for p in project.year_plans] == [(2023, 150000), (2024, 200000)]


CSV_HEADER = ["序号", "项目名称", "建设起止年限", "总投资(万元)", "“十四五”计划投资(万元)",
              "牵头单位", "所属专栏", "建设性质"]  # fmt: skip
OK = ["1", "县人民医院综合楼", "2022-2024", "8000", "8000", "县交通运输局", "专栏2", "新建"]


def with_cell(column: int, value: str) -> list[str]:
    return [value if i == column else cell for i, cell in enumerate(OK)]


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        ([with_cell(2, "2024-2022")], "第2行「建设起止年限」'2024-2022':完工时间早于开工时间"),
        ([with_cell(2, "2024年13月-2025")], "第2行「建设起止年限」'2024年13月-2025':月份 13 不存在"),
        ([with_cell(2, "明年")], "第2行「建设起止年限」'明年':起止年限应写作 2021-2025 或 2021年3月—2024年底"),
        ([with_cell(2, "2016-2019")], "第2行「建设起止年限」'2016-2019':建设期不在规划期(2021—2025年)内"),
        ([with_cell(3, "-5")], "第2行「总投资(万元)」'-5':投资不能为负数"),
        ([with_cell(3, "很多")], "第2行「总投资(万元)」'很多':不是金额"),
        ([with_cell(4, "9000")], "第2行「“十四五”计划投资(万元)」'9000':超过总投资 8000 万元"),
        ([with_cell(5, "县卫健委")], "第2行「牵头单位」'县卫健委':未知的责任单位(可用 --add-departments 一并添加)"),
        ([with_cell(6, "专栏9")], "第2行「所属专栏」'专栏9':规划中没有这个专栏"),
        ([with_cell(7, "扩建")], "第2行「建设性质」'扩建':建设性质应为 新建 或 续建"),
        ([OK, with_cell(0, "2")], "第3行「项目名称」'县人民医院综合楼':与第2行重复"),
        ([OK, with_cell(1, "县体育中心")], "第3行「序号」'1':与第2行编号重复"),
    ],
    ids=["end-before-start", "month-13", "not-a-period", "outside-the-plan", "negative",
         "text-amount", "plan-beyond-total", "unknown-department", "unknown-box",
         "unknown-nature", "duplicate-name", "duplicate-code"],
)  # fmt: skip
def test_a_bad_row_is_reported_and_nothing_is_written(
    database: Database, plan_id: int, tmp_path: Path, rows: list[list[str]], expected: str
) -> None:
    write_csv(tmp_path / "bad.csv", CSV_HEADER, rows)
    with database.session() as session:
        plan = get_plan(session, None)
        report = import_register(session, plan, read_table(tmp_path / "bad.csv", merged=True), "x")
        assert [str(p) for p in report.problems] == [expected]
    with database.session() as session:
        assert session.scalar(select(func.count()).select_from(ProjectRecord)) == 0


def test_a_header_without_a_unit_and_a_stored_project_that_differs(
    database: Database, plan_id: int, tmp_path: Path
) -> None:
    write_csv(
        tmp_path / "nounit.csv", ["项目名称", "建设起止年限", "总投资"], [["港口", "2022", "1"]]
    )
    write_csv(tmp_path / "ok.csv", CSV_HEADER, [OK])
    changed = [c if i != 3 else "9000" for i, c in enumerate(OK)]
    write_csv(tmp_path / "changed.csv", CSV_HEADER, [changed])
    with database.session() as session:
        plan = get_plan(session, None)
        report = import_register(
            session, plan, read_table(tmp_path / "nounit.csv", merged=True), "x"
        )
        assert [str(p) for p in report.problems] == ["第1行「总投资」'':未注明金额单位(万元或亿元)"]
        import_register(session, plan, read_table(tmp_path / "ok.csv", merged=True), "x")
    with database.session() as session:
        plan = get_plan(session, None)
        report = import_register(
            session, plan, read_table(tmp_path / "changed.csv", merged=True), "x"
        )
        assert [p.reason for p in report.problems] == ["与已有项目同名,但起止年限或总投资不同"]


def test_dry_run_and_new_departments(database: Database, plan_id: int, tmp_path: Path) -> None:
    write_csv(tmp_path / "r.csv", CSV_HEADER, [with_cell(5, "县卫健委")])
    with database.session() as session:
        plan = get_plan(session, None)
        table = read_table(tmp_path / "r.csv", merged=True)
        dry = import_register(session, plan, table, "x", dry_run=True, add_departments=True)
        assert (dry.problems, dry.created, dry.departments_added) == ([], 1, ["县卫健委"])
    with database.session() as session:
        assert session.scalar(select(func.count()).select_from(ProjectRecord)) == 0
        assert session.scalar(select(Department).where(Department.name == "县卫健委")) is None
        report = import_register(session, get_plan(session, None), table, "x", add_departments=True)
        assert report.created == 1
    with database.session() as session:
        project = session.scalars(select(ProjectRecord)).one()
        assert project.department is not None and project.department.name == "县卫健委"
        assert project.chapter_key == "chapter:提升公共服务水平"  # the chapter of 专栏2


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_the_template_reads_back(
    database: Database, plan_id: int, tmp_path: Path, suffix: str
) -> None:
    path = tmp_path / f"模板{suffix}"
    with database.session() as session:
        plan = get_plan(session, None)
        write_template(path, plan, 2023)
        report = import_register(session, plan, read_table(path, merged=True), "x")
        assert (report.problems, report.rows) == ([], 0)
