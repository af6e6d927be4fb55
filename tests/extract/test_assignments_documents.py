"""Whole task division plans (a county, a city, a province, a district, a prefecture) against hand-written YAML."""

from pathlib import Path
from typing import Any

import pytest
import yaml

from planwatch.domain.assignment import Assignment
from planwatch.extract.assignments import find_assignments

DATA = Path(__file__).parent.parent / "data" / "assignments"


def load_cases() -> list[tuple[str, dict[str, Any]]]:
    cases = []
    for path in sorted(DATA.glob("*.yaml")):
        data = yaml.safe_load(path.read_text("utf-8"))
        cases.extend((data["document"], entry) for entry in data["items"])
    return cases


CASES = load_cases()
DOCUMENTS = sorted(path.name for path in DATA.glob("*.txt"))


def items_of(document: str, cache: dict[str, tuple[Assignment, ...]] = {}) -> tuple[Assignment, ...]:  # noqa: B006 - one read per document
    if document not in cache:
        cache[document] = find_assignments((DATA / document).read_text("utf-8"))
    return cache[document]


def test_the_documents_hold_forty_items_or_more() -> None:
    assert len(CASES) >= 40
    assert {document for document, _ in CASES} == set(DOCUMENTS)  # every document has its YAML


@pytest.mark.parametrize(("document", "entry"), CASES, ids=[f"{d.split('-')[0]}: {e['key']}" for d, e in CASES])
def test_item(document: str, entry: dict[str, Any]) -> None:
    matches = [item for item in items_of(document) if entry["key"] in item.text]
    assert len(matches) == 1
    item = matches[0]
    assert (list(item.lead), list(item.co)) == (entry["lead"], entry["co"])
    assert item.category is not None and item.category.value == entry["category"]
    if entry["category"] == "indicator":
        assert (item.attribute.value if item.attribute else None) == entry["attribute"]


@pytest.mark.parametrize("document", DOCUMENTS)
def test_no_item_beyond_the_expected(document: str) -> None:
    expected = [entry for d, entry in CASES if d == document]
    assert len(items_of(document)) == len(expected)
