"""Golden documents besides the sample: the five-year-plan passages of three national work
reports, written by hand (tests/golden/gov_report_2016_13th_plan.yaml; held out, by someone
who had not run the extractor: gov_report_2011_12th_plan.yaml, gov_report_2006_11th_plan.yaml),
scored as the sample is."""

from __future__ import annotations

import importlib.util
import sys
from functools import cache
from pathlib import Path
from types import ModuleType

import pytest

from planwatch.domain.quantity import Quantity
from planwatch.read import read_document
from planwatch.services.extraction import extract_document

HERE = Path(__file__).parent


def _golden() -> ModuleType:
    spec = importlib.util.spec_from_file_location("golden_scoring_report", HERE / "golden.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["golden_scoring_report"] = module
    spec.loader.exec_module(module)
    return module


golden = _golden()
DATA = golden.load(golden.REPORT_2016)


@cache
def quantities(golden_file: Path) -> list[Quantity]:
    data = golden.load(golden_file)
    document = read_document(golden.document_path(golden_file, data), max_bytes=10**7)
    return golden.in_passage(extract_document(document).findings.quantities, data)


def passage() -> list[Quantity]:
    return quantities(golden.REPORT_2016)


@pytest.mark.parametrize("golden_file", golden.PLAN_PASSAGES, ids=lambda p: p.stem[11:])
def test_f1_and_attribute_accuracy(golden_file: Path) -> None:
    data = golden.load(golden_file)
    result = golden.score(quantities(golden_file), data["quantities"], data["default_scope"])
    assert result.f1 >= 0.95, (result.missed, result.spurious)
    assert result.attribute_accuracy >= 0.95, result.wrong


def test_one_value_for_two_names_joined_by_he() -> None:
    # 2011 report, line 182: "城镇居民人均可支配收入和农村居民人均纯收入年均实际增长超过7%"
    found = [q for q in quantities(golden.PLAN_PASSAGES[1]) if q.line == 182 and q.value == 7]
    assert {q.indicator for q in found} >= {"城镇居民人均可支配收入", "农村居民人均纯收入"}


def test_every_passage_quantity_has_the_national_scope_or_a_named_one() -> None:
    assert {q.scope for q in passage()} == {"全国"}
