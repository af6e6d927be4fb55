"""The plan commands end to end on SQLite: regions on import, plan list/show/edit/default,
adjustments — and their errors: one line on stderr, exit code 2, nothing written."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from planwatch.cli import app

runner = CliRunner()
PLANS = Path(__file__).parent / "data" / "plans"


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("PLANWATCH_DATABASE_URL", f"sqlite:///{tmp_path / 'pw.sqlite3'}")
    monkeypatch.setenv("PLANWATCH_USER", "规划科")
    return tmp_path


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_import_with_a_parent_then_list_and_show(env: Path) -> None:
    code, out, err = run("import", str(PLANS / "qinghe-district-14th.txt"), "--parent", "临江市",
                         "--adopted-on", "2021-02-26", "--approved-by", "区人民代表大会")  # fmt: skip
    assert code == 0, err
    assert "(地区:临江市清河区)" in out
    code, out, _ = run("plan", "list")
    row = next(line for line in out.splitlines() if "临江市清河区 2021-2025" in line)
    assert "县区" in row and "临江市" in row.split("县区")[1] and row.rstrip().endswith("是")
    code, out, _ = run("plan", "show", "1")
    assert "上级:临江市" in out and "2021-02-26,区人民代表大会" in out


def test_plan_edit_and_default(env: Path) -> None:
    assert run("import", str(PLANS / "qinghe-district-14th.txt"))[0] == 0
    assert run("import", str(PLANS / "linjiang-city-14th.txt"))[0] == 0
    code, out, err = run("plan", "default", "1")
    assert code == 0 and "默认规划已设为 1" in out, err
    code, out, _ = run("indicator", "list")  # no --plan: the default plan
    assert "全区" in out and "全市" not in out
    code, out, err = run("plan", "edit", "2", "--title", "临江市“十四五”规划纲要")
    assert code == 0, err
    assert "临江市“十四五”规划纲要" in run("plan", "list")[1]


def test_adjust_add_list_and_assess(env: Path) -> None:
    assert run("import", str(PLANS / "qinghe-district-14th.txt"))[0] == 0
    code, out, err = run("adjust", "add", "I001=760", "--approved-by", "区人大常委会",
                         "--date", "2023-06-28", "--effective-year", "2023",
                         "--document", "清人常〔2023〕7号")  # fmt: skip
    assert code == 0, err
    assert "调整目标 1 项" in out
    code, out, _ = run("adjust", "list", "--format", "json")
    listed = json.loads(out)
    assert listed[0]["changes"] == [
        {"indicator": "I001", "stretch": False, "from": ["800", 2025, ">="],
         "to": ["760", 2025, ">="]}
    ]  # fmt: skip
    code, out, _ = run("adjust", "list")
    assert "2025年>=800" in out and "2025年>=760" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("import", "{plans}/qinghe-district-14th.txt", "--level", "省"), "矛盾"),
        (("import", "{plans}/qinghe-district-14th.txt", "--level", "大区"), "无法识别"),
        (
            ("import", "{plans}/qinghe-district-14th.txt", "--parent", "临江市清河区街道"),
            "级别不高于",
        ),
        (("import", "{plans}/qinghe-district-14th.txt", "--adopted-on", "昨天"), "不是日期"),
    ],
    ids=["contradictory-level", "unknown-level", "lower-parent", "bad-date"],
)
def test_bad_import_options(env: Path, args: tuple[str, ...], message: str) -> None:
    code, out, err = run(*(a.format(plans=PLANS) for a in args))
    assert code == 2 and out == ""
    assert message in err and len(err.strip().splitlines()) == 1
    assert run("plan", "list")[1].count("\n") == 1  # the header only: nothing imported


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("I001=760", "--effective-year", "2030"), "不在规划期"),
        (("I999=760", "--effective-year", "2023"), "I999"),
        (("I001", "--effective-year", "2023"), "应写作"),
        (("I001=七百", "--effective-year", "2023"), "不是数字"),
        (("I001=760@二五", "--effective-year", "2023"), "不是年份"),
    ],
    ids=["outside-period", "unknown-indicator", "no-value", "not-a-number", "bad-year"],
)
def test_bad_adjustments(env: Path, args: tuple[str, ...], message: str) -> None:
    assert run("import", str(PLANS / "qinghe-district-14th.txt"))[0] == 0
    code, _, err = run(
        "adjust", "add", *args, "--approved-by", "区人大常委会", "--date", "2023-06-28"
    )
    assert code == 2 and message in err, err
    assert json.loads(run("adjust", "list", "--format", "json")[1]) == []
