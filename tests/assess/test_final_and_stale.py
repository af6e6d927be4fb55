"""Judgements dated by their data: stale values, the final vocabulary, the lag, the baseline.

Expected values worked out by hand. GDP: x₀ = 616.36 (2020), target > 1000 in 2025, so
X − x₀ = 383.64.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from assess_builders import Case, close, indicator, levels

from planwatch.assess import Thresholds, assess, overall
from planwatch.domain.assessment import Light, Status
from planwatch.domain.indicator import TargetKind

G, Y, R, GREY = Light.GREEN, Light.YELLOW, Light.RED, Light.GREY
LEVEL, CUMULATIVE, CEILING = TargetKind.LEVEL, TargetKind.CUMULATIVE, TargetKind.CEILING
GDP = indicator(LEVEL, "1000", baseline="616.36", comparator=">", name="地区生产总值")
GDP_NO_BASE = indicator(LEVEL, "1000", baseline_year=None, comparator=">", name="地区生产总值")
JOBS = indicator(CUMULATIVE, "20000", unit="人")
WATER = indicator(CEILING, "2.39", comparator="<=", unit="亿立方米")
LAG_1 = Thresholds(data_lag=1)
PERIOD = (2021, 2025)

# fmt: off
FINAL = [
    # 1100 > 1000 in 2025, nothing before: P = 483.64/383.64 = 1.2607
    Case("met-in-target-year", GDP, levels({2025: "1100"}), 2025, Status.COMPLETED, G, "1", "1.2607"),
    # 1010 > 1000 already in 2024, and 1100 in 2025
    Case("met-early", GDP, levels({2024: "1010", 2025: "1100"}), 2025, Status.COMPLETED_EARLY, G, "1", "1.2607"),
    # 990 is not > 1000: P = 373.64/383.64 = 0.9739; red, not yellow
    Case("unmet", GDP, levels({2025: "990"}), 2025, Status.UNMET, R, "1", "0.9739"),
    # 1010 in 2024 but 990 in 2025: the target was reached and lost
    Case("reached-then-lost", GDP, levels({2024: "1010", 2025: "990"}), 2025, Status.UNMET, R, "1", "0.9739"),
    # cumulative: 4500 + 4500 + 4500 + 4500 = 18000 < 20000 by 2024, 22500 in 2025 → met in 2025
    Case("cumulative-met", JOBS, levels(dict.fromkeys(range(2021, 2026), "4500")), 2025, Status.COMPLETED, G, "1", "1.125"),
    # 6000 × 4 = 24000 ≥ 20000 already in 2024
    Case("cumulative-met-early", JOBS, levels(dict.fromkeys(range(2021, 2026), "6000")), 2025, Status.COMPLETED_EARLY, G, "1", "1.5"),
    # a ceiling breached in 2022 but kept in 2025 is completed
    Case("ceiling-kept", WATER, levels({2022: "2.5", 2025: "2.3"}), 2025, Status.COMPLETED, G, "1"),
    Case("ceiling-broken", WATER, levels({2025: "2.4"}), 2025, Status.UNMET, R, "1"),
]
# fmt: on


@pytest.mark.parametrize("case", FINAL, ids=lambda c: c.id)
def test_final_vocabulary(case: Case) -> None:
    result = case.check()
    assert result.status.final and result.current and not result.stale


def test_unmet_carries_the_gap() -> None:
    result = assess(GDP, levels({2025: "990"}), as_of=2025)
    assert result.gap == Decimal("10")  # 1000 − 990
    assert "差距 10" in result.formula


def test_stale_value_at_the_target_year_is_not_judged() -> None:
    # As of 2025 with GDP known only for 2022: no 2025 value, so neither 已完成 nor 未完成
    result = assess(GDP, levels({2022: "767.81"}), as_of=2025)
    assert (result.status, result.light) == (Status.NO_DATA, GREY)
    assert result.reason == "缺少2025年数据"
    assert result.data_year == 2022 and result.data_label == "数据截至2022年"
    assert not result.current and result.will_meet is None
    assert close(result.progress, "0.3948")  # (767.81 − 616.36)/383.64, kept for the row


def test_stale_value_before_the_target_year_keeps_its_dated_status() -> None:
    # As of 2024 with 2022 data: on track as of 2022 (τ = 0.4, P = 0.3948), not current
    result = assess(GDP, levels({2022: "767.81"}), as_of=2024)
    assert result.status is Status.ON_TRACK and not result.current
    assert result.evaluation_year == 2024 and result.data_label == "数据截至2022年"


def test_stale_but_met_early_stays_achieved_early() -> None:
    result = assess(GDP, levels({2023: "1010"}), as_of=2025)
    assert result.status is Status.ACHIEVED_EARLY and result.data_label == "数据截至2023年"


@pytest.mark.parametrize(
    ("thresholds", "status", "current"),
    [(Thresholds(), Status.NO_DATA, False), (LAG_1, Status.ON_TRACK, True)],
    ids=["no-lag", "one-year-lag"],
)
def test_one_year_statistical_lag(thresholds: Thresholds, status: Status, current: bool) -> None:
    # 2024 data, as of 2025: τ = 4/5 = 0.8, P = 283.64/383.64 = 0.7393, P − τ = −0.0607
    result = assess(GDP, levels({2024: "900"}), as_of=2025, thresholds=thresholds)
    assert (result.status, result.current) == (status, current)
    assert result.data_label == "数据截至2024年"  # still dated: 2024 is not 2025


def test_missing_baseline_says_why() -> None:
    result = assess(GDP_NO_BASE, levels({2022: "767.81"}), as_of=2022, period=PERIOD)
    assert result.status is Status.NO_DATA and result.reason == "缺少基期值"
    assert result.latest is not None and result.latest.year == 2022
    assert result.baseline_year == 2020 and result.baseline_value is None


def test_baseline_from_the_plan_is_said() -> None:
    result = assess(GDP, levels({2022: "767.81"}), as_of=2022)
    assert (result.baseline_year, result.baseline_value, result.baseline_origin) == (
        2020,
        Decimal("616.36"),
        "plan",
    )


def test_baseline_from_an_earlier_observation() -> None:
    # no 2020 value: x₀ = 580 observed in 2019, t₀ = 2019; τ = 3/6 = 0.5,
    # P = (767.81 − 580)/(1000 − 580) = 187.81/420 = 0.4472, P − τ = −0.0528 → on track
    result = assess(
        GDP_NO_BASE, levels({2018: "550", 2019: "580", 2022: "767.81"}), 2022, period=PERIOD
    )
    assert (result.status, result.light) == (Status.ON_TRACK, G)
    assert (result.baseline_year, result.baseline_value) == (2019, Decimal("580"))
    assert result.baseline_origin == "observation"
    assert close(result.time_share, "0.5") and close(result.progress, "0.4472")
    assert any("基期取 2019 年观测值" in note for note in result.notes)


def test_overall_counts_only_current_judgements() -> None:
    results = [
        assess(GDP, levels({2025: "1100"}), 2025),  # 已完成, current
        assess(GDP, levels({2025: "990"}), 2025),  # 未完成, current
        assess(GDP, levels({2022: "767.81"}), 2025),  # stale
        assess(GDP, (), 2025),  # nothing
    ]
    summary = overall(results, 2025)
    assert summary.judged == {Status.COMPLETED: 1, Status.UNMET: 1}
    assert (summary.total, summary.current, summary.met, summary.behind) == (4, 2, 1, 1)
    assert (summary.stale, summary.missing, summary.without_current) == (1, 1, 2)
    assert summary.years == "2025年"


def test_lag_setting_from_the_mapping() -> None:
    assert Thresholds.from_mapping({"data_lag": "1"}).data_lag == 1


def test_target_year_needs_no_baseline() -> None:
    # met or not at T is a comparison with X alone: 990 is 10 short of > 1000
    result = assess(GDP_NO_BASE, levels({2025: "990"}), as_of=2025, period=PERIOD)
    assert (result.status, result.light, result.gap) == (Status.UNMET, R, Decimal("10"))
    assert result.progress is None  # no x₀, no P


@pytest.mark.parametrize("value", ["1.5", "-1", "4"], ids=["fraction", "negative", "too-long"])
def test_bad_lag_is_refused(value: str) -> None:
    from planwatch.errors import InvalidInput

    with pytest.raises(InvalidInput, match="data_lag"):
        Thresholds.from_mapping({"data_lag": value})
