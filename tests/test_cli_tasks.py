"""`planwatch task` and `planwatch assignments import/export` from the command line."""

from pathlib import Path

import pytest
from typer.testing import CliRunner

from planwatch.cli import app

runner = CliRunner()
DATA = Path(__file__).parent / "services" / "data"
UNITS = ("县林业局", "县金融局", "县发展和改革局", "县财政局", "县商务局", "县文化广播电视和旅游局")


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("PLANWATCH_DATABASE_URL", f"sqlite:///{tmp_path / 'pw.sqlite3'}")
    monkeypatch.setenv("PLANWATCH_USER", "规划科")
    assert run("import", str(DATA / "county-plan-tasks.txt"))[0] == 0
    return tmp_path


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_unknown_units_refuse_then_import_and_export(env: Path) -> None:
    code, out, err = run("assignments", "import", str(DATA / "county-fengong.txt"))
    assert (code, out) == (2, "")
    assert "第3行:牵头单位未知单位「县林业局」" in err and "7 处问题,未写入任何数据" in err
    for name in UNITS:
        assert run("department", "add", name)[0] == 0
    assert run("department", "add", "丹林镇", "--kind", "镇街")[0] == 0
    code, out, err = run("assignments", "import", str(DATA / "county-fengong.txt"), "--dry-run")
    assert code == 0 and out.splitlines()[-1] == "将新增待确认任务 3 项(共 3 项)。", err
    assert "I003 森林覆盖率" in out.splitlines()[1]
    assert run("task", "list")[1].count("\n") == 1  # a header, no task: the dry run wrote none
    code, out, _ = run("assignments", "import", str(DATA / "county-fengong.txt"))
    assert code == 0 and out.splitlines()[-1] == "已新增待确认任务 3 项(共 3 项)。"
    assert run("task", "confirm", "T002")[:2] == (0, "任务 T002 已确认。\n")
    assert run("task", "propose")[1] == "已提出任务 6 项(原有 3 项)。\n"
    lines = run("task", "list")[1].splitlines()
    assert lines[2].split()[:5] == ["T002", "举措", "已确认", "县金融局", "县发展和改革局、县财政局"]
    assert run("task", "reject", "T005")[0] == 0
    code, out, _ = run("assignments", "export", str(env / "tasks.xlsx"))
    assert (code, out) == (0, f"已导出任务 8 项到 {env / 'tasks.xlsx'}。\n")  # 9 less T005
    code, _, err = run("task", "confirm", "T099")
    assert code == 2 and "没有任务 T099" in err


def test_completeness_and_scorecard_commands(env: Path) -> None:
    for name in UNITS:
        assert run("department", "add", name)[0] == 0
    assert run("department", "add", "丹林镇", "--kind", "镇街")[0] == 0
    assert run("assignments", "import", str(DATA / "county-fengong.txt"))[0] == 0
    assert run("task", "confirm", "T002")[0] == 0
    code, out, err = run("completeness", "--year", "2023", "-o", str(env / "gaps.csv"))
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0].split() == ["部门", "期间", "已通过", "待审核", "已退回", "草稿", "未报送"]
    # T002 (县金融局) owes its 2023 report; the 3 indicators have no lead and no 2023 value
    assert lines[1].split() == ["县金融局", "Y", "0", "0", "0", "0", "1"]
    assert lines[2].split() == ["未指定牵头单位", "Y", "0", "0", "0", "0", "3"]
    assert lines[3] == f"已导出待跟进 4 项到 {env / 'gaps.csv'}。"
    code, out, err = run("scorecard", "-o", str(env / "score.xlsx"))
    assert code == 0, err
    assert out.splitlines()[0].split() == ["部门", "约束性", "指标", "未启动", "推进中", "已完成",
                                           "滞后", "未报送"]  # fmt: skip
    assert run("completeness", "--year", "2023", "--period", "M1")[0] == 2
