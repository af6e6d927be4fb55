"""`planwatch department`: add with aliases, list, and an unknown name refused with exit 2."""

from pathlib import Path

import pytest
from typer.testing import CliRunner

from planwatch.cli import app

runner = CliRunner()


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("PLANWATCH_DATABASE_URL", f"sqlite:///{tmp_path / 'pw.sqlite3'}")
    monkeypatch.setenv("PLANWATCH_USER", "规划科")
    return tmp_path


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_add_alias_and_list(env: Path) -> None:
    assert run("department", "add", "区发展和改革局", "--alias", "区发改局")[:2] == (
        0,
        "已新增单位 区发展和改革局(部门)。\n",
    )
    assert run("department", "add", "华阳街道", "--kind", "镇街")[0] == 0
    code, out, err = run("department", "alias", "区发改局", "发改局", "--abbreviation")
    assert (code, out) == (0, "已为 区发展和改革局 记录简称 发改局。\n"), err
    code, out, _ = run("department", "list")
    lines = out.splitlines()
    assert code == 0 and lines[0].split() == ["单位", "类型", "别名与简称"]
    assert lines[1].split() == ["区发展和改革局", "部门", "区发改局、发改局"]
    assert lines[2].split() == ["华阳街道", "镇街", "—"]


CASES = [
    ("unknown kind", ["department", "add", "区水务局", "--kind", "科室"], "单位类型「科室」"),
    ("alias of unknown", ["department", "alias", "区水务局", "水务局"], "未知单位「区水务局」"),
    ("duplicate", ["department", "add", "区发展和改革局"], "已存在"),
]


@pytest.mark.parametrize("args, message", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_bad_input_is_one_line_and_exit_2(env: Path, args: list[str], message: str) -> None:
    assert run("department", "add", "区发展和改革局")[0] == 0
    code, out, err = run(*args)
    assert (code, out) == (2, "") and message in err and err.count("\n") == 1
