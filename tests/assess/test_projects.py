"""The project light: investment against time and the year's plan, milestones, the start.

Expected values worked by hand. The period 2021-01-01 … 2025-12-31 has 1826 days (2024 is
a leap year); on 2023-06-30, 365 + 365 + 181 = 911 of them are gone: τ = 911/1826 = 49.89%.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from planwatch.assess.projects import ProjectThresholds, judge_project
from planwatch.domain.assessment import Light
from planwatch.domain.project import (
    Milestone,
    MilestoneKind,
    ProgressReport,
    Project,
    ProjectStatus,
)
from planwatch.errors import InvalidInput

AS_OF = date(2023, 6, 30)
RULES = ProjectThresholds()


def five_year(cumulative: str, **changes: object) -> Project:
    reports = (ProgressReport("2023-06", date(2023, 6, 30), Decimal(0), Decimal(cumulative)),)
    fields: dict[str, object] = {
        "code": "1", "name": "江北港二期", "start": date(2021, 1, 1), "end": date(2025, 12, 31),
        "total": Decimal(10000), "reports": reports,
    }  # fmt: skip
    fields.update(changes)
    return Project(**fields)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("cumulative", "share", "light"),
    [
        ("4500", Decimal("0.45"), Light.GREEN),  # gap 49.89 − 45 = 4.89 points
        ("3500", Decimal("0.35"), Light.YELLOW),  # gap 14.89 points: 10 ≤ g ≤ 25
        ("2000", Decimal("0.2"), Light.RED),  # gap 29.89 points > 25
    ],
    ids=["green-4.9-points-behind", "yellow-14.9-points-behind", "red-29.9-points-behind"],
)
def test_investment_against_time_share(cumulative: str, share: Decimal, light: Light) -> None:
    judged = judge_project(five_year(cumulative), AS_OF, RULES)
    assert judged.investment_share == share
    assert judged.time_share == Decimal(911) / Decimal(1826)
    assert judged.status is ProjectStatus.UNDER_WAY
    assert judged.light is light
    assert "时间进度 τ = 911 / 1826 天 = 49.9%" in judged.formula


def test_a_report_after_the_date_is_not_read() -> None:
    late = ProgressReport("2023-07", date(2023, 7, 31), Decimal(3000), Decimal(7500))
    project = five_year("4500")
    project = five_year("4500", reports=(*project.reports, late))
    assert judge_project(project, AS_OF, RULES).cumulative == Decimal(4500)


@pytest.mark.parametrize(
    ("june", "plan", "light"),
    [
        ("300", 2000, Light.GREEN),  # 700/2000 = 35%; the year 181/365 = 49.59%; gap 14.59 < 15
        ("200", 2000, Light.YELLOW),  # 600/2000 = 30%; gap 19.59 points
        ("0", 2000, Light.YELLOW),  # 400/2000 = 20%; gap 29.59 points, still ≤ 30
        ("0", 2500, Light.RED),  # 400/2500 = 16%; gap 33.59 points > 30
    ],
    ids=["year-green", "year-yellow", "year-yellow-at-29.6-points", "year-red"],
)
def test_against_the_years_planned_investment(june: str, plan: int, light: Light) -> None:
    reports = (
        ProgressReport("2023-03", date(2023, 3, 31), Decimal(400), Decimal(4100)),
        ProgressReport("2023-06", date(2023, 6, 30), Decimal(june), Decimal(4100) + Decimal(june)),
    )
    project = five_year("0", reports=reports, year_plans={2023: Decimal(plan)})
    judged = judge_project(project, AS_OF, RULES)
    annual = next(s for s in judged.signals if s.code == "annual")
    assert judged.year_completed == Decimal(400) + Decimal(june)
    assert annual.light is light
    assert f"年度计划 {plan}" in annual.formula and "181 / 365 天" in annual.formula


@pytest.mark.parametrize(
    ("planned", "light", "days"),
    [
        (date(2023, 3, 31), Light.RED, 91),  # 91 days overdue > 90
        (date(2023, 5, 1), Light.YELLOW, 60),
    ],
    ids=["structure-91-days-late-red", "structure-60-days-late-yellow"],
)
def test_overdue_milestone(planned: date, light: Light, days: int) -> None:
    milestones = (
        Milestone(MilestoneKind.START, date(2021, 3, 1), date(2021, 3, 1)),
        Milestone(MilestoneKind.STRUCTURE, planned),
    )
    judged = judge_project(five_year("4500", milestones=milestones), AS_OF, RULES)
    assert [m.kind for m in judged.overdue] == [MilestoneKind.STRUCTURE]
    assert judged.light is light
    assert f"逾期 {days} 天" in judged.formula


def test_delayed_start() -> None:
    # 2022-03-01 … 2024-12-31: 306 + 365 + 366 = 1037 days; on 2022-04-30, 61 are gone:
    # τ = 5.9%, P = 0 → investment green; the start is 60 days late → yellow.
    project = Project("2", "体育中心", date(2022, 3, 1), date(2024, 12, 31), Decimal(5000))
    judged = judge_project(project, date(2022, 4, 30), RULES)
    assert judged.status is ProjectStatus.NOT_STARTED
    assert judged.delayed_start
    assert judged.time_share == Decimal(61) / Decimal(1037)
    assert judged.light is Light.YELLOW
    assert "开工 计划 2022-03-01" in judged.formula and "逾期 60 天" in judged.formula


def test_completed_project_is_green_and_before_the_start_grey() -> None:
    done = (Milestone(MilestoneKind.COMPLETION, date(2023, 6, 1), date(2023, 5, 1)),)
    judged = judge_project(five_year("2000", milestones=done), AS_OF, RULES)
    assert (judged.status, judged.light, judged.signals) == (
        ProjectStatus.COMPLETED,
        Light.GREEN,
        (),
    )
    before = judge_project(five_year("0", reports=()), date(2020, 12, 31), RULES)
    assert (before.status, before.light) == (ProjectStatus.NOT_STARTED, Light.GREY)


def test_thresholds_are_settings() -> None:
    strict = ProjectThresholds.from_mapping({"lag_yellow": "0.02", "lag_red": "0.04"})
    assert judge_project(five_year("4500"), AS_OF, strict).light is Light.RED  # 4.89 > 4
    with pytest.raises(InvalidInput, match="未知的项目阈值设置"):
        ProjectThresholds.from_mapping({"lag": "1"})
    with pytest.raises(InvalidInput, match="lag_yellow ≤ lag_red"):
        ProjectThresholds.from_mapping({"lag_yellow": "0.5"})
