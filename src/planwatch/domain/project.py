"""A major project (重大项目) of a plan's register: its period, investment, reports, milestones."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum


class MilestoneKind(StrEnum):
    """The milestones a register follows, in the order a project reaches them."""

    APPROVALS = "approvals"  # 前期手续
    START = "start"  # 开工
    STRUCTURE = "structure"  # 主体完工
    COMPLETION = "completion"  # 竣工
    OPERATION = "operation"  # 投产

    @property
    def label(self) -> str:
        """The Chinese name.

        >>> MilestoneKind.START.label
        '开工'
        """
        return MILESTONE_LABELS[self]


MILESTONE_LABELS = {
    MilestoneKind.APPROVALS: "前期手续",
    MilestoneKind.START: "开工",
    MilestoneKind.STRUCTURE: "主体完工",
    MilestoneKind.COMPLETION: "竣工",
    MilestoneKind.OPERATION: "投产",
}


class Confidence(StrEnum):
    """A person's delivery confidence rating, the five levels of the UK IPA."""

    GREEN = "绿"
    AMBER_GREEN = "绿黄"
    AMBER = "黄"
    AMBER_RED = "黄红"
    RED = "红"


class ProjectStatus(StrEnum):
    NOT_STARTED = "not_started"  # 未开工
    UNDER_WAY = "under_way"  # 在建
    COMPLETED = "completed"  # 已竣工

    @property
    def label(self) -> str:
        """The Chinese name.

        >>> ProjectStatus.UNDER_WAY.label
        '在建'
        """
        return {"not_started": "未开工", "under_way": "在建", "completed": "已竣工"}[self.value]


@dataclass(frozen=True, slots=True)
class Milestone:
    kind: MilestoneKind
    planned: date | None
    actual: date | None = None


@dataclass(frozen=True, slots=True)
class ProgressReport:
    """Investment completed in one period (本期) and since the start (累计), in 万元."""

    period: str  # 2023-06, 2023Q2
    period_end: date
    completed: Decimal
    cumulative: Decimal
    progress: str = ""  # 形象进度


@dataclass(frozen=True, slots=True)
class Project:
    """What the judgement reads of a project: amounts in 万元, the period as dates.

    >>> p = Project("1", "江北港二期", date(2021, 1, 1), date(2025, 12, 31), Decimal(10000))
    >>> p.duration_days
    1826
    """

    code: str
    name: str
    start: date
    end: date
    total: Decimal
    year_plans: Mapping[int, Decimal] = field(default_factory=dict)
    reports: tuple[ProgressReport, ...] = ()
    milestones: tuple[Milestone, ...] = ()

    @property
    def duration_days(self) -> int:
        """Days from the first to the last day of the period, both counted."""
        return (self.end - self.start).days + 1

    def milestone(self, kind: MilestoneKind) -> Milestone | None:
        return next((m for m in self.milestones if m.kind == kind), None)


@dataclass(frozen=True, slots=True)
class RegisteredProject:
    """A project with what a report groups it by: its 专栏 ("专栏1 标题") and department."""

    project: Project
    box: str = ""
    department: str = ""
    rating: str = ""  # a person's current delivery confidence rating (绿 … 红), if any
    rating_reason: str = ""
