"""Registers as planning bureaus lay them out, built in the tests with openpyxl; a small plan."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet
from sqlalchemy.orm import Session

from planwatch.read import read_document
from planwatch.services.plans import import_plan
from planwatch.store.models import Department

PLANS = Path(__file__).parent.parent / "data" / "plans"
SONGXI = PLANS / "songxi-county-14th.txt"  # 专栏1 in 第二章, 专栏2 in 第三章; 2021-2025

HEADER_TOP = ["序号", "项目名称", "建设内容及规模", "建设地点", "建设性质", "建设起止年限",
              "投资(亿元)", None, None, "资金来源", "业主单位", "牵头单位", "所属专栏", "备注"]  # fmt: skip
HEADER_LOW = [None] * 6 + ["总投资", "“十四五”计划投资", "2023年计划投资"] + [None] * 5


def songxi_plan(session: Session, departments: tuple[str, ...] = ("县交通运输局",)) -> int:
    document = read_document(SONGXI, max_bytes=1 << 20)
    plan_id = import_plan(session, document, "规划科").plan_id
    session.add_all(Department(name=name) for name in departments)
    session.flush()
    return plan_id


def register_xlsx(path: Path, rows: list[list[object]]) -> Path:
    """A title line, a unit line, a two-row header with merged cells, a merged section line,
    then ``rows`` from spreadsheet row 6; the 牵头单位 of rows 6 and 7 is one merged cell."""
    workbook = Workbook()
    sheet = workbook.active
    assert isinstance(sheet, Worksheet)
    sheet.append(["松溪县“十四五”重大项目表"])
    sheet.merge_cells("A1:N1")
    sheet.append(["单位:亿元"])
    sheet.append(HEADER_TOP)
    sheet.append(HEADER_LOW)
    for column in "ABCDEFJKLMN":
        sheet.merge_cells(f"{column}3:{column}4")
    sheet.merge_cells("G3:I3")
    sheet.append(["一、交通基础设施"])
    sheet.merge_cells("A5:N5")
    for row in rows:
        sheet.append(row)
    if len(rows) >= 2 and rows[1][11] is None:
        sheet.merge_cells("L6:L7")
    workbook.save(path)
    return path
