"""One implausible value never fails the engine: it gives an assessment, at worst 无数据."""

from __future__ import annotations

from decimal import Decimal

import pytest

from planwatch.assess import assess
from planwatch.domain.assessment import Status
from planwatch.domain.indicator import Indicator, Observation, Target, TargetKind


@pytest.mark.parametrize("value", ["1e25", "1e30", "-1e30", "1e-30", "9" * 40], ids=str)
@pytest.mark.parametrize(
    "kind",
    [TargetKind.LEVEL, TargetKind.GROWTH_RATE, TargetKind.CUMULATIVE, TargetKind.CEILING],
    ids=lambda k: k.value,
)
def test_a_huge_value_gives_an_assessment(value: str, kind: TargetKind) -> None:
    indicator = Indicator(
        "地区生产总值", "亿元", kind, baseline_year=2020, baseline_value=Decimal("616.36"),
        targets=(Target(Decimal(1000), 2025, "<=" if kind is TargetKind.CEILING else ">="),),
    )  # fmt: skip
    result = assess(indicator, [Observation(2022, Decimal(value))], 2022)
    assert result.status in set(Status)
    assert isinstance(result.formula, str) and isinstance(result.notes, tuple)


def test_an_overflow_in_the_engine_becomes_no_data(monkeypatch: pytest.MonkeyPatch) -> None:
    from planwatch.assess import engine

    def overflow(_: object) -> None:
        raise ArithmeticError("overflow")

    monkeypatch.setitem(engine.JUDGES, TargetKind.LEVEL, overflow)
    gdp = Indicator("地区生产总值", "亿元", TargetKind.LEVEL, baseline_year=2020,
                    baseline_value=Decimal(616), targets=(Target(Decimal(1000), 2025),))  # fmt: skip
    result = assess(gdp, [Observation(2022, Decimal(700))], 2022)
    assert (result.status, result.reason) == (Status.NO_DATA, "数据无法计算")
