"""Level targets (达到 X) in both directions, with the edges, computed by hand."""

import pytest
from assess_builders import DOWN, Case, close, indicator, levels

from planwatch.assess import assess
from planwatch.domain.assessment import GrowthVerdict, Light, Status
from planwatch.domain.indicator import TargetKind

LEVEL = TargetKind.LEVEL
G, Y, R, GREY = Light.GREEN, Light.YELLOW, Light.RED, Light.GREY
# The sample's GDP: 616.36 亿元 in 2020, target 突破 1000 亿元 by 2025 (X − x₀ = 383.64).
GDP = indicator(LEVEL, "1000", baseline="616.36", comparator=">", name="地区生产总值")
GDP_NO_BASE = indicator(LEVEL, "1000", comparator=">", name="地区生产总值")
# PM2.5 down from 40 (2020) to at most 30 by 2025 (X − x₀ = −10).
PM25 = indicator(LEVEL, "30", baseline="40", comparator="<=", direction=DOWN, unit="微克/立方米")
PM25_BINDING = indicator(
    LEVEL, "30", baseline="40", comparator="<=", direction=DOWN, binding=True, unit="微克/立方米"
)

CASES = [
    # τ = (2022 − 2020)/(2025 − 2020) = 0.4; P = 151.45/383.64 = 0.39477; P − τ = −0.0052
    Case("gdp-2022-on-track", GDP, levels({2022: "767.81"}), 2022, Status.ON_TRACK, G, "0.4", "0.3948"),
    # P = (850 − 616.36)/383.64 = 233.64/383.64 = 0.60901; P − τ = 0.209 ≥ 0.10
    Case("increase-ahead", GDP, levels({2022: "850"}), 2022, Status.AHEAD, G, "0.4", "0.6090"),
    # P = 73.64/383.64 = 0.19195; gap τ − P = 0.208 in [0.10, 0.30]
    Case("increase-lagging-yellow", GDP, levels({2022: "690"}), 2022, Status.LAGGING, Y, "0.4", "0.1920"),
    # P = 3.64/383.64 = 0.00949; gap 0.3905 > 0.30
    Case("increase-lagging-red", GDP, levels({2022: "620"}), 2022, Status.LAGGING, R, "0.4", "0.0095"),
    # 1001 > 1000 in 2024 < 2025: met before the target year; P = 384.64/383.64 = 1.0026
    Case("met-early", GDP, levels({2024: "1001"}), 2024, Status.ACHIEVED_EARLY, G, "0.8", "1.0026"),
    # 突破 is strict: 1000 is not > 1000; P = 1, τ = 0.8, P − τ = 0.2 → ahead, not achieved
    Case("strict-comparator-not-met", GDP, levels({2024: "1000"}), 2024, Status.AHEAD, G, "0.8", "1"),
    # Met in the target year itself: judged by bands at τ = 1; P = 483.64/383.64 = 1.2607
    Case("met-at-target-year", GDP, levels({2025: "1100"}), 2025, Status.COMPLETED, G, "1", "1.2607"),
    # P = 373.64/383.64 = 0.97393 at τ = 1: the band says green, a missed target is at least yellow
    Case("missed-at-target-year", GDP, levels({2025: "990"}), 2025, Status.UNMET, R, "1", "0.9739", "目标年已到"),
    # As of 2026 with 2024 the latest (no 2025 value): P = 283.64/383.64 = 0.7393, τ = 0.8
    Case("target-year-passed", GDP, levels({2024: "900"}), 2026, Status.NO_DATA, GREY, "0.8", "0.7393", "缺少 2025 年数据"),
    # 2026 data is after the target year and ignored; 2025: P = 333.64/383.64 = 0.8697, gap 0.13
    Case("after-target-year-ignored", GDP, levels({2025: "950", 2026: "1100"}), 2027, Status.UNMET, R, "1", "0.8697", "2026"),
    # τ at the as-of year = (2022 − 2020)/5 = 0.4
    Case("no-data", GDP, (), 2022, Status.NO_DATA, GREY, "0.4", note="无观测数据"),
    # The only observation is the baseline year's
    Case("only-baseline-observed", GDP_NO_BASE, levels({2020: "616.36"}), 2022, Status.NO_DATA, GREY, note="仅有基期（2020年）数据"),
    # One observation, no baseline value: P cannot be computed
    Case("missing-baseline", GDP_NO_BASE, levels({2022: "767.81"}), 2022, Status.NO_DATA, GREY, note="缺少基期值"),
    # …but a met target needs no baseline
    Case("missing-baseline-met", GDP_NO_BASE, levels({2023: "1001"}), 2023, Status.ACHIEVED_EARLY, G),
    # The baseline comes from the 2020 observation: same numbers as the worked example
    Case("baseline-from-observation", GDP_NO_BASE, levels({2020: "616.36", 2022: "767.81"}), 2022, Status.ON_TRACK, G, "0.4", "0.3948", "基期值取"),
    # Future observations (after as_of) do not count: 2021 only, P = (700 − 616.36)/383.64 = 0.2180, τ 0.2
    Case("as-of-cuts-data", GDP, levels({2021: "700", 2022: "767.81"}), 2021, Status.ON_TRACK, G, "0.2", "0.2180"),
    # Decrease: P = (36 − 40)/(30 − 40) = 0.4 = τ
    Case("decrease-on-track", PM25, levels({2022: "36"}), 2022, Status.ON_TRACK, G, "0.4", "0.4"),
    # P = (32 − 40)/(−10) = 0.8; P − τ = 0.4
    Case("decrease-ahead", PM25, levels({2022: "32"}), 2022, Status.AHEAD, G, "0.4", "0.8"),
    # Worse than the baseline: P = (42 − 40)/(−10) = −0.2; gap 0.6
    Case("decrease-wrong-way", PM25, levels({2022: "42"}), 2022, Status.LAGGING, R, "0.4", "-0.2"),
    # 29.5 ≤ 30 in 2023
    Case("decrease-met-early", PM25, levels({2023: "29.5"}), 2023, Status.ACHIEVED_EARLY, G, "0.6", "1.05"),
    # Exactly on a band: P = (35 − 40)/(−10) = 0.5, P − τ = +0.10 → ahead (≥)
    Case("band-edge-ahead", PM25, levels({2022: "35"}), 2022, Status.AHEAD, G, "0.4", "0.5"),
    # P = (37 − 40)/(−10) = 0.3, P − τ = −0.10 → lagging (≤); gap 0.10 → yellow (≥)
    Case("band-edge-lagging", PM25, levels({2022: "37"}), 2022, Status.LAGGING, Y, "0.4", "0.3"),
    # P = (39 − 40)/(−10) = 0.1, gap 0.30 exactly → still yellow (red is over 0.30)
    Case("band-edge-red", PM25, levels({2022: "39"}), 2022, Status.LAGGING, Y, "0.4", "0.1"),
    # P = 0.09, gap 0.31 → red
    Case("band-beyond-red", PM25, levels({2022: "39.1"}), 2022, Status.LAGGING, R, "0.4", "0.09"),
    # Binding (约束性): P = (36.7 − 40)/(−10) = 0.33, gap 0.07: on track, yet yellow (band 0.05)
    Case("binding-stricter-light", PM25_BINDING, levels({2022: "36.7"}), 2022, Status.ON_TRACK, Y, "0.4", "0.33"),
    # …and the same value for an expected (预期性) indicator is green
    Case("expected-same-value-green", PM25, levels({2022: "36.7"}), 2022, Status.ON_TRACK, G, "0.4", "0.33"),
    # P = (38.5 − 40)/(−10) = 0.15, gap 0.25: yellow when expected, red when binding (> 0.20)
    Case("binding-red", PM25_BINDING, levels({2022: "38.5"}), 2022, Status.LAGGING, R, "0.4", "0.15"),
    Case("expected-yellow", PM25, levels({2022: "38.5"}), 2022, Status.LAGGING, Y, "0.4", "0.15"),
    # Zero baseline: P = (20 − 0)/(50 − 0) = 0.4 works; CAGR is undefined
    Case("zero-baseline", indicator(LEVEL, "50", baseline="0"), levels({2022: "20"}), 2022, Status.ON_TRACK, G, "0.4", "0.4", "非正"),
    # Negative baseline (a deficit of 10 to balance by 2025): P = (−6 + 10)/(0 + 10) = 0.4
    Case("negative-baseline", indicator(LEVEL, "0", baseline="-10"), levels({2022: "-6"}), 2022, Status.ON_TRACK, G, "0.4", "0.4", "非正"),
    # Baseline 39.2 already meets ≥ 39: kept → achieved; fell to 38.8 → lagging, red
    Case("baseline-met-kept", indicator(LEVEL, "39", baseline="39.2", unit="%"), levels({2022: "39.5"}), 2022, Status.ACHIEVED_EARLY, G),
    Case("baseline-met-lost", indicator(LEVEL, "39", baseline="39.2", unit="%"), levels({2022: "38.8"}), 2022, Status.LAGGING, R, note="基期已达到目标"),
    # No baseline year on the indicator: the period (2021, 2025) gives t₀ = 2020, τ = 0.4
    Case("baseline-year-from-period", indicator(LEVEL, "1000", baseline="616.36", baseline_year=None, comparator=">"), levels({2022: "767.81"}), 2022, Status.ON_TRACK, G, "0.4", "0.3948", "基期年取规划期前一年", (2021, 2025)),
    # Neither baseline year nor period: τ cannot be computed
    Case("no-baseline-year", indicator(LEVEL, "1000", baseline="616.36", baseline_year=None), levels({2022: "767.81"}), 2022, Status.NO_DATA, GREY, note="缺少基期年"),
    Case("no-target", indicator(LEVEL, None, baseline="1"), levels({2022: "2"}), 2022, Status.NO_DATA, GREY, note="无目标值"),
]  # fmt: skip


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_level_case(case: Case) -> None:
    case.check()


