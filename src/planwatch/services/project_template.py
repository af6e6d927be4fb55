"""The register template: the layout planning bureaus use, which the import reads back.

XLSX: a title line with the unit, a two-row header whose "投资(万元)" spans the amounts, and
a second sheet listing the plan's boxes with their chapters. CSV: one header row, the unit
in each amount's name.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.worksheet import Worksheet

from planwatch.services.project_boxes import plan_outline
from planwatch.services.tables import write_csv
from planwatch.store.models import Plan

BEFORE_AMOUNTS = ["序号", "项目名称", "建设内容及规模", "建设地点", "建设性质", "建设起止年限"]
AFTER_AMOUNTS = ["资金来源", "业主单位", "牵头单位", "所属专栏", "备注"]


def template_year(plan: Plan, today: date) -> int:
    """The year a template is for: this year, kept inside the plan period.

    >>> template_year(Plan(period_start=2021, period_end=2025), date(2027, 3, 1))
    2025
    """
    start, end = plan.period_start or today.year, plan.period_end or today.year
    return min(max(today.year, start), end)


def amount_headers(plan: Plan, year: int) -> list[str]:
    """The amount columns: total, the plan period's and the year's planned investment.

    >>> amount_headers(Plan(period_start=2021, period_end=2025), 2023)
    ['总投资', '2021—2025年计划投资', '2023年计划投资']
    """
    period = f"{plan.period_start}—{plan.period_end}年" if plan.period_start else "规划期"
    return ["总投资", f"{period}计划投资", f"{year}年计划投资"]


def write_template(path: Path, plan: Plan, year: int) -> None:
    """Write the register template for ``plan`` to an .xlsx or .csv ``path``."""
    amounts = amount_headers(plan, year)
    if path.suffix.lower() == ".csv":
        header = [*BEFORE_AMOUNTS, *(f"{a}(万元)" for a in amounts), *AFTER_AMOUNTS]
        write_csv(path, header, [])
        return
    workbook = Workbook()
    sheet = workbook.active
    assert isinstance(sheet, Worksheet)
    sheet.title = "重大项目"
    width = len(BEFORE_AMOUNTS) + len(amounts) + len(AFTER_AMOUNTS)
    sheet.cell(1, 1, f"{plan.title or plan.key}重大项目表(金额单位:万元)").font = Font(bold=True)
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    column = 1
    for name in BEFORE_AMOUNTS:
        column = _vertical(sheet, column, name)
    sheet.cell(2, column, "投资(万元)")
    sheet.merge_cells(start_row=2, start_column=column, end_row=2, end_column=column + 2)
    for offset, name in enumerate(amounts):
        sheet.cell(3, column + offset, name)
    column += len(amounts)
    for name in AFTER_AMOUNTS:
        column = _vertical(sheet, column, name)
    for row in sheet.iter_rows(min_row=2, max_row=3):
        for cell in row:
            cell.font, cell.alignment = Font(bold=True), Alignment(horizontal="center")
    sheet.freeze_panes = "C4"
    boxes = workbook.create_sheet("专栏")
    boxes.append(["所属专栏", "专栏标题", "所在章"])
    outline = plan_outline(plan)
    for box in outline.boxes:
        boxes.append([box.label, box.title, outline.title(outline.chapter_of(box.key))])
    workbook.save(path)


def _vertical(sheet: Worksheet, column: int, name: str) -> int:
    sheet.cell(2, column, name)
    sheet.merge_cells(start_row=2, start_column=column, end_row=3, end_column=column)
    return column + 1
