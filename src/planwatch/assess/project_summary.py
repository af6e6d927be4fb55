"""The 重大项目推进情况 of a year, for the annual report and the final evaluation. Pure.

``project_summary(projects, as_of, thresholds)`` judges every project on ``as_of`` and
counts: projects started and completed (by then, and within the year), the year's planned
and completed investment, lagging projects (red first) with the formulas of their signals,
and per 专栏 box the completion rate (completed projects / projects).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from planwatch.assess.projects import ProjectJudgement, ProjectThresholds, judge_project
from planwatch.domain.assessment import Light
from planwatch.domain.project import MilestoneKind, Project, ProjectStatus, RegisteredProject


@dataclass(frozen=True, slots=True)
class LaggingProject:
    code: str
    name: str
    box: str
    department: str
    light: Light
    reasons: tuple[str, ...]  # the formulas of the yellow and red signals
    judgement: ProjectJudgement | None = None  # what a report words its reasons from
    project: Project | None = None
    progress: str = ""  # the newest 形象进度 reported by as_of
    rating: str = ""  # the current delivery confidence rating and its reason
    rating_reason: str = ""


@dataclass(frozen=True, slots=True)
class BoxCompletion:
    box: str
    projects: int
    completed: int
    total: Decimal  # 万元
    cumulative: Decimal

    @property
    def completion_rate(self) -> Decimal | None:
        """Completed projects / projects of the box."""
        return Decimal(self.completed) / Decimal(self.projects) if self.projects else None


@dataclass(frozen=True, slots=True)
class ProjectSummary:
    as_of: date
    projects: int
    started: int  # under way or completed by as_of
    started_in_year: int  # 开工 recorded within as_of's year
    completed: int
    completed_in_year: int
    year_plan: Decimal  # the year's planned investment, 万元
    year_completed: Decimal
    total: Decimal
    cumulative: Decimal
    lagging: tuple[LaggingProject, ...]
    boxes: tuple[BoxCompletion, ...]

    @property
    def year_rate(self) -> Decimal | None:
        """The year's completed / planned investment."""
        return self.year_completed / self.year_plan if self.year_plan else None


def project_summary(
    projects: Sequence[RegisteredProject], as_of: date, thresholds: ProjectThresholds
) -> ProjectSummary:
    """Counts, investment, lagging projects and per-box completion on ``as_of``.

    >>> from planwatch.domain.project import Project
    >>> p = Project("1", "港", date(2021, 1, 1), date(2025, 12, 31), Decimal(100))
    >>> entries = [RegisteredProject(p, "专栏1")]
    >>> summary = project_summary(entries, date(2023, 6, 30), ProjectThresholds())
    >>> summary.lagging[0].light, summary.boxes[0].completion_rate
    (<Light.RED: 'red'>, Decimal('0'))
    """
    judged = [(entry, judge_project(entry.project, as_of, thresholds)) for entry in projects]
    boxes: dict[str, list[tuple[RegisteredProject, ProjectJudgement]]] = {}
    for entry, judgement in judged:
        boxes.setdefault(entry.box or "未关联专栏", []).append((entry, judgement))
    lagging = sorted(
        (
            LaggingProject(
                e.project.code,
                e.project.name,
                e.box,
                e.department,
                j.light,
                j.reasons,
                j,
                e.project,
                _progress(e.project, as_of),
                e.rating,
                e.rating_reason,
            )
            for e, j in judged
            if j.light in (Light.RED, Light.YELLOW)
        ),
        key=lambda lag: (lag.light is not Light.RED, lag.code),
    )
    return ProjectSummary(
        as_of,
        len(judged),
        sum(1 for _, j in judged if j.status is not ProjectStatus.NOT_STARTED),
        sum(1 for e, _ in judged if _in_year(e, MilestoneKind.START, as_of)),
        sum(1 for _, j in judged if j.status is ProjectStatus.COMPLETED),
        sum(1 for e, _ in judged if _in_year(e, MilestoneKind.COMPLETION, as_of)),
        sum((j.year_plan or Decimal(0) for _, j in judged), Decimal(0)),
        sum((j.year_completed for _, j in judged), Decimal(0)),
        sum((e.project.total for e, _ in judged), Decimal(0)),
        sum((j.cumulative for _, j in judged), Decimal(0)),
        tuple(lagging),
        tuple(
            BoxCompletion(
                box,
                len(members),
                sum(1 for _, j in members if j.status is ProjectStatus.COMPLETED),
                sum((e.project.total for e, _ in members), Decimal(0)),
                sum((j.cumulative for _, j in members), Decimal(0)),
            )
            for box, members in boxes.items()
        ),
    )


def _in_year(entry: RegisteredProject, kind: MilestoneKind, as_of: date) -> bool:
    milestone = entry.project.milestone(kind)
    return bool(
        milestone and milestone.actual and milestone.actual.year == as_of.year
        and milestone.actual <= as_of
    )  # fmt: skip


def _progress(project: Project, as_of: date) -> str:
    """The newest non-empty 形象进度 of a report dated by ``as_of``."""
    texts = [r.progress for r in project.reports if r.period_end <= as_of and r.progress.strip()]
    return texts[-1].strip() if texts else ""
