"""Precision, recall, F1 and year accuracy of report reading against the hand-written golden
files tests/golden/report_{1985,1997,2009,2013,2019}.yaml, and the document year read from the
body alone over the whole corpus. Run:

    .venv/bin/python benchmarks/report_quality.py [-v]

Input: ../shared/corpus/national-gov-work-reports/ (the five reports for the
golden files; all 47 reports for the year). The matching rule is in tests/golden/report_scoring.py.
"""

from __future__ import annotations

import importlib.util
import sys
from dataclasses import replace
from pathlib import Path
from types import ModuleType

from planwatch.errors import DocumentYearUnknown
from planwatch.read import read_document
from planwatch.services.extraction import extract_document

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared/corpus/national-gov-work-reports"


def _scoring() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "report_scoring", ROOT / "tests/golden/report_scoring.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["report_scoring"] = module
    spec.loader.exec_module(module)
    return module


def report(year: int) -> Path:
    return next(CORPUS.glob(f"{year}-*.txt"))


def main() -> None:
    scoring = _scoring()
    scores = []
    for year, golden_path in scoring.GOLDEN_FILES.items():
        document = read_document(report(year), max_bytes=10**8)
        anonymous = replace(document, source=replace(document.source, path="report.txt"))
        try:
            extraction = extract_document(anonymous)  # the year from the text, not the name
        except DocumentYearUnknown:  # the 2013 report states it nowhere: its file name does
            extraction = extract_document(document)
        golden = scoring.load(golden_path)
        result = scoring.score(extraction.findings.quantities, golden)
        scores.append(result)
        print(
            f"{year}: kind {extraction.kind.kind.value}, year {extraction.document_year} "
            f"({extraction.year.evidence if extraction.year else '-'})"
        )
        _print(result)
    print("all reports:")
    total = scoring.combined(scores)
    _print(total)
    if "-v" in sys.argv:
        for entry in total.missed:
            print("missed:", entry)
        for quantity in total.spurious:
            print("spurious:", quantity.line, quantity.text, quantity.indicator, quantity.year)
        for line, surface, errors in total.wrong:
            print("wrong:", line, surface, "; ".join(errors))
    _corpus_years()


def _print(result: object) -> None:
    r = result
    print(
        f"  golden {r.expected}  extracted {r.extracted}  matched {r.matched}  "  # type: ignore[attr-defined]
        f"precision {r.precision:.3f}  recall {r.recall:.3f}  F1 {r.f1:.3f}  "  # type: ignore[attr-defined]
        f"right year {r.year_accuracy:.3f}  right flags {r.flag_accuracy:.3f}"
    )  # type: ignore[attr-defined]


def _corpus_years() -> None:
    right = wrong = unknown = 0
    for path in sorted(CORPUS.glob("*.txt")):
        document = read_document(path, max_bytes=10**8)
        anonymous = replace(document, source=replace(document.source, path="report.txt"))
        try:
            found = extract_document(anonymous).document_year
        except DocumentYearUnknown:
            found = None
        expected = int(path.name[:4])
        if found is None:
            unknown += 1
        elif found == expected:
            right += 1
        else:
            wrong += 1
            print("wrong year:", path.name, found)
    print(
        f"document year from the text alone (file names hidden): right {right}, "
        f"wrong {wrong}, undetermined {unknown} of {right + wrong + unknown}"
    )


if __name__ == "__main__":
    main()
