"""Linking baselines with targets (planwatch.extract.indicators)."""

from __future__ import annotations

import pytest

from planwatch.domain.outline import Outline
from planwatch.domain.plan import PlanMeta
from planwatch.extract.indicators import format_indicator_rows, link_indicators
from planwatch.extract.normalize import normalize
from planwatch.extract.quantities import find_quantities

PLAN = PlanMeta("某区规划", "某区", (2021, 2025), None, "县区")

TEXT = """第一节 发展基础
森林覆盖率达39.2%。城市建成区面积达到85.1平方公里。江南科技产业园区主营业务收入达到508亿元。地区生产总值年均增长8.5%。
第三节 主要任务
到2025年,全区森林覆盖率达到39.6%。全区城市建成区达到100平方公里。
促进江南科技产业园转型升级。到2025年,园区建成区达到10平方公里,主营业务收入达到1000亿元。
到2025年,GDP突破1000亿元,力争达到1200亿元。地区生产总值年均增长7%。
"""


@pytest.fixture(scope="module")
def candidates():  # type: ignore[no-untyped-def]
    findings = find_quantities(normalize(TEXT), Outline((), 0), PLAN)
    return {
        (c.name, c.targets[0].scope if c.targets else c.baseline.scope): c
        for c in link_indicators(findings.quantities)
    }  # type: ignore[union-attr]


PAIRS = [
    ("forest", "森林覆盖率", "全区", "39.2", ["39.6"], "level"),
    ("built-up-area", "城市建成区", "全区", "85.1", ["100"], "level"),
    ("park-revenue", "主营业务收入", "江南科技产业园", "508", ["1000"], "level"),
    ("park-area-no-baseline", "建成区", "江南科技产业园", None, ["10"], "level"),
    ("stretch-together", "GDP", "全区", None, ["1000", "1200"], "level"),
    ("growth-pairs-growth", "地区生产总值", "全区", "8.5", ["7"], "growth_rate"),
]


@pytest.mark.parametrize(
    ("name", "scope", "baseline", "targets", "kind"), [pytest.param(*p[1:], id=p[0]) for p in PAIRS]
)
def test_pairs(
    candidates, name: str, scope: str, baseline: str | None, targets: list[str], kind: str
) -> None:  # type: ignore[no-untyped-def]
    c = candidates[(name, scope)]
    assert (format(c.baseline.value, "f") if c.baseline else None) == baseline
    assert [format(t.value, "f") for t in c.targets] == targets
    assert c.kind == kind


def test_rows_have_header_and_one_row_per_target(candidates) -> None:  # type: ignore[no-untyped-def]
    rows = format_indicator_rows(list(candidates.values()))
    assert rows[0][0] == "指标"
    assert len(rows) == 1 + sum(max(1, len(c.targets)) for c in candidates.values())
