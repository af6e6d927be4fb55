"""Candidates from the stored boxes of a plan, those already in the register left out."""

from __future__ import annotations

from pathlib import Path

from tests.services.project_builders import songxi_plan

from planwatch.services.plans import get_plan
from planwatch.services.project_candidates import box_candidates, write_candidates
from planwatch.services.project_register import import_register
from planwatch.services.tables import read_table, write_csv
from planwatch.store.database import Database


def test_candidates_of_the_boxes_become_a_register(database: Database, tmp_path: Path) -> None:
    write_csv(tmp_path / "r.csv", ["项目名称", "建设起止年限", "总投资(亿元)", "所属专栏"],
              [["松溪至临江高速公路", "2021-2025", "85", "专栏1"]])  # fmt: skip
    with database.session() as session:
        songxi_plan(session)
        plan = get_plan(session, None)
        assert import_register(session, plan, read_table(tmp_path / "r.csv", merged=True), "x").ok
        found = box_candidates(session, plan)
        # 松溪至临江高速公路项目 is the registered 松溪至临江高速公路; 县体育中心 states no total
        assert [(c.box.split(" ")[0], c.candidate.name, c.candidate.total) for c in found] == [
            ("专栏1", "县城环线改造工程", 125000),
            ("专栏1", "松溪港作业区二期项目", 32000),
            ("专栏2", "县人民医院综合楼项目", 8000),
        ]
        text = plan.versions[-1].text
        first = found[0].candidate
        assert text[first.start : first.end] == "实施县城环线改造工程,总投资12.5亿元"
        write_candidates(tmp_path / "c.csv", found)
        table = read_table(tmp_path / "c.csv", merged=True)
        report = import_register(session, plan, table, "x")
        # the period is for people to fill in: every row says so, nothing is written
        assert {p.column for p in report.problems} == {"建设起止年限"} and len(report.problems) == 3
