"""Use case: import a plan's project register (重大项目库) from XLSX or CSV, and its template.

Every row is checked first; a bad row is reported with its row, column and reason and
nothing is written (docs/projects.md lists the checks). A good file creates the projects it
names; a project already stored (same name, same period and total) takes the file's planned
investment by year, so next year's register adds its year.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from planwatch.domain.project import MilestoneKind
from planwatch.services.audit import record
from planwatch.services.project_boxes import PlanOutline, plan_outline
from planwatch.services.project_cells import Period, parse_amount, parse_period
from planwatch.services.project_layout import LABELS, Layout, find_layout
from planwatch.services.tables import RowProblem, RowReport, Table
from planwatch.store.models import (
    Department,
    Plan,
    ProjectMilestone,
    ProjectRecord,
    ProjectYearPlan,
)

NATURES = ("新建", "续建")
TOTAL_ROWS = ("合计", "总计", "小计")


@dataclass(frozen=True, slots=True)
class RegisterRow:
    """One project row of a register, read and checked; amounts in 万元."""

    row: int
    code: str
    name: str
    period_text: str
    period: Period
    total: Decimal
    plan_investment: Decimal | None
    year_plans: dict[int, Decimal]
    department: str
    box_key: str | None
    chapter_key: str | None
    texts: dict[str, str] = field(default_factory=dict)  # content, location, nature …


@dataclass(slots=True)
class RegisterImport(RowReport):
    """What a register import did or, in a dry run or with problems, would do."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    departments_added: list[str] = field(default_factory=list)


def import_register(
    session: Session,
    plan: Plan,
    table: Table,
    actor: str,
    *,
    year: int | None = None,
    dry_run: bool = False,
    add_departments: bool = False,
) -> RegisterImport:
    """Check every row of ``table`` (read with ``merged=True``), then write all or nothing."""
    report = RegisterImport(dry_run=dry_run)
    grid = [table.header, *table.rows]
    layout, problems = find_layout(grid, year)
    report.problems.extend(problems)
    if layout is None or problems:
        return report
    outline = plan_outline(plan)
    known = set(session.scalars(select(Department.name)))
    rows = _read_rows(grid, layout, plan, outline, report.problems)
    for row in rows:
        if row.department and row.department not in known and not add_departments:
            report.problems.append(
                RowProblem(
                    row.row,
                    layout.labels["department"],
                    row.department,
                    "未知的责任单位(可用 --add-departments 一并添加)",
                )
            )
    stored = {
        p.name: p
        for p in session.scalars(select(ProjectRecord).where(ProjectRecord.plan_id == plan.id))
    }
    codes = {p.code: p.name for p in stored.values()}
    for row in rows:
        existing = stored.get(row.name)
        if existing is not None and (
            existing.start_on,
            existing.end_on,
            existing.total_investment,
        ) != (row.period.start, row.period.end, row.total):
            report.problems.append(
                RowProblem(
                    row.row, LABELS["name"], row.name, "与已有项目同名,但起止年限或总投资不同"
                )
            )
        elif existing is None and row.code in codes:
            report.problems.append(
                RowProblem(
                    row.row, LABELS["code"], row.code, f"编号已被项目「{codes[row.code]}」使用"
                )
            )
    report.rows = len(rows)
    if report.problems:
        report.problems.sort(key=lambda p: p.row)
        return report
    departments = {d.name: d for d in session.scalars(select(Department))}
    for row in rows:
        if row.department and row.department not in departments:
            departments[row.department] = Department(name=row.department)
            report.departments_added.append(row.department)
        existing = stored.get(row.name)
        if existing is None:
            report.created += 1
            if not dry_run:
                session.add(_new_project(plan, outline, row, departments, actor))
        elif _changed_years(existing, row.year_plans):
            report.updated += 1
            if not dry_run:
                _merge_year_plans(existing, row.year_plans)
        else:
            report.unchanged += 1
    if not dry_run:
        after = {"file": table.name, "created": report.created, "updated": report.updated}
        record(session, actor, "import", "project_register", plan.id, None, after)
    return report


