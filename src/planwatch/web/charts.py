"""The data an indicator's charts draw (rendered by static/app.js with ECharts): its trajectory
against the five-year target and its annual targets against the values reached."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from planwatch.assess.cumulative import running_totals
from planwatch.domain.indicator import TargetKind
from planwatch.services.annual import AnnualView
from planwatch.services.overview import IndicatorView
from planwatch.web.labels import comparator_symbol


def _num(value: Decimal | None) -> float | None:
    return float(value) if value is not None and value.is_finite() else None


def trajectory(view: IndicatorView) -> dict[str, Any]:
    """Series for the chart: observations, baseline, time-proportional path, targets, projection.

    The path runs straight from the baseline to the main target: where the value would stand
    each year if progress kept pace with time (序时进度).
    """
    indicator = view.indicator
    a = view.assessment
    target = indicator.main_target
    stretch = indicator.stretch_target
    baseline_year, baseline_value, _ = baseline_used(view)
    if a is not None and a.baseline_year is not None and baseline_year is None:
        baseline_year = a.baseline_year
    if indicator.kind is TargetKind.CUMULATIVE and target and baseline_year:
        return _cumulative(view, baseline_year)
    levels = [o for o in view.observations if not o.is_growth_rate]
    years = sorted(
        {o.year for o in levels}
        | {y for y in (baseline_year, target.year if target else None) if y}
    )
    path: list[list[float | None]] = []
    if target and baseline_year and baseline_value is not None and target.year > baseline_year:
        path = [[baseline_year, _num(baseline_value)], [target.year, _num(target.value)]]
    projection: list[list[float | None]] = []
    if a is not None and a.latest is not None and a.projected_value is not None and target:
        projection = [[a.latest.year, _num(a.latest.value)], [target.year, _num(a.projected_value)]]
    return {
        "name": indicator.name,
        "unit": indicator.unit,
        "years": years,
        "observations": [[o.year, _num(o.value), o.status.value, o.simulated] for o in levels],
        "baseline": [baseline_year, _num(baseline_value)] if baseline_value is not None else None,
        "target": {
            "year": target.year,
            "value": _num(target.value),
            "comparator": target.comparator,
        }
        if target
        else None,
        "stretch": {"year": stretch.year, "value": _num(stretch.value)} if stretch else None,
        "path": path,
        "projection": projection,
    }


def _cumulative(view: IndicatorView, start: int) -> dict[str, Any]:
    """A cumulative target (累计 X): the running total from 0 at the baseline year, its path
    to X at T and the engine's projection of the total, in the same series as a level."""
    indicator, a, target = view.indicator, view.assessment, view.indicator.main_target
    if target is None:  # pragma: no cover - the caller checks
        raise ValueError("a cumulative chart needs a target")
    levels = {o.year: o for o in view.observations if not o.is_growth_rate}
    totals = running_totals(((y, o.value) for y, o in levels.items()), start)
    projection: list[list[float | None]] = []
    if a is not None and a.projected_value is not None and totals:
        last_year, last_total = totals[-1]
        projection = [[last_year, _num(last_total)], [target.year, _num(a.projected_value)]]
    return {
        "name": f"{indicator.name}(累计)",
        "unit": indicator.unit,
        "years": sorted({start, target.year, *(y for y, _ in totals)}),
        "observations": [
            [y, _num(total), levels[y].status.value, levels[y].simulated] for y, total in totals
        ],
        "baseline": [start, 0.0],
        "target": {
            "year": target.year,
            "value": _num(target.value),
            "comparator": target.comparator,
        },
        "stretch": None,
        "path": [[start, 0.0], [target.year, _num(target.value)]] if target.year > start else [],
        "projection": projection,
    }


def baseline_used(view: IndicatorView) -> tuple[int | None, Decimal | None, bool]:
    """The baseline the assessment rests on (year, value, taken from the data).

    The plan's own baseline when it states one; else the one the engine took from the
    period and the data (the last value of the year before the period), which the pages
    show in the 基期 column so that a reader sees what P is measured from.
    """
    indicator, a = view.indicator, view.assessment
    if a is None or indicator.baseline_value is not None:
        return indicator.baseline_year, indicator.baseline_value, False
    year_text = a.inputs.get("baseline_year", "")
    value = a.inputs.get("baseline_value")
    year = int(year_text) if year_text.isdigit() else indicator.baseline_year
    used = Decimal(value) if value and _is_number(value) else None
    return year, used, used is not None


def _is_number(text: str) -> bool:
    try:
        Decimal(text)
    except ArithmeticError:
        return False
    return True


def chart_rows(view: IndicatorView) -> list[dict[str, Any]]:
    """The chart as a table, one row per year: observed value, the time-proportional path
    and the projection at that year, and what the year is (基期, 目标年).

    The path at year y is the straight line from the baseline to the target:
    x₀ + (X − x₀)·(y − t₀)/(T − t₀).
    """
    data = trajectory(view)
    observed = {row[0]: row for row in data["observations"]}
    path, projection = data["path"], data["projection"]
    target, baseline = data["target"], data["baseline"]
    rows = []
    for year in data["years"]:
        notes = []
        if baseline and baseline[0] == year:
            notes.append(f"基期 {_text(baseline[1])}")
        if target and target["year"] == year:
            notes.append(f"目标 {comparator_symbol(target['comparator'])} {_text(target['value'])}")
        found = observed.get(year)
        if found and found[2] == "preliminary":
            notes.append("初步数")
        if found and found[3]:
            notes.append("模拟数据")
        rows.append(
            {
                "year": year,
                "observed": _decimal(found[1]) if found else None,
                "path": _decimal(_between(path, year)),
                "projection": _decimal(_between(projection, year)),
                "note": ",".join(notes),
            }
        )
    return rows


def _between(line: list[list[float | None]], year: int) -> float | None:
    """The value of a two-point line at ``year``, None outside it."""
    if len(line) != 2:
        return None
    (x0, y0), (x1, y1) = line
    if x0 is None or x1 is None or y0 is None or y1 is None or not x0 <= year <= x1 or x1 == x0:
        return None
    return y0 + (y1 - y0) * (year - x0) / (x1 - x0)


def _decimal(value: float | None) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def _text(value: float | None) -> str:
    return "—" if value is None else format(Decimal(str(value)).normalize(), "f")


def annual_chart(views: tuple[AnnualView, ...]) -> dict[str, Any] | None:
    """Each year's annual target beside the value reached, for ``annualChart`` in app.js.

    Drawn only when the targets are stated one way — all growth rates, or all levels in one
    unit — so that one axis holds them; the table beside it always holds every target.
    """
    ways = {(view.goal.growth_rate, view.goal.unit) for view in views}
    if len(ways) != 1:
        return None
    growth_rate, unit = ways.pop()
    return {
        "unit": "%" if growth_rate else unit,
        "growth_rate": growth_rate,
        "years": [view.year for view in views],
        "targets": [_num(view.goal.value) for view in views],
        "actuals": [_num(view.assessment.actual) for view in views],
        "statuses": [view.assessment.status.label for view in views],
    }
