"""Bands that turn numbers into a status, a light and a growth verdict: settings, not constants."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from decimal import Decimal, InvalidOperation

from planwatch.errors import InvalidInput

MAX_LAG = 3
INTEGER_FIELDS = frozenset({"data_lag"})


@dataclass(frozen=True, slots=True)
class Thresholds:
    """Bands of DESIGN.md §2 and Statistics Canada's growth-ratio cut-offs.

    Status: P − τ ≥ ``ahead`` → 快于预期; P − τ ≤ −``ahead`` → 滞后; between → 基本符合预期.
    Light, from the gap g = τ − P: g < ``lag_yellow`` green, ``lag_yellow`` ≤ g ≤ ``lag_red``
    yellow, g > ``lag_red`` red; 约束性 (binding) indicators use the ``binding_*`` bands.
    Growth ratio R: ≥ ``growth_on_track`` on track, ≥ ``growth_moderate`` moderate,
    ≥ ``growth_limited`` limited, below deterioration. ``data_lag`` (whole years, 0–3) is the
    statistical lag allowed: with 1, data for 2024 counts as current in a 2025 evaluation.
    An approximate level target (X 左右, comparator ``=``) is met within ``about_points``
    percentage points for a rate, ``about_share`` of X for any other unit (the defaults of
    the annual tolerance, PLANWATCH_ANNUAL_TOLERANCE_*).

    >>> Thresholds().lights(binding=True)
    (Decimal('0.05'), Decimal('0.20'))
    >>> Thresholds.from_mapping({"ahead": "0.15"}).ahead
    Decimal('0.15')
    """

    ahead: Decimal = Decimal("0.10")
    lag_yellow: Decimal = Decimal("0.10")
    lag_red: Decimal = Decimal("0.30")
    binding_lag_yellow: Decimal = Decimal("0.05")
    binding_lag_red: Decimal = Decimal("0.20")
    growth_on_track: Decimal = Decimal("0.95")
    growth_moderate: Decimal = Decimal("0.60")
    growth_limited: Decimal = Decimal("0")
    data_lag: int = 0
    about_points: Decimal = Decimal("0.5")
    about_share: Decimal = Decimal("0.02")

    def __post_init__(self) -> None:
        if not Decimal(0) < self.lag_yellow <= self.lag_red:
            raise InvalidInput("阈值错误:须 0 < lag_yellow ≤ lag_red")
        if not Decimal(0) < self.binding_lag_yellow <= self.binding_lag_red:
            raise InvalidInput("阈值错误:须 0 < binding_lag_yellow ≤ binding_lag_red")
        if self.ahead <= 0:
            raise InvalidInput("阈值错误:须 ahead > 0")
        if not self.growth_limited <= self.growth_moderate <= self.growth_on_track:
            raise InvalidInput("阈值错误:须 growth_limited ≤ growth_moderate ≤ growth_on_track")
        if self.about_points < 0 or not Decimal(0) <= self.about_share < 1:
            raise InvalidInput("阈值错误:须 about_points ≥ 0 且 0 ≤ about_share < 1")
        if not 0 <= self.data_lag <= MAX_LAG:
            raise InvalidInput(f"阈值错误:data_lag 须为 0 至 {MAX_LAG} 的整数年")

    def allowance(self, goal: Decimal, unit: str) -> Decimal:
        """How far an approximate target (X 左右) may be missed and still count as met.

        >>> Thresholds().allowance(Decimal(65), "%"), Thresholds().allowance(Decimal(1000), "亿元")
        (Decimal('0.5'), Decimal('20.00'))
        """
        if unit in ("%", "‰", "百分点"):
            return self.about_points
        return abs(goal) * self.about_share

    def lights(self, *, binding: bool) -> tuple[Decimal, Decimal]:
        """The (yellow, red) gap bands for an indicator of this attribute."""
        if binding:
            return self.binding_lag_yellow, self.binding_lag_red
        return self.lag_yellow, self.lag_red

    def as_mapping(self) -> dict[str, str]:
        """Every threshold as text, for an Assessment's ``thresholds``.

        >>> Thresholds().as_mapping()["lag_red"]
        '0.30'
        """
        return {f.name: str(getattr(self, f.name)) for f in fields(self)}

    @classmethod
    def from_mapping(cls, values: Mapping[str, object]) -> Thresholds:
        """Thresholds from settings (names as the fields; values as Decimal, str or number)."""
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(values) - known)
        if unknown:
            raise InvalidInput(f"未知的阈值设置:{', '.join(unknown)}")
        try:
            parsed: dict[str, Decimal | int] = {k: Decimal(str(v)) for k, v in values.items()}
        except InvalidOperation as error:
            raise InvalidInput(f"阈值不是数字:{values}") from error
        for name in INTEGER_FIELDS & set(parsed):
            number = parsed[name]
            if number != int(number):
                raise InvalidInput(f"阈值 {name} 须为整数:{values[name]}")
            parsed[name] = int(number)
        return cls(**parsed)  # type: ignore[arg-type]  # integer fields converted above
