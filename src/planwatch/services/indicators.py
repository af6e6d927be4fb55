"""Use case: people confirm and edit indicators, one by one or from the main-indicator table.

The main-indicator table (主要指标, usually 专栏1) is printed in every plan with columns like
指标 | 单位 | 2020年 | 2025年 | 年均增长/累计 | 属性. Importing it (CSV or XLSX) updates the
indicators it names and adds the others; its rows count as confirmed, because the table is
the plan's own statement of its targets. Cells are read as plans print them, by
:func:`planwatch.extract.table_cells.parse_cell`.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from planwatch.domain.amount import check_amounts
from planwatch.errors import InvalidInput, UnknownDepartment
from planwatch.extract.table_cells import (
    UNIT_IN_NAME,
    YEAR_HEADER,
    Cell,
    decreasing_name,
    parse_cell,
)
from planwatch.services.audit import record
from planwatch.services.catalogue import series_for
from planwatch.services.department_list import find_department
from planwatch.services.search import reindex_plan
from planwatch.services.tables import RowProblem, RowReport, Table, amount_problems
from planwatch.store.models import (
    Department,
    IndicatorRecord,
    IndicatorUnit,
    Plan,
    TargetRecord,
)

ATTRIBUTES = {
    "预期性": "expected",
    "约束性": "binding",
    "expected": "expected",
    "binding": "binding",
}
KINDS = (
    "level",
    "growth_rate",
    "cumulative",
    "ceiling",
    "floor",
    "change",
    "relational",
    "qualitative",
)
DIRECTIONS = ("increase", "decrease")

COLUMNS: dict[str, tuple[str, ...]] = {
    "name": ("指标", "指标名称", "name"),
    "unit": ("单位", "unit"),
    "growth": ("年均增长", "年均增长(%)", "年均增长（%）", "年均/累计", "年均增长/累计", "累计"),
    "attribute": ("属性", "指标属性", "attribute"),
    "department": ("责任单位", "牵头单位", "department"),
}


@dataclass(slots=True)
class TableReport(RowReport):
    """What a main-indicator table import did or would do."""

    updated: int = 0
    added: int = 0


@dataclass(frozen=True, slots=True)
class _Row:
    row: int
    name: str
    unit: str
    baseline: Cell | None
    target: Cell | None
    growth: Cell | None
    attribute: str
    department: str


def import_indicator_table(
    session: Session,
    plan: Plan,
    table: Table,
    actor: str,
    *,
    dry_run: bool = False,
    create_departments: bool = False,
) -> TableReport:
    """Apply a main-indicator table to the plan; any bad row means nothing is written.

    A 责任单位 the department list does not hold is a row problem unless
    ``create_departments`` (then it is added, audited).
    """
    report = TableReport(rows=len(table.rows), dry_run=dry_run)
    columns = table.resolve(COLUMNS)
    years = sorted(
        (int(m["year"]), i) for i, h in enumerate(table.header) if (m := YEAR_HEADER.match(h))
    )
    if "name" not in columns or not years:
        report.problems.append(
            RowProblem(
                1,
                "表头",
                "、".join(table.header),
                "需要「指标」列和至少一个年份列(如 2020年、2025年)",
            )
        )
        return report
    report.problems.extend(amount_problems(table, [i for _, i in years], "数值"))
    baseline_col = years[0] if len(years) > 1 else None
    target_year, target_col = years[-1]
    rows = _parse(table, columns, baseline_col[1] if baseline_col else None, target_col, report)
    for row in rows:  # an unknown unit is a question for a person, never a new department
        if row.department:
            try:
                if not dry_run:
                    find_department(session, row.department, create=create_departments, actor=actor)
                elif not create_departments:
                    department(session, row.department)
            except UnknownDepartment as error:
                report.problems.append(RowProblem(row.row, "责任单位", row.department, str(error)))
    if report.problems:
        return report
    by_name = {i.name: i for i in plan.indicators}
    for row in rows:
        indicator = by_name.get(row.name)
        if indicator is None:
            report.added += 1
        else:
            report.updated += 1
        if dry_run:
            continue
        if indicator is None:
            indicator = new_indicator(session, plan, row.name, row.unit)
            session.add(indicator)
            by_name[row.name] = indicator
        before = indicator_snapshot(indicator)
        _apply(session, indicator, row, baseline_col[0] if baseline_col else None, target_year)
        session.flush()
        record(
            session,
            actor,
            "indicator_table",
            "indicator",
            indicator.id,
            before,
            indicator_snapshot(indicator),
        )
    if not dry_run:
        reindex_plan(session, plan)
    return report


def _parse(
    table: Table,
    columns: dict[str, int],
    baseline_col: int | None,
    target_col: int,
    report: TableReport,
) -> list[_Row]:
    rows: list[_Row] = []
    seen: dict[str, int] = {}
    for number, cells in table.numbered_rows():
        name = cells[columns["name"]].strip()
        unit = cells[columns["unit"]].strip() if "unit" in columns else ""
        if not name:
            continue
        if not unit and (m := UNIT_IN_NAME.match(name)):
            name, unit = m["name"], m["unit"]
        if name in seen:
            report.problems.append(RowProblem(number, "指标", name, f"与第{seen[name]}行重复"))
            continue
        seen[name] = number
        attribute_text = cells[columns["attribute"]].strip() if "attribute" in columns else ""
        attribute = ATTRIBUTES.get(attribute_text or "预期性")
        if attribute is None:
            report.problems.append(
                RowProblem(number, "属性", attribute_text, "应为 预期性 或 约束性")
            )
            continue
        growth_text = cells[columns["growth"]].strip() if "growth" in columns else ""
        target_text = cells[target_col].strip()
        target, growth = parse_cell(target_text), parse_cell(growth_text)
        if target is None and growth is None and not target_text and not growth_text:
            report.problems.append(
                RowProblem(
                    number, table.header[target_col], target_text, "目标值和年均增长/累计都为空"
                )
            )
            continue
        baseline_text = cells[baseline_col].strip() if baseline_col is not None else ""
        department = cells[columns["department"]].strip() if "department" in columns else ""
        rows.append(
            _Row(
                number,
                name,
                unit or "—",
                parse_cell(baseline_text),
                target,
                growth,
                attribute,
                department,
            )
        )
    return rows


def new_indicator(session: Session, plan: Plan, name: str, unit: str) -> IndicatorRecord:
    """A plan's new indicator (origin: the main-indicator table), on its region's series."""
    position = len(plan.indicators) + 1
    codes = {i.code for i in plan.indicators}
    code = f"I{position:03d}"
    while code in codes:
        position += 1
        code = f"I{position:03d}"
    indicator = IndicatorRecord(
        code=code,
        position=position,
        name=name,
        unit=unit,
        origin="table",
        extracted_key=None,
        series=series_for(session, plan.region, name, unit, None),
    )
    plan.indicators.append(indicator)
    return indicator


def relink_series(session: Session, indicator: IndicatorRecord) -> None:
    """After a rename or a new unit, put a draft's empty series onto its new identity.

    A series that holds data stays: the data are of the indicator as it was named when they
    were entered, and moving them is a decision for a person (docs/data.md).
    """
    current = indicator.series
    if current is not None and current.observations:
        return
    indicator.series = series_for(
        session, indicator.plan.region, indicator.name, indicator.unit, indicator.scope
    )


def _apply(
    session: Session,
    indicator: IndicatorRecord,
    row: _Row,
    baseline_year: int | None,
    target_year: int,
) -> None:
    indicator.unit = row.unit
    indicator.attribute = row.attribute
    indicator.confirmed = True
    if row.baseline is not None and baseline_year is not None:
        indicator.baseline_year, indicator.baseline_value = baseline_year, row.baseline.value
    targets: list[TargetRecord] = []
    if row.target is not None:
        indicator.kind = _kind(row.target, indicator.name)
        targets.append(
            TargetRecord(value=row.target.value, year=target_year, comparator=row.target.comparator)
        )
    elif row.growth is not None:
        indicator.kind = (
            _kind(row.growth, indicator.name) if row.growth.cumulative else "growth_rate"
        )
        targets.append(
            TargetRecord(value=row.growth.value, year=target_year, comparator=row.growth.comparator)
        )
    else:
        indicator.kind = "qualitative"
    indicator.direction = (
        "decrease" if indicator.kind == "ceiling" or decreasing_name(indicator.name) else "increase"
    )
    if targets:
        indicator.targets = targets
    if row.department:
        indicator.department = department(session, row.department)
        lead_unit(session, indicator)


def _kind(cell: Cell, name: str) -> str:
    if cell.cumulative:
        return "change" if decreasing_name(name) else "cumulative"
    if cell.comparator in ("<", "<="):
        return "ceiling"
    return "level"


def department(session: Session, name: str, *, create: bool = False) -> Department:
    """The department a name denotes (its name, an alias or an abbreviation).

    An unknown name raises UnknownDepartment (an InvalidInput naming the candidates) unless
    ``create`` says to add it: a mistyped name never makes a second department.
    """
    return find_department(session, name, create=create)


def lead_unit(session: Session, indicator: IndicatorRecord) -> None:
    """Make the indicator's department its one lead unit (牵头) in ``indicator_unit``."""
    session.flush()
    units = session.scalars(
        select(IndicatorUnit).where(IndicatorUnit.indicator_id == indicator.id)
    ).all()
    for unit in units:
        if unit.role == "lead" and unit.department_id != indicator.department_id:
            session.delete(unit)
    if indicator.department_id is None:
        return
    same = next((u for u in units if u.department_id == indicator.department_id), None)
    if same is None:
        session.add(
            IndicatorUnit(
                indicator_id=indicator.id, department_id=indicator.department_id, role="lead"
            )
        )
    else:
        same.role = "lead"
    session.flush()


