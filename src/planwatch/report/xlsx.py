"""A report as an Excel workbook for departments: fill in, send back, re-import.

Sheets, in order:

- 观测数据 — first, so ``planwatch observe import`` reads it: the columns are exactly
  :data:`planwatch.services.observations.TEMPLATE_HEADER` and the rows are those of
  ``planwatch template`` (every indicator, every year from the baseline to the period's end),
  current values filled in; re-importing it unchanged changes nothing.
- 指标 — every indicator with its target and judgement, numbers as numbers.
- 说明 — title, cut-off, counts, thresholds, sources, how to send data back.

When a value is simulated, every sheet's printed page header says so, and 说明 starts with it.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import UTC, datetime
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.worksheet import Worksheet

from planwatch.report.delivery import delivery_tables
from planwatch.report.model import Report
from planwatch.report.tables import baseline_of, completion
from planwatch.services.observations import STATUS_NAMES, TEMPLATE_HEADER
from planwatch.services.overview import IndicatorView, PlanOverview
from planwatch.services.tables import append_row

INDICATOR_HEADER = [
    "指标编号", "指标名称", "单位", "属性", "类型", "牵头单位", "基期年", "基期值", "目标年",
    "比较符", "目标值", "力争目标值", "最新年份", "最新值", "进度", "序时进度", "状态", "预警",
    "观测年均增长", "尚需年均增长", "目标年预测值", "预计能否实现", "完成情况", "含模拟数据",
    "说明",
]  # fmt: skip
PERCENT_COLUMNS = ("进度", "序时进度", "观测年均增长", "尚需年均增长")
PLACES = Decimal("0.000001")
HEADER_FILL = PatternFill("solid", fgColor="D9E2F3")
Cell = str | int | Decimal | None


def render_xlsx(report: Report, overview: PlanOverview) -> bytes:
    """The workbook as bytes."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    workbook.remove(sheet)
    _sheet(workbook, "观测数据", list(TEMPLATE_HEADER), observation_rows(overview))
    indicators = _sheet(workbook, "指标", INDICATOR_HEADER, indicator_rows(overview))
    for name in PERCENT_COLUMNS:
        column = indicators.cell(1, INDICATOR_HEADER.index(name) + 1).column_letter
        for cell in indicators[column][1:]:
            cell.number_format = "0.00%"
    _sheet(workbook, "说明", ["项目", "内容"], about_rows(report, overview))
    for name, table in delivery_tables(report):
        _sheet(workbook, name, list(table.header), [list(row) for row in table.rows])
    if report.simulated:
        for each in workbook.worksheets:
            each.oddHeader.center.text = f"【模拟数据】{report.simulated_mark}"
            each.oddHeader.center.color = "C00000"
    workbook.properties.title = report.title
    workbook.properties.creator = "planwatch"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def observation_rows(overview: PlanOverview) -> list[list[Cell]]:
    """One row per indicator and year, as ``template_rows`` lays them out, from the overview."""
    start = (overview.period[0] if overview.period else datetime.now(UTC).year) - 1
    end = overview.period[1] if overview.period else start + 5
    rows: list[list[Cell]] = []
    for view in overview.indicators:
        current = {o.year: o for o in view.observations}
        notes = {r.year: r.note for r in view.revisions}  # revisions run oldest first
        first = min(view.indicator.baseline_year or start, start)
        for year in sorted(set(range(first, end + 1)) | set(current)):
            found = current.get(year)
            rows.append(
                [
                    view.code,
                    view.indicator.name,
                    view.indicator.unit,
                    year,
                    found.value.normalize() if found else "",
                    "增长率" if found and found.is_growth_rate else "总量",
                    STATUS_NAMES[found.status.value] if found else "",
                    found.source if found else "",
                    notes.get(year, "") if found else "",
                    ("是" if found.simulated else "否") if found else "",
                ]
            )
    return rows


def _exact(number: Decimal | None) -> Decimal | None:
    return None if number is None else number.quantize(PLACES).normalize()


def indicator_row(view: IndicatorView) -> list[Cell]:
    """The 指标 row of one indicator; shares and rates as fractions (formatted as %)."""
    indicator, a = view.indicator, view.assessment
    target, stretch = indicator.main_target, indicator.stretch_target
    year, level = baseline_of(view)
    latest = a.latest if a else None
    projected = None
    if a is not None:
        projected = a.projected_value if a.projected_value is not None else a.projected_linear
    will_meet = None if a is None or a.will_meet is None else ("是" if a.will_meet else "否")
    return [
        view.code,
        indicator.name,
        indicator.unit,
        indicator.attribute.label,
        indicator.kind.value,
        view.department or "",
        year,
        level.normalize() if level is not None else None,
        target.year if target else None,
        target.comparator if target else None,
        target.value.normalize() if target else None,
        stretch.value.normalize() if stretch else None,
        latest.year if latest else None,
        latest.value.normalize() if latest else None,
        _exact(a.progress) if a else None,
        _exact(a.time_share) if a else None,
        a.status.value if a else "未设目标",
        a.light.label if a else None,
        _exact(a.observed_growth) if a else None,
        _exact(a.required_growth_remaining) if a else None,
        _exact(projected),
        will_meet,
        completion(a) if a else None,
        "是" if (a and a.simulated) or any(o.simulated for o in view.observations) else "否",
        "；".join(a.notes) if a else "",
    ]


def indicator_rows(overview: PlanOverview) -> list[list[Cell]]:
    return [indicator_row(view) for view in overview.indicators]


def about_rows(report: Report, overview: PlanOverview) -> list[list[Cell]]:
    rows: list[list[Cell]] = []
    if report.simulated:
        rows.append(["模拟数据", report.simulated_mark])
    rows += [
        ["报告", report.title],
        ["数据截至", f"{overview.as_of}年"],
        ["数据录入截至", overview.data_until.date().isoformat() if overview.data_until else ""],
    ]
    rows += [[status.value, count] for status, count in overview.counts.items()]
    rows += [[f"阈值 {name}", value] for name, value in overview.thresholds.as_mapping().items()]
    rows += [["数据来源", source] for source in overview.sources]
    rows += [
        [
            "填报说明",
            "在「观测数据」表填写数值、状态(初步/最终/修订)、来源后发回;"
            "用 planwatch observe import 文件名.xlsx 导入,逐行校验,有错误则不写入。",
        ],
    ]
    return rows


def _sheet(
    workbook: Workbook, title: str, header: list[str], rows: Sequence[Sequence[Cell]]
) -> Worksheet:
    sheet = workbook.create_sheet(title)
    append_row(sheet, header)
    for cell in sheet[1]:
        cell.font, cell.fill = Font(bold=True), HEADER_FILL
        cell.alignment = Alignment(horizontal="center")
    for row in rows:
        append_row(sheet, row)  # no control characters, no live formulas
    sheet.freeze_panes = "A2"
    sheet.print_title_rows = "1:1"  # the header row on every printed page
    for index, name in enumerate(header, start=1):
        widest = max([len(name) * 2, *(len(str(r[index - 1] or "")) for r in rows[:200]), 6])
        sheet.column_dimensions[sheet.cell(1, index).column_letter].width = min(widest + 2, 50)
    return sheet