def _read_rows(
    grid: Sequence[Sequence[str]],
    layout: Layout,
    plan: Plan,
    outline: PlanOutline,
    problems: list[RowProblem],
) -> list[RegisterRow]:
    rows: list[RegisterRow] = []
    names: dict[str, int] = {}
    codes: dict[str, int] = {}
    for index in range(layout.first_data, len(grid)):
        cells = list(grid[index])
        number = index + 1

        def cell(key: str, cells: list[str] = cells) -> str:
            column = layout.columns.get(key)
            return cells[column].strip() if column is not None and column < len(cells) else ""

        filled = {c.strip() for c in cells if c.strip()}
        if not filled or (len(filled) == 1 and len([c for c in cells if c.strip()]) > 1):
            continue  # blank, or a section line merged across the row ("一、交通项目")
        name = cell("name")
        if name in TOTAL_ROWS or cell("code") in TOTAL_ROWS:
            continue
        before = len(problems)

        def bad(key: str, value: str, reason: str, number: int = number) -> None:
            problems.append(RowProblem(number, layout.labels.get(key, LABELS[key]), value, reason))

        if not name:
            bad("name", "", "缺少项目名称")
            continue
        if name in names:
            bad("name", name, f"与第{names[name]}行重复")
        names.setdefault(name, number)
        code = cell("code") or f"P{len(rows) + 1:03d}"
        if cell("code") and code in codes:
            bad("code", code, f"与第{codes[code]}行编号重复")
        codes.setdefault(code, number)
        period: Period | None = None
        try:
            period = parse_period(cell("period"))
        except ValueError as error:
            bad("period", cell("period"), str(error))
        if (
            period
            and plan.period_start
            and plan.period_end
            and (period.end.year < plan.period_start or period.start.year > plan.period_end)
        ):
            bad(
                "period",
                cell("period"),
                f"建设期不在规划期({plan.period_start}—{plan.period_end}年)内",
            )
        amounts: dict[str, Decimal | None] = {}
        for key in ("total", "plan_investment"):
            try:
                amounts[key] = parse_amount(cell(key), layout.units.get(key))
            except ValueError as error:
                bad(key, cell(key), str(error))
        total = amounts.get("total")
        if "total" in amounts and (total is None or total == 0):
            bad("total", cell("total"), "缺少总投资" if total is None else "总投资须大于0")
        planned = amounts.get("plan_investment")
        if total and planned is not None and planned > total:
            bad("plan_investment", cell("plan_investment"), f"超过总投资 {total} 万元")
        year_plans: dict[int, Decimal] = {}
        for year, column in layout.year_columns.items():
            text = cells[column].strip() if column < len(cells) else ""
            try:
                value = parse_amount(text, layout.units.get("year_plan"))
            except ValueError as error:
                problems.append(RowProblem(number, f"{year}年计划投资", text, str(error)))
                continue
            if value is None:
                continue
            if period and not period.start.year <= year <= period.end.year:
                problems.append(RowProblem(number, f"{year}年计划投资", text, "年份不在建设期内"))
            elif total and value > total:
                problems.append(RowProblem(number, f"{year}年计划投资", text, "超过总投资"))
            year_plans[year] = value
        nature = cell("nature")
        if nature and nature not in NATURES:
            bad("nature", nature, "建设性质应为 新建 或 续建")
        box_key = chapter_key = None
        if cell("box"):
            box = outline.box(cell("box"))
            if box is None:
                bad("box", cell("box"), "规划中没有这个专栏")
            else:
                box_key, chapter_key = box.key, outline.chapter_of(box.key)
        if cell("chapter"):
            chapter_key = outline.chapter(cell("chapter"))
            if chapter_key is None:
                bad("chapter", cell("chapter"), "规划中没有这一章")
        if len(problems) > before or period is None or total is None:
            continue
        texts = {k: cell(k) for k in ("content", "location", "nature", "funding", "owner", "note")}
        rows.append(
            RegisterRow(
                number,
                code,
                name,
                cell("period"),
                period,
                total,
                planned,
                year_plans,
                cell("department"),
                box_key,
                chapter_key,
                texts,
            )
        )
    return rows


def _new_project(
    plan: Plan,
    outline: PlanOutline,
    row: RegisterRow,
    departments: dict[str, Department],
    actor: str,
) -> ProjectRecord:
    texts = row.texts
    project = ProjectRecord(
        plan=plan,
        code=row.code,
        name=row.name,
        content=texts["content"],
        location=texts["location"],
        nature=texts["nature"],
        period_text=row.period_text,
        start_on=row.period.start,
        end_on=row.period.end,
        total_investment=row.total,
        plan_investment=row.plan_investment,
        funding_source=texts["funding"],
        owner=texts["owner"],
        department=departments.get(row.department),
        version_id=outline.version_id,
        box_key=row.box_key,
        chapter_key=row.chapter_key,
        note=texts["note"],
        origin="import",
        recorded_by=actor,
    )
    project.year_plans = [
        ProjectYearPlan(year=y, amount=a) for y, a in sorted(row.year_plans.items())
    ]
    # A 续建 project is under way by the register's own statement: its start is a fact.
    started = row.period.start if texts["nature"] == "续建" else None
    project.milestones = [
        ProjectMilestone(kind=MilestoneKind.START, planned_on=row.period.start, actual_on=started),
        ProjectMilestone(kind=MilestoneKind.COMPLETION, planned_on=row.period.end),
    ]
    return project


def _changed_years(project: ProjectRecord, year_plans: dict[int, Decimal]) -> bool:
    current = {p.year: p.amount for p in project.year_plans}
    return any(current.get(year) != amount for year, amount in year_plans.items())


def _merge_year_plans(project: ProjectRecord, year_plans: dict[int, Decimal]) -> None:
    """Set the file's planned investment by year."""
    current = {p.year: p for p in project.year_plans}
    for year, amount in year_plans.items():
        if year in current:
            current[year].amount = amount
        else:
            project.year_plans.append(ProjectYearPlan(year=year, amount=amount))
