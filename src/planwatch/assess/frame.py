"""What every kind of judgement starts from: target, baseline, period, usable observations."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from planwatch.assess.series import Series, select
from planwatch.assess.thresholds import Thresholds
from planwatch.domain.assessment import Assessment, Light, Status
from planwatch.domain.indicator import Attribute, Indicator, Observation, Target

GROWTH_KEYS = ("growth_on_track", "growth_moderate", "growth_limited")


@dataclass(frozen=True, slots=True)
class Frame:
    """The resolved inputs of one assessment.

    ``baseline_year`` t₀ is the indicator's, else the year before the plan period.
    ``baseline_value`` x₀ is the indicator's, else the observed level in year t₀, else the
    latest level observed before t₀ (t₀ then becomes that year); ``baseline_origin`` says
    which: "plan" or "observation".
    """

    indicator: Indicator
    as_of: int
    thresholds: Thresholds
    target: Target | None
    baseline_year: int | None
    baseline_value: Decimal | None
    series: Series
    notes: tuple[str, ...] = field(default=())
    baseline_origin: str | None = None

    @property
    def binding(self) -> bool:
        return self.indicator.attribute is Attribute.BINDING

    @property
    def target_year(self) -> int:
        assert self.target is not None
        return self.target.year

    def final(self, latest_year: int) -> bool:
        """The target year's value is known: judged in the final vocabulary (已完成 / 未完成)."""
        return latest_year >= self.target_year

    def inputs(self, **extra: object) -> dict[str, str]:
        """The common inputs as text, plus the kind's own."""
        found: dict[str, object] = {
            "indicator": self.indicator.name,
            "unit": self.indicator.unit,
            "kind": self.indicator.kind.value,
            "attribute": self.indicator.attribute.value,
            "direction": self.indicator.direction.value,
            "as_of": self.as_of,
            "baseline_year": self.baseline_year,
            "baseline_value": self.baseline_value,
        }
        if self.target is not None:
            found |= {
                "target_year": self.target.year,
                "target_value": self.target.value,
                "comparator": self.target.comparator,
            }
        found |= extra
        return {key: f"{value}" for key, value in found.items() if value is not None}

    def band_thresholds(self, *, growth: bool = False) -> dict[str, str]:
        """The thresholds a P-against-τ judgement used (and the growth ones when used)."""
        all_of = self.thresholds.as_mapping()
        prefix = "binding_" if self.binding else ""
        keys = ["ahead", f"{prefix}lag_yellow", f"{prefix}lag_red"]
        if growth:
            keys += GROWTH_KEYS
        return {key: all_of[key] for key in keys}

    def no_data(
        self, *notes: str, share: Decimal | None = None, reason: str | None = None
    ) -> Assessment:
        """The 无数据 result: grey, nothing computed, with the reasons in ``notes``.

        ``reason`` is the short form a table row shows (缺少基期值); the last note by default.
        """
        return Assessment(
            indicator=self.indicator,
            as_of=self.as_of,
            status=Status.NO_DATA,
            light=Light.GREY,
            time_share=share,
            progress=None,
            latest=None,
            observed_growth=None,
            required_growth=None,
            growth_ratio=None,
            growth_verdict=None,
            projected_value=None,
            projected_linear=None,
            will_meet=None,
            required_growth_remaining=None,
            headroom=None,
            breach_year=None,
            cumulative_sum=None,
            formula="",
            inputs=self.inputs(),
            thresholds=self.band_thresholds(),
            notes=(*self.notes, *notes),
            simulated=self.series.simulated,
            reason=reason if reason is not None else (notes[-1] if notes else ""),
        )


def build_frame(
    indicator: Indicator,
    observations: Sequence[Observation],
    as_of: int,
    thresholds: Thresholds,
    period: tuple[int, int] | None,
) -> Frame:
    """Resolve target, baseline and observations; note what had to be inferred or dropped."""
    notes: list[str] = []
    target = indicator.main_target
    baseline_year = indicator.baseline_year
    if baseline_year is None and period is not None:
        baseline_year = period[0] - 1
        notes.append(f"基期年取规划期前一年 {baseline_year} 年")
    series = select(observations, as_of, target.year if target else None)
    if series.ignored:
        years = "、".join(str(y) for y in series.ignored)
        notes.append(f"目标年已过,{years} 年数据不计入评价")
    baseline_value = indicator.baseline_value
    origin = "plan" if baseline_value is not None else None
    if baseline_value is None and baseline_year is not None:
        found = series.level_before(baseline_year)
        if found is not None:
            baseline_value, origin = found.value, "observation"
            if found.year == baseline_year:
                notes.append(f"基期值取 {baseline_year} 年观测值")
            else:
                notes.append(f"基期 {baseline_year} 年无数据,基期取 {found.year} 年观测值")
                baseline_year = found.year
    if series.simulated:
        notes.append("含模拟数据")
    return Frame(
        indicator,
        as_of,
        thresholds,
        target,
        baseline_year,
        baseline_value,
        series,
        tuple(notes),
        origin,
    )
