"""Where a project register's header is, what each column holds and in which unit.

Registers are laid out for people: title lines ("单位:万元"), then a header of one or two
rows where a group label ("投资(万元)") spans the amounts below it, merged cells filled in by
:func:`planwatch.services.tables.parse_table` (``merged=True``) or left blank in a CSV.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from planwatch.services.project_cells import (
    PLAN_PERIOD_INVESTMENT,
    YEAR_INVESTMENT,
    fold_header,
    money_unit,
)
from planwatch.services.tables import RowProblem

# Names a register uses for each field, folded (no quotes, spaces or units); the first is
# the template's.
COLUMNS: dict[str, tuple[str, ...]] = {
    "code": ("序号", "编号", "项目编号"),
    "name": ("项目名称", "名称"),
    "content": ("建设内容及规模", "建设内容", "建设规模及内容", "主要建设内容", "建设规模"),
    "location": ("建设地点", "地点"),
    "nature": ("建设性质", "性质"),
    "period": ("建设起止年限", "起止年限", "建设年限", "建设期限", "建设起止年份"),
    "total": ("总投资", "项目总投资", "计划总投资"),
    "plan_investment": ("十四五计划投资",),  # and any 十X五 or 规划期 (PLAN_PERIOD_INVESTMENT)
    "year_plan": ("年度计划投资", "本年计划投资"),  # or 2023年计划投资 (YEAR_INVESTMENT)
    "funding": ("资金来源",),
    "owner": ("业主单位", "项目业主", "建设单位", "实施单位"),
    "department": ("牵头单位", "责任单位", "牵头/责任单位", "牵头责任单位", "责任部门", "牵头部门"),
    "box": ("所属专栏", "专栏"),
    "chapter": ("所属章节", "章节"),
    "note": ("备注",),
}
LABELS = {key: names[0] for key, names in COLUMNS.items()}
LABELS["plan_investment"] = "“十四五”计划投资"
REQUIRED = ("name", "period", "total")
AMOUNTS = ("total", "plan_investment", "year_plan")
HEADER_SEARCH_ROWS = 10  # the header is within the first rows, below the title lines
_BY_NAME = {name: key for key, names in COLUMNS.items() for name in names}


@dataclass(frozen=True, slots=True)
class Layout:
    """Columns by field (0-based), units of the amount columns, the first data row (0-based)."""

    columns: dict[str, int]
    units: dict[str, str | None]
    labels: dict[str, str]  # the header as written, for the report
    first_data: int
    header_row: int  # spreadsheet row number of the (lower) header line
    year_columns: dict[int, int] = field(default_factory=dict)  # 2023年计划投资 → its column


def find_layout(
    grid: Sequence[Sequence[str]], year: int | None
) -> tuple[Layout | None, list[RowProblem]]:
    """The layout of a register grid (header and rows), or the problems that prevent reading it.

    >>> grid = [["单位:亿元", ""], ["项目名称", "总投资"], ["港口", "3"]]
    >>> layout, problems = find_layout(grid, None)
    >>> layout.columns, layout.units["total"], layout.first_data, [p.reason for p in problems]
    ({'name': 0, 'total': 1}, '亿元', 2, ['缺少此列'])
    """
    top = next((i for i, row in enumerate(grid[:HEADER_SEARCH_ROWS]) if _has(row, "name")), None)
    if top is None:
        return None, [RowProblem(1, LABELS["name"], "", "找不到表头:前10行中没有「项目名称」列")]
    upper = list(grid[top])
    lower = list(grid[top + 1]) if top + 1 < len(grid) else []
    two_rows = bool(lower) and any(
        cell.strip() and cell != upper[i] and _key(cell) is not None for i, cell in enumerate(lower)
    )
    sheet_unit = next((u for row in grid[:top] for c in row if (u := money_unit(c))), None)
    columns: dict[str, int] = {}
    units: dict[str, str | None] = {}
    labels: dict[str, str] = {}
    year_columns: dict[int, int] = {}
    group = ""
    for index, cell in enumerate(upper):
        own = lower[index] if two_rows and index < len(lower) else ""
        group = cell if cell.strip() else group  # a CSV leaves a spanning label's cells blank
        label = own if own.strip() and own != cell else cell
        key, label_year = _field(label)
        if key is None or (key in columns and key != "year_plan"):
            continue
        if key == "year_plan":
            column_year = label_year or year
            if column_year is None:
                continue  # reported below
            year_columns[column_year] = index
        columns.setdefault(key, index)
        labels.setdefault(key, label.strip())
        if key in AMOUNTS:
            units[key] = money_unit(label) or money_unit(group) or sheet_unit
    header_row = top + (2 if two_rows else 1)
    problems = [
        RowProblem(header_row, LABELS[key], "", "缺少此列")
        for key in REQUIRED
        if key not in columns
    ]
    problems += [
        RowProblem(header_row, labels[key], "", "未注明金额单位(万元或亿元)")
        for key in AMOUNTS
        if key in columns and units.get(key) is None
    ]
    if year is None and any(_field(c)[0] == "year_plan" and _field(c)[1] is None for c in
                            [*upper, *lower]):  # fmt: skip
        problems.append(
            RowProblem(
                header_row,
                "年度计划投资",
                "",
                "未注明年份:请写作「2023年计划投资」或用 --year 指定",
            )
        )
    layout = Layout(columns, units, labels, header_row, header_row, year_columns)
    return layout, problems


def _field(label: str) -> tuple[str | None, int | None]:
    """The field a header names, and the year of a 2023年计划投资 column."""
    folded = fold_header(label)
    year = YEAR_INVESTMENT.match(folded)
    if year:
        return "year_plan", int(year["year"])
    if PLAN_PERIOD_INVESTMENT.match(folded):
        return "plan_investment", None
    return _BY_NAME.get(folded), None


def _key(cell: str) -> str | None:
    return _field(cell)[0]


def _has(row: Sequence[str], key: str) -> bool:
    return any(_key(cell) == key for cell in row)
