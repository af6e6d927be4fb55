"""Use case: annual targets (年度目标) — entry, template, validated import, assessment inputs.

An annual target is a revision like an observation: a new value adds a revision, the same
value again changes nothing, and who, when and where it came from (a document and its span,
or a person) stay with each. A data file is checked row by row first; a file with any bad
row writes nothing and returns a report naming row, column and reason.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from planwatch.assess.annual import AnnualGoal
from planwatch.domain.amount import check_amount
from planwatch.errors import Conflict, InvalidInput
from planwatch.extract.units import read_unit
from planwatch.services.audit import record
from planwatch.services.indicator_rows import indicator_rows, missing_columns
from planwatch.services.observations import (
    _check_year,
    _decimal,
    _integer,
    _year_range,
)
from planwatch.services.review import require_unlocked
from planwatch.services.tables import RowReport, Table, amount_problems
from planwatch.store.models import AnnualTargetRecord, IndicatorRecord, Plan, SourceDocument

COMPARATORS = (">=", ">", "<=", "<", "=")
# What a person may type for a comparator, and what it means.
COMPARATOR_WORDS = {
    ">=": ">=",
    "≥": ">=",
    "以上": ">=",
    "不低于": ">=",
    "达到": ">=",
    ">": ">",
    "超过": ">",
    "高于": ">",
    "<=": "<=",
    "≤": "<=",
    "以内": "<=",
    "不超过": "<=",
    "控制在": "<=",
    "<": "<",
    "低于": "<",
    "=": "=",
    "左右": "=",
}
COMPARATOR_NAMES = {">=": "不低于", ">": "高于", "<=": "不高于", "<": "低于", "=": "约为"}
YES = {"是", "y", "yes", "true", "1"}
MEASURE = {"": False, "总量": False, "水平值": False, "增长率": True, "增速": True}

COLUMNS: dict[str, tuple[str, ...]] = {
    "code": ("指标编号", "编号", "code"),
    "name": ("指标名称", "指标", "name", "indicator"),
    "year": ("年份", "年度", "year"),
    "comparator": ("比较符", "comparator"),
    "value": ("目标值", "数值", "value"),
    "unit": ("单位", "unit"),
    "measure": ("口径", "measure"),
    "approximate": ("左右", "约数", "approximate"),
    "source": ("来源", "目标来源", "source"),
}
TEMPLATE_HEADER = [names[0] for names in COLUMNS.values()]


@dataclass(frozen=True, slots=True)
class Span:
    """Where in a document a target was read."""

    line: int
    start: int
    end: int
    sentence: str


@dataclass(frozen=True, slots=True)
class TargetEntry:
    """What one annual target says, before it is stored."""

    year: int
    comparator: str
    value: Decimal
    unit: str
    growth_rate: bool = False
    approximate: bool = False
    source: str = ""


@dataclass(slots=True)
class TargetImportReport(RowReport):
    """What an annual-target import did or, in a dry run or with problems, would do."""

    added: int = 0
    unchanged: int = 0
    blank: int = 0


def _facts(item: AnnualTargetRecord | TargetEntry) -> tuple[object, ...]:
    growth = item.is_growth_rate if isinstance(item, AnnualTargetRecord) else item.growth_rate
    return (item.comparator, item.value, item.unit, growth, item.approximate)


def current_target(
    indicator: IndicatorRecord, year: int, session: Session, *, approved: bool = False
) -> AnnualTargetRecord | None:
    """The newest revision of an indicator's annual target for ``year`` (approved only if
    ``approved``)."""
    query = select(AnnualTargetRecord).where(
        AnnualTargetRecord.indicator_id == indicator.id, AnnualTargetRecord.year == year
    )
    if approved:
        query = query.where(AnnualTargetRecord.review_state == "approved")
    return session.scalars(query.order_by(AnnualTargetRecord.revision.desc())).first()


def check_entry(indicator: IndicatorRecord, entry: TargetEntry) -> TargetEntry:
    """Refuse what no annual target can be: an unknown comparator, a unit of another kind."""
    if entry.comparator not in COMPARATORS:
        raise InvalidInput(f"比较符「{entry.comparator}」应为 >= > <= < = 之一")
    check_amount(entry.value, f"{indicator.name} {entry.year} 年目标值")
    problem = unit_problem(indicator, entry.unit, entry.growth_rate)
    if problem:
        raise InvalidInput(f"{indicator.name}:{problem}")
    return entry


def unit_problem(indicator: IndicatorRecord, unit: str, growth_rate: bool) -> str | None:
    """Why ``unit`` cannot carry a target of the indicator, or None.

    A growth rate is in %; a level is in the indicator's unit or one convertible to it
    (万元 for an indicator in 亿元).
    """
    if growth_rate:
        return None if unit in ("%", "") else f"增长率目标的单位应为 %,不是「{unit}」"
    if unit in ("", indicator.unit) or convert(Decimal(1), unit, indicator.unit) is not None:
        return None
    return f"单位「{unit}」与指标单位「{indicator.unit}」不能换算"


def convert(value: Decimal, unit: str, to: str) -> Decimal | None:
    """``value`` in ``unit`` expressed in ``to``, or None when they measure different things.

    >>> convert(Decimal(51230), "万元", "亿元"), convert(Decimal(1), "万人", "亩")
    (Decimal('5.123'), None)
    """
    if unit == to:
        return value
    source, target = read_unit(unit), read_unit(to)
    if source is None or target is None or source.unit is None or target.unit is None:
        return None
    if source.base != target.base:
        return None
    one = target.to_base(Decimal(1))
    if one == 0:
        return None
    result = source.to_base(value) / one
    return result.normalize() if result == result.to_integral_value() else result


def add_annual_target(
    session: Session,
    indicator: IndicatorRecord,
    entry: TargetEntry,
    actor: str,
    *,
    review: str = "approved",
    document: SourceDocument | None = None,
    span: Span | None = None,
) -> AnnualTargetRecord | None:
    """Add a revision of (indicator, year)'s target unless it repeats the current one."""
    _check_year(indicator.plan, entry.year)
    require_unlocked(session, [indicator.plan_id], entry.year)
    if indicator.kind == "growth_rate" and not entry.growth_rate:
        # the indicator is a rate (年均增长): its annual target is the year's rate
        entry = replace(entry, growth_rate=True, unit=entry.unit or "%")
    entry = check_entry(indicator, entry)
    unit = entry.unit or ("%" if entry.growth_rate else indicator.unit)
    entry = TargetEntry(
        entry.year,
        entry.comparator,
        entry.value,
        unit,
        entry.growth_rate,
        entry.approximate,
        entry.source,
    )
    current = current_target(indicator, entry.year, session)
    if (
        current is not None
        and _facts(current) == _facts(entry)
        and current.review_state in ("approved", review)
    ):
        return None
    target = AnnualTargetRecord(
        indicator_id=indicator.id,
        year=entry.year,
        revision=current.revision + 1 if current else 1,
        comparator=entry.comparator,
        value=entry.value,
        unit=unit,
        is_growth_rate=entry.growth_rate,
        approximate=entry.approximate,
        source=entry.source[:500] or (document.name[:500] if document else actor),
        document_id=document.id if document else None,
        line=span.line if span else None,
        start=span.start if span else None,
        end=span.end if span else None,
        sentence=span.sentence if span else "",
        recorded_by=actor,
        recorded_at=datetime.now(UTC),
        review_state=review,
    )
    try:
        with session.begin_nested():
            session.add(target)
            session.flush()
    except IntegrityError as error:
        raise Conflict(f"{indicator.name} {entry.year} 年目标刚被他人修改,请刷新后重试") from error
    record(
        session,
        actor,
        "annual_target",
        "indicator",
        indicator.id,
        _snapshot(current) if current else None,
        _snapshot(target),
    )
    return target


