"""The judgement of one indicator at an as-of year: status, light, and how they were reached.

Enum convention: ``Status`` values are the Chinese words of the national vocabulary, since
they are what users read and what reports print; ``Light`` and ``GrowthVerdict`` values are
English codes. Every enum here has ``.label`` (Chinese, for display) and ``.code`` (English,
for JSON keys, CSS classes and URLs).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from planwatch.domain.indicator import Indicator, Observation


class Status(StrEnum):
    """The status vocabulary of national evaluations, plus 无数据.

    While the plan runs (no data for the target year yet): 提前实现, 快于预期, 基本符合预期,
    滞后. Once the target year's value is known, the final vocabulary of a 总结评估:
    提前完成 (met, and already before the target year), 已完成, 未完成.
    """

    ACHIEVED_EARLY = "提前实现"
    AHEAD = "快于预期"
    ON_TRACK = "基本符合预期"
    LAGGING = "滞后"
    COMPLETED_EARLY = "提前完成"
    COMPLETED = "已完成"
    UNMET = "未完成"
    NO_DATA = "无数据"

    @property
    def label(self) -> str:
        """The Chinese word (the value itself).

        >>> Status.ON_TRACK.label
        '基本符合预期'
        """
        return self.value

    @property
    def code(self) -> str:
        """English code for machines.

        >>> Status.ACHIEVED_EARLY.code
        'achieved_early'
        """
        return self.name.lower()

    @property
    def rank(self) -> int | None:
        """Order from worst to best (滞后, 未完成 0 … 提前实现, 提前完成 3); ``None`` for 无数据.

        >>> Status.LAGGING.rank < Status.AHEAD.rank, Status.UNMET.rank < Status.COMPLETED.rank
        (True, True)
        """
        return RANKS.get(self)

    @property
    def final(self) -> bool:
        """One of the words of the final vocabulary (target year reached).

        >>> Status.COMPLETED.final, Status.ON_TRACK.final
        (True, False)
        """
        return self in (Status.COMPLETED_EARLY, Status.COMPLETED, Status.UNMET)

    @property
    def met(self) -> bool:
        """On or ahead of pace while the plan runs, or the target met once its year has come.

        >>> Status.ON_TRACK.met, Status.UNMET.met, Status.NO_DATA.met
        (True, False, False)
        """
        return self not in (Status.LAGGING, Status.UNMET, Status.NO_DATA)


RANKS = {
    Status.LAGGING: 0,
    Status.UNMET: 0,
    Status.ON_TRACK: 1,
    Status.AHEAD: 2,
    Status.COMPLETED: 2,
    Status.ACHIEVED_EARLY: 3,
    Status.COMPLETED_EARLY: 3,
}


class Light(StrEnum):
    GREEN = "green"
    YELLOW = "yellow"
    RED = "red"
    GREY = "grey"  # no data, or needs a person's judgement

    @property
    def label(self) -> str:
        """The Chinese name of the light.

        >>> Light.RED.label
        '红灯'
        """
        return {"green": "绿灯", "yellow": "黄灯", "red": "红灯", "grey": "灰灯"}[self.value]

    @property
    def code(self) -> str:
        return self.value


class GrowthVerdict(StrEnum):
    """Statistics Canada's progress categories (as Open SDG uses) for the growth ratio."""

    ACHIEVED = "achieved"  # target achieved
    ON_TRACK = "on_track"  # R ≥ 0.95
    MODERATE = "moderate"  # 0.60 ≤ R < 0.95: progress made, acceleration needed
    LIMITED = "limited"  # 0 ≤ R < 0.60
    DETERIORATION = "deterioration"  # R < 0

    @property
    def label(self) -> str:
        """The Chinese name of the category.

        >>> GrowthVerdict.MODERATE.label
        '有进展但需加快'
        """
        return {
            "achieved": "已实现",
            "on_track": "基本符合",
            "moderate": "有进展但需加快",
            "limited": "进展有限",
            "deterioration": "出现倒退",
        }[self.value]

    @property
    def code(self) -> str:
        return self.value


@dataclass(frozen=True, slots=True)
class Assessment:
    """Everything :func:`planwatch.assess.assess` concludes about one indicator.

    Ratios and rates are fractions (0.1161 for 11.61%); values are in the indicator's unit.
    ``time_share`` τ is at the latest observed year (at ``as_of`` when there is no data);
    ``progress`` P is comparable with it. ``formula``, ``inputs`` and ``thresholds`` show the
    working, so a reader can redo it by hand.
    """

    indicator: Indicator
    as_of: int
    status: Status
    light: Light
    time_share: Decimal | None
    progress: Decimal | None
    latest: Observation | None
    observed_growth: Decimal | None
    required_growth: Decimal | None
    growth_ratio: Decimal | None
    growth_verdict: GrowthVerdict | None
    projected_value: Decimal | None  # at the target year, compound growth at observed rate
    projected_linear: Decimal | None  # at the target year, recency-weighted linear fit
    will_meet: bool | None
    required_growth_remaining: Decimal | None  # annual rate needed from latest to target
    headroom: Decimal | None  # ceilings/floors: distance from the bound, positive = room
    breach_year: int | None  # ceilings/floors: first year the trend crosses the bound
    cumulative_sum: Decimal | None
    formula: str
    inputs: Mapping[str, str]
    thresholds: Mapping[str, str]
    notes: tuple[str, ...]
    required_per_year: Decimal | None = None  # cumulative: amount still needed each year
    will_meet_stretch: bool | None = None  # 力争 target, by the same projection
    simulated: bool = False  # some observation used is 模拟数据
    evaluation_year: int | None = None  # min(as_of, T): the year whose data the judgement needs
    current: bool = False  # judged on data for the evaluation year (less the allowed lag)
    gap: Decimal | None = None  # how far the latest value is short of the target; ≤ 0 when met
    reason: str = ""  # why there is no judgement: 缺少基期值, 无观测数据, 缺少2025年数据 …
    baseline_year: int | None = None  # t₀ the engine used (the plan's, or inferred)
    baseline_value: Decimal | None = None  # x₀ the engine used
    baseline_origin: str | None = None  # "plan" (the indicator's own) or "observation"

    @property
    def has_data(self) -> bool:
        """False when the status is 无数据 (no data, or a person must judge)."""
        return self.status is not Status.NO_DATA

    @property
    def data_year(self) -> int | None:
        """The year of the data the judgement rests on (the latest value used)."""
        return self.latest.year if self.latest is not None else None

    @property
    def stale(self) -> bool:
        """The data is older than the evaluation year: every display must say so."""
        year, wanted = self.data_year, self.evaluation_year
        return year is not None and wanted is not None and year < wanted

    @property
    def data_label(self) -> str:
        """数据截至2022年 when the data is older than the evaluation year, else ''."""
        return f"数据截至{self.data_year}年" if self.stale else ""
