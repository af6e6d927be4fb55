"""Use case: observed values of a plan's indicators — entry, template, validated import.

A data file (CSV or XLSX, the layout :func:`write_template` produces) is checked row by row
first; a file with any bad row writes nothing and returns a report naming row, column and
reason. A good file adds a new revision for every value that differs from the current one
and skips the rest, so importing the same file twice changes nothing. Revisions are never
overwritten: who, when, source and status (初步/最终/修订) stay with each.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from planwatch.domain.amount import check_amount
from planwatch.errors import Conflict, InvalidInput, NotFound
from planwatch.services.audit import record
from planwatch.services.entry_checks import (
    EntryCheckRules,
    ImplausibleValue,
    check_entry,
    level_history,
    parse_entered,
)
from planwatch.services.indicator_rows import indicator_rows, missing_columns
from planwatch.services.review import require_unlocked
from planwatch.services.tables import RowProblem, RowReport, Table, amount_problems
from planwatch.store.models import IndicatorRecord, ObservationRecord, Plan, ProgressNote, Series

STATUS_LABELS = {"初步": "preliminary", "最终": "final", "修订": "revised"}
STATUS_NAMES = {value: key for key, value in STATUS_LABELS.items()}
MEASURE_LABELS = {"总量": False, "水平值": False, "": False, "增长率": True}
YES = {"是", "y", "yes", "true", "1", "模拟"}

# Column names a data file may use for each field; the first is the template's.
COLUMNS: dict[str, tuple[str, ...]] = {
    "code": ("指标编号", "编号", "code"),
    "name": ("指标名称", "指标", "name", "indicator"),
    "unit": ("单位", "unit"),
    "year": ("年份", "年度", "year"),
    "value": ("数值", "值", "value"),
    "measure": ("口径", "measure"),
    "status": ("状态", "数据状态", "status"),
    "source": ("来源", "数据来源", "source"),
    "note": ("备注", "note"),
    "simulated": ("模拟数据", "simulated"),
}
YEARS_BEFORE_PERIOD = 10  # history accepted before the plan's first year
YEARS_AFTER_PERIOD = 5


@dataclass(slots=True)
class ImportReport(RowReport):
    """What a data import did or, in a dry run or with problems, would do."""

    added: int = 0
    unchanged: int = 0
    blank: int = 0


@dataclass(frozen=True, slots=True)
class _Value:
    row: int
    indicator: IndicatorRecord
    year: int
    value: Decimal
    is_growth_rate: bool
    status: str
    source: str
    note: str
    simulated: bool


def add_observation(
    session: Session,
    indicator: IndicatorRecord,
    year: int,
    value: Decimal,
    actor: str,
    *,
    status: str = "final",
    source: str = "",
    note: str = "",
    is_growth_rate: bool = False,
    simulated: bool = False,
    review: str = "approved",
    checks: EntryCheckRules | None = None,
    confirm: bool = False,
) -> ObservationRecord | None:
    """Add a revision for (indicator, year) unless it repeats the current one; None if unchanged.

    ``review`` is its state in the review workflow (an editor's value is ``submitted``); a
    locked year is refused (services/review.py). With ``checks`` (a person's entry), an
    implausible value raises :class:`ImplausibleValue` unless ``confirm``; the confirmed
    checks are kept on the revision.
    """
    _check_year(indicator.plan, year)
    require_unlocked(session, [indicator.plan_id], year)
    if indicator.series is None:
        raise InvalidInput(f"指标 {indicator.code} 还没有数据系列")
    confirmed = ""
    value = check_amount(value, f"{indicator.name} {year} 年数值")
    current = current_observation(indicator, year)
    if checks is not None and (current is None or current.value != value):
        found = check_entry(
            indicator, year, value, checks, is_growth_rate=is_growth_rate,
            history=level_history(indicator.observations),
        )  # fmt: skip
        if found and not confirm:
            raise ImplausibleValue(f"{indicator.name} {year} 年数值 {value}", found)
        confirmed = ",".join(check.code for check in found)
    observation = add_series_value(
        session,
        indicator.series,
        year,
        value,
        actor,
        Revision(status, source, note, is_growth_rate, simulated, review, confirmed),
        label=indicator.name,
        audit=("indicator", indicator.id),
    )
    if observation is not None:
        session.expire(indicator, ["observations"])
    return observation


@dataclass(frozen=True, slots=True)
class Revision:
    """What a new revision says besides its value: status, source, note, flags."""

    status: str = "final"
    source: str = ""
    note: str = ""
    is_growth_rate: bool = False
    simulated: bool = False
    review: str = "approved"  # draft / submitted / approved (docs/tasks.md)
    confirmed_checks: str = ""  # the entry checks the person confirmed: "jump,unit_slip"


def add_series_value(
    session: Session,
    series: Series,
    year: int,
    value: Decimal,
    actor: str,
    revision: Revision,
    *,
    label: str,
    audit: tuple[str, int],
) -> ObservationRecord | None:
    """Add a revision of a series' value for ``year`` unless it repeats the current one.

    Two people writing the same year at once would take the same revision number: the
    second gets :class:`Conflict` (409) instead of a half-written row.
    """
    value = check_amount(value, f"{label} {year} 年数值")
    current = next(iter(newest_revisions(o for o in series.observations if o.year == year)), None)
    facts = (revision.status, revision.source, revision.is_growth_rate, revision.simulated)
    if (
        current is not None
        and (
            current.value,
            current.status,
            current.source,
            current.is_growth_rate,
            current.simulated,
        )
        == (value, *facts)
        and current.review_state in ("approved", revision.review)
    ):
        # the same value again is no change, unless it now comes approved over a pending one
        return None
    observation = ObservationRecord(
        series_id=series.id,
        year=year,
        revision=(current.revision + 1) if current else 1,
        value=value,
        status=revision.status,
        source=revision.source,
        note=revision.note,
        is_growth_rate=revision.is_growth_rate,
        simulated=revision.simulated,
        review_state=revision.review,
        confirmed_checks=revision.confirmed_checks,
        recorded_by=actor,
        recorded_at=datetime.now(UTC),
    )
    try:
        with session.begin_nested():  # a concurrent writer took this revision number first
            session.add(observation)
            session.flush()
    except IntegrityError as error:
        raise Conflict(f"{label} {year} 年的数据刚被他人修改,请刷新后重试") from error
    session.expire(series, ["observations"])
    entity, entity_id = audit
    record(
        session,
        actor,
        "observe",
        entity,
        entity_id,
        _snapshot(current) if current else None,
        _snapshot(observation),
    )
    return observation


def current_observation(indicator: IndicatorRecord, year: int) -> ObservationRecord | None:
    revisions = [o for o in indicator.observations if o.year == year]
    return max(revisions, key=lambda o: o.revision) if revisions else None


def current_observations(indicator: IndicatorRecord) -> list[ObservationRecord]:
    """The newest revision of every year, oldest year first."""
    return newest_revisions(indicator.observations)


def newest_revisions(revisions: Iterable[ObservationRecord]) -> list[ObservationRecord]:
    """Of many revisions, the newest of each year, oldest year first."""
    newest: dict[int, ObservationRecord] = {}
    for observation in revisions:
        kept = newest.get(observation.year)
        if kept is None or observation.revision > kept.revision:
            newest[observation.year] = observation
    return [newest[year] for year in sorted(newest)]


def _snapshot(observation: ObservationRecord) -> dict[str, object]:
    return {
        "year": observation.year,
        "revision": observation.revision,
        "value": str(observation.value),
        "status": observation.status,
        "source": observation.source,
        "simulated": observation.simulated,
        **({"confirmed_checks": observation.confirmed_checks} if observation.confirmed_checks
           else {}),
    }  # fmt: skip


def _check_year(plan: Plan, year: int) -> None:
    low, high = _year_range(plan)
    if not low <= year <= high:
        raise InvalidInput(f"年份 {year} 不在规划期附近({low}–{high})")


def _year_range(plan: Plan) -> tuple[int, int]:
    start = plan.period_start or 1950
    end = plan.period_end or datetime.now(UTC).year
    return start - YEARS_BEFORE_PERIOD, end + YEARS_AFTER_PERIOD


def find_indicator(plan: Plan, reference: str) -> IndicatorRecord:
    """An indicator of the plan by code ("I003") or exact name."""
    for indicator in plan.indicators:
        if reference in (indicator.code, indicator.name):
            return indicator
    raise NotFound(f"规划中没有指标:{reference}")


def import_observations(
    session: Session,
    plan: Plan,
    table: Table,
    actor: str,
    *,
    dry_run: bool = False,
    may_edit: Callable[[IndicatorRecord], bool] | None = None,
    review: str = "approved",
    checks: EntryCheckRules | None = None,
    confirm: bool = False,
) -> ImportReport:
    """Validate every row of ``table``; write only when all are good and it is no dry run.

    ``may_edit`` limits the indicators the importer may change (a department editor's own);
    a row for another indicator is a bad row unless it repeats the current value (a row of
    the full template left as it was). ``review`` is the new values' review state. With
    ``checks``, an implausible value is a bad row unless ``confirm`` (then recorded).
    """
    report = ImportReport(rows=len(table.rows), dry_run=dry_run)
    columns = table.resolve(COLUMNS)
    if (header := missing_columns(table, columns, COLUMNS)) is not None:
        report.problems.append(header)
        return report
    report.problems.extend(amount_problems(table, [columns.get("value")], COLUMNS["value"][0]))
    values = _parse_rows(plan, table, columns, report, may_edit)
    if checks is not None and not confirm:
        report.problems.extend(_implausible(values, checks))
    if report.problems:
        return report
    # oldest year first, so that each value's checks compare with the one written before it
    for value in sorted(values, key=lambda v: (v.indicator.id, v.year)):
        current = current_observation(value.indicator, value.year)
        same = current is not None and (
            current.value,
            current.status,
            current.source,
            current.is_growth_rate,
            current.simulated,
        ) == (value.value, value.status, value.source, value.is_growth_rate, value.simulated)
        same = same and current is not None and current.review_state in ("approved", review)
        if same:
            report.unchanged += 1
            continue
        report.added += 1
        if not dry_run:
            add_observation(
                session,
                value.indicator,
                value.year,
                value.value,
                actor,
                status=value.status,
                source=value.source,
                note=value.note,
                is_growth_rate=value.is_growth_rate,
                simulated=value.simulated,
                review=review,
                checks=checks,
                confirm=confirm,
            )
    return report


def _implausible(values: list[_Value], rules: EntryCheckRules) -> list[RowProblem]:
    """A problem for every value the entry checks question, against the stored values with
    the file's other values of the same indicator laid over them."""
    history: dict[int, dict[int, Decimal]] = {}
    for value in values:
        if value.indicator.id not in history:
            history[value.indicator.id] = level_history(value.indicator.observations)
        if not value.is_growth_rate:
            history[value.indicator.id][value.year] = value.value
    problems: list[RowProblem] = []
    for value in values:
        current = current_observation(value.indicator, value.year)
        if current is not None and current.value == value.value:
            continue
        found = check_entry(
            value.indicator, value.year, value.value, rules,
            is_growth_rate=value.is_growth_rate, history=history[value.indicator.id],
        )  # fmt: skip
        if found:
            reasons = ";".join(check.message for check in found)
            problems.append(
                RowProblem(
                    value.row,
                    COLUMNS["value"][0],
                    str(value.value),
                    f"{reasons}。如确认无误,请勾选「确认异常值」"
                    "(命令行加 --confirm-checks)后重新导入",
                )
            )
    return sorted(problems, key=lambda p: p.row)


def _parse_rows(
    plan: Plan,
    table: Table,
    columns: dict[str, int],
    report: ImportReport,
    may_edit: Callable[[IndicatorRecord], bool] | None,
) -> list[_Value]:
    low, high = _year_range(plan)
    seen: dict[tuple[int, int], int] = {}
    values: list[_Value] = []
    for row in indicator_rows(plan, table, columns, COLUMNS, report):
        number, cell, problem, indicator = row.number, row.cell, row.problem, row.indicator
        year = _integer(cell("year"))
        entered = _entered(cell("value"), indicator.unit)
        value = entered if isinstance(entered, Decimal) else None
        if may_edit is not None and not may_edit(indicator):
            current = current_observation(indicator, year) if year is not None else None
            if current is not None and value == current.value:
                report.unchanged += 1  # a row of another department, left as it was
                continue
            problem("code" if cell("code") else "name", "无权修改该指标(不属于本部门)")
            continue
        ok = True
        if year is None:
            problem("year", "年份应为四位整数")
            ok = False
        elif not low <= year <= high:
            problem("year", f"年份不在规划期附近({low}–{high})")
            ok = False
        if isinstance(entered, str):
            problem("value", entered)
            ok = False
        if cell("unit") and cell("unit") != indicator.unit:
            problem("unit", f"与指标单位「{indicator.unit}」不一致")
            ok = False
        status = STATUS_LABELS.get(cell("status") or "最终")
        if status is None:
            problem("status", "状态应为 初步、最终 或 修订")
            ok = False
        measure = MEASURE_LABELS.get(cell("measure"))
        if measure is None:
            problem("measure", "口径应为 总量 或 增长率")
            ok = False
        if not ok or year is None or value is None or status is None or measure is None:
            continue
        if (indicator.id, year) in seen:
            problem("year", f"与第{seen[(indicator.id, year)]}行重复(同一指标同一年份)")
            continue
        seen[(indicator.id, year)] = number
        values.append(
            _Value(
                number,
                indicator,
                year,
                value,
                measure,
                status,
                cell("source"),
                cell("note"),
                cell("simulated").lower() in YES,
            )
        )
    return values


def _entered(text: str, unit: str) -> Decimal | str:
    """A value cell in the indicator's unit ("120亿元" for 万元 converts), or why it is none."""
    try:
        return parse_entered(text, unit)
    except InvalidInput as error:
        return str(error)


def _integer(text: str) -> int | None:
    """A whole number, also as a spreadsheet writes it ("2022.0").

    >>> _integer("2022"), _integer("2022.0"), _integer("二〇二二"), _integer("2022.5")
    (2022, 2022, None, None)
    """
    number = _decimal(text)
    if number is None or number != number.to_integral_value():
        return None
    return int(number)


def _decimal(text: str) -> Decimal | None:
    """A number cell: thousands separators and full-width digits allowed, nothing else.

    >>> _decimal("1,234.5"), _decimal("１２"), _decimal("12亿"), _decimal("NaN")
    (Decimal('1234.5'), Decimal('12'), None, None)
    """
    cleaned = text.replace(",", "").replace(" ", "").translate(_FULL_WIDTH_DIGITS)
    try:
        number = Decimal(cleaned)
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


_FULL_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９．－", "0123456789.-")


TEMPLATE_HEADER = [names[0] for names in COLUMNS.values()]


def template_rows(
    plan: Plan, only: Callable[[IndicatorRecord], bool] | None = None
) -> list[list[object]]:
    """One row per indicator and year of the plan, current values filled in.

    ``only`` keeps some indicators (a department's own: its template has no other rows).

    Years run from the indicator's baseline year (or the year before the period) to the
    period's last year, plus any earlier year that has a value, so a department sees at once
    which years are still empty and a filled-in template re-imports without changes.
    """
    start = (plan.period_start or datetime.now(UTC).year) - 1
    end = plan.period_end or start + 5
    rows: list[list[object]] = []
    for indicator in plan.indicators:
        if only is not None and not only(indicator):
            continue
        years = set(range(min(indicator.baseline_year or start, start), end + 1))
        for year in sorted(years | {o.year for o in indicator.observations}):
            current = current_observation(indicator, year)
            rows.append(
                [
                    indicator.code,
                    indicator.name,
                    indicator.unit,
                    year,
                    current.value if current else "",
                    "增长率" if current and current.is_growth_rate else "总量",
                    STATUS_NAMES[current.status] if current else "",
                    current.source if current else "",
                    current.note if current else "",
                    ("是" if current.simulated else "否") if current else "",
                ]
            )
    return rows


def set_progress_note(
    session: Session,
    indicator: IndicatorRecord,
    year: int,
    reason: str,
    measures: str,
    actor: str,
    review: str = "approved",
) -> ProgressNote:
    """Record why an indicator stands where it does in ``year`` and what is being done.

    ``review`` is the note's new state in the review workflow; a locked year is refused.
    """
    _check_year(indicator.plan, year)
    require_unlocked(session, [indicator.plan_id], year)
    if not reason.strip() and not measures.strip():
        raise InvalidInput("原因和措施不能都为空")
    note = next((n for n in indicator.notes if n.year == year), None)
    before: dict[str, object] | None = (
        {"reason": note.reason, "measures": note.measures} if note else None
    )
    if note is None:
        note = ProgressNote(year=year)
        indicator.notes.append(note)
    note.reason, note.measures = reason.strip(), measures.strip()
    note.recorded_by, note.recorded_at = actor, datetime.now(UTC)
    note.review_state = review
    session.flush()
    record(
        session,
        actor,
        "note",
        "indicator",
        indicator.id,
        before,
        {"year": year, "reason": note.reason, "measures": note.measures},
    )
    return note
