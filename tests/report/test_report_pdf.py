"""The DOCX converted to PDF by LibreOffice and read back: the Chinese headings come out as
text, the final evaluation has its sections and no code word, and its styles name the official
fonts.

Runs wherever LibreOffice is installed; skipped without it, except in CI (CI=true), where a
missing LibreOffice fails the test (docs/reports.md names the Debian packages).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from io import BytesIO
from pathlib import Path

import pdfplumber
import pytest
from docx import Document
from docx.oxml.ns import qn

from planwatch.report import ReportFormat, ReportKind, build_report, render_report
from planwatch.services.overview import PlanOverview

# ASCII letters with a lower-case letter or an underscore: an identifier, a code word
CODE_WORD = re.compile(r"[A-Za-z_]*[a-z_][A-Za-z_]*[A-Za-z_]")
ADDRESS = re.compile(r"https?://[\x21-\x7e]+|（[a-z0-9.-]+\.[a-z]{2,}）")


def soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("LibreOffice is required in CI: apt-get install libreoffice-writer-nogui")
        pytest.skip("LibreOffice not installed")
    return found


def pdf_text(data: bytes, folder: Path, name: str) -> tuple[str, int]:
    """The text of a DOCX converted to PDF by LibreOffice, and its number of pages."""
    program = soffice()
    source = folder / f"{name}.docx"
    source.write_bytes(data)
    profile = (folder / "profile").as_uri()  # a private profile: no clash with a running office
    subprocess.run(
        [program, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
         "--outdir", str(folder), str(source)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    with pdfplumber.open(folder / f"{name}.pdf") as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages), len(pdf.pages)


def test_pdf_text_has_the_chinese_headings(
    sample: PlanOverview, sample_docx: bytes, tmp_path: Path
) -> None:
    text, pages = pdf_text(sample_docx, tmp_path, "中期评估")
    lines = [line.replace(" ", "") for line in text.splitlines()]
    compact = "".join(lines)
    report = build_report(sample, ReportKind.MIDTERM)
    assert report.title in compact  # the title wraps: compare without line breaks
    for heading in [s.heading for s in report.sections]:
        assert heading in lines, heading  # a heading is a line of its own
    assert "表1主要指标进展情况" in compact.replace("　", "")
    assert f"—{pages}—" in lines  # the page number field, on the last page


def east_asia_font(document: object, style: str) -> str | None:
    rpr = document.styles[style].element.rPr  # type: ignore[attr-defined]
    return rpr.find(qn("w:rFonts")).get(qn("w:eastAsia"))  # type: ignore[no-any-return]


def test_final_report_of_the_sample_as_pdf(sample_final: PlanOverview, tmp_path: Path) -> None:
    data = render_report(sample_final, ReportKind.FINAL, ReportFormat.DOCX)
    document = Document(BytesIO(data))
    # the official fonts are named in the styles, whatever this machine has installed
    assert east_asia_font(document, "Normal") == "仿宋_GB2312"
    assert document.styles["Normal"].font.size.pt == 16
    assert east_asia_font(document, "Heading 1") == "黑体"
    assert east_asia_font(document, "Heading 2") == "楷体_GB2312"
    assert east_asia_font(document, "报告标题") == "方正小标宋简体"

    text, _ = pdf_text(data, tmp_path, "总结评估")
    lines = [line.replace(" ", "") for line in text.splitlines()]
    for heading in ("一、总体评价", "二、主要指标完成情况", "三、主要任务与重大项目",
                    "四、存在的问题及原因", "五、对“十五五”时期的建议"):  # fmt: skip
        assert heading in lines, heading
    assert "泸州市江阳区人民政府" in lines  # the issuing office, with the date under it
    compact = "".join(lines)
    assert "主要指标表未导入：" in compact and "本规划纳入评估的指标均为预期性指标" not in compact
    assert "数据截至2022年" in compact and "预计完成" not in compact
    # no ASCII identifier outside the formulas (the appendix's 计算公式 onwards)
    before_formulas = compact[: compact.index("（二）计算公式")]
    assert CODE_WORD.findall(ADDRESS.sub("", before_formulas)) == []
