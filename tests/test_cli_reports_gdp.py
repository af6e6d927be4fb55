"""`planwatch extract` on reports (kind, year, --kind, --year) and `planwatch gdp`, on real
reports copied from ../shared/corpus/national-gov-work-reports/ to tests/data/reports/.

Expected values were read from the reports by hand: the 2018 report sets "国内生产总值增长
6.5%左右" (line 83) and says of 2017 "国内生产总值增长6.9%" (line 24); the 2019 report sets
"6%－6.5%" (line 67) and says of 2018 "国内生产总值增长6.6%" (line 12); the 2017 report sets
"6.5%左右" (line 146) but prints its 2016 result across a line break ("达到74.4" ends line 36,
"万亿元，增长6.7%" is line 38), so 2016 has no result here (and the 2016 report is not copied); the 1997 report sets "经济增长速度的调控目标定为８％"
(line 41) and says of 1996 "比上年增长９．７％" (line 16); the 1998 report says of 1997
"去年经济增长8 ．8 ％" (line 16, beside the five-year "平均每年增长1 1 ％", which is no year's
result) and sets "经济增长速度8 ％" (line 136); the 2009 report sets "国内生产总值增长8%左右"
(line 116) and says of 2008 "比上年增长9%" (line 14); the 2013 report sets "国内生产总值增长
7.5%左右" (line 92) and says of 2012 "国内生产总值增长7.8%" (line 23).
"""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from planwatch.cli import app

runner = CliRunner()
REPORTS = Path(__file__).parent / "data/reports"


def report(year: int) -> Path:
    return next(REPORTS.glob(f"{year}-*.txt"))


def test_extract_states_the_kind_and_year_of_a_report() -> None:
    result = runner.invoke(app, ["extract", str(report(2019))])
    assert result.exit_code == 0, result.output
    source = json.loads(result.stdout)["source"]
    assert (source["kind"], source["year"]) == ("work_report", 2019)
    assert "2018年工作回顾" in source["year_evidence"]
    assert {"path", "sha256", "format", "encoding", "chars"} <= set(source)


def test_the_sample_plan_is_a_plan_outline_without_a_year() -> None:
    result = runner.invoke(app, ["extract"])
    source = json.loads(result.stdout)["source"]
    assert (source["kind"], source["year"]) == ("plan_outline", None)


def test_year_overrides_and_moves_the_quantities(tmp_path: Path) -> None:
    copy = tmp_path / "report.txt"  # a name without a year
    copy.write_bytes(report(2019).read_bytes())
    result = runner.invoke(app, ["extract", str(copy), "--year", "2030"])
    data = json.loads(result.stdout)
    assert (data["source"]["year"], data["source"]["year_evidence"]) == (2030, "指定:--year")
    gdp = next(q for q in data["quantities"] if q["line"] == 67)
    assert (gdp["kind"], gdp["year"], gdp["value"]) == ("target", 2030, 6)


