"""Scoring a report's quantities against a hand-written golden file (report_*.yaml).

The golden file names the lines it covers (``lines``) and lists every quantity on them. Only
extracted quantities on those lines are scored. An extracted quantity matches a golden one
when they are on the same line with the same value (Decimal equality) and unit; each golden
entry matches at most one. Precision = matched / extracted on the lines, recall = matched /
golden. Year accuracy = share of matched quantities with the golden year and kind (a target
of the year, a result of the year before); flag accuracy = share with the golden
growth_rate and change.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

from planwatch.domain.quantity import Quantity

HERE = Path(__file__).parent
GOLDEN_FILES = {
    year: HERE / f"report_{year}.yaml" for year in (1982, 1985, 1993, 1997, 2004, 2009, 2013, 2017, 2019)
}
# Written after the rules, scored once before any change (docs/benchmarks.md); 1982, 1993,
# 2004 and 2017 were written by someone who had not read the rules nor run the extractor.
HELD_OUT = (1982, 1985, 1993, 2004, 2009, 2013, 2017)


def load(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(path.read_text("utf-8"))
    return data


@dataclass
class ReportScore:
    matched: int = 0
    extracted: int = 0
    expected: int = 0
    right_year: int = 0
    right_flags: int = 0
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
    def year_accuracy(self) -> float:
        return self.right_year / self.matched if self.matched else 0.0

    @property
    def flag_accuracy(self) -> float:
        return self.right_flags / self.matched if self.matched else 0.0


def score(found: Sequence[Quantity], golden: dict[str, Any]) -> ReportScore:
    lines = set(golden["lines"])
    scored = [q for q in found if q.line in lines]
    result = ReportScore(extracted=len(scored), expected=len(golden["quantities"]))
    pool: dict[tuple[int, Decimal, str], list[dict[str, Any]]] = {}
    for entry in golden["quantities"]:
        key = (entry["line"], Decimal(str(entry["value"])), entry["unit"])
        pool.setdefault(key, []).append(entry)
    for quantity in scored:
        candidates = pool.get((quantity.line, quantity.value, quantity.unit))
        if not candidates:
            result.spurious.append(quantity)
            continue
        entry = candidates.pop(0)
        result.matched += 1
        errors = []
        if (quantity.year, quantity.kind) == (entry["year"], entry["kind"]):
            result.right_year += 1
        else:
            errors.append(
                f"year/kind: {quantity.year} {quantity.kind} != {entry['year']} {entry['kind']}"
            )
        flags = (quantity.growth_rate, quantity.change)
        if flags == (entry.get("growth_rate", False), entry.get("change")):
            result.right_flags += 1
        else:
            errors.append(
                f"flags: {flags} != {(entry.get('growth_rate', False), entry.get('change'))}"
            )
        if errors:
            result.wrong.append((quantity.line, quantity.text, errors))
    result.missed = [e for entries in pool.values() for e in entries]
    return result


def combined(scores: Sequence[ReportScore]) -> ReportScore:
    total = ReportScore()
    for s in scores:
        total.matched += s.matched
        total.extracted += s.extracted
        total.expected += s.expected
        total.right_year += s.right_year
        total.right_flags += s.right_flags
        total.missed += s.missed
        total.spurious += s.spurious
        total.wrong += s.wrong
    return total
