"""The shared rules: time share, thresholds, observation choice, kinds a person must judge."""

from decimal import Decimal

import pytest
from assess_builders import D, close, indicator, levels, revised

from planwatch.assess import Thresholds, assess, summarize, time_share
from planwatch.assess.growth import cagr, growth_ratio, mean_rate
from planwatch.assess.projection import weighted_linear_fit
from planwatch.domain.assessment import Light, Status
from planwatch.domain.indicator import Direction, Observation, ObservationStatus, TargetKind
from planwatch.errors import InvalidInput

GDP = indicator(TargetKind.LEVEL, "1000", baseline="616.36", comparator=">")


@pytest.mark.parametrize(
    ("t0", "big_t", "t", "expected"),
    [
        (2020, 2025, 2020, "0"),
        (2020, 2025, 2021, "0.2"),  # 1/5
        (2020, 2025, 2022, "0.4"),  # 2/5
        (2020, 2025, 2025, "1"),
        (2020, 2025, 2030, "1"),  # clipped
        (2020, 2025, 2015, "0"),  # clipped
        (2020, 2023, 2021, "0.3333"),  # 1/3
        (2020, 2035, 2022, "0.1333"),  # 2/15, a vision target
    ],
    ids=[
        "start",
        "one-year",
        "two-years",
        "end",
        "after-end",
        "before-start",
        "thirds",
        "long-horizon",
    ],
)
def test_time_share(t0: int, big_t: int, t: int, expected: str) -> None:
    assert close(time_share(t0, big_t, t), expected)


def test_time_share_needs_a_later_target_year() -> None:
    with pytest.raises(InvalidInput):
        time_share(2025, 2025, 2025)


def test_target_year_not_after_baseline_is_no_data() -> None:
    bad = indicator(TargetKind.LEVEL, "1", baseline="0", baseline_year=2025, year=2025)
    assert "不晚于基期年" in assess(bad, levels({2025: "1"}), 2025).notes[-1]


@pytest.mark.parametrize(
    ("kind"), [TargetKind.RELATIONAL, TargetKind.QUALITATIVE], ids=["relational", "qualitative"]
)
def test_kinds_a_person_judges(kind: TargetKind) -> None:
    result = assess(indicator(kind, "1", baseline="1"), levels({2022: "1"}), 2022)
    assert (result.status, result.light) == (Status.NO_DATA, Light.GREY)
    assert "需人工判断" in result.notes


def test_revised_beats_final_beats_preliminary_whatever_the_order() -> None:
    data = [
        revised(2022, "700", ObservationStatus.REVISED),
        revised(2022, "767.81", ObservationStatus.FINAL),
        revised(2022, "900", ObservationStatus.PRELIMINARY),
    ]
    assert assess(GDP, data, 2022).latest == data[0]


def test_simulated_data_is_flagged() -> None:
    result = assess(GDP, levels({2022: "767.81"}, simulated=True), 2022)
    assert result.simulated and "含模拟数据" in result.notes


def test_custom_thresholds_change_the_band_and_are_reported() -> None:
    # P − τ = 0.3948 − 0.4 = −0.0052: lagging only with a band under 0.0052
    strict = Thresholds(ahead=Decimal("0.005"))
    result = assess(GDP, levels({2022: "767.81"}), 2022, thresholds=strict)
    assert result.status is Status.LAGGING and result.thresholds["ahead"] == "0.005"


def test_binding_indicator_reports_binding_bands() -> None:
    binding = indicator(TargetKind.LEVEL, "1000", baseline="616.36", binding=True)
    result = assess(binding, levels({2022: "767.81"}), 2022)
    assert (
        result.thresholds["binding_lag_yellow"] == "0.05" and "lag_yellow" not in result.thresholds
    )


