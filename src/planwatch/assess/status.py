"""Status (national vocabulary) and light: P against τ in the period, met or not at its end."""

from __future__ import annotations

from decimal import Decimal

from planwatch.assess.thresholds import Thresholds
from planwatch.domain.assessment import Light, Status

LIGHT_ORDER = (Light.GREEN, Light.YELLOW, Light.RED)


def band_status(progress: Decimal, share: Decimal, thresholds: Thresholds) -> Status:
    """P − τ ≥ ahead → 快于预期; P − τ ≤ −ahead → 滞后; otherwise 基本符合预期.

    >>> band_status(Decimal("0.3948"), Decimal("0.4"), Thresholds())
    <Status.ON_TRACK: '基本符合预期'>
    >>> band_status(Decimal("0.3"), Decimal("0.4"), Thresholds())
    <Status.LAGGING: '滞后'>
    """
    lead = progress - share
    if lead >= thresholds.ahead:
        return Status.AHEAD
    if lead <= -thresholds.ahead:
        return Status.LAGGING
    return Status.ON_TRACK


def band_light(
    progress: Decimal, share: Decimal, thresholds: Thresholds, *, binding: bool
) -> Light:
    """Gap g = τ − P: g < yellow → green; yellow ≤ g ≤ red → yellow; g > red → red.

    >>> band_light(Decimal("0.32"), Decimal("0.4"), Thresholds(), binding=False)
    <Light.GREEN: 'green'>
    >>> band_light(Decimal("0.32"), Decimal("0.4"), Thresholds(), binding=True)
    <Light.YELLOW: 'yellow'>
    """
    yellow, red = thresholds.lights(binding=binding)
    gap = share - progress
    if gap < yellow:
        return Light.GREEN
    if gap <= red:
        return Light.YELLOW
    return Light.RED


def at_least(light: Light, floor: Light) -> Light:
    """The worse of two lights (grey is not on the scale and is returned unchanged).

    >>> at_least(Light.GREEN, Light.YELLOW), at_least(Light.RED, Light.YELLOW)
    (<Light.YELLOW: 'yellow'>, <Light.RED: 'red'>)
    """
    if light is Light.GREY:
        return light
    return max(light, floor, key=LIGHT_ORDER.index)


def bands(
    progress: Decimal, share: Decimal, thresholds: Thresholds, *, binding: bool
) -> tuple[Status, Light]:
    """Status and light of a target still in its period, from P against τ.

    >>> bands(Decimal("0.3948"), Decimal("0.4"), Thresholds(), binding=False)
    (<Status.ON_TRACK: '基本符合预期'>, <Light.GREEN: 'green'>)
    """
    return (
        band_status(progress, share, thresholds),
        band_light(progress, share, thresholds, binding=binding),
    )


def final_bands(*, met: bool, early: bool = False) -> tuple[Status, Light]:
    """Status and light once the target year's value is known: the final vocabulary.

    >>> final_bands(met=True, early=True)
    (<Status.COMPLETED_EARLY: '提前完成'>, <Light.GREEN: 'green'>)
    >>> final_bands(met=False)
    (<Status.UNMET: '未完成'>, <Light.RED: 'red'>)
    """
    if met:
        return (Status.COMPLETED_EARLY if early else Status.COMPLETED), Light.GREEN
    return Status.UNMET, Light.RED