def test_a_report_without_a_year_asks_for_year(tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_text("各位代表:\n过去一年,国内生产总值增长6.6%。\n", "utf-8")
    result = runner.invoke(app, ["extract", str(path)])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "请用 --year 指定" in result.stderr and "report.txt" in result.stderr


def test_kind_overrides_the_recognised_kind(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("过去一年,国内生产总值增长6.6%。\n今年国内生产总值增长6%左右。\n", "utf-8")
    result = runner.invoke(app, ["extract", str(path), "--kind", "work_report", "--year", "2019"])
    data = json.loads(result.stdout)
    assert data["source"]["kind"] == "work_report"
    assert [(q["kind"], q["year"]) for q in data["quantities"]] == [
        ("baseline", 2018),
        ("target", 2019),
    ]


def test_year_on_a_plan_outline_is_refused() -> None:
    result = runner.invoke(app, ["extract", "--year", "2021"])
    assert result.exit_code == 2
    assert "--year 只用于" in result.stderr


def test_gdp_table_pairs_each_target_with_the_next_reports_result() -> None:
    result = runner.invoke(app, ["gdp", str(REPORTS), "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = {r["year"]: r for r in json.loads(result.stdout)["rows"]}
    years = [1981, 1982, 1984, 1985, 1992, 1993, 1996, 1997, 1998, 2003, 2004, 2008, 2009, 2012,
             2013, 2015, 2016, 2017, 2018, 2019]  # fmt: skip
    assert sorted(rows) == years

    def pair(year: int) -> tuple[float | None, float | None]:
        row = rows[year]
        return (
            row["target"]["value"] if row["target"] else None,
            row["result"]["value"] if row["result"] else None,
        )

    assert pair(2018) == (6.5, 6.6)
    assert pair(2017) == (6.5, 6.9)
    assert pair(2019) == (6, None)
    assert rows[2019]["target"]["range_high"] == 6.5
    # the 2016 report, read by hand: line 96 "国内生产总值增长6.5%－7%" (the 2016 target), line 14
    # "国内生产总值达到67.7万亿元，增长6.9%" (2015's result); the 2017 report, line 38: "万亿元，
    # 增长6.7%" (2016's result, after "74.4" and a blank line)
    assert pair(2016) == (6.5, 6.7) and rows[2016]["target"]["range_high"] == 7
    # 1993 report, line 107 "今年国民生产总值计划增长百分之八", line 22 "国民生产总值比上年增长百分之
    # 十二点八"; 2004 report, line 144 "今年经济增长预期目标为7%左右", line 16 "国内生产总值比
    # 上年增长9.1%"
    assert (pair(1993), pair(1992), pair(2004), pair(2003)) == (
        (8, None), (None, 12.8), (7, None), (None, 9.1),
    )  # fmt: skip
    assert pair(2015) == (None, 6.9)
    assert pair(1997) == (8, 8.8)
    assert pair(1996) == (None, 9.7)
    assert pair(1998) == (8, None)
    assert pair(2009) == (8, None) and pair(2008) == (None, 9)
    assert pair(2013) == (7.5, None) and pair(2012) == (None, 7.8)
    # the 1985 report gives 1984's growth only after a five-year average in one sentence
    # ("在1979到1983年平均每年递增7.9%的基础上,比上年增长14.2%"): left blank, not guessed
    assert pair(1984) == (None, None) and pair(1985) == (None, None)
    assert rows[2018]["gap"] == 0.1
    assert rows[2018]["target"]["line"] == 83 and rows[2018]["result"]["line"] == 12


def test_gdp_table_as_text_and_csv_with_a_chart(tmp_path: Path) -> None:
    chart = tmp_path / "gdp.png"
    result = runner.invoke(app, ["gdp", str(REPORTS), "--chart", str(chart)])
    assert result.exit_code == 0, result.output
    line = next(row for row in result.stdout.splitlines() if row.startswith("2018"))
    assert "6.5左右" in line and "6.6" in line and "+0.1" in line
    assert chart.read_bytes()[:4] == b"\x89PNG"
    svg = tmp_path / "gdp.svg"
    csv_result = runner.invoke(
        app, ["gdp", str(report(2019)), "--format", "csv", "--chart", str(svg)]
    )
    assert csv_result.stdout.splitlines()[0].startswith("年份,指标,目标(%),实际(%)")
    assert "2019,国内生产总值,6-6.5," in csv_result.stdout
    assert b"<svg" in svg.read_bytes()[:400]


def test_gdp_refuses_a_chart_of_another_format_and_an_empty_folder(tmp_path: Path) -> None:
    result = runner.invoke(app, ["gdp", str(REPORTS), "--chart", str(tmp_path / "x.pdf")])
    assert result.exit_code == 2 and "须为 .png 或 .svg" in result.stderr
    assert not (tmp_path / "x.pdf").exists()
    empty = runner.invoke(app, ["gdp", str(tmp_path)])
    assert empty.exit_code == 2 and "没有找到报告文件" in empty.stderr


def test_gdp_skips_what_is_not_a_report_and_says_so(tmp_path: Path) -> None:
    (tmp_path / "plan.txt").write_text(
        "某区国民经济和社会发展第十四个五年规划纲要\n序言\n", "utf-8"
    )
    (tmp_path / "2019.txt").write_bytes(report(2019).read_bytes())
    result = runner.invoke(app, ["gdp", str(tmp_path), "--format", "csv"])
    assert result.exit_code == 0
    assert "跳过" in result.stderr and "plan.txt" in result.stderr
    assert "2018,国内生产总值,,6.6" in result.stdout


def test_a_provincial_report_is_read_by_its_date_line_and_regional_gdp(tmp_path: Path) -> None:
    # written in the genre of a provincial report (not a corpus file): the year comes from
    # the date line (a local congress's term gives no year), the measure is 地区生产总值
    path = tmp_path / "report.txt"
    path.write_text(
        "政府工作报告\n——2021年1月24日在某省第十三届人民代表大会第五次会议上\n各位代表:\n"
        "一、2020年和“十三五”工作回顾\n全省地区生产总值达到48598.8亿元、增长3.8%。\n"
        "二、2021年目标任务\n今年全省经济社会发展的主要预期目标是:地区生产总值增长7%以上,"
        "城镇新增就业85万人以上。\n",
        "utf-8",
    )
    extracted = json.loads(runner.invoke(app, ["extract", str(path)]).stdout)
    assert (extracted["source"]["kind"], extracted["source"]["year"]) == ("work_report", 2021)
    assert {q["scope"] for q in extracted["quantities"]} == {"全省"}
    result = runner.invoke(app, ["gdp", str(path), "--format", "csv"])
    lines = result.stdout.splitlines()
    assert lines[1].startswith("2020,地区生产总值,,3.8,")
    assert lines[2].startswith("2021,地区生产总值,≥7,,")


def test_outline_needs_no_year_and_indicators_take_one(tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_text("各位代表:\n一、工作回顾\n过去一年,国内生产总值增长6.6%。\n", "utf-8")
    assert runner.invoke(app, ["outline", str(path)]).exit_code == 0
    assert runner.invoke(app, ["indicators", str(path)]).exit_code == 2
    result = runner.invoke(app, ["indicators", str(path), "--year", "2019"])
    row = next(line for line in result.stdout.splitlines() if line.startswith("国内生产总值"))
    assert "2018" in row and "6.6" in row  # the past year's result, a baseline of 2018
