"""Use case: who has reported what is due (填报完成情况), department × period, for follow-up.

What is due: for a year, each indicator's value from its lead department (yearly, in the
period ``Y``), and for each period asked, a progress report on each confirmed task from its
lead unit. Each due item is approved, submitted, returned, draft, or missing; the matrix
counts them per department and period, and the follow-up list names what is missing or
returned.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from planwatch.errors import InvalidInput
from planwatch.services.observations import newest_revisions
from planwatch.services.progress_reports import PERIODS
from planwatch.services.tables import write_table
from planwatch.services.tasks import lead_of, plan_tasks
from planwatch.store.models import ObservationRecord, Plan

STATES = ("approved", "submitted", "returned", "draft", "missing")
STATE_LABELS = {"approved": "已通过", "submitted": "待审核", "returned": "已退回",
                "draft": "草稿", "missing": "未报送"}  # fmt: skip
FOLLOW_UP = ("missing", "returned")
UNASSIGNED = "未指定牵头单位"
EXPORT_HEADER = ["部门", "期间", "类型", "编号", "名称", "状态", "审核意见"]


@dataclass(frozen=True, slots=True)
class DueItem:
    """One thing a department owes for a period: a value or a task report, and its state."""

    department: str
    period: str
    kind: str  # 数据 / 任务进展
    code: str
    name: str
    state: str
    comment: str = ""


@dataclass(frozen=True, slots=True)
class Cell:
    """The counts of one department in one period, by state."""

    counts: dict[str, int] = field(default_factory=dict)

    @property
    def due(self) -> int:
        return sum(self.counts.values())

    @property
    def done(self) -> int:
        return self.counts.get("approved", 0)


@dataclass(frozen=True, slots=True)
class Completeness:
    """The matrix (department → period → cell) and every due item."""

    year: int
    periods: tuple[str, ...]
    items: tuple[DueItem, ...]

    @property
    def departments(self) -> list[str]:
        names = sorted({i.department for i in self.items} - {UNASSIGNED})
        return names + ([UNASSIGNED] if any(i.department == UNASSIGNED for i in self.items) else [])

    def cell(self, department: str, period: str) -> Cell:
        counts: dict[str, int] = {}
        for item in self.items:
            if (item.department, item.period) == (department, period):
                counts[item.state] = counts.get(item.state, 0) + 1
        return Cell(counts)

    @property
    def follow_up(self) -> list[DueItem]:
        return [i for i in self.items if i.state in FOLLOW_UP]


def completeness(
    session: Session, plan: Plan, year: int, periods: Sequence[str] = ("Y",)
) -> Completeness:
    """What each department owes for ``year`` in the given periods, and its state."""
    unknown = [p for p in periods if p not in PERIODS]
    if unknown:
        raise InvalidInput(f"报送期「{'、'.join(unknown)}」应为 {'、'.join(PERIODS)} 之一")
    items: list[DueItem] = []
    if "Y" in periods:
        items.extend(_values(session, plan, year))
    for task in plan_tasks(session, plan):
        if task.status != "confirmed":
            continue
        lead = lead_of(task)
        for period in periods:
            report = next((r for r in task.reports if (r.year, r.period) == (year, period)), None)
            items.append(
                DueItem(
                    lead.name if lead else UNASSIGNED, period, "任务进展", task.code, task.title,
                    report.review_state if report else "missing",
                    report.review_comment if report else "",
                )
            )  # fmt: skip
    return Completeness(year, tuple(periods), tuple(items))


def _values(session: Session, plan: Plan, year: int) -> list[DueItem]:
    ids = [i.series_id for i in plan.indicators if i.series_id is not None]
    query = select(ObservationRecord).where(
        ObservationRecord.series_id.in_(ids), ObservationRecord.year == year
    )
    by_series: dict[int, list[ObservationRecord]] = {}
    for observation in session.scalars(query):
        by_series.setdefault(observation.series_id, []).append(observation)
    items = []
    for indicator in plan.indicators:
        if not indicator.targets:
            continue  # nothing to assess, nothing due
        newest = newest_revisions(by_series.get(indicator.series_id or 0, []))
        current = newest[0] if newest else None
        approved = current is not None and any(
            o.review_state == "approved" for o in by_series.get(indicator.series_id or 0, [])
        )
        state = "missing" if current is None else current.review_state
        if state in ("returned", "draft") and approved:
            state = "approved"  # an approved value stands; a later draft is no gap
        name = indicator.department.name if indicator.department else UNASSIGNED
        comment = current.review_comment if current else ""
        items.append(DueItem(name, "Y", "数据", indicator.code, indicator.name, state, comment))
    return items


def export_completeness(path: Path, result: Completeness, everything: bool = False) -> int:
    """Write the follow-up list (or every due item) as .xlsx or .csv; the rows written."""
    chosen = result.items if everything else tuple(result.follow_up)
    rows: list[list[object]] = [
        [i.department, PERIODS[i.period], i.kind, i.code, i.name, STATE_LABELS[i.state], i.comment]
        for i in chosen
    ]
    write_table(path, f"{result.year}年填报情况", EXPORT_HEADER, rows)
    return len(rows)
