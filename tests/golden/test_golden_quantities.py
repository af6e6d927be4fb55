"""The whole sample against the hand-written golden file (tests/golden/jiangyang_quantities.yaml)."""

from __future__ import annotations

import importlib.util
import sys
from functools import cache
from pathlib import Path
from types import ModuleType

import pytest

from planwatch.domain.quantity import QuantityFindings
from planwatch.extract.metadata import read_plan_meta
from planwatch.extract.normalize import normalize
from planwatch.extract.outline import build_outline
from planwatch.extract.quantities import find_quantities

HERE = Path(__file__).parent
SAMPLE = HERE.parent.parent / "src/planwatch/data/samples/jiangyang-14th-2022.txt"


def _golden() -> ModuleType:
    spec = importlib.util.spec_from_file_location("golden_scoring", HERE / "golden.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["golden_scoring"] = module
    spec.loader.exec_module(module)
    return module


golden = _golden()


@cache
def findings() -> QuantityFindings:
    text = normalize(SAMPLE.read_text("utf-8"))
    outline, _ = build_outline(text)
    return find_quantities(text, outline, read_plan_meta(text, outline.body_start))


def test_f1_and_attribute_accuracy() -> None:
    result = golden.score(findings().quantities, golden.load()["quantities"])
    assert result.f1 >= 0.97, (result.missed, result.spurious)
    assert result.attribute_accuracy >= 0.95, result.wrong


def test_no_unknown_units_in_sample() -> None:
    assert [i for i in findings().issues if i.code == "unknown_unit"] == []


QUALITATIVE = golden.load()["qualitative"]


@pytest.mark.parametrize(
    "entry",
    [pytest.param(e, id=f"line-{e['line']}") for e in QUALITATIVE],
)
def test_qualitative_target(entry: dict[str, int]) -> None:
    assert (entry["line"], entry["year"]) in {(q.line, q.year) for q in findings().qualitative}


def test_spans_are_original_offsets() -> None:
    original = SAMPLE.read_text("utf-8")
    for q in findings().quantities:
        assert original[q.start : q.end] == q.text
        assert q.text in q.sentence