def indicator_snapshot(indicator: IndicatorRecord) -> dict[str, object]:
    """The editable fields of an indicator, for the audit log."""
    return {
        "code": indicator.code,
        "name": indicator.name,
        "unit": indicator.unit,
        "attribute": indicator.attribute,
        "kind": indicator.kind,
        "direction": indicator.direction,
        "baseline_year": indicator.baseline_year,
        "baseline_value": str(indicator.baseline_value)
        if indicator.baseline_value is not None
        else None,
        "targets": [[str(t.value), t.year, t.comparator, t.stretch] for t in indicator.targets],
        "department": indicator.department.name if indicator.department else None,
        "confirmed": indicator.confirmed,
        **{name: getattr(indicator, name) for name in METADATA if getattr(indicator, name)},
    }


@dataclass(frozen=True, slots=True)
class IndicatorChanges:
    """Fields a person may set on an indicator; None leaves a field as it is."""

    name: str | None = None
    unit: str | None = None
    attribute: str | None = None
    kind: str | None = None
    direction: str | None = None
    baseline_year: int | None = None
    baseline_value: Decimal | None = None
    target_value: Decimal | None = None
    target_year: int | None = None
    comparator: str | None = None
    stretch_value: Decimal | None = None
    department: str | None = None
    confirmed: bool | None = None
    # metadata the indicator page shows ("" clears a field)
    definition: str | None = None  # 指标解释
    measure_note: str | None = None  # 统计口径
    data_source: str | None = None  # 数据来源
    frequency: str | None = None  # 更新频率
    contact: str | None = None  # 联系人


