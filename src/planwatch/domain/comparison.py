"""What the comparisons of :mod:`planwatch.compare` read and return (issue 9).

The inputs are small references the services build from stored records: an outline node
with its stable key (:class:`NodeRef`), a target linked to a series (:class:`TargetRef`),
a stated base-year value (:class:`StatedValue`) and an observed value (:class:`ObservedValue`).
The outputs carry both sides of each comparison and a Chinese ``message`` a user reads.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from planwatch.domain.indicator import Attribute, Comparator, Direction, TargetKind
from planwatch.domain.outline import NodeKind


class OutlineChangeKind(StrEnum):
    ADDED = "added"  # 新增
    REMOVED = "removed"  # 删除
    RENAMED = "renamed"  # 更名
    MOVED = "moved"  # 调整位置
    RENUMBERED = "renumbered"  # 序号变化

    @property
    def label(self) -> str:
        """The Chinese word a user reads.

        >>> OutlineChangeKind.RENAMED.label
        '更名'
        """
        return _OUTLINE_LABELS[self.value]


_OUTLINE_LABELS = {"added": "新增", "removed": "删除", "renamed": "更名", "moved": "调整位置",
                   "renumbered": "序号变化"}  # fmt: skip


@dataclass(frozen=True, slots=True)
class NodeRef:
    """One outline node of a plan version, as the outline diff reads it.

    ``key`` is the node's stable key (:func:`planwatch.compare.outline_keys.stable_keys`),
    ``parent_key`` its parent's (``None`` at the top), ``order`` its 0-based position among
    its parent's children.

    >>> NodeRef("chapter:规划背景", NodeKind.CHAPTER, "第一章", 1, "规划背景", None, 0).number
    1
    """

    key: str
    kind: NodeKind
    label: str  # "第六章", "专栏1", "(三)"
    number: int | None
    title: str
    parent_key: str | None
    order: int


@dataclass(frozen=True, slots=True)
class OutlineChange:
    """A node added, removed, renamed, moved or renumbered between two versions.

    ``old`` is ``None`` for an added node, ``new`` for a removed one; ``similarity`` (0–1)
    of the titles is set for a rename.
    """

    kind: OutlineChangeKind
    old: NodeRef | None
    new: NodeRef | None
    message: str
    similarity: float | None = None

    @property
    def key(self) -> str:
        """The new node's key, or the old one's for a removed node."""
        node = self.new or self.old
        assert node is not None
        return node.key


@dataclass(frozen=True, slots=True)
class RenumberRun:
    """Consecutive nodes of one kind whose numbers all moved by the same ``shift``."""

    kind: NodeKind
    first: int  # old numbers, first and last of the run
    last: int
    shift: int
    count: int
    message: str


class TargetChangeKind(StrEnum):
    ADDED = "added"  # 新增目标
    REMOVED = "removed"  # 删除目标
    CHANGED = "changed"  # 目标调整

    @property
    def label(self) -> str:
        """The Chinese word a user reads.

        >>> TargetChangeKind.CHANGED.label
        '目标调整'
        """
        return {"added": "新增目标", "removed": "删除目标", "changed": "目标调整"}[self.value]


@dataclass(frozen=True, slots=True)
class TargetRef:
    """One target of a plan version, linked to a series (region × indicator × unit).

    ``series`` is the identity key the services give the series; ``indicator`` the name
    shown. ``value`` is in ``unit``: a rate in percent for a growth rate, the magnitude of
    the change for a change target (``change`` saying which way).

    >>> t = TargetRef("江阳区|地区生产总值|亿元", "地区生产总值", "亿元", Decimal(1000), 2025,
    ...               ">", TargetKind.LEVEL, Attribute.EXPECTED, False, None,
    ...               "地区生产总值突破1000亿元", 36)
    >>> t.value
    Decimal('1000')
    """

    series: str
    indicator: str
    unit: str
    value: Decimal
    year: int | None
    comparator: Comparator
    kind: TargetKind
    attribute: Attribute | None
    stretch: bool
    change: Direction | None
    sentence: str
    line: int | None


FieldValue = Decimal | int | str | None


@dataclass(frozen=True, slots=True)
class FieldChange:
    """One field of a target that differs between two versions: value, year, comparator, …"""

    field: str  # "value", "unit", "year", "comparator", "kind", "attribute", "change"
    before: FieldValue
    after: FieldValue


@dataclass(frozen=True, slots=True)
class TargetChange:
    """A target added, removed or changed, matched by series and stretch flag."""

    kind: TargetChangeKind
    series: str
    stretch: bool
    old: TargetRef | None
    new: TargetRef | None
    fields: tuple[FieldChange, ...]
    message: str


@dataclass(frozen=True, slots=True)
class Relatedness:
    """How much two versions share: the weighted share of outline titles and of series.

    ``None`` for a measure one side gives nothing to compare with.
    """

    score: float
    outline_overlap: float | None
    series_overlap: float | None
    related: bool
    message: str


class Verdict(StrEnum):
    """How a lower plan's target stands against the higher plan's (规划衔接)."""

    CONSISTENT = "consistent"  # 不低于上级目标
    WEAKER = "weaker"  # 低于上级目标: a flag for a planner, not an error
    SHARE = "share"  # a total: the lower region's share of the higher total
    NOT_COMPARED = "not_compared"  # a total whose units give no share
    INCOMPARABLE = "incomparable"  # years, units or directions differ
    NO_TARGET = "no_target"  # one side of a confirmed pair states no target
    MISSING_BELOW = "missing_below"  # a binding target above with no counterpart below

    @property
    def label(self) -> str:
        """The Chinese words a user reads.

        >>> Verdict.WEAKER.label
        '低于上级目标'
        """
        return _VERDICT_LABELS[self.value]


_VERDICT_LABELS = {"consistent": "不低于上级目标", "weaker": "低于上级目标",
                   "share": "占上级总量", "not_compared": "总量指标,不比较高低",
                   "incomparable": "无法比较", "no_target": "缺少目标",
                   "missing_below": "上级约束性指标本级未列"}  # fmt: skip


@dataclass(frozen=True, slots=True)
class SeriesPair:
    """A confirmed correspondence: the lower plan's series ↔ the higher plan's series."""

    lower: str
    upper: str


@dataclass(frozen=True, slots=True)
class Proposal:
    """A pair proposed for a person to confirm, with a score in 0–1 and why."""

    lower: str
    upper: str
    lower_indicator: str
    upper_indicator: str
    score: float
    reason: str


@dataclass(frozen=True, slots=True)
class AlignmentRow:
    """One line of the 规划衔接 table: both targets and the verdict.

    ``margin`` is lower − upper in the base unit the two share (percentage points for two
    percentages, 元 for 5.2 万元 against 48000 元), for compared targets; ``share`` the lower
    total over the higher total (a fraction, 0.05 for 5 %), for totals.
    """

    lower_series: str | None
    upper_series: str | None
    lower: TargetRef | None
    upper: TargetRef | None
    verdict: Verdict
    message: str
    margin: Decimal | None = None
    share: Decimal | None = None


@dataclass(frozen=True, slots=True)
class StatedValue:
    """A base-year value a new plan states ("2025 年地区生产总值达 616.4 亿元")."""

    series: str
    year: int
    value: Decimal
    unit: str
    sentence: str
    line: int | None


@dataclass(frozen=True, slots=True)
class ObservedValue:
    """The value in force of a series for one year (revisions already resolved)."""

    series: str
    year: int
    value: Decimal
    unit: str


class ContinuityStatus(StrEnum):
    MATCH = "match"  # 一致
    DIFFERS = "differs"  # 不一致
    MISSING = "missing"  # 无统计值
    UNIT_MISMATCH = "unit_mismatch"  # 单位不同, 无法换算

    @property
    def label(self) -> str:
        """The Chinese word a user reads.

        >>> ContinuityStatus.MISSING.label
        '无统计值'
        """
        return {"match": "一致", "differs": "不一致", "missing": "无统计值",
                "unit_mismatch": "单位无法换算"}[self.value]  # fmt: skip


@dataclass(frozen=True, slots=True)
class ProposedObservation:
    """A stated value proposed as the series' observation, written once a person confirms."""

    series: str
    year: int
    value: Decimal
    unit: str
    sentence: str  # the new plan's sentence: the observation's source
    line: int | None


@dataclass(frozen=True, slots=True)
class ContinuityRow:
    """A stated base-year value against the series' observed value.

    ``difference`` = stated − observed and ``relative`` = difference / observed, in the
    stated unit, for a value that differs.
    """

    stated: StatedValue
    observed: ObservedValue | None
    status: ContinuityStatus
    message: str
    difference: Decimal | None = None
    relative: Decimal | None = None
    proposal: ProposedObservation | None = None
