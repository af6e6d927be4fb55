"""Outline counts against the hand-counted golden file tests/golden/outline_counts.yaml.

For each document (the bundled sample and 15 national government work reports of
../shared/corpus/ from 1954 to 2018, counted by hand from the text without running
planwatch), the outline's nodes are counted by kind (part, chapter, section, box, preface)
and compared with the golden counts; a document is right when all five agree. Prints each
document's counts and the share of documents right (aim, issue 11: ≥ 90 %).

    .venv/bin/python benchmarks/outline_quality.py
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import yaml

from planwatch.services.extraction import extract_file
from planwatch.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests/golden/outline_counts.yaml"
CORPUS = ROOT.parent / "shared/corpus/national-gov-work-reports"
SAMPLE = ROOT / "src/planwatch/data/samples/jiangyang-14th-2022.txt"
KINDS = ("part", "chapter", "section", "box", "preface")


def document_path(entry: dict[str, Any], corpus: Path = CORPUS) -> Path:
    path = str(entry["path"])
    return SAMPLE if path == "sample" else corpus / path.removeprefix("corpus:")


def counts(path: Path) -> dict[str, int]:
    extraction = extract_file(path, Settings())
    found = Counter(node.kind.value for node in extraction.outline.walk())
    return {kind: found.get(kind, 0) for kind in KINDS}


def main() -> None:
    documents = yaml.safe_load(GOLDEN.read_text("utf-8"))["documents"]
    right = 0
    for entry in documents:
        path = document_path(entry)
        found, want = counts(path), {k: int(entry["counts"][k]) for k in KINDS}
        ok = found == want
        right += ok
        wrong = {k: f"{found[k]} (golden {want[k]})" for k in KINDS if found[k] != want[k]}
        print(f"{'right' if ok else 'WRONG'}  {path.name[:40]:40}  {wrong or ''}")
    print(f"documents right: {right} of {len(documents)} ({right / len(documents):.0%})")


if __name__ == "__main__":
    main()
