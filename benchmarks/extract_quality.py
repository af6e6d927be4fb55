"""Precision, recall and attribute accuracy of quantity extraction against the golden files.

Input: src/planwatch/data/samples/jiangyang-14th-2022.txt and
tests/golden/jiangyang_quantities.yaml; the "十三五" section of the 2016 national government
work report (tests/data/reports/2016-2016年中华人民共和国国务院政府工作报告.txt, lines 64–90) and
tests/golden/gov_report_2016_13th_plan.yaml (both written by hand). The report is extracted
whole, as `planwatch extract` does, and scored on its passage; a second figure leaves the
year out of the attributes. Run:

    .venv/bin/python benchmarks/extract_quality.py [-v]

The matching rule is documented in tests/golden/golden.py and docs/extraction.md.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

from planwatch.extract.metadata import read_plan_meta
from planwatch.extract.normalize import normalize
from planwatch.extract.outline import build_outline
from planwatch.extract.quantities import find_quantities
from planwatch.read import read_document
from planwatch.services.extraction import extract_document

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "src/planwatch/data/samples/jiangyang-14th-2022.txt"


def _golden_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("golden", ROOT / "tests/golden/golden.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["golden"] = module
    spec.loader.exec_module(module)
    return module


def main() -> None:
    golden = _golden_module()
    text = normalize(SAMPLE.read_text("utf-8"))
    outline, _ = build_outline(text)
    findings = find_quantities(text, outline, read_plan_meta(text, outline.body_start))
    data = golden.load()
    result = golden.score(findings.quantities, data["quantities"])
    found_q, total_q = golden.qualitative_recall(findings.qualitative, data["qualitative"])
    print(f"sample: {SAMPLE.name}")
    counts = (result.expected, result.extracted, result.matched)
    print("golden quantities: {}  extracted: {}  matched: {}".format(*counts))
    print(f"precision: {result.precision:.3f}  recall: {result.recall:.3f}  F1: {result.f1:.3f}")
    print(f"attribute accuracy: {result.attribute_accuracy:.3f} ({result.exact}/{result.matched})")
    print(
        f"qualitative targets found: {found_q}/{total_q}  (extracted {len(findings.qualitative)})"
    )
    _details(result)
    _report(golden)


def _report(golden: ModuleType) -> None:
    for golden_file in golden.PLAN_PASSAGES:
        data = golden.load(golden_file)
        path = golden.document_path(golden_file, data)
        extraction = extract_document(read_document(path, max_bytes=10**7))
        found = golden.in_passage(extraction.findings.quantities, data)
        result = golden.score(found, data["quantities"], data["default_scope"])
        no_year = golden.score(
            found, data["quantities"], data["default_scope"], frozenset({"year"})
        )
        first, last = data["lines"]
        print(f"\n{golden_file.name}: {path.name}, lines {first}-{last}")
        counts = (result.expected, result.extracted, result.matched)
        print("golden quantities: {}  extracted: {}  matched: {}".format(*counts))
        print(
            f"precision: {result.precision:.3f}  recall: {result.recall:.3f}  F1: {result.f1:.3f}"
        )
        print(
            f"attribute accuracy: {result.attribute_accuracy:.3f} ({result.exact}/{result.matched})"
        )
        print(f"attribute accuracy without the year: {no_year.attribute_accuracy:.3f}")
        _details(result)


def _details(result: object) -> None:
    if "-v" not in sys.argv:
        return
    for entry in result.missed:  # type: ignore[attr-defined]
        print("missed:", entry)
    for quantity in result.spurious:  # type: ignore[attr-defined]
        print("spurious:", quantity.line, quantity.text, quantity.indicator)
    for line, surface, errors in result.wrong:  # type: ignore[attr-defined]
        print("wrong:", line, surface, "; ".join(errors))


if __name__ == "__main__":
    main()
