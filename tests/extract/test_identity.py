"""Indicator identity in extraction: a qualifier makes another indicator, so a baseline of one
is never linked to (and rescaled for) the target of the other."""

from __future__ import annotations

import pytest

from planwatch.extract.indicators import link_indicators
from planwatch.extract.metadata import read_plan_meta
from planwatch.extract.normalize import normalize
from planwatch.extract.outline import build_outline
from planwatch.extract.quantities import find_quantities
from planwatch.extract.wrapping import join_wrapped_lines


def linked(text: str) -> list[tuple[str, str | None, str | None]]:
    """(target name, baseline name, baseline value) of every candidate with a target."""
    lines = normalize(text)
    joined = join_wrapped_lines(lines)
    outline, _ = build_outline(joined)
    findings = find_quantities(joined, outline, read_plan_meta(lines, outline.body_start))
    return [
        (c.name, c.baseline.indicator if c.baseline else None,
         format(c.baseline.value, "f") if c.baseline else None)
        for c in link_indicators(findings.quantities)
        if c.targets
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "name", "baseline"),
    [
        (
            "2020年地区生产总值达到560亿元。到2025年,人均地区生产总值达到9万元。",
            "人均地区生产总值",
            None,
        ),
        (
            "2020年居民人均可支配收入达到3.2万元。到2025年,农村居民人均可支配收入达到2.4万元。",
            "农村居民人均可支配收入",
            None,
        ),
        (
            "2020年能耗达到300万吨标准煤。到2025年,单位地区生产总值能耗降低13%。",
            "单位地区生产总值能耗",
            None,
        ),
        (
            "2020年用水量达到2.1亿立方米。到2025年,万元地区生产总值用水量下降16%。",
            "万元地区生产总值用水量",
            None,
        ),
        (
            "2020年城市建成区面积达到85.1平方公里。到2025年,城市建成区达到100平方公里。",
            "城市建成区",
            "85.1",
        ),
        (
            "2020年地区生产总值达到560亿元。到2025年,全区地区生产总值达到800亿元。",
            "地区生产总值",
            "560",
        ),
    ],
    ids=[
        "per-capita",
        "rural",
        "per-unit-energy",
        "per-10000-yuan-water",
        "neutral-suffix",
        "scope-word",
    ],
)
def test_baselines_link_only_to_the_same_indicator(
    text: str, name: str, baseline: str | None
) -> None:
    found = {target: value for target, _, value in linked(text)}
    assert name in found
    assert found[name] == baseline