def _snapshot(target: AnnualTargetRecord) -> dict[str, object]:
    return {
        "year": target.year,
        "revision": target.revision,
        "comparator": target.comparator,
        "value": str(target.value),
        "unit": target.unit,
        "growth_rate": target.is_growth_rate,
        "approximate": target.approximate,
        "source": target.source,
        "review_state": target.review_state,
    }


def pending_targets(session: Session, indicator: IndicatorRecord) -> int:
    """How many of an indicator's annual targets wait for review (待审核)."""
    query = select(AnnualTargetRecord).where(
        AnnualTargetRecord.indicator_id == indicator.id,
        AnnualTargetRecord.review_state == "submitted",
    )
    return len(list(session.scalars(query)))


def plan_targets(
    session: Session, plan: Plan, *, approved: bool = True, year: int | None = None
) -> list[AnnualTargetRecord]:
    """The current annual target of every indicator and year of a plan (newest revision;
    of the approved ones if ``approved``), by indicator position then year."""
    ids = [i.id for i in plan.indicators]
    if not ids:
        return []
    query = select(AnnualTargetRecord).where(AnnualTargetRecord.indicator_id.in_(ids))
    if approved:
        query = query.where(AnnualTargetRecord.review_state == "approved")
    if year is not None:
        query = query.where(AnnualTargetRecord.year == year)
    newest: dict[tuple[int, int], AnnualTargetRecord] = {}
    for target in session.scalars(query):
        key = (target.indicator_id, target.year)
        if key not in newest or target.revision > newest[key].revision:
            newest[key] = target
    order = {i.id: n for n, i in enumerate(plan.indicators)}
    return sorted(newest.values(), key=lambda t: (order[t.indicator_id], t.year))


def goal_of(target: AnnualTargetRecord, indicator_unit: str) -> AnnualGoal:
    """The assessable goal of a stored target, a level converted to the indicator's unit."""
    value, unit = target.value, target.unit
    if not target.is_growth_rate and unit != indicator_unit:
        converted = convert(value, unit, indicator_unit)
        if converted is not None:
            value, unit = converted, indicator_unit
    return AnnualGoal(
        year=target.year,
        comparator=target.comparator,  # type: ignore[arg-type]
        value=value,
        unit=unit,
        growth_rate=target.is_growth_rate,
        approximate=target.approximate,
    )


