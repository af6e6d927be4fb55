"""`planwatch corpus`: one table of many documents, per-file errors, resumable by sha256."""

import csv
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from planwatch.cli import app

runner = CliRunner()
PLAN_A = "第一章 总体要求\n到2025年,全区地区生产总值达到20亿元,森林覆盖率达到40%。\n"
PLAN_B = "第一章 发展基础\n“十三五”期间,累计新增城镇就业4500万人。\n"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    plans = tmp_path / "plans"
    plans.mkdir()
    (plans / "a.txt").write_text(PLAN_A, encoding="utf-8")
    (plans / "b.txt").write_text(PLAN_B, encoding="gb18030")
    (plans / "broken.pdf").write_bytes(b"%PDF-1.4 not really")
    return plans


def records(out: Path) -> list[tuple[str, str, str | None]]:
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    return [(r["record"], Path(r["path"]).name, r.get("indicator")) for r in rows]


def test_a_folder_becomes_one_table_and_a_bad_file_does_not_stop_it(
    folder: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["corpus", str(folder), "--out", str(out), "--jobs", "2"])
    assert result.exit_code == 0, result.output
    assert sorted(records(out)) == sorted([
        ("quantity", "a.txt", "地区生产总值"), ("quantity", "a.txt", "森林覆盖率"),
        ("document", "a.txt", None),
        ("quantity", "b.txt", "新增城镇就业"), ("document", "b.txt", None),
        ("error", "broken.pdf", None),
    ])  # fmt: skip
    assert "处理 3 个文件" in result.stdout and "提取 3 个数值,1 个文件出错" in result.stdout


def test_a_second_run_skips_documents_already_in_the_output(folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    runner.invoke(app, ["corpus", str(folder / "a.txt"), "--out", str(out)])
    result = runner.invoke(app, ["corpus", str(folder), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "跳过已完成 1 个" in result.stdout
    assert [r for r in records(out) if r[1] == "a.txt"] == [
        ("quantity", "a.txt", "地区生产总值"), ("quantity", "a.txt", "森林覆盖率"),
        ("document", "a.txt", None),
    ]  # fmt: skip


def test_csv_has_one_header_and_the_contract_fields(folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.csv"
    runner.invoke(app, ["corpus", str(folder / "a.txt"), "--out", str(out)])
    runner.invoke(app, ["corpus", str(folder / "b.txt"), "--out", str(out)])
    with out.open(encoding="utf-8", newline="") as file:
        rows = list(csv.DictReader(file))
    assert [(r["record"], r["indicator"], r["base_value"]) for r in rows] == [
        ("quantity", "地区生产总值", "2000000000"), ("quantity", "森林覆盖率", "40"),
        ("document", "", ""), ("quantity", "新增城镇就业", "45000000"), ("document", "", ""),
    ]  # fmt: skip


def test_an_unknown_output_format_is_one_line_and_exit_2(folder: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["corpus", str(folder), "--out", str(tmp_path / "out.xlsx")])
    assert result.exit_code == 2
    assert (
        result.stderr
        == f"planwatch: {tmp_path / 'out.xlsx'}: 输出文件须为 .jsonl、.csv 或 .parquet\n"
    )
