"""docs/reading.md names every problem the readers report.

The docstring examples of planwatch.read run as doctests (pyproject: --doctest-modules).
"""

from pathlib import Path

import pytest
from test_bad_input import CASES

import planwatch.read
from planwatch.read import docx, encoding, formats, pdf

READING = Path(__file__).parents[2] / "docs" / "reading.md"
MESSAGES = {
    "read.EMPTY_FILE": planwatch.read.EMPTY_FILE,
    "read.NO_TEXT": planwatch.read.NO_TEXT,
    "encoding.NOT_TEXT": encoding.NOT_TEXT,
    "docx.DAMAGED": docx.DAMAGED,
    "pdf.NO_TEXT_LAYER": pdf.NO_TEXT_LAYER,
    "pdf.ENCRYPTED": pdf.ENCRYPTED,
    "pdf.DAMAGED": pdf.DAMAGED,
    "formats.LEGACY_OFFICE": formats.LEGACY_OFFICE,
}


@pytest.mark.parametrize(
    "problem",
    [
        *(pytest.param(problem, id=name) for name, problem in MESSAGES.items()),
        *(pytest.param(problem, id=f"case-{case}") for case, _, _, problem in CASES),
    ],
)
def test_problem_is_documented(problem: str) -> None:
    assert problem in READING.read_text(encoding="utf-8")