def test_gdp_worked_example_every_number() -> None:
    """docs/assessment.md, the worked example, line by line."""
    result = assess(GDP, levels({2016: "430.32", 2022: "767.81"}), as_of=2022)
    # observed CAGR = (767.81/616.36)^(1/2) − 1 = 1.245717^(1/2) − 1 = 0.116117
    assert close(result.observed_growth, "0.116117")
    # required from the baseline = (1000/616.36)^(1/5) − 1 = 1.622428^(0.2) − 1 = 0.101623
    assert close(result.required_growth, "0.101623")
    # R = 0.116117/0.101623 = 1.14262 ≥ 0.95
    assert close(result.growth_ratio, "1.1426")
    assert result.growth_verdict is GrowthVerdict.ON_TRACK
    # still required = (1000/767.81)^(1/3) − 1 = 1.302405^(1/3) − 1 = 0.092066
    assert close(result.required_growth_remaining, "0.092066")
    # compound: 767.81 × 1.116117^3 = 767.81 × 1.390367 = 1067.5365
    assert close(result.projected_value, "1067.537")
    # linear through (2020, 616.36) and (2022, 767.81), 2016 is before t₀: slope 75.725,
    # 767.81 + 3 × 75.725 = 994.985
    assert close(result.projected_linear, "994.985")
    assert result.will_meet is True
    assert result.inputs["baseline_value"] == "616.36" and result.inputs["latest_year"] == "2022"
    assert result.thresholds["ahead"] == "0.10" and result.thresholds["lag_red"] == "0.30"
    assert "(767.81 − 616.36)/(1000 − 616.36) = 0.3948" in result.formula


