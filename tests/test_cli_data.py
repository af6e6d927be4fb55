"""The database commands, end to end on an embedded SQLite file: import, edit, data entry."""

from pathlib import Path

import pytest
from openpyxl import load_workbook
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


def test_import_twice_then_a_changed_file(env: Path) -> None:
    code, out, _ = run("import")
    assert code == 0 and "已导入新规划「泸州市江阳区 2021-2025」第1版" in out
    code, out, _ = run("import")
    assert code == 0 and out.startswith("未改动")
    from planwatch.samples import sample_path

    changed = env / "plan.txt"
    changed.write_text(
        sample_path().read_text(encoding="utf-8").replace("20 亿元", "25 亿元"), encoding="utf-8"
    )
    code, out, _ = run("import", str(changed))
    assert code == 0 and "新版本" in out and "第2版" in out


def test_sample_edit_and_list(env: Path) -> None:
    assert run("sample")[0] == 0
    code, out, err = run("indicator", "edit", "GDP", "--name", "地区生产总值", "--attribute", "预期性",
                         "--baseline-year", "2020", "--baseline", "616.36", "--confirm")  # fmt: skip
    assert code == 0, err
    code, out, _ = run("indicator", "list")
    gdp = next(line for line in out.splitlines() if "地区生产总值" in line)
    assert "2020:616.36" in gdp and "2022:767.81" in gdp and " 是 " in gdp


def test_observe_add_and_refuse(env: Path) -> None:
    run("sample")
    code, out, _ = run(
        "observe", "add", "GDP", "2023", "880.5", "--status", "初步", "--source", "快报"
    )
    assert code == 0 and "第1次修订" in out
    code, out, _ = run(
        "observe", "add", "GDP", "2023", "880.5", "--status", "初步", "--source", "快报"
    )
    assert code == 0 and out.startswith("未改动")
    for args, message in [
        (("GDP", "2023", "八百"), "不是数字"),
        (("GDP", "2023", "1,2,3"), "千位分隔符位置不正确"),
        (("GDP", "2023", "1e30"), "数值过大"),
        (("GDP", "1800", "1"), "不在规划期附近"),
        (("不存在", "2023", "1"), "规划中没有指标"),
        (("GDP", "2023", "1", "--status", "估计"), "状态"),
    ]:
        code, out, err = run("observe", "add", *args)
        assert (code, out) == (2, "") and message in err and len(err.strip().splitlines()) == 1


def test_template_then_import_with_errors_then_fixed(env: Path) -> None:
    run("sample")
    path = env / "data.xlsx"
    code, out, _ = run("template", "-o", str(path))
    assert code == 0 and "已生成模板" in out
    workbook = load_workbook(path)
    sheet = workbook.worksheets[0]
    rows = [
        row
        for row in sheet.iter_rows(min_row=2)
        if row[1].value == "GDP" and row[3].value in (2023, 2024)
    ]
    rows[0][4].value, rows[1][4].value = 880, "九百"
    workbook.save(path)
    code, out, err = run("observe", "import", str(path))
    assert code == 2 and out == ""
    assert "数值" in err and "不是数字" in err and "未写入任何数据" in err.splitlines()[-1]
    rows[1][4].value = 950
    workbook.save(path)
    assert run("observe", "import", str(path), "--dry-run")[1].startswith("将新增观测值 2 条")
    code, out, _ = run("observe", "import", str(path))
    assert code == 0 and out.startswith("新增观测值 2 条")
    assert run("observe", "import", str(path))[1].startswith("新增观测值 0 条")


def test_bad_database_url_is_one_line(env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PLANWATCH_DATABASE_URL", "nonsense://")
    code, out, err = run("indicator", "list")
    assert (code, out) == (2, "") and "数据库" in err and len(err.strip().splitlines()) == 1


def test_no_plan_yet(env: Path) -> None:
    code, out, err = run("indicator", "list")
    assert (code, out) == (2, "") and "planwatch import" in err


def test_assess_table_and_json(env: Path) -> None:
    run("sample")
    code, out, err = run("assess")
    assert code == 0, err
    assert out.strip().splitlines()[-1].startswith("截至 2022 年,共 38 项:")
    gdp = next(line for line in out.splitlines() if "GDP" in line)
    assert "基本符合预期" in gdp and "39.5%" in gdp and "40.0%" in gdp
    code, out, _ = run("assess", "--format", "json", "--as-of", "2022")
    import json

    data = json.loads(out)
    gdp_json = next(i for i in data["indicators"] if i["name"] == "GDP")
    assert (gdp_json["status"], gdp_json["light"], gdp_json["time_share"]) == (
        "基本符合预期",
        "green",
        0.4,
    )
    assert gdp_json["formula"] and gdp_json["inputs"] and gdp_json["thresholds"]
    assert sum(data["counts"].values()) == len(data["indicators"])


def test_assess_thresholds_from_settings(env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    run("sample")
    monkeypatch.setenv("PLANWATCH_THRESHOLDS", '{"ahead": "0.001", "lag_yellow": "0.001"}')
    gdp = next(line for line in run("assess")[1].splitlines() if "GDP" in line)
    assert "滞后" in gdp
    monkeypatch.setenv("PLANWATCH_THRESHOLDS", '{"nonsense": "1"}')
    code, out, err = run("assess")
    assert (code, out) == (2, "") and "nonsense" in err


def test_an_implausible_value_needs_confirm_checks(env: Path) -> None:
    run("sample")
    # 旅游综合收入 has 87 for 2020; 15600 is 179.3 times that, beyond the ×3 of the settings
    code, out, err = run("observe", "add", "旅游综合收入", "2021", "15600")
    assert (code, out) == (2, "") and "179.3 倍" in err and "--confirm-checks" in err
    code, out, _ = run("observe", "add", "旅游综合收入", "2021", "15600", "--confirm-checks")
    assert code == 0 and "第1次修订" in out


def test_a_department_template_holds_only_its_indicators(env: Path) -> None:
    run("sample")
    run("department", "add", "区文旅局")
    assert run("indicator", "edit", "旅游综合收入", "--department", "区文旅局")[0] == 0
    path = env / "文旅.csv"
    code, _, _ = run("template", "-o", str(path), "--department", "区文旅局")
    assert code == 0
    names = {row.split(",")[1] for row in path.read_text("utf-8-sig").splitlines()[1:]}
    assert names == {"旅游综合收入"}
    code, _, err = run("template", "-o", str(path), "--department", "区农业局")
    assert code == 2 and "区文旅局" in err


def test_indicator_metadata_is_set_from_the_cli(env: Path) -> None:
    run("sample")
    code, _, _ = run("indicator", "edit", "GDP", "--definition", "常住单位生产活动的最终成果",
                     "--measure-note", "按现价计算", "--frequency", "季度")  # fmt: skip
    assert code == 0
    from planwatch.services.observations import find_indicator
    from planwatch.services.plans import get_plan
    from planwatch.settings import Settings
    from planwatch.store.database import Database

    database = Database(Settings().database_url)
    with database.session() as session:
        gdp = find_indicator(get_plan(session, None), "GDP")
        assert (gdp.definition, gdp.measure_note, gdp.frequency, gdp.contact) == (
            "常住单位生产活动的最终成果", "按现价计算", "季度", "")  # fmt: skip
    database.dispose()
