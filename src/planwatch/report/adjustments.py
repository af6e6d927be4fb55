"""The section on approved adjustments (规划调整): which targets changed, by whose approval."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from planwatch.domain.indicator import Comparator, Indicator, Target
from planwatch.report.model import Paragraph, Section, Table
from planwatch.report.numbers import target_text
from planwatch.services.overview import PlanOverview, TargetAdjustment

HEADER = ("指标", "调整前目标", "调整后目标", "批准机关及文号", "批准日期", "生效年份", "调整理由")


def _target(view_target: Target | None, change: tuple[Decimal, int, str]) -> Target | None:
    """The indicator's target with the value, year and comparator of one side of a change."""
    if view_target is None:
        return None
    value, year, comparator = change
    sign: Comparator = comparator  # type: ignore[assignment]  # checked when it was recorded
    return replace(view_target, value=value, year=year, comparator=sign)


def adjustments_section(overview: PlanOverview) -> Section | None:
    """规划调整情况: one row per adjusted target; None when no target was adjusted."""
    rows: list[tuple[str, ...]] = []
    bodies: set[str] = set()
    for view in overview.adjusted:
        indicator = view.indicator
        for change in view.adjustments:
            main = next((t for t in indicator.targets if t.stretch == change.stretch), None)
            rows.append(_row(indicator, main, change))
            bodies.add(change.approved_by)
    if not rows:
        return None
    lead = Paragraph(
        f"规划实施期间,经{'、'.join(sorted(bodies))}批准,调整了{len(overview.adjusted)}项指标的"
        f"目标(共{len(rows)}处)。评估各年度时采用当年已生效的目标,调整前后的目标如下表。"
    )
    return Section("规划调整情况", (lead, Table("经批准调整的目标", HEADER, tuple(rows))))


def _row(indicator: Indicator, main: Target | None, change: TargetAdjustment) -> tuple[str, ...]:
    before = _target(main, change.old)
    after = _target(main, change.new)
    return (
        indicator.name + ("(力争)" if change.stretch else ""),
        target_text(indicator, before),
        target_text(indicator, after),
        f"{change.approved_by}{' ' + change.document_number if change.document_number else ''}",
        f"{change.decided_on.year}年{change.decided_on.month}月{change.decided_on.day}日",
        f"{change.effective_year}年起",
        change.reason or "—",
    )
