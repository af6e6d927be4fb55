"""The projects commands end to end on SQLite: template, import, progress, rating, list, export."""

import json
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from planwatch.cli import app

runner = CliRunner()
SONGXI = Path(__file__).parent / "data" / "plans" / "songxi-county-14th.txt"
REGISTER = """序号,项目名称,建设起止年限,总投资(亿元),2023年计划投资(亿元),牵头单位,所属专栏,建设性质
1,松溪至临江高速公路,2021-2025,85,15,县交通运输局,专栏1,新建
2,县人民医院综合楼,2022年3月—2024年底,0.8,0.3,县卫健局,专栏2,新建
"""


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("PLANWATCH_DATABASE_URL", f"sqlite:///{tmp_path / 'pw.sqlite3'}")
    monkeypatch.setenv("PLANWATCH_USER", "规划科")
    assert runner.invoke(app, ["import", str(SONGXI)]).exit_code == 0
    (tmp_path / "r.csv").write_text(REGISTER, encoding="utf-8")
    return tmp_path


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_import_refuses_unknown_departments_then_adds_them(env: Path) -> None:
    code, out, err = run("projects", "import", str(env / "r.csv"))
    assert code == 2 and out == ""
    assert "第2行「牵头单位」'县交通运输局':未知的责任单位" in err
    assert "2 处错误,未写入任何数据" in err and len(err.strip().splitlines()) == 1
    code, out, _ = run("projects", "import", str(env / "r.csv"), "--add-departments", "--dry-run")
    assert code == 0 and out.startswith("将新增项目 2 个")
    code, out, _ = run("projects", "import", str(env / "r.csv"), "--add-departments")
    assert code == 0 and out.startswith("新增项目 2 个") and "新增责任单位 2 个" in out


def test_progress_rating_list_show_and_export(env: Path) -> None:
    assert run("projects", "import", str(env / "r.csv"), "--add-departments")[0] == 0
    code, out, err = run("projects", "progress", "add", "1", "2023年6月", "--cumulative", "40",
                         "--unit", "亿元", "--progress", "路基完成60%")  # fmt: skip
    assert code == 0, err
    assert "本期完成 400000 万元,累计 400000 万元" in out
    code, _, err = run(
        "projects", "progress", "add", "1", "2023-09", "--cumulative", "35", "--unit", "亿元"
    )
    assert code == 2 and "少于上一报告期(2023-06)的 400000 万元" in err
    code, _, err = run("projects", "progress", "add", "2", "2023Q2", "--cumulative", "9000")
    assert code == 2 and "超过总投资 8000 万元,须在备注中说明原因" in err
    assert run("projects", "rate", "1", "黄红", "--reason", "征地滞后")[0] == 0
    code, _, err = run("projects", "rate", "1", "蓝")
    assert code == 2 and "应为 绿、绿黄、黄、黄红 或 红" in err
    code, out, _ = run("projects", "list", "--year", "2023", "--format", "json")
    data = json.loads(out)
    # 2023-12-31: 1095 of 1826 days gone, 60.0%; P = 400000 / 850000 = 47.06% → 12.9 points, yellow
    first = data["projects"][0]
    assert (first["judgement"]["light"], first["confidence"]["rating"]) == ("yellow", "黄红")
    assert data["totals"]["year_plan"] == "153000" and data["totals"]["cumulative"] == "400000"
    code, out, _ = run("projects", "show", "松溪至临江高速公路", "--year", "2023")
    assert code == 0 and "τ = 1095 / 1826 天 = 60.0%" in out
    assert run("projects", "export", "-o", str(env / "e.xlsx"), "--year", "2023")[0] == 0
    sheet = load_workbook(env / "e.xlsx").active
    assert sheet is not None
    assert [c.value for c in sheet[2]][:2] == ["1", "松溪至临江高速公路"]


def test_template_then_import_of_it(env: Path) -> None:
    code, out, _ = run("projects", "template", "-o", str(env / "t.xlsx"))
    assert code == 0
    sheet = load_workbook(env / "t.xlsx")["专栏"]
    assert [c.value for c in sheet[2]] == [
        "专栏1",
        "交通基础设施重大项目",
        "第二章 构建现代交通网络",
    ]
    code, out, _ = run("projects", "import", str(env / "t.xlsx"))
    assert code == 0 and out.startswith("新增项目 0 个")
