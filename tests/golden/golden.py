"""Scoring extracted quantities against the hand-written golden file.

Matching rule: an extracted quantity matches a golden one when they are on the same line,
have the same value (Decimal equality) and the same unit; each golden entry matches at most
one extracted quantity. Precision = matched / extracted, recall = matched / golden.

Attribute accuracy = share of matched quantities whose kind, year, comparator, cumulative,
growth_rate, stretch, change, scope (when the golden names one, else the plan's default),
base_value (when given) all agree and whose indicator name contains the golden substring or
is contained in it.

A golden file may score a passage of a document only (``lines: [first, last]``): extracted
quantities outside it are left out before matching. ``default_scope`` is the scope a
quantity has when the golden entry names none (全区 for the district sample).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

from planwatch.domain.quantity import Quantity

GOLDEN = Path(__file__).parent / "jiangyang_quantities.yaml"
REPORT_2016 = Path(__file__).parent / "gov_report_2016_13th_plan.yaml"
# Five-year-plan passages of national work reports, written by hand: 2016 (the 13th plan),
# and, held out (written by someone who had not run the extractor), 2011 (the 12th) and 2006
# (the 11th).
PLAN_PASSAGES = tuple(
    Path(__file__).parent / name
    for name in (
        "gov_report_2016_13th_plan.yaml",
        "gov_report_2011_12th_plan.yaml",
        "gov_report_2006_11th_plan.yaml",
    )
)
DEFAULT_SCOPE = "全区"


def load(path: Path = GOLDEN) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(path.read_text("utf-8"))
    return data


def document_path(golden_file: Path, data: dict[str, Any]) -> Path:
    """The document a golden file describes (``document:``, relative to the golden file)."""
    return (golden_file.parent / data["document"]).resolve()


def in_passage(found: Sequence[Quantity], data: dict[str, Any]) -> list[Quantity]:
    """The quantities on the lines the golden file scores (all of them without ``lines``)."""
    if "lines" not in data:
        return list(found)
    first, last = data["lines"]
    return [q for q in found if first <= q.line <= last]


def attribute_errors(
    found: Quantity,
    expected: dict[str, Any],
    default_scope: str = DEFAULT_SCOPE,
    ignore: frozenset[str] = frozenset(),
) -> list[str]:
    """The attributes of a matched quantity that disagree with the golden entry
    (``ignore``: attribute names left out, e.g. ``{"year"}`` for a second figure)."""
    wrong = []
    want = {
        "kind": expected["kind"],
        "year": expected["year"],
        "comparator": expected["comparator"],
        "cumulative": expected.get("cumulative", False),
        "growth_rate": expected.get("growth_rate", False),
        "stretch": expected.get("stretch", False),
        "change": expected.get("change"),
        "scope": expected.get("scope", default_scope),
    }
    for name, value in want.items():
        if name not in ignore and getattr(found, name) != value:
            wrong.append(f"{name}: {getattr(found, name)!r} != {value!r}")
    if "base_value" in expected and found.base_value != Decimal(str(expected["base_value"])):
        wrong.append(f"base_value: {found.base_value} != {expected['base_value']}")
    name, golden_name = found.indicator, expected["indicator"]
    if not name or not (golden_name in name or name in golden_name):
        wrong.append(f"indicator: {name!r} !~ {golden_name!r}")
    return wrong


@dataclass
class Score:
    matched: int = 0
    extracted: int = 0
    expected: int = 0
    exact: int = 0  # matched with every attribute right
    missed: list[dict[str, Any]] = field(default_factory=list)
    spurious: list[Quantity] = field(default_factory=list)
    wrong: list[tuple[int, str, list[str]]] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.matched / self.extracted if self.extracted else 1.0

    @property
    def recall(self) -> float:
        return self.matched / self.expected if self.expected else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def attribute_accuracy(self) -> float:
        return self.exact / self.matched if self.matched else 0.0


def _key(line: int, value: Decimal, unit: str) -> tuple[int, Decimal, str]:
    return line, value, unit


def score(
    found: Sequence[Quantity],
    golden: list[dict[str, Any]],
    default_scope: str = DEFAULT_SCOPE,
    ignore: frozenset[str] = frozenset(),
) -> Score:
    result = Score(extracted=len(found), expected=len(golden))
    pool: dict[tuple[int, Decimal, str], list[dict[str, Any]]] = {}
    for entry in golden:
        key = _key(entry["line"], Decimal(str(entry["value"])), entry["unit"])
        pool.setdefault(key, []).append(entry)
    for quantity in found:
        candidates = pool.get(_key(quantity.line, quantity.value, quantity.unit))
        if not candidates:
            result.spurious.append(quantity)
            continue
        entry = candidates.pop(0)
        result.matched += 1
        errors = attribute_errors(quantity, entry, default_scope, ignore)
        if errors:
            result.wrong.append((quantity.line, quantity.text, errors))
        else:
            result.exact += 1
    result.missed = [e for entries in pool.values() for e in entries]
    return result


def qualitative_recall(found: Sequence[Any], golden: list[dict[str, Any]]) -> tuple[int, int]:
    """(golden qualitative targets found on their line with their year, golden count)."""
    seen = {(q.line, q.year) for q in found}
    return sum((g["line"], g["year"]) in seen for g in golden), len(golden)
