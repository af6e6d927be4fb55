"""Ceilings (控制在 N 以内) and floors (不低于 N): compliance, headroom, projected breach."""

import pytest
from assess_builders import DOWN, Case, D, close, indicator, levels

from planwatch.assess import assess
from planwatch.domain.assessment import Light, Status
from planwatch.domain.indicator import TargetKind

G, Y, R, GREY = Light.GREEN, Light.YELLOW, Light.RED, Light.GREY
# 用水总量控制在 2.39 亿 m³ 以内, 2.20 in 2020
WATER = indicator(
    TargetKind.CEILING, "2.39", baseline="2.20", comparator="<=", direction=DOWN, unit="亿立方米"
)
# 耕地保有量不低于 30 万亩, 31 in 2020
FARMLAND = indicator(TargetKind.FLOOR, "30", baseline="31", unit="万亩")

CASES = [
    # 2.30 ≤ 2.39; compound ḡ = (2.30/2.20)^(1/2) − 1 = 0.022475 → 2024: 2.30 × 2.30/2.20 = 2.4045 > 2.39;
    # the line (slope 0.05) gives 2.40 in 2024 too → breach 2024, yellow
    Case("ceiling-projected-breach", WATER, levels({2021: "2.25", 2022: "2.30"}), 2022, Status.ON_TRACK, Y, "0.4", note="2024"),
    # Nearly flat: compound 2.21 × 1.00227^3 = 2.2251; weighted line 2.197 + 0.006 × 5 = 2.227 → no breach
    Case("ceiling-kept", WATER, levels({2021: "2.20", 2022: "2.21"}), 2022, Status.ON_TRACK, G, "0.4"),
    # 2.45 > 2.39 now
    Case("ceiling-breached", WATER, levels({2022: "2.45"}), 2022, Status.LAGGING, R, "0.4"),
    # 2021 breached, 2022 back under: yellow with a note
    Case("ceiling-earlier-breach", WATER, levels({2021: "2.40", 2022: "2.30"}), 2022, Status.ON_TRACK, Y, note="2021 年曾超出"),
    # Target year: 2.38 ≤ 2.39, nothing left to project
    Case("ceiling-met-at-target-year", WATER, levels({2025: "2.38"}), 2025, Status.COMPLETED, G, "1"),
    # Floor: 30.6 ≥ 30; compound 30.6 × 0.993527^3 = 30.0097 ≥ 30; line (2020, 31)-(2022, 30.6) → 30.0 in 2025
    Case("floor-kept", FARMLAND, levels({2022: "30.6"}), 2022, Status.ON_TRACK, G, "0.4"),
    Case("floor-breached", FARMLAND, levels({2022: "29.8"}), 2022, Status.LAGGING, R, "0.4"),
    Case("no-data", FARMLAND, (), 2022, Status.NO_DATA, GREY, "0.4"),
]  # fmt: skip


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_bound_case(case: Case) -> None:
    case.check()


def test_ceiling_numbers() -> None:
    result = assess(WATER, levels({2021: "2.25", 2022: "2.30"}), as_of=2022)
    # headroom 2.39 − 2.30 = 0.09
    assert result.headroom == D("0.09")
    assert result.breach_year == 2024
    # compound: 2.30 × 1.022475^3 = 2.45859; line: 2.30 + 3 × 0.05 = 2.45
    assert close(result.projected_value, "2.4586") and close(result.projected_linear, "2.45")
    assert result.will_meet is False


def test_breached_ceiling_reports_negative_headroom() -> None:
    result = assess(WATER, levels({2022: "2.45"}), as_of=2022)
    # 2.39 − 2.45 = −0.06; breached in the latest year
    assert result.headroom == D("-0.06") and result.breach_year == 2022


def test_floor_headroom_and_projection() -> None:
    result = assess(FARMLAND, levels({2022: "30.6"}), as_of=2022)
    # 30.6 − 30 = 0.6; compound ḡ = (30.6/31)^(1/2) − 1 = −0.006473 → 30.0097
    assert result.headroom == D("0.6")
    assert close(result.observed_growth, "-0.006473") and close(result.projected_value, "30.0097")
    assert result.breach_year is None and result.will_meet is True
