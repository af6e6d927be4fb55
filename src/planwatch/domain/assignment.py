"""Assignments of a task division plan (任务分工方案): who leads and who shares each item.

A government that adopts a plan issues a 分工方案 whose every line names a task or an
indicator, its lead unit (牵头单位), its co-responsible units (责任单位, 配合单位) and often a
deadline (完成时限). These value objects hold one such line as read, with its provenance.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from planwatch.domain.indicator import Attribute
from planwatch.domain.issue import Issue


class Category(StrEnum):
    """The group of a 分工方案 an item belongs to."""

    INDICATOR = "indicator"  # 主要指标
    TASK = "task"  # 重点任务
    PROJECT = "project"  # 重大工程项目
    POLICY = "policy"  # 重大政策
    REFORM = "reform"  # 改革任务

    @property
    def label(self) -> str:
        """The Chinese word a user reads.

        >>> Category.PROJECT.label
        '重大工程项目'
        """
        return CATEGORY_LABELS[self]


CATEGORY_LABELS = {
    Category.INDICATOR: "主要指标",
    Category.TASK: "重点任务",
    Category.PROJECT: "重大工程项目",
    Category.POLICY: "重大政策",
    Category.REFORM: "改革任务",
}


class Role(StrEnum):
    """What a unit does for an item."""

    LEAD = "lead"  # 牵头
    CO = "co"  # 责任 / 配合 / 协同 / 参与


@dataclass(frozen=True, slots=True)
class AssignedUnit:
    """One unit named for an item, as written, with its role and its span in the decoded text.

    >>> AssignedUnit("区商务局", Role.LEAD, (120, 124)).role.value
    'lead'
    """

    name: str
    role: Role
    span: tuple[int, int]


@dataclass(frozen=True, slots=True)
class Deadline:
    """A completion deadline as written: a year (2024年, 2024年底) or an ongoing term.

    ``year`` is the last year the text names (2025 for "2023—2025年"); ``ongoing`` is true
    for 持续推进, 长期, 每年 and the like, where no year ends the task.

    >>> Deadline("2024年底", 2024, False).year
    2024
    """

    text: str
    year: int | None
    ongoing: bool


@dataclass(frozen=True, slots=True)
class Assignment:
    """One item of a task division plan.

    ``text`` is the task or indicator without its number and without the unit annotation;
    ``label`` the item number as written ("2." "(四)" "一、", a table's 序号, or "" when the
    item has none); ``heading`` the title of the innermost heading above it; ``lead`` and
    ``co`` the unit names, in order, as written; ``span`` the whole item (number to the end of
    its annotation) as offsets into the decoded text, ``line`` its first line (1-based).

    >>> item = Assignment("推进城市更新", "12.", Category.TASK, None, None,
    ...                   ("住建局",), ("各街道办事处",), (), None, 4, (80, 120))
    >>> item.units_named
    True
    """

    text: str
    label: str
    category: Category | None
    attribute: Attribute | None
    heading: str | None
    lead: tuple[str, ...]
    co: tuple[str, ...]
    units: tuple[AssignedUnit, ...]
    deadline: Deadline | None
    line: int
    span: tuple[int, int]
    milestones: str | None = None
    issues: tuple[Issue, ...] = field(default=())

    @property
    def units_named(self) -> bool:
        """Whether the item names at least one unit."""
        return bool(self.lead or self.co)
