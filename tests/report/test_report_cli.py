"""`planwatch report` end to end on an embedded SQLite file."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook
from typer.testing import CliRunner

from planwatch.cli import app
from planwatch.report import fonts

runner = CliRunner()


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("PLANWATCH_DATABASE_URL", f"sqlite:///{tmp_path / 'pw.sqlite3'}")
    monkeypatch.setenv("PLANWATCH_USER", "规划科")
    monkeypatch.chdir(tmp_path)
    assert runner.invoke(app, ["sample"]).exit_code == 0
    return tmp_path


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_the_sample_report_of_the_closing_note(env: Path) -> None:
    code, out, err = run(
        "report", "--kind", "midterm", "--as-of", "2022", "--format", "docx", "-o", "中期评估.docx"
    )
    assert code == 0, err
    assert out == "已生成中期评估报告 中期评估.docx(截至 2022 年,38 项指标)。\n"
    document = Document(str(env / "中期评估.docx"))
    # the title breaks after the plan's name (a line break inside one paragraph)
    assert document.paragraphs[0].text == "泸州市江阳区“十四五”规划纲要\n实施中期评估报告（草稿）"


@pytest.mark.parametrize(
    ("args", "name", "year"),
    [
        pytest.param(
            ("--kind", "annual", "--format", "xlsx"),
            "泸州市江阳区-2022-年度监测报告.xlsx",
            "2022",
            id="annual-default-name",
        ),
        pytest.param(
            ("--kind", "final", "-o", "总结.html"),
            "总结.html",
            "2025",
            id="final-at-period-end-format-from-suffix",
        ),
    ],
)
def test_formats_names_and_years(env: Path, args: tuple[str, ...], name: str, year: str) -> None:
    code, out, err = run("report", *args)
    assert code == 0, err
    assert name in out and f"截至 {year} 年" in out and (env / name).stat().st_size > 1000
    if name.endswith(".xlsx"):
        assert load_workbook(io.BytesIO((env / name).read_bytes())).sheetnames[0] == "观测数据"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        pytest.param(
            ("-o", "报告.pdf"), "报告只能保存为 .docx、.html 或 .xlsx", id="unknown-suffix"
        ),
        pytest.param(("--as-of", "99999"), "评估年份 99999 不合理", id="bad-year"),
        pytest.param(("--plan", "没有这个规划"), "没有这个规划", id="unknown-plan"),
    ],
)
def test_errors_are_one_line(env: Path, args: tuple[str, ...], message: str) -> None:
    code, out, err = run("report", *args)
    assert code == 2 and out == "" and message in err and err.count("\n") == 1


def test_missing_font_is_one_line(env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fonts, "installed_families", lambda: frozenset({"DejaVu Sans"}))
    code, out, err = run("report", "--format", "docx")
    assert code == 2 and out == "" and "fonts-noto-cjk" in err