METADATA = ("definition", "measure_note", "data_source", "frequency", "contact")


def edit_indicator(
    session: Session, indicator: IndicatorRecord, changes: IndicatorChanges, actor: str
) -> IndicatorRecord:
    """Apply a person's changes after checking each value; audited."""
    check_amounts(changes.baseline_value, changes.target_value, changes.stretch_value, where="指标")
    if changes.attribute is not None and changes.attribute not in ATTRIBUTES:
        raise InvalidInput(f"属性「{changes.attribute}」应为 预期性 或 约束性")
    if changes.kind is not None and changes.kind not in KINDS:
        raise InvalidInput(f"类型「{changes.kind}」应为 {'、'.join(KINDS)} 之一")
    if changes.direction is not None and changes.direction not in DIRECTIONS:
        raise InvalidInput(f"方向「{changes.direction}」应为 increase 或 decrease")
    if changes.comparator is not None and changes.comparator not in (">=", ">", "<=", "<", "="):
        raise InvalidInput(f"比较符「{changes.comparator}」应为 >= > <= < = 之一")
    before = indicator_snapshot(indicator)
    for name in (
        "name",
        "unit",
        "kind",
        "direction",
        "baseline_year",
        "baseline_value",
        "confirmed",
        *METADATA,
    ):
        value = getattr(changes, name)
        if value is not None:
            setattr(indicator, name, value)
    if changes.attribute is not None:
        indicator.attribute = ATTRIBUTES[changes.attribute]
    if changes.department is not None:
        indicator.department = (
            department(session, changes.department) if changes.department else None
        )
        lead_unit(session, indicator)
    _edit_targets(indicator, changes)
    if changes.name is not None or changes.unit is not None:
        relink_series(session, indicator)
    session.flush()
    reindex_plan(session, indicator.plan)
    record(session, actor, "edit", "indicator", indicator.id, before, indicator_snapshot(indicator))
    return indicator


def _edit_targets(indicator: IndicatorRecord, changes: IndicatorChanges) -> None:
    main = next((t for t in indicator.targets if not t.stretch), None)
    if changes.target_value is not None or changes.target_year is not None or changes.comparator:
        if main is None:
            if changes.target_value is None or changes.target_year is None:
                raise InvalidInput("新目标需要同时给出目标值和目标年份")
            main = TargetRecord(value=changes.target_value, year=changes.target_year)
            indicator.targets.append(main)
        if changes.target_value is not None:
            main.value = changes.target_value
        if changes.target_year is not None:
            main.year = changes.target_year
        if changes.comparator is not None:
            main.comparator = changes.comparator
    if changes.stretch_value is not None:
        stretch = next((t for t in indicator.targets if t.stretch), None)
        year = main.year if main else (indicator.plan.period_end or 0)
        if stretch is None:
            indicator.targets.append(
                TargetRecord(value=changes.stretch_value, year=year, stretch=True)
            )
        else:
            stretch.value = changes.stretch_value
