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
    """The status vocabulary of national mid-term evaluations, plus 无数据."""

    ACHIEVED_EARLY = "提前实现"
    AHEAD = "快于预期"
    ON_TRACK = "基本符合预期"
    LAGGING = "滞后"
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
        """Order from worst to best (滞后 0 … 提前实现 3); ``None`` for 无数据.

        >>> Status.LAGGING.rank < Status.AHEAD.rank
        True
        """
        order = (Status.LAGGING, Status.ON_TRACK, Status.AHEAD, Status.ACHIEVED_EARLY)
        return order.index(self) if self in order else None


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

    @property
    def has_data(self) -> bool:
        """False when the status is 无数据 (no data, or a person must judge)."""
        return self.status is not Status.NO_DATA