def test_stretch_target_is_projected_too() -> None:
    # 力争 1200: compound 1067.5 and linear 995.0 both fall short
    gdp = indicator(LEVEL, "1000", baseline="616.36", comparator=">", stretch="1200")
    result = assess(gdp, levels({2022: "767.81"}), as_of=2022)
    assert (result.will_meet, result.will_meet_stretch) == (True, False)


def test_zero_baseline_falls_back_to_linear_projection() -> None:
    # Line through (2020, 0) and (2022, 20): slope 10 → 50 in 2025, which meets ≥ 50
    result = assess(indicator(LEVEL, "50", baseline="0"), levels({2022: "20"}), as_of=2022)
    assert result.observed_growth is None and result.projected_value is None
    assert close(result.projected_linear, "50")
    assert result.will_meet is True


def test_approximate_target_has_a_tolerance() -> None:
    about = indicator(LEVEL, "100", baseline="80", comparator="=")
    # 99.5 is "about 100" (左右): within 2% of 100 (the default about_share), a year early
    result = assess(about, levels({2024: "99.5"}), as_of=2024)
    assert result.status is Status.ACHIEVED_EARLY
    assert "容差 2" in result.formula
    # 97.9 is not: 100 − 2 = 98 is the bar
    assert assess(about, levels({2024: "97.9"}), as_of=2024).status is not Status.ACHIEVED_EARLY
    # an exact target has no allowance
    exact = indicator(LEVEL, "100", baseline="80", comparator=">=")
    assert assess(exact, levels({2024: "99.5"}), as_of=2024).status is not Status.ACHIEVED_EARLY


def test_approximate_rate_falling_has_its_allowance_above() -> None:
    # 城镇调查失业率 5.5%左右, to fall: 5.9 is within 0.5 points, 6.1 is not
    about = indicator(LEVEL, "5.5", baseline="6.5", comparator="=", unit="%", direction=DOWN)
    assert assess(about, levels({2025: "5.9"}), as_of=2025).status is Status.COMPLETED
    assert assess(about, levels({2025: "6.1"}), as_of=2025).status is not Status.COMPLETED
