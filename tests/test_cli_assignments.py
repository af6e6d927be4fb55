"""`planwatch assignments extract`: JSON and table output, DOCX tables, one-line errors."""

import io
import json
import re
from pathlib import Path

import docx
from typer.testing import CliRunner

from planwatch.cli import app

runner = CliRunner()
ROOT = Path(__file__).parent.parent

PLAN = (
    "某县“十四五”规划纲要主要目标任务分工方案\n"
    "一、主要指标\n"
    "1.森林覆盖率达到45%。(约束性指标,牵头单位:县林业局;责任单位:各乡镇)\n"
    "二、重点任务\n"
    "(一)坚持创新驱动发展\n"
    "2.建设科技创新平台。(牵头单位:县科技局;责任单位:县发改局、县财政局;完成时限:2024年底)\n"
    "3.加快建设现代化产业园区。\n"
)


def write_plan(tmp_path: Path, encoding: str = "utf-8") -> Path:
    path = tmp_path / "fengong.txt"
    path.write_text(PLAN, encoding=encoding)
    return path


def test_json_lists_every_item_with_units_and_spans(tmp_path: Path) -> None:
    path = write_plan(tmp_path, "gb18030")
    result = runner.invoke(app, ["assignments", "extract", str(path), "--format", "json"])
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["source"]["encoding"] == "gb18030"
    items = data["assignments"]
    assert [i["label"] for i in items] == ["1.", "2.", "3."]
    first, second = items[0], items[1]
    assert (first["category"], first["attribute"]) == ("indicator", "binding")
    assert (first["lead"], first["co"]) == (["县林业局"], ["各乡镇"])
    assert (second["lead"], second["co"]) == (["县科技局"], ["县发改局", "县财政局"])
    assert second["deadline"] == {"text": "2024年底", "year": 2024, "ongoing": False}
    assert second["heading"] == "坚持创新驱动发展"
    assert PLAN[second["start"] : second["end"]].startswith("2.建设科技创新平台")
    unit = second["units"][0]
    assert PLAN[unit["start"] : unit["end"]] == "县科技局"
    assert data["issues"] == [{"code": "no_unit", "message": "「3.」未写明牵头单位或责任单位", "line": 7}]


def test_table_format_shows_units_and_problems(tmp_path: Path) -> None:
    result = runner.invoke(app, ["assignments", "extract", str(write_plan(tmp_path)), "--format", "table"])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["行", "序号", "类别", "牵头单位", "责任单位", "完成时限", "任务"]
    assert lines[2].split()[:6] == ["6", "2.", "重点任务", "县科技局", "县发改局、县财政局", "2024年底"]
    assert lines[-1] == "问题  第7行:「3.」未写明牵头单位或责任单位"


def test_docx_table_keeps_an_empty_lead_cell(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("三、重大工程项目")
    rows = [["序号", "任务", "牵头单位", "责任单位", "完成时限"],
            ["1", "泸州港扩能工程", "", "县交通运输局", "2025年"],
            ["2", "城北新区建设", "县住建局", "县自然资源局、县财政局", "持续推进"]]  # fmt: skip
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for row, values in zip(table.rows, rows, strict=True):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    buffer = io.BytesIO()
    document.save(buffer)
    path = tmp_path / "fengong.docx"
    path.write_bytes(buffer.getvalue())
    result = runner.invoke(app, ["assignments", "extract", str(path)])
    assert result.exit_code == 0, result.stderr
    items = json.loads(result.stdout)["assignments"]
    assert [(i["text"], i["lead"], i["co"], i["category"]) for i in items] == [
        ("泸州港扩能工程", [], ["县交通运输局"], "project"),
        ("城北新区建设", ["县住建局"], ["县自然资源局", "县财政局"], "project"),
    ]
    assert items[1]["deadline"]["ongoing"] is True


def test_unreadable_file_is_one_line_and_exit_code_2(tmp_path: Path) -> None:
    result = runner.invoke(app, ["assignments", "extract", str(tmp_path / "missing.txt")])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.strip().endswith("missing.txt: 文件不存在")
    assert len(result.stderr.strip().splitlines()) == 1


def test_documented_keys_match_the_output(tmp_path: Path) -> None:
    doc = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    block = doc.split("## The `assignments extract` JSON", 1)[1].split("```")[1]
    data = json.loads(runner.invoke(app, ["assignments", "extract", str(write_plan(tmp_path))]).stdout)
    assert re.findall(r"^(\w+):", block, re.MULTILINE) == list(data)
    item = re.search(r"item = \{(.*?)\}\n", block, re.DOTALL)
    assert item is not None
    keys = [key.strip() for key in item.group(1).split(",")]
    assert keys == list(data["assignments"][0])
