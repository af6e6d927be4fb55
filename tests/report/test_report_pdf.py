"""The DOCX converted to PDF by LibreOffice: the Chinese headings come out as text.

Runs wherever LibreOffice is installed; skipped without it, except in CI (CI=true), where a
missing LibreOffice fails the test (docs/reports.md names the Debian packages).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pdfplumber
import pytest

from planwatch.report import ReportKind, build_report
from planwatch.services.overview import PlanOverview


def soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("LibreOffice is required in CI: apt-get install libreoffice-writer-nogui")
        pytest.skip("LibreOffice not installed")
    return found


def test_pdf_text_has_the_chinese_headings(
    sample: PlanOverview, sample_docx: bytes, tmp_path: Path
) -> None:
    program = soffice()
    source = tmp_path / "中期评估.docx"
    source.write_bytes(sample_docx)
    profile = (tmp_path / "profile").as_uri()  # a private profile: no clash with a running office
    subprocess.run(
        [program, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
         "--outdir", str(tmp_path), str(source)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    with pdfplumber.open(tmp_path / "中期评估.pdf") as pdf:
        text = "\n".join(page.extract_text() or "" for page in pdf.pages)
        pages = len(pdf.pages)
    lines = [line.replace(" ", "") for line in text.splitlines()]
    compact = "".join(lines)
    report = build_report(sample, ReportKind.MIDTERM)
    assert report.title in compact  # the title wraps: compare without line breaks
    for heading in [s.heading for s in report.sections]:
        assert heading in lines, heading  # a heading is a line of its own
    assert "表1主要指标进展情况" in compact.replace("　", "")
    assert f"—{pages}—" in lines  # the page number field, on the last page
