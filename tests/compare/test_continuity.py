"""Continuity: a new plan's stated base-year values against the series' observed values."""

from decimal import Decimal
from pathlib import Path

import pytest

from planwatch.compare.continuity import compare_baselines
from planwatch.domain.comparison import (
    ContinuityStatus,
    ObservedValue,
    ProposedObservation,
    StatedValue,
)

S = ContinuityStatus
D = Decimal


def stated(value: str, unit: str = "亿元", year: int = 2025, series: str = "gdp") -> StatedValue:
    return StatedValue(series, year, D(value), unit, f"{year}年地区生产总值达{value}{unit}", 12)


def seen(value: str, unit: str = "亿元", year: int = 2025, series: str = "gdp") -> ObservedValue:
    return ObservedValue(series, year, D(value), unit)


# (stated, observed, status, difference, relative); every figure worked by hand.
CASES = [
    ("rounded-to-stated-precision", stated("616.4"), [seen("616.36")], S.MATCH, None, None),
    ("exact", stated("39.2", "%"), [seen("39.2", "%")], S.MATCH, None, None),
    ("stated-trailing-zero", stated("39.20", "%"), [seen("39.2", "%")], S.MATCH, None, None),
    ("stated-trailing-zero-differs", stated("39.20", "%"), [seen("39.18", "%")], S.DIFFERS, "0.02", D("0.02") / D("39.18")),
    ("other-multiplier", stated("616.4"), [seen("6163600", "万元")], S.MATCH, None, None),
    ("observed-coarser-is-not-rounded", stated("616.36"), [seen("616.4")], S.DIFFERS, "-0.04", D("-0.04") / D("616.4")),
    ("integer-stated", stated("39", "%"), [seen("39.2", "%")], S.MATCH, None, None),
    ("half-up", stated("39.3", "%"), [seen("39.25", "%")], S.MATCH, None, None),
    ("integer-stated-differs", stated("39", "%"), [seen("39.6", "%")], S.DIFFERS, "-0.6", D("-0.6") / D("39.6")),
    ("differs", stated("616.4"), [seen("620.1")], S.DIFFERS, "-3.7", D("-3.7") / D("620.1")),
    ("round-observed-is-not-coarse", stated("616.4"), [seen("620")], S.DIFFERS, "-3.6", D("-3.6") / D("620")),
    ("differs-in-other-unit", stated("616.4"), [seen("6200000", "万元")], S.DIFFERS, "-3.6", D("-3.6") / D("620")),
    ("observed-zero", stated("0.5", "%"), [seen("0", "%")], S.DIFFERS, "0.5", None),
    ("last-observation-counts", stated("616.4"), [seen("620.1"), seen("616.36")], S.MATCH, None, None),
    ("thirty-digits", stated("123456789012345678901234567890.12", "元"), [seen("123456789012345678901234567890.123", "元")],
     S.MATCH, None, None),
    ("no-observation", stated("616.4"), [], S.MISSING, None, None),
    ("other-year-only", stated("616.4"), [seen("600.1", year=2024)], S.MISSING, None, None),
    ("other-series-only", stated("616.4"), [seen("616.4", series="gdp-per-capita")], S.MISSING, None, None),
    ("units-without-conversion", stated("616.4", "元"), [seen("616.4", "%")], S.UNIT_MISMATCH, None, None),
]


@pytest.mark.parametrize(("value", "observed", "status", "difference", "relative"), [c[1:] for c in CASES],
                         ids=[c[0] for c in CASES])
def test_rows(value: StatedValue, observed: list[ObservedValue], status: ContinuityStatus,
              difference: str | None, relative: Decimal | None) -> None:
    (row,) = compare_baselines([value], observed)
    expected_difference = None if difference is None else D(difference)
    assert (row.status, row.difference, row.relative) == (status, expected_difference, relative)


def test_missing_value_is_proposed_as_an_observation() -> None:
    (row,) = compare_baselines([stated("616.4")], [])
    assert row.proposal == ProposedObservation("gdp", 2025, D("616.4"), "亿元", "2025年地区生产总值达616.4亿元", 12)
    assert row.observed is None


def test_only_missing_values_are_proposed() -> None:
    rows = compare_baselines([stated("616.4"), stated("39.2", "%", series="forest")], [seen("620.1")])
    assert [(r.status, r.proposal is not None) for r in rows] == [(S.DIFFERS, False), (S.MISSING, True)]


MESSAGES = [
    ("match", stated("616.4"), [seen("616.36")], "规划所列2025年值616.4亿元与统计值616.36亿元一致"),
    ("differs", stated("616.4"), [seen("620.1")], "规划所列2025年值616.4亿元与统计值620.1亿元不一致,相差-3.7亿元(-0.60%)"),
    ("missing", stated("616.4"), [],
     "统计数据中没有2025年的值;建议以本规划所列616.4亿元作为2025年观测值(来源:本规划原文),待确认后写入"),
    ("units", stated("616.4", "元"), [seen("616.4", "%")], "2025年基期值单位为元,统计值单位为%,无法换算"),
]


@pytest.mark.parametrize(("value", "observed", "message"), [c[1:] for c in MESSAGES], ids=[c[0] for c in MESSAGES])
def test_messages(value: StatedValue, observed: list[ObservedValue], message: str) -> None:
    (row,) = compare_baselines([value], observed)
    assert row.message == message


CORPUS = Path(__file__).parent.parent.parent.parent / "shared" / "corpus" / "national-gov-work-reports"


def sentence_at(name: str, line: int, needle: str) -> str:
    text = (CORPUS / name).read_text(encoding="utf-8").splitlines()[line - 1]
    assert needle in text
    return text.strip()


@pytest.mark.skipif(not CORPUS.is_dir(), reason="the shared corpus is not on this machine")
def test_work_reports_state_final_values_of_the_plan_before() -> None:
    """The 2006 and 2011 reports state the 10th and 11th plans' final GDP, as the 11th and
    12th plans' baselines; the statistical communiqués of 2005 and 2010 published 182321 and
    397983 亿元, which the reports round to 18.23 and 39.8 万亿元."""
    values = [
        StatedValue("中国|国内生产总值|元", 2005, D("18.23"), "万亿元",
                    sentence_at("2006-2006年中华人民共和国国务院政府工作报告.txt", 10, "国内生产总值达到18.23万亿元"), 10),
        StatedValue("中国|国内生产总值|元", 2010, D("39.8"), "万亿元",
                    sentence_at("2011-2011年中华人民共和国国务院政府工作报告.txt", 14, "国内生产总值达到39.8 万亿元"), 14),
        StatedValue("中国|财政收入|元", 2010, D("8.31"), "万亿元",
                    sentence_at("2011-2011年中华人民共和国国务院政府工作报告.txt", 14, "增加到8.31万亿元"), 14),
    ]
    observed = [ObservedValue("中国|国内生产总值|元", 2005, D("182321"), "亿元"),
                ObservedValue("中国|国内生产总值|元", 2010, D("397983"), "亿元")]
    rows = compare_baselines(values, observed)
    assert [r.status for r in rows] == [S.MATCH, S.MATCH, S.MISSING]
    assert rows[2].proposal is not None and "8.31万亿元" in rows[2].proposal.sentence
