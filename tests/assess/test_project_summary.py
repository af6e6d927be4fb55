"""The year's 重大项目推进情况, worked by hand for four projects on 2023-12-31."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from planwatch.assess.project_summary import project_summary
from planwatch.assess.projects import ProjectThresholds
from planwatch.domain.assessment import Light
from planwatch.domain.project import (
    Milestone,
    MilestoneKind,
    ProgressReport,
    Project,
    RegisteredProject,
)

START, DONE = MilestoneKind.START, MilestoneKind.COMPLETION


def report(period: str, end: date, completed: int, cumulative: int) -> ProgressReport:
    return ProgressReport(period, end, Decimal(completed), Decimal(cumulative))


PROJECTS = [
    # A: τ = 1095/1826 = 60.0%, P = 65% → green; the year 2500/3000 = 83.3% vs 100% → yellow
    RegisteredProject(Project("A", "港口二期", date(2021, 1, 1), date(2025, 12, 31), Decimal(10000),
        {2023: Decimal(3000)},
        (report("2023-06", date(2023, 6, 30), 1000, 5000), report("2023-12", date(2023, 12, 31), 1500, 6500)),
        (Milestone(START, date(2021, 1, 1), date(2021, 3, 1)),)), "专栏1", "县交通运输局"),
    # B: completed on 2023-10-15
    RegisteredProject(Project("B", "环线", date(2022, 1, 1), date(2023, 12, 31), Decimal(2000),
        {2023: Decimal(500)}, (report("2023-09", date(2023, 9, 30), 500, 2000),),
        (Milestone(START, date(2022, 1, 1), date(2022, 2, 1)),
         Milestone(DONE, date(2023, 12, 31), date(2023, 10, 15)))), "专栏1", "县交通运输局"),
    # C: not started, due 2023-01-01: 364 days late → red
    RegisteredProject(Project("C", "医院", date(2023, 1, 1), date(2025, 12, 31), Decimal(5000),
        {2023: Decimal(1000)}), "专栏2", "县卫健局"),
    # D: started 2023-04-01; τ = 365/731 = 49.9%, P = 60% → green; the year 600/500 → green
    RegisteredProject(Project("D", "学校", date(2023, 1, 1), date(2024, 12, 31), Decimal(1000),
        {2023: Decimal(500)}, (report("2023-12", date(2023, 12, 31), 600, 600),),
        (Milestone(START, date(2023, 1, 1), date(2023, 4, 1)),)), "专栏2", "县教育局"),
]  # fmt: skip


def test_the_years_summary() -> None:
    summary = project_summary(PROJECTS, date(2023, 12, 31), ProjectThresholds())
    assert (summary.projects, summary.started, summary.started_in_year) == (4, 3, 1)
    assert (summary.completed, summary.completed_in_year) == (1, 1)
    assert (summary.year_plan, summary.year_completed) == (5000, 3600)  # 3000+500+1000+500
    assert summary.year_rate == Decimal("0.72")
    assert (summary.total, summary.cumulative) == (18000, 9100)
    assert [(lag.code, lag.light) for lag in summary.lagging] == [
        ("C", Light.RED),
        ("A", Light.YELLOW),
    ]
    assert len(summary.lagging[1].reasons) == 1 and "年度计划 3000" in summary.lagging[1].reasons[0]
    boxes = {b.box: (b.projects, b.completed, b.completion_rate, b.total, b.cumulative)
             for b in summary.boxes}  # fmt: skip
    assert boxes == {
        "专栏1": (2, 1, Decimal("0.5"), 12000, 8500),
        "专栏2": (2, 0, Decimal(0), 6000, 600),
    }
