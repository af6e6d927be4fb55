"""Change targets (下降 13.5%, 提高 2 个百分点, 增加 1.5 亿立方米) read as the level they imply."""

import pytest
from assess_builders import DOWN, UP, Case, D, close, indicator, levels

from planwatch.assess import assess
from planwatch.domain.assessment import Light, Status
from planwatch.domain.indicator import TargetKind

CHANGE = TargetKind.CHANGE
G, Y, R, GREY = Light.GREEN, Light.YELLOW, Light.RED, Light.GREY
# 单位 GDP 能耗 下降 13.5% (约束性) from 0.5: X = 0.5 × (1 − 0.135) = 0.4325, X − x₀ = −0.0675
ENERGY = indicator(
    CHANGE,
    "13.5",
    baseline="0.5",
    direction=DOWN,
    binding=True,
    unit="吨标准煤/万元",
    target_unit="%",
)
# 森林覆盖率 提高 2 个百分点 from 39.2%: X = 41.2
FOREST = indicator(CHANGE, "2", baseline="39.2", unit="%", target_unit="百分点")
# 供水能力 增加 1.5 亿立方米 from 10: X = 11.5 (unit of the indicator)
WATER = indicator(CHANGE, "1.5", baseline="10", unit="亿立方米")
# 人均可支配收入 提高 40% from 40000: X = 56000
INCOME = indicator(CHANGE, "40", baseline="40000", unit="元", target_unit="%")

CASES = [
    # P = (0.47 − 0.5)/(0.4325 − 0.5) = −0.03/−0.0675 = 0.4444; τ 0.4
    Case("relative-decrease-on-track", ENERGY, levels({2022: "0.47"}), 2022, Status.ON_TRACK, G, "0.4", "0.4444"),
    # P = −0.01/−0.0675 = 0.1481; τ 0.6; gap 0.4519 → red
    Case("relative-decrease-lagging", ENERGY, levels({2023: "0.49"}), 2023, Status.LAGGING, R, "0.6", "0.1481"),
    # 0.43 ≤ 0.4325 in 2024
    Case("relative-decrease-met-early", ENERGY, levels({2024: "0.43"}), 2024, Status.ACHIEVED_EARLY, G, "0.8"),
    # P = (40.0 − 39.2)/(41.2 − 39.2) = 0.8/2 = 0.4
    Case("points-increase-on-track", FOREST, levels({2022: "40.0"}), 2022, Status.ON_TRACK, G, "0.4", "0.4"),
    # 11.6 ≥ 11.5
    Case("absolute-increase-met-early", WATER, levels({2024: "11.6"}), 2024, Status.ACHIEVED_EARLY, G, "0.8"),
    # P = 6000/16000 = 0.375
    Case("relative-increase-on-track", INCOME, levels({2022: "46000"}), 2022, Status.ON_TRACK, G, "0.4", "0.375"),
    Case("missing-baseline", indicator(CHANGE, "13.5", direction=DOWN, target_unit="%"), levels({2022: "0.47"}), 2022, Status.NO_DATA, GREY, note="需要基期值"),
]  # fmt: skip


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_change_case(case: Case) -> None:
    case.check()


def test_implied_target_is_shown() -> None:
    result = assess(ENERGY, levels({2022: "0.47"}), as_of=2022)
    assert close(D(result.inputs["implied_target"]), "0.4325")
    assert "x₀ × (1 − 13.5%) = 0.4325" in result.formula


def test_explicit_change_direction_wins() -> None:
    # 人口自然增长率 下降 1 个百分点 though higher is "better" for the indicator: X = 5 − 1 = 4
    falling = indicator(
        CHANGE, "1", baseline="5", direction=UP, change=DOWN, unit="‰", target_unit="百分点"
    )
    # P = (4.6 − 5)/(4 − 5) = 0.4
    result = assess(falling, levels({2022: "4.6"}), as_of=2022)
    assert close(result.progress, "0.4") and result.status is Status.ON_TRACK
