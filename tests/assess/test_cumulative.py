"""Cumulative targets (累计达到 X over the plan period): Σ annual values / X against τ."""

import pytest
from assess_builders import DOWN, Case, close, indicator, levels

from planwatch.assess import assess
from planwatch.domain.assessment import Light, Status
from planwatch.domain.indicator import TargetKind

CUMULATIVE = TargetKind.CUMULATIVE
G, Y, R, GREY = Light.GREEN, Light.YELLOW, Light.RED, Light.GREY
JOBS = indicator(CUMULATIVE, "20000", unit="人", name="城镇新增就业")  # 累计新增就业 2 万人
# 累计新增建设用地控制在 500 亩以内: a cumulative ceiling
LAND = indicator(CUMULATIVE, "500", comparator="<=", direction=DOWN, unit="亩")

CASES = [
    # S = 4200 + 3900 = 8100; P = 8100/20000 = 0.405; τ = 0.4
    Case("on-track", JOBS, levels({2021: "4200", 2022: "3900"}), 2022, Status.ON_TRACK, G, "0.4", "0.405"),
    # S = 4 × 5200 = 20800 ≥ 20000 in 2024
    Case("met-early", JOBS, levels(dict.fromkeys(range(2021, 2025), "5200")), 2024, Status.ACHIEVED_EARLY, G, "0.8", "1.04"),
    # S = 2000 + 2000 + 2500 = 6500; P = 0.325; τ = 0.6; gap 0.275 → yellow
    Case("lagging-yellow", JOBS, levels({2021: "2000", 2022: "2000", 2023: "2500"}), 2023, Status.LAGGING, Y, "0.6", "0.325"),
    # 2022 missing: S = 8000, P = 0.4, τ = 0.6 → gap 0.2
    Case("missing-year", JOBS, levels({2021: "4000", 2023: "4000"}), 2023, Status.LAGGING, Y, "0.6", "0.4", "缺少 2022"),
    # S = 5 × 3900 = 19500, P = 0.975 at τ = 1: missed → at least yellow
    Case("missed-at-target-year", JOBS, levels(dict.fromkeys(range(2021, 2026), "3900")), 2025, Status.UNMET, R, "1", "0.975", "目标年已到"),
    # A value before the period (2020) is not part of the sum
    Case("before-period-not-summed", JOBS, levels({2020: "9000"}), 2022, Status.NO_DATA, GREY, "0.4"),
    # Ceiling: S = 200, pace 100 → 2025: 200 + 3 × 100 = 500 ≤ 500
    Case("ceiling-kept", LAND, levels({2021: "90", 2022: "110"}), 2022, Status.ON_TRACK, G, "0.4"),
    # S = 220, pace 110 → 330, 440, 550 > 500 in 2025
    Case("ceiling-projected-breach", LAND, levels({2021: "90", 2022: "130"}), 2022, Status.ON_TRACK, Y, "0.4", note="2025"),
    # S = 300 + 250 = 550 > 500
    Case("ceiling-breached", LAND, levels({2021: "300", 2022: "250"}), 2022, Status.LAGGING, R, "0.4"),
    Case("no-period", indicator(CUMULATIVE, "20000", baseline_year=None), levels({2021: "1"}), 2022, Status.NO_DATA, GREY),
]  # fmt: skip


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_cumulative_case(case: Case) -> None:
    case.check()


def test_sum_projection_and_pace() -> None:
    result = assess(JOBS, levels({2021: "4200", 2022: "3900"}), as_of=2022)
    assert result.cumulative_sum == 8100
    # average pace 4050 → 8100 + 3 × 4050 = 20250 ≥ 20000
    assert close(result.projected_value, "20250") and result.will_meet is True
    # line through (2021, 4200), (2022, 3900): 3600 + 3300 + 3000 = 9900 → 18000
    assert close(result.projected_linear, "18000")
    # (20000 − 8100)/3 = 3966.667 a year
    assert close(result.required_per_year, "3966.667")


def test_ceiling_headroom_and_breach_year() -> None:
    result = assess(LAND, levels({2021: "90", 2022: "130"}), as_of=2022)
    # headroom 500 − 220 = 280; breach at 220 + 3 × 110 = 550 in 2025
    assert result.headroom == 280 and result.breach_year == 2025
    assert result.progress is None and result.will_meet is False
