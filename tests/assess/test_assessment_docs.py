"""docs/assessment.md stays true: its worked example is what the engine writes."""

import re
from pathlib import Path

from assess_builders import indicator, levels

from planwatch.assess import Thresholds, assess
from planwatch.domain.indicator import TargetKind

DOC = Path(__file__).parent.parent.parent / "docs" / "assessment.md"


def test_worked_example_formula_matches_the_engine() -> None:
    block = re.search(r"```text\n(.*?)```", DOC.read_text(encoding="utf-8"), re.DOTALL)
    assert block is not None
    gdp = indicator(TargetKind.LEVEL, "1000", baseline="616.36", comparator=">", stretch="1200")
    result = assess(gdp, levels({2022: "767.81"}), as_of=2022)
    assert result.formula.split(";") == block.group(1).strip().splitlines()


def test_every_threshold_is_documented() -> None:
    text = DOC.read_text(encoding="utf-8")
    assert all(f"`{name}`" in text for name in Thresholds().as_mapping())