def describe(target: AnnualTargetRecord | AnnualGoal) -> str:
    """A target as a sentence says it: "增长 6.5% 左右", "不低于 1.1 万人".

    >>> describe(AnnualGoal(2024, "=", Decimal("6.5"), "%", True, True))
    '增长 6.5% 左右'
    """
    growth = target.growth_rate if isinstance(target, AnnualGoal) else target.is_growth_rate
    number = format(target.value.normalize(), "f")
    unit = target.unit
    amount = f"{number}{unit}" if unit in ("%", "") else f"{number} {unit}"
    word = "增长 " if growth else ""
    if target.approximate:
        named = "" if target.comparator == "=" else COMPARATOR_NAMES[target.comparator]
        return f"{named}{word}{amount} 左右"
    return (
        f"{word}{COMPARATOR_NAMES[target.comparator]} {amount}"
        if growth
        else (f"{COMPARATOR_NAMES[target.comparator]} {amount}")
    )


def import_annual_targets(
    session: Session,
    plan: Plan,
    table: Table,
    actor: str,
    *,
    dry_run: bool = False,
    may_edit: Callable[[IndicatorRecord], bool] | None = None,
    review: str = "approved",
) -> TargetImportReport:
    """Validate every row of ``table``; write only when all are good and it is no dry run."""
    report = TargetImportReport(rows=len(table.rows), dry_run=dry_run)
    columns = table.resolve(COLUMNS)
    if (header := missing_columns(table, columns, COLUMNS)) is not None:
        report.problems.append(header)
        return report
    report.problems.extend(amount_problems(table, [columns.get("value")], COLUMNS["value"][0]))
    rows = _parse_rows(plan, table, columns, report, may_edit)
    if report.problems:
        return report
    for indicator, entry in rows:
        current = current_target(indicator, entry.year, session)
        unit = entry.unit or ("%" if entry.growth_rate else indicator.unit)
        same = (
            current is not None
            and _facts(current)
            == (entry.comparator, entry.value, unit, entry.growth_rate, entry.approximate)
            and current.review_state in ("approved", review)
        )
        if same:
            report.unchanged += 1
            continue
        report.added += 1
        if not dry_run:
            add_annual_target(session, indicator, entry, actor, review=review)
    return report


def _parse_rows(
    plan: Plan,
    table: Table,
    columns: dict[str, int],
    report: TargetImportReport,
    may_edit: Callable[[IndicatorRecord], bool] | None,
) -> list[tuple[IndicatorRecord, TargetEntry]]:
    low, high = _year_range(plan)
    seen: dict[tuple[int, int], int] = {}
    found: list[tuple[IndicatorRecord, TargetEntry]] = []
    for row in indicator_rows(plan, table, columns, COLUMNS, report):
        number, cell, problem, indicator = row.number, row.cell, row.problem, row.indicator
        reference = row.reference
        if may_edit is not None and not may_edit(indicator):
            problem(reference, "无权修改该指标(不属于本部门)")
            continue
        year = _integer(cell("year"))
        value = _decimal(cell("value"))
        comparator = COMPARATOR_WORDS.get(cell("comparator") or ">=")
        growth = MEASURE.get(cell("measure"))
        if growth is False and indicator.kind == "growth_rate":
            growth = True  # a rate indicator's annual target is the year's rate
        bad = False
        if year is None:
            problem("year", "年份应为四位整数")
            bad = True
        elif not low <= year <= high:
            problem("year", f"年份不在规划期附近({low}–{high})")
            bad = True
        if value is None:
            problem("value", "不是数字")
            bad = True
        if comparator is None:
            problem("comparator", "比较符应为 >= > <= < = 或 以上、以内、左右")
            bad = True
        if growth is None:
            problem("measure", "口径应为 总量 或 增长率")
            bad = True
        elif (reason := unit_problem(indicator, cell("unit"), growth)) is not None:
            problem("unit", reason)
            bad = True
        if bad or year is None or value is None or comparator is None or growth is None:
            continue
        if (indicator.id, year) in seen:
            problem("year", f"与第{seen[(indicator.id, year)]}行重复(同一指标同一年份)")
            continue
        seen[(indicator.id, year)] = number
        approximate = cell("approximate").lower() in YES or cell("comparator") == "左右"
        found.append(
            (
                indicator,
                TargetEntry(
                    year, comparator, value, cell("unit"), growth, approximate, cell("source")
                ),
            )
        )
    return found


def template_rows(session: Session, plan: Plan, years: Iterable[int]) -> list[list[object]]:
    """One row per indicator and year, the current target filled in: re-importing a filled-in
    template changes nothing."""
    rows: list[list[object]] = []
    for indicator in plan.indicators:
        for year in years:
            current = current_target(indicator, year, session)
            rows.append(
                [
                    indicator.code,
                    indicator.name,
                    year,
                    current.comparator if current else "",
                    current.value if current else "",
                    current.unit if current else indicator.unit,
                    ("增长率" if current.is_growth_rate else "总量") if current else "",
                    ("是" if current.approximate else "否") if current else "",
                    current.source if current else "",
                ]
            )
    return rows
