"""Use case: what each responsible department (牵头单位) leads, and how it is doing."""

from __future__ import annotations

from dataclasses import dataclass

from planwatch.assess import summarize
from planwatch.domain.assessment import Status
from planwatch.services.overview import IndicatorView, PlanOverview

UNASSIGNED = "未指定牵头单位"


@dataclass(frozen=True, slots=True)
class DepartmentSummary:
    name: str
    indicators: tuple[IndicatorView, ...]
    counts: dict[Status, int]

    @property
    def lagging(self) -> int:
        """Indicators behind: 滞后 while the plan runs, 未完成 once the target year has come."""
        return self.counts.get(Status.LAGGING, 0) + self.counts.get(Status.UNMET, 0)


def department_summaries(overview: PlanOverview) -> list[DepartmentSummary]:
    """One summary per department, departments with lagging indicators first; unassigned last."""
    groups: dict[str, list[IndicatorView]] = {}
    for view in overview.indicators:
        groups.setdefault(view.department or UNASSIGNED, []).append(view)
    summaries = [
        DepartmentSummary(
            name, tuple(views), summarize([v.assessment for v in views if v.assessment is not None])
        )
        for name, views in groups.items()
    ]
    summaries.sort(key=lambda s: (s.name == UNASSIGNED, -s.lagging, s.name))
    return summaries