@pytest.mark.parametrize(
    "values",
    [
        {"lag_yellow": "0.4"},
        {"ahead": "0"},
        {"growth_moderate": "0.99"},
        {"unknown": "1"},
        {"ahead": "x"},
    ],
    ids=[
        "yellow-over-red",
        "zero-ahead",
        "growth-bands-out-of-order",
        "unknown-name",
        "not-a-number",
    ],
)
def test_bad_thresholds_are_refused(values: dict[str, str]) -> None:
    with pytest.raises(InvalidInput):
        Thresholds.from_mapping(values)


def test_summarize_counts_every_status() -> None:
    results = [assess(GDP, levels({2022: v}), 2022) for v in ("767.81", "620", "850")]
    results.append(assess(GDP, (), 2022))
    assert summarize(results) == {
        Status.ACHIEVED_EARLY: 0,
        Status.AHEAD: 1,
        Status.ON_TRACK: 1,
        Status.LAGGING: 1,
        Status.COMPLETED_EARLY: 0,
        Status.COMPLETED: 0,
        Status.UNMET: 0,
        Status.NO_DATA: 1,
    }


def test_status_labels_and_codes() -> None:
    assert Status.LAGGING.label == "滞后" and Status.LAGGING.code == "lagging"
    assert Light.GREY.label == "灰灯"


@pytest.mark.parametrize(
    ("first", "last", "years", "expected"),
    [
        ("100", "121", 2, "0.1"),  # 1.21^(1/2) − 1
        ("100", "133.1", 3, "0.1"),  # 1.331^(1/3) − 1
        ("100", "81", 2, "-0.1"),  # 0.81^(1/2) − 1
        ("100", "100", 4, "0"),
    ],
    ids=["two-years", "three-years", "decline", "flat"],
)
def test_cagr(first: str, last: str, years: int, expected: str) -> None:
    assert close(cagr(D(first), D(last), years), expected + "00000")


@pytest.mark.parametrize(
    ("first", "last", "years"),
    [("0", "5", 2), ("-5", "5", 2), ("5", "-5", 2), ("5", "6", 0)],
    ids=["zero-start", "negative-start", "negative-end", "no-years"],
)
def test_cagr_undefined(first: str, last: str, years: int) -> None:
    assert cagr(D(first), D(last), years) is None


def test_mean_rate_is_geometric() -> None:
    # (1.10 × 1.21)^(1/2) − 1 = 1.331^(1/2) − 1 = 1.153690 − 1
    assert close(mean_rate([D("10"), D("21")]), "0.153690")
    assert mean_rate([D("-100"), D("5")]) is None


def test_growth_ratio_direction_edge() -> None:
    # Baseline already beyond the target (required −0.002) while falling 0.01 a year:
    # R = +1 × −0.01/|−0.002| = −5 → deterioration, not "on track"
    assert growth_ratio(D("-0.01"), D("-0.002"), Direction.INCREASE) == -5
    assert growth_ratio(D("0.01"), D("0"), Direction.INCREASE) is None


def test_weighted_linear_fit_by_hand() -> None:
    # x = 0, 1, 2 (2020–2022), w = 1, 2, 3, y = 10, 10, 13.
    # W = 6, Σwx = 8, Σwy = 10 + 20 + 39 = 69, Σwx² = 14, Σwxy = 20 + 78 = 98
    # slope = (6 × 98 − 8 × 69)/(6 × 14 − 64) = (588 − 552)/20 = 1.8
    # level = (69 − 1.8 × 8)/6 = 54.6/6 = 9.1; at 2025 (x = 5): 9.1 + 9 = 18.1
    trend = weighted_linear_fit([(2020, D(10)), (2021, D(10)), (2022, D(13))])
    assert trend is not None
    assert close(trend.slope, "1.8") and close(trend.at(2025), "18.1")
    # an unweighted fit would give slope 1.5 and 17.5: the recent jump counts more
    assert weighted_linear_fit([(2022, D(1))]) is None


def test_observation_defaults() -> None:
    assert Observation(2022, D(1)).status is ObservationStatus.FINAL
