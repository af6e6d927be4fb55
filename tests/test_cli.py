"""The command line: the contract's JSON, the readable tree, and one-line errors with exit code 2."""

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from planwatch.cli import app
from planwatch.samples import sample_path

runner = CliRunner()


def test_extract_prints_the_contract_for_the_bundled_sample() -> None:
    result = runner.invoke(app, ["extract", "--format", "json"])
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert set(data) == {"source", "plan", "outline", "quantities", "qualitative", "issues"}
    text = sample_path().read_text(encoding="utf-8")
    assert data["source"]["chars"] == len(text) and data["source"]["format"] == "txt"
    assert data["plan"]["region"] == "泸州市江阳区" and data["plan"]["period"] == [2021, 2025]
    assert [n["kind"] for n in data["outline"]].count("part") == 10
    first_part = data["outline"][1]
    assert text[first_part["start"] : first_part["start"] + 3] == "第一篇"
    assert data["issues"][0]["message"] == "第十六章中第二节重复出现"


def test_extract_issue_names_the_line() -> None:
    data = json.loads(runner.invoke(app, ["extract"]).stdout)
    assert [(i["code"], i["line"]) for i in data["issues"]] == [("duplicate_number", 185)]


def test_outline_prints_an_indented_tree(tmp_path: Path) -> None:
    plan = tmp_path / "plan.txt"
    plan.write_text(
        "某省国民经济和社会发展第十五个五年规划纲要\n第一章 总体要求\n第一节 指导思想\n正文。\n",
        encoding="gb18030",
    )
    result = runner.invoke(app, ["outline", str(plan)])
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines() == [
        "某省国民经济和社会发展第十五个五年规划纲要",
        "     2  第一章 总体要求",
        "     3    第一节 指导思想",
    ]


def test_outline_lists_numbering_issues() -> None:
    result = runner.invoke(app, ["outline"])
    assert result.stdout.splitlines()[-1] == "问题  第185行:第十六章中第二节重复出现"


BAD_FILES = [
    # id, file name, content, words the message must contain
    ("empty file", "empty.txt", b"", "文件为空"),
    ("binary data", "plan.txt", bytes(range(256)) * 8, "plan.txt"),
    ("truncated docx", "plan.docx", b"PK\x03\x04" + b"\x00" * 40, "plan.docx"),
    ("unknown extension", "plan.xyz", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "plan.xyz"),
    ("pdf without text layer", "scan.pdf", b"%PDF-1.4\n%%EOF\n", "scan.pdf"),
]


@pytest.mark.parametrize(
    ("name", "content", "words"), [c[1:] for c in BAD_FILES], ids=[c[0] for c in BAD_FILES]
)
@pytest.mark.parametrize("command", ["extract", "outline"])
def test_bad_input_is_one_line_on_stderr_and_exit_2(
    tmp_path: Path, command: str, name: str, content: bytes, words: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    result = runner.invoke(app, [command, str(path)])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1
    assert str(path) in result.stderr and words in result.stderr


def test_missing_file(tmp_path: Path) -> None:
    result = runner.invoke(app, ["extract", str(tmp_path / "nope.txt")])
    assert (result.exit_code, result.stdout) == (2, "")
    assert "文件不存在" in result.stderr


def test_size_limit_comes_from_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    plan = tmp_path / "plan.txt"
    plan.write_text("第一章 总体要求\n" * 100, encoding="utf-8")
    monkeypatch.setenv("PLANWATCH_MAX_DOCUMENT_BYTES", "100")
    result = runner.invoke(app, ["outline", str(plan)])
    assert (result.exit_code, result.stdout) == (2, "")
    assert "超过上限" in result.stderr
