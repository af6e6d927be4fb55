"""The completeness matrix (department × period × what is due) and the department scorecard."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import select

from planwatch.assess.thresholds import Thresholds
from planwatch.errors import InvalidInput
from planwatch.read import read_document
from planwatch.services.completeness import completeness, export_completeness
from planwatch.services.department_list import add_department
from planwatch.services.observations import add_observation, find_indicator
from planwatch.services.overview import plan_overview
from planwatch.services.plans import get_plan, import_plan
from planwatch.services.progress_reports import save_report
from planwatch.services.review import approve, return_, submit
from planwatch.services.scorecard import export_scorecards, scorecards
from planwatch.services.tasks import decide_task, find_task, propose_tasks, set_units
from planwatch.store.database import Database
from planwatch.store.models import UserRecord

DATA = Path(__file__).parent / "data"


def user(session: object, name: str) -> UserRecord:
    found: UserRecord = session.scalars(  # type: ignore[attr-defined]
        select(UserRecord).where(UserRecord.username == name)
    ).one()
    return found


@pytest.fixture
def county(database: Database) -> Database:
    """2023 of a county plan: I001 approved, I002 returned, I003 missing; T002 reported and
    approved (推进中), T005 not reported."""
    document = read_document(DATA / "county-plan-tasks.txt", max_bytes=1 << 20)
    with database.session() as session:
        import_plan(session, document, "规划科")
        plan = get_plan(session, None)
        plan.period_start, plan.period_end = 2021, 2025
        units = {n: add_department(session, n, "部门", "规划科")
                 for n in ("县经信局", "县科技局", "县金融局", "县商务局")}  # fmt: skip
        find_indicator(plan, "I001").department = units["县经信局"]
        find_indicator(plan, "I002").department = units["县科技局"]
        session.add_all(
            [
                UserRecord(username="keji", password_hash="x", role="editor",
                           department=units["县科技局"]),
                UserRecord(username="jinrong", password_hash="x", role="editor",
                           department=units["县金融局"]),
                UserRecord(username="shenhe", password_hash="x", role="reviewer"),
            ]
        )  # fmt: skip
        session.flush()
        add_observation(session, find_indicator(plan, "I001"), 2023, Decimal(420), "规划科")
        science = add_observation(session, find_indicator(plan, "I002"), 2023, Decimal(9),
                                  "keji", review="submitted")  # fmt: skip
        assert science is not None
        return_(session, science, user(session, "shenhe"), "请附统计口径", 1)
        propose_tasks(session, plan, "规划科")
        for code, lead in (("T002", "县金融局"), ("T005", "县商务局")):
            task = find_task(session, plan, code)
            set_units(session, task, [(units[lead], "lead")], "规划科")
            decide_task(session, task, "confirmed", "规划科")
        report = save_report(session, find_task(session, plan, "T002"), 2023, "Y", "推进中",
                             "引进银行2家", [], user(session, "jinrong"))  # fmt: skip
        submit(session, report, user(session, "jinrong"), report.version)
        approve(session, report, user(session, "shenhe"), report.version)
    return database


def test_the_matrix_counts_what_is_due_and_lists_the_gaps(county: Database, tmp_path: Path) -> None:
    with county.session() as session:
        result = completeness(session, get_plan(session, None), 2023, ["Y"])
        assert result.departments == ["县商务局", "县科技局", "县经信局", "县金融局", "未指定牵头单位"]
        cells = {d: result.cell(d, "Y").counts for d in result.departments}
        assert cells == {
            "县商务局": {"missing": 1},  # T005, no report
            "县科技局": {"returned": 1},  # I002's 9 was returned
            "县经信局": {"approved": 1},  # I001's 420
            "县金融局": {"approved": 1},  # T002's approved report
            "未指定牵头单位": {"missing": 1},  # I003 has no lead and no value
        }
        assert [(i.code, i.state, i.comment) for i in result.follow_up] == [
            ("I002", "returned", "请附统计口径"),
            ("I003", "missing", ""),
            ("T005", "missing", ""),
        ]
        # A quarter asks only for task reports: T002 and T005 both owe Q1.
        quarter = completeness(session, get_plan(session, None), 2023, ["Q1"])
        assert [(i.code, i.state) for i in quarter.items] == [("T002", "missing"), ("T005", "missing")]
        with pytest.raises(InvalidInput, match="报送期「M1」"):
            completeness(session, get_plan(session, None), 2023, ["M1"])
        assert export_completeness(tmp_path / "gaps.xlsx", result) == 3
    sheet = openpyxl.load_workbook(tmp_path / "gaps.xlsx").active
    assert sheet is not None
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert rows[0] == ["部门", "期间", "类型", "编号", "名称", "状态", "审核意见"]
    assert rows[1] == ["县科技局", "全年", "数据", "I002", "全社会研发经费投入", "已退回", "请附统计口径"]


def test_the_scorecard_puts_binding_first_and_counts_tasks(
    county: Database, tmp_path: Path
) -> None:
    with county.session() as session:
        plan = get_plan(session, None)
        forest = find_indicator(plan, "I003")
        forest.department, forest.attribute = find_indicator(plan, "I001").department, "binding"
        session.flush()
        overview = plan_overview(session, None, 2023, Thresholds())
        cards = {c.department: c for c in scorecards(session, plan, overview)}
        assert list(cards) == ["县商务局", "县科技局", "县经信局", "县金融局"]
        industry = cards["县经信局"]
        assert [v.code for v in industry.indicators] == ["I003", "I001"]  # binding first
        assert industry.binding == 1
        assert cards["县金融局"].task_counts == {"未启动": 0, "推进中": 1, "已完成": 0, "滞后": 0,
                                                "未报送": 0}  # fmt: skip
        assert cards["县商务局"].task_counts["未报送"] == 1
        export_scorecards(tmp_path / "score.xlsx", list(cards.values()))
    book = openpyxl.load_workbook(tmp_path / "score.xlsx")
    assert book.sheetnames == ["部门考核汇总", "指标与任务"]
    summary = [list(r) for r in book["部门考核汇总"].iter_rows(values_only=True)]
    assert summary[3][:3] == ["县经信局", 1, 2] and summary[3][4:] == [0, 0, 0, 0, 0]
