"""Growth-rate targets (年均增长 r%) judged from levels and from published growth rates."""

import pytest
from assess_builders import DOWN, Case, close, indicator, levels, rates

from planwatch.assess import assess
from planwatch.domain.assessment import GrowthVerdict, Light, Status
from planwatch.domain.indicator import TargetKind

RATE = TargetKind.GROWTH_RATE
G, Y, R, GREY = Light.GREEN, Light.YELLOW, Light.RED, Light.GREY
GDP_8 = indicator(RATE, "8", baseline="616.36", name="地区生产总值")  # 年均增长 8%
GDP_6 = indicator(RATE, "6", baseline="616.36")  # 年均增长 6%
FALL_3 = indicator(RATE, "-3", baseline="100", direction=DOWN)  # 年均下降 3%
# 能源消费总量年均增长控制在 3% 以内: a ceiling on the rate
ENERGY_CAP = indicator(RATE, "3", baseline="100", comparator="<=", direction=DOWN)

CASES = [
    # ḡ = (767.81/616.36)^(1/2) − 1 = 0.11612; P = ln(1.245717)/(5 ln 1.08) = 0.219714/0.384806 = 0.5710
    Case("levels-ahead", GDP_8, levels({2022: "767.81"}), 2022, Status.AHEAD, G, "0.4", "0.5710"),
    # Published 8.0% and 4.0%: I = 1.08 × 1.04 = 1.1232; P = ln 1.1232/(5 ln 1.06) = 0.116181/0.291345 = 0.3988
    Case("published-on-track", GDP_6, rates({2021: "8.0", 2022: "4.0"}), 2022, Status.ON_TRACK, G, "0.4", "0.3988"),
    # 2022 missing: ḡ = (1.08 × 1.02)^(1/2) − 1 = 0.049571; P = 3 ln(1.049571)/(5 ln 1.06) = 0.4982;
    # τ = 0.6, P − τ = −0.1018 → lagging, gap 0.1018 → yellow
    Case("published-with-gap", GDP_6, rates({2021: "8.0", 2023: "2.0"}), 2023, Status.LAGGING, Y, "0.6", "0.4982", "缺少 2022"),
    # Published rates win over levels (comparable prices): same as published-on-track
    Case("published-preferred", GDP_6, rates({2021: "8.0", 2022: "4.0"}) + levels({2022: "900"}), 2022, Status.ON_TRACK, G, "0.4", "0.3988", "公布增速"),
    # Decline target: ḡ = 0.93^(1/2) − 1 = −0.035635; P = ln 0.93/(5 ln 0.97) = −0.072571/−0.152296 = 0.4765
    Case("decrease-on-track", FALL_3, levels({2022: "93"}), 2022, Status.ON_TRACK, G, "0.4", "0.4765"),
    # P = ln 0.99/(5 ln 0.97) = −0.0100503/−0.152296 = 0.0660; gap 0.334 → red
    Case("decrease-lagging", FALL_3, levels({2022: "99"}), 2022, Status.LAGGING, R, "0.4", "0.0660"),
    # Rate ceiling: ḡ = 1.05^(1/2) − 1 = 0.024695 ≤ 0.03
    Case("rate-ceiling-kept", ENERGY_CAP, levels({2022: "105"}), 2022, Status.ON_TRACK, G, "0.4"),
    # ḡ = 1.10^(1/2) − 1 = 0.048809 > 0.03
    Case("rate-ceiling-broken", ENERGY_CAP, levels({2022: "110"}), 2022, Status.LAGGING, R, "0.4"),
    # Five years at 5% against 6%: P = ln 1.05/ln 1.06 = 0.8373 at τ = 1 → missed; gap 0.163 → yellow
    Case("missed-at-target-year", GDP_6, rates(dict.fromkeys(range(2021, 2026), "5")), 2025, Status.UNMET, R, "1", "0.8373", "目标年已到"),
    # Five years at 7%: P = ln 1.07/ln 1.06 = 1.1611 → ahead (no 提前实现 for rates)
    Case("met-at-target-year", GDP_6, rates(dict.fromkeys(range(2021, 2026), "7")), 2025, Status.COMPLETED, G, "1", "1.1611"),
    # Shrinking while growth is targeted: P = ln 0.96/(5 ln 1.06) = −0.040822/0.291345 = −0.1401
    Case("deterioration", indicator(RATE, "6", baseline="100"), levels({2022: "96"}), 2022, Status.LAGGING, R, "0.4", "-0.1401"),
    Case("negative-level", indicator(RATE, "6", baseline="-5"), levels({2022: "3"}), 2022, Status.NO_DATA, GREY, note="非正"),
    Case("levels-without-baseline", indicator(RATE, "6"), levels({2022: "3"}), 2022, Status.NO_DATA, GREY, note="缺少基期值"),
    Case("no-data", GDP_6, (), 2023, Status.NO_DATA, GREY, "0.6", note="无观测数据"),
]  # fmt: skip


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_growth_rate_case(case: Case) -> None:
    case.check()


def test_growth_numbers_from_published_rates() -> None:
    result = assess(GDP_6, rates({2021: "8.0", 2022: "4.0"}), as_of=2022)
    # ḡ = (1.08 × 1.04)^(1/2) − 1 = 1.1232^(1/2) − 1 = 0.059811
    assert close(result.observed_growth, "0.059811")
    assert close(result.required_growth, "0.06")
    # R = 0.059811/0.06 = 0.99686 ≥ 0.95
    assert close(result.growth_ratio, "0.9969")
    assert result.growth_verdict is GrowthVerdict.ON_TRACK
    # still required: (1.06^5/1.1232)^(1/3) − 1 = (1.3382256/1.1232)^(1/3) − 1 = 0.060126
    assert close(result.required_growth_remaining, "0.060126")
    assert result.inputs["growth_source"] == "published_rates"


@pytest.mark.parametrize(
    ("level", "verdict"),
    [
        # ḡ = 0.96^(1/2) − 1 = −0.020204; R = −0.020204/0.06 = −0.3367
        ("96", GrowthVerdict.DETERIORATION),
        # ḡ = 1.06^(1/2) − 1 = 0.029563; R = 0.4927
        ("106", GrowthVerdict.LIMITED),
        # ḡ = 1.10^(1/2) − 1 = 0.048809; R = 0.8135
        ("110", GrowthVerdict.MODERATE),
        # ḡ = 1.12^(1/2) − 1 = 0.058301; R = 0.9717
        ("112", GrowthVerdict.ON_TRACK),
    ],
    ids=["deterioration", "limited", "moderate", "on-track"],
)
def test_growth_verdict_bands(level: str, verdict: GrowthVerdict) -> None:
    result = assess(indicator(RATE, "6", baseline="100"), levels({2022: level}), as_of=2022)
    assert result.growth_verdict is verdict


def test_decline_ratio_uses_the_direction() -> None:
    # R = −1 × (−0.035635)/|−0.03| = 1.1878
    result = assess(FALL_3, levels({2022: "93"}), as_of=2022)
    assert close(result.growth_ratio, "1.1878")
    assert result.will_meet is True


def test_met_at_target_year_is_achieved_verdict() -> None:
    result = assess(GDP_6, rates(dict.fromkeys(range(2021, 2026), "7")), as_of=2025)
    assert result.growth_verdict is GrowthVerdict.ACHIEVED
    assert result.required_growth_remaining is None
