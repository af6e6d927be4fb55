"""The annual-target and observe-extract commands, end to end on an embedded SQLite file."""

from pathlib import Path

import pytest
from typer.testing import CliRunner

from planwatch.cli import app

runner = CliRunner()
BULLETIN = """泸州市江阳区2023年国民经济和社会发展统计公报
2023年,全区实现地区生产总值8123000万元,比上年增长6.1%。
2023年,全区社会消费品零售总额482亿元,比上年增长9.2%。
"""


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("PLANWATCH_DATABASE_URL", f"sqlite:///{tmp_path / 'pw.sqlite3'}")
    monkeypatch.setenv("PLANWATCH_USER", "规划科")
    assert runner.invoke(app, ["sample"]).exit_code == 0
    return tmp_path


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_add_list_and_judge(env: Path) -> None:
    code, out, err = run("annual-target", "add", "I011", "2023", "500", "--comparator", "以上",
                         "--source", "2023年政府工作报告")  # fmt: skip
    assert code == 0 and "第1次修订" in out, err
    assert run("annual-target", "add", "I011", "2023", "500")[1].startswith("未改动")
    assert run("observe", "add", "I011", "2023", "512")[0] == 0
    code, out, _ = run("annual-target", "list", "--year", "2023")
    row = next(line for line in out.splitlines() if line.startswith("I011"))
    # 512 − 500 = 12: met
    assert "不低于 500 亿元" in row and " 512 " in row and "完成" in row and " 12 " in row


def test_bad_comparator_and_unknown_indicator_exit_2(env: Path) -> None:
    code, out, err = run("annual-target", "add", "I011", "2023", "500", "--comparator", "约")
    assert code == 2 and out == "" and "比较符" not in out and "--comparator" in err
    code, _, err = run("annual-target", "add", "I999", "2023", "500")
    assert code == 2 and "I999" in err


def test_template_then_import_is_idempotent(env: Path) -> None:
    path = env / "年度目标.csv"
    assert run("annual-target", "template", "-o", str(path), "--year", "2024")[0] == 0
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    gdp = next(n for n, line in enumerate(lines) if line.startswith("I005"))
    lines[gdp] = "I005,GDP,2024,左右,6.5,%,增长率,是,政府工作报告"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8-sig")
    code, out, err = run("annual-target", "import", str(path))
    assert code == 0 and "新增年度目标 1 项" in out, err
    assert "新增年度目标 0 项,未变 1 项" in run("annual-target", "import", str(path))[1]
    bad = env / "bad.csv"
    bad.write_text("指标编号,年份,目标值\nI005,2024,很多\n", encoding="utf-8")
    code, out, err = run("annual-target", "import", str(bad))
    assert code == 2 and "第2行「目标值」" in err and "未写入任何数据" in err


def test_observe_extract_reviews_then_writes_on_yes(env: Path) -> None:
    path = env / "公报.txt"
    path.write_text(BULLETIN, encoding="utf-8")
    code, out, err = run("observe", "extract", str(path))
    assert code == 0, err
    assert "I005 GDP(亿元)" in out and "812.3亿元" in out and "I005 GDP 增长率(%)" in out
    assert "未写入任何数据" in out
    code, out, _ = run("observe", "extract", str(path), "--yes", "--dry-run")
    assert "未写入任何数据" in out
    code, out, _ = run("observe", "extract", str(path), "--yes")
    assert code == 0 and "已写入待审核的实际值 4 个" in out
    code, out, _ = run("observe", "extract", str(path), "--yes")
    assert "已写入待审核的实际值 0 个" in out and "已有相同值" in out


def test_observe_extract_bad_input_exits_2(env: Path) -> None:
    undated = env / "undated.txt"
    undated.write_text("统计公报\n全区实现地区生产总值812.3亿元。\n", encoding="utf-8")
    code, out, err = run("observe", "extract", str(undated), "--yes")
    assert code == 2 and out == "" and "--year" in err
    other = env / "other.txt"
    other.write_text(BULLETIN.replace("江阳区", "龙马潭区"), encoding="utf-8")
    code, out, err = run("observe", "extract", str(other), "--yes")
    assert code == 2 and "龙马潭区" in err and "--other-region" in err
    code, _, err = run("observe", "extract", str(env / "missing.txt"))
    assert code == 2 and "missing.txt" in err
