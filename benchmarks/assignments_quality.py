"""Precision and recall of task division plan (任务分工方案) reading against hand-written files.

Input: every tests/data/assignments/*.yaml (expected items, units and categories, written by
hand) with the document it names. Run:

    .venv/bin/python benchmarks/assignments_quality.py [-v]

Items are matched by ``key``, a substring of the item's text (each extracted item matches at
most one expected item). Units are counted as (item, role, name) triples — an extracted
item that matches nothing contributes false units, an expected item not found missed ones —
and also without the role. Categories are counted per item; attribute accuracy over the
matched indicators.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from planwatch.domain.assignment import Assignment
from planwatch.extract.assignments import find_assignments

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data" / "assignments"
MEASURES = ("items", "units", "units (any role)", "categories", "attributes")


@dataclass
class Tally:
    expected: int = 0
    found: int = 0
    correct: int = 0
    notes: list[str] = field(default_factory=list)

    def add(self, other: Tally) -> None:
        self.expected += other.expected
        self.found += other.found
        self.correct += other.correct
        self.notes += other.notes

    def figures(self) -> str:
        precision = self.correct / self.found if self.found else 1.0
        recall = self.correct / self.expected if self.expected else 1.0
        counts = f"{self.correct}/{self.found} found, {self.expected} expected"
        return f"P {precision:.3f}  R {recall:.3f}  ({counts})"


def _units(lead: list[str], co: list[str]) -> set[tuple[str, str]]:
    return {("lead", u) for u in lead} | {("co", u) for u in co}


def score(expected: list[dict[str, Any]], items: tuple[Assignment, ...]) -> dict[str, Tally]:
    tallies = {name: Tally() for name in MEASURES}
    unmatched = list(items)
    for entry in expected:
        want = _units(entry["lead"], entry["co"])
        tallies["items"].expected += 1
        tallies["units"].expected += len(want)
        tallies["units (any role)"].expected += len(want)
        tallies["categories"].expected += 1
        item = next((i for i in unmatched if entry["key"] in i.text), None)
        if item is None:
            tallies["items"].notes.append(f"missed item: {entry['key']}")
            continue
        unmatched.remove(item)
        tallies["items"].found += 1
        tallies["items"].correct += 1
        got = _units(list(item.lead), list(item.co))
        for name, want_set, got_set in (
            ("units", want, got),
            ("units (any role)", {u for _, u in want}, {u for _, u in got}),
        ):
            tallies[name].found += len(got_set)
            tallies[name].correct += len(want_set & got_set)
            if want_set != got_set and name == "units":
                tallies[name].notes.append(
                    f"line {item.line} {entry['key']}: missed {sorted(want_set - got_set)} "
                    f"extra {sorted(got_set - want_set)}"
                )
        category = item.category.value if item.category else None
        tallies["categories"].found += category is not None
        if category == entry["category"]:
            tallies["categories"].correct += 1
        else:
            note = f"line {item.line} {entry['key']}: {category} != {entry['category']}"
            tallies["categories"].notes.append(note)
        if entry["category"] == "indicator":
            attribute = item.attribute.value if item.attribute else None
            tallies["attributes"].expected += 1
            tallies["attributes"].found += 1
            tallies["attributes"].correct += attribute == entry.get("attribute")
            if attribute != entry.get("attribute"):
                tallies["attributes"].notes.append(f"line {item.line} {entry['key']}: {attribute}")
    for item in unmatched:
        tallies["items"].found += 1
        tallies["items"].notes.append(f"spurious item: line {item.line} {item.text[:20]}")
        tallies["units"].found += len(item.units)
        tallies["units (any role)"].found += len(item.units)
        tallies["categories"].found += item.category is not None
    return tallies


def main() -> None:
    verbose = "-v" in sys.argv
    total = {name: Tally() for name in MEASURES}
    for path in sorted(DATA.glob("*.yaml")):
        data = yaml.safe_load(path.read_text("utf-8"))
        text = (DATA / data["document"]).read_text("utf-8")
        tallies = score(data["items"], find_assignments(text))
        print(f"{data['document']}: {len(data['items'])} items, {len(text)} characters")
        for name, tally in tallies.items():
            print(f"  {name:<17} {tally.figures()}")
            total[name].add(tally)
            if verbose:
                for note in tally.notes:
                    print(f"      {note}")
    print("all documents:")
    for name, tally in total.items():
        print(f"  {name:<17} {tally.figures()}")


if __name__ == "__main__":
    main()
