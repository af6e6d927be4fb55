"""Tasks proposed from a stored outline and indicators; a 分工方案 imported onto them."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import func, select

from planwatch.errors import InvalidInput
from planwatch.read import read_document
from planwatch.services.assignment_documents import read_assignment_file
from planwatch.services.assignment_import import import_assignments, items_from_document
from planwatch.services.department_list import add_department, find_department
from planwatch.services.plans import get_plan, import_plan
from planwatch.services.tasks import (
    decide_task,
    find_task,
    plan_tasks,
    propose_tasks,
    set_schedule,
    set_units,
)
from planwatch.settings import Settings
from planwatch.store.database import Database
from planwatch.store.models import Plan, TaskRecord

DATA = Path(__file__).parent / "data"
UNITS = ("县林业局", "县金融局", "县发展和改革局", "县财政局", "县商务局", "县文化广播电视和旅游局")


@pytest.fixture
def county(database: Database) -> Database:
    document = read_document(DATA / "county-plan-tasks.txt", max_bytes=1 << 20)
    with database.session() as session:
        import_plan(session, document, "规划科")
    return database


def _plan(session: object) -> Plan:
    return get_plan(session, None)  # type: ignore[arg-type]


def test_each_section_measure_and_indicator_is_proposed_once(county: Database) -> None:
    with county.session() as session:
        result = propose_tasks(session, _plan(session), "规划科")
        tasks = plan_tasks(session, _plan(session))
        # 3 节; 3 paragraphs opening with a short sentence without a comma (line 10 opens
        # with "坚持创新驱动，…": not a measure); 3 extracted indicators.
        assert [(t.code, t.category, t.title) for t in tasks] == [
            ("T001", "section", "壮大先进制造业"),
            ("T002", "measure", "建设区域金融中心"),
            ("T003", "measure", "推进园区提质增效"),
            ("T004", "section", "发展现代服务业"),
            ("T005", "measure", "建设区域消费中心"),
            ("T006", "section", "推进绿色低碳发展"),
            ("T007", "indicator", "工业总产值"),
            ("T008", "indicator", "全社会研发经费投入"),
            ("T009", "indicator", "森林覆盖率"),
        ]
        assert result.added == tuple(f"T00{i}" for i in range(1, 10))
        assert tasks[1].node_key == "section:壮大先进制造业" and tasks[1].source_line == 8
        assert tasks[4].chapter == "第二章 建设现代产业体系"
        assert {t.status for t in tasks} == {"proposed"}
        again = propose_tasks(session, _plan(session), "规划科")
        assert (again.added, again.kept) == ((), 9)


def _with_units(database: Database) -> None:
    with database.session() as session:
        for name in UNITS:
            add_department(session, name, "部门", "规划科")
        add_department(session, "丹林镇", "镇街", "规划科")


def test_a_division_plan_matches_indicators_and_sections(county: Database) -> None:
    _with_units(county)
    document = read_assignment_file(DATA / "county-fengong.txt", Settings())
    with county.session() as session:
        result = import_assignments(session, _plan(session), items_from_document(document), "规划科")
        assert result.ok, result.problems
        found = [(m.item.line, m.indicator, m.node_key, m.score) for m in result.matches]
        assert found == [
            (3, "I003", None, Decimal("0.9")),  # names 森林覆盖率 outright
            (6, None, "section:壮大先进制造业", Decimal("0.95")),  # stated in that 节
            (7, None, "section:发展现代服务业", Decimal("0.95")),  # though filed under (一)
        ]
        tasks = plan_tasks(session, _plan(session))
        units = [[(u.department.name, u.role) for u in t.units] for t in tasks]
        assert units == [
            [("县林业局", "lead"), ("丹林镇", "co")],  # 各乡镇: every 镇街 of the list
            [("县金融局", "lead"), ("县发展和改革局", "co"), ("县财政局", "co")],  # 县发改局
            [("县商务局", "lead"), ("县文化广播电视和旅游局", "co")],  # 县文广旅局
        ]
        assert (tasks[1].deadline_year, tasks[1].deadline_text) == (2024, "2024年底")
        assert {t.origin for t in tasks} == {"assignment"}
        # Proposing from the outline now adds the rest, not the measures imported already.
        proposed = propose_tasks(session, _plan(session), "规划科")
        assert len(proposed.added) == 6  # 3 节, 推进园区提质增效, 2 indicators (森林覆盖率 is T001)
        again = import_assignments(session, _plan(session), items_from_document(document), "x")
        assert (again.fresh, again.added) == (0, ())


def test_unknown_units_write_nothing(county: Database) -> None:
    document = read_assignment_file(DATA / "county-fengong.txt", Settings())
    with county.session() as session:
        result = import_assignments(session, _plan(session), items_from_document(document), "规划科")
        assert not result.ok and result.added == ()
        assert result.problems[0] == "第3行:牵头单位未知单位「县林业局」:请选择已有单位或明确新建"
        # 7 unit names, none on the list (各乡镇: no 镇街 yet)
        assert len(result.problems) == 7
        assert session.scalar(select(func.count()).select_from(TaskRecord)) == 0


def test_confirm_units_and_schedule_are_checked(county: Database) -> None:
    _with_units(county)
    with county.session() as session:
        propose_tasks(session, _plan(session), "规划科")
        task = find_task(session, _plan(session), "T002")
        decide_task(session, task, "confirmed", "规划科")
        lead, co = find_department(session, "县金融局"), find_department(session, "县财政局")
        set_units(session, task, [(lead, "lead"), (co, "co")], "规划科")
        with pytest.raises(InvalidInput, match="只能有一个牵头单位"):
            set_units(session, task, [(lead, "lead"), (co, "lead")], "规划科")
        with pytest.raises(InvalidInput, match="不在规划期"):
            set_schedule(session, task, 2031, {}, "规划科")
        set_schedule(session, task, 2024, {2022: "引进金融机构5家", 2023: " "}, "规划科")
        assert [(m.year, m.target) for m in task.milestones] == [(2022, "引进金融机构5家")]
        with pytest.raises(InvalidInput, match="任务状态"):
            decide_task(session, task, "done", "规划科")
    with county.session() as session:
        task = find_task(session, _plan(session), "T002")
        assert (task.status, task.deadline_text) == ("confirmed", "2024年")
        assert [(u.department.name, u.role) for u in task.units] == [
            ("县金融局", "lead"),
            ("县财政局", "co"),
        ]
