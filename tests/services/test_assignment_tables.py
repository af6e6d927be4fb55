"""Assignments in and out of XLSX and CSV: parsed rows, row-level problems, round trips."""

from pathlib import Path

import pytest

from planwatch.errors import InvalidInput
from planwatch.extract.assignments import find_assignments
from planwatch.services.assignment_tables import (
    ASSIGNMENT_HEADER,
    load_assignment_table,
    read_assignment_rows,
    write_assignment_table,
)
from planwatch.services.tables import Table

HEADER = ["序号", "任务", "牵头单位", "责任单位", "完成时限", "年度目标"]


def table(*rows: list[str], header: list[str] = HEADER) -> Table:
    return Table("fengong.xlsx", header, [list(r) for r in rows])


ROWS = [
    # id, row cells, expected lead, co, deadline year, ongoing
    ("plain row", ["1", "推进城市更新", "县住建局", "各乡镇、县财政局", "2024年底", "2023年改造30个"], ("县住建局",), ("各乡镇", "县财政局"), 2024, False),
    ("full-width comma between units", ["2", "建设物流园", "县商务局", "县交通局，县自规局", "2025年", ""], ("县商务局",), ("县交通局", "县自规局"), 2025, False),
    ("role words inside the cell", ["3", "深化国企改革", "", "县国资中心牵头,县财政局配合", "持续推进", ""], ("县国资中心",), ("县财政局",), None, True),
    ("(牵头) marker in 责任单位", ["4", "开展经济普查", "", "县统计局（牵头）、县财政局", "2023年", ""], ("县统计局",), ("县财政局",), 2023, False),
    ("collective with brackets", ["5", "推进高标准农田", "县农业农村局", "各乡镇（街道）", "2022—2025年", ""], ("县农业农村局",), ("各乡镇（街道）",), 2025, False),
]


@pytest.mark.parametrize(("cells", "lead", "co", "year", "ongoing"), [c[1:] for c in ROWS], ids=[c[0] for c in ROWS])
def test_rows_are_read_by_column(cells: list[str], lead: tuple[str, ...], co: tuple[str, ...], year: int | None, ongoing: bool) -> None:
    result = read_assignment_rows(table(cells))
    assert result.ok, result.problems
    (row,) = result.rows
    assert (row.row, row.task, row.lead, row.co) == (2, cells[1], lead, co)
    assert row.deadline is not None and (row.deadline.year, row.deadline.ongoing) == (year, ongoing)


PROBLEMS = [
    # id, row cells, expected (row, column, reason start)
    ("empty task", ["1", "", "县住建局", "", "", ""], [(2, "任务", "任务为空")]),
    ("no unit", ["1", "建设园区", "", "", "", ""], [(2, "牵头单位", "未填写牵头单位或责任单位")]),
    ("deadline without a year", ["1", "建设园区", "县住建局", "", "尽快", ""], [(2, "完成时限", "无法识别完成时限")]),
    ("deadline year out of range", ["1", "建设园区", "县住建局", "", "3024年", ""], [(2, "完成时限", "年份不在合理范围内")]),
]


@pytest.mark.parametrize(("cells", "expected"), [c[1:] for c in PROBLEMS], ids=[c[0] for c in PROBLEMS])
def test_row_problems(cells: list[str], expected: list[tuple[int, str, str]]) -> None:
    result = read_assignment_rows(table(cells))
    assert [(p.row, p.column, p.reason[: len(r)]) for p, (_, _, r) in zip(result.problems, expected, strict=True)] == expected
    assert len(result.rows) == 1  # the row comes back beside its problem


def test_unknown_unit_is_a_question_with_candidates() -> None:
    known = ["县住房和城乡建设局", "县财政局", "县商务局"]
    result = read_assignment_rows(table(["1", "推进城市更新", "县住建局", "县财政局、县商贸局", "2024年", ""]), known)
    assert [(p.column, p.value) for p in result.problems] == [("责任单位", "县商贸局")]
    assert "县商务局" in result.problems[0].reason


@pytest.mark.parametrize(
    ("header", "message"),
    [(["序号", "牵头单位", "责任单位"], "缺少「任务」列"), (["序号", "任务", "完成时限"], "缺少「牵头单位」或「责任单位」列")],
    ids=["no task column", "no unit column"],
)
def test_missing_columns_are_refused(header: list[str], message: str) -> None:
    with pytest.raises(InvalidInput, match=message):
        read_assignment_rows(table(["1", "x", "y"], header=header))


def test_other_header_names_are_accepted() -> None:
    result = read_assignment_rows(table(["1", "建设园区", "县商务局", "县财政局", "2024年"], header=["编号", "重点任务", "牵头部门", "配合单位", "时间节点"]))
    assert result.ok and result.rows[0].co == ("县财政局",)


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_round_trip_through_a_file(tmp_path: Path, suffix: str) -> None:
    items = find_assignments(
        "二、重点任务\n"
        "1.推进城市更新。(牵头单位:县住建局;责任单位:各乡镇、县财政局;完成时限:2024年底)\n"
        "2.深化国企改革。(县国资中心牵头,县财政局配合;完成时限:持续推进)\n"
    )
    path = tmp_path / f"fengong{suffix}"
    write_assignment_table(path, items)
    result = load_assignment_table(path)
    assert result.ok
    assert [(r.number, r.task, r.lead, r.co, r.deadline.text if r.deadline else None) for r in result.rows] == [
        ("1", "推进城市更新", ("县住建局",), ("各乡镇", "县财政局"), "2024年底"),
        ("2", "深化国企改革", ("县国资中心",), ("县财政局",), "持续推进"),
    ]


def test_header_written_is_the_documented_one(tmp_path: Path) -> None:
    path = tmp_path / "fengong.csv"
    write_assignment_table(path, [])
    assert path.read_text(encoding="utf-8-sig").splitlines()[0] == ",".join(ASSIGNMENT_HEADER)


def test_other_suffix_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match=r"xlsx 或 \.csv"):
        write_assignment_table(tmp_path / "fengong.ods", [])
