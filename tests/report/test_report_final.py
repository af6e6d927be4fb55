"""The final evaluation (总结评估) of a hand-built plan at its last year, and what any report
must never say: code words, bare addresses, a missing main table passed off as a fact.

Expected sentences worked out by hand from the indicators below (as of 2025, period 2021–2025):
用水总量 (binding ceiling ≤ 2.39) 2.5 in 2025 → 未完成, 0.11 over; 森林覆盖率 (binding, 39.2 →
39.6) 39.7 in 2023 and 39.8 in 2025 → 提前完成; 地区生产总值 (616.36 → > 1000) 1100 in 2025 →
已完成; 旅游综合收入 150 in 2022 only → 无数据, 缺少2025年数据; 社会消费品零售总额 600 in 2025
against 630, without a baseline → 未完成 all the same (met or not needs no baseline), 30 short;
外贸进出口总额 nothing → 无数据.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from decimal import Decimal as D

import pytest
from report_builders import RECORDED, overview

from planwatch.assess import Thresholds, assess
from planwatch.domain.indicator import Attribute, Indicator, Observation, Target, TargetKind
from planwatch.report import ReportKind, build_report
from planwatch.report.content import next_plan
from planwatch.report.model import Paragraph, Report, Section
from planwatch.services.overview import IndicatorView, Note, PlanOverview

PERIOD = (2021, 2025)
LEVEL, CEILING = TargetKind.LEVEL, TargetKind.CEILING
# an identifier or code word: ASCII letters with a lower-case letter or an underscore in them
# (GDP, PM2.5 and the formulas' single letters are not code words)
CODE_WORD = re.compile(r"[A-Za-z_]*[a-z_][A-Za-z_]*[A-Za-z_]")
ADDRESS = re.compile(r"https?://\S+|（[a-z0-9.-]+\.[a-z]{2,}）")
FORMULA_SECTIONS = ("计算公式", "各指标计算过程")


def at_end(
    number: int,
    indicator: Indicator,
    observations: tuple[Observation, ...],
    *,
    origin: str = "text",
    department: str | None = None,
    notes: tuple[Note, ...] = (),
) -> IndicatorView:
    a = assess(indicator, observations, 2025, Thresholds(), PERIOD)
    return IndicatorView(
        id=number, code=f"F{number:03d}", indicator=indicator, scope=None, confirmed=True,
        origin=origin, department=department, chapter="第三章 主要目标", node=None,
        sentence=None, source_line=None, source_start=None, source_end=None,
        observations=observations, revisions=(), notes=notes, assessment=a,
    )  # fmt: skip


def final_views(origin: str = "text", *, binding: bool = True) -> tuple[IndicatorView, ...]:
    attribute = Attribute.BINDING if binding else Attribute.EXPECTED
    water = Indicator("用水总量", "亿立方米", CEILING, attribute,
                      targets=(Target(D("2.39"), 2025, "<="),))  # fmt: skip
    forest = Indicator("森林覆盖率", "%", LEVEL, attribute, baseline_year=2020,
                       baseline_value=D("39.2"), targets=(Target(D("39.6"), 2025),))  # fmt: skip
    gdp = Indicator("地区生产总值", "亿元", LEVEL, baseline_year=2020,
                    baseline_value=D("616.36"), targets=(Target(D("1000"), 2025, ">"),))  # fmt: skip
    tourism = Indicator("旅游综合收入", "亿元", LEVEL, baseline_year=2020,
                        baseline_value=D("87"), targets=(Target(D("200"), 2025),))  # fmt: skip
    retail = Indicator("社会消费品零售总额", "亿元", LEVEL, targets=(Target(D("630"), 2025),))
    trade = Indicator("外贸进出口总额", "亿元", LEVEL, targets=(Target(D("20"), 2025),))
    reason = Note(2025, "新建工业园区用水增加", "推进节水改造", "水务局")
    return (
        at_end(1, water, (Observation(2025, D("2.5"), source="水务局用水统计"),), origin=origin,
               department="区水务局", notes=(reason,)),
        at_end(2, forest, (Observation(2023, D("39.7")), Observation(2025, D("39.8"))),
               origin=origin),
        at_end(3, gdp, (Observation(2025, D("1100"), source="2025年统计公报"),), origin=origin),
        at_end(4, tourism, (Observation(2022, D("150")),), origin=origin),
        at_end(5, retail, (Observation(2025, D("600")),), origin=origin),
        at_end(6, trade, (), origin=origin),
    )  # fmt: skip


def final_overview(views: tuple[IndicatorView, ...] | None = None) -> PlanOverview:
    return replace(overview(views or final_views()), as_of=2025, data_until=RECORDED)


def paragraphs(report: Report, *, formulas: bool = True) -> list[str]:
    sections = [s for s in report.walk() if formulas or s.title not in FORMULA_SECTIONS]
    return [b.text for s in sections for b in s.blocks if isinstance(b, Paragraph)]


def section(report: Report, title: str) -> Section:
    return next(s for s in report.walk() if s.title == title)


def test_final_sections() -> None:
    report = build_report(final_overview(), ReportKind.FINAL)
    assert [s.heading for s in report.walk()] == [
        "一、总体评价",
        "二、主要指标完成情况",
        "（一）指标状态分布",
        "（二）主要指标走势",
        "三、主要任务与重大项目",
        "四、存在的问题及原因",
        "（一）用水总量",
        "（二）社会消费品零售总额",
        "（三）监测数据不完整",
        "五、对“十五五”时期的建议",
        "附录　数据来源、评估方法与阈值",
        "（一）数据来源与截止时间",
        "（二）计算公式",
        "（三）状态与预警判定",
        "（四）各指标计算过程",
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        pytest.param(
            "规划期末（2025年），纳入评估的6项指标中，可依据2025年数据评价的4项：1项提前完成，"
            "1项已完成，2项未完成；其余2项暂无可评价的2025年数据（其中1项仅有更早年份的数据）。",
            id="counts-current-only",
        ),
        pytest.param("其中约束性指标2项，1项未完成或滞后；预期性指标4项。", id="binding"),
        pytest.param("按目标完成情况统计：1项提前完成，1项已完成，2项未完成。", id="completion"),
        pytest.param(
            "可评价的4项指标中，2项已完成目标。从有数据的指标看，较多指标未完成目标。"
            "另有2项指标暂无可评价的2025年数据，总体判断有待数据补齐后进一步核实。",
            id="overall-says-what-is-missing",
        ),
    ],
)
def test_final_judgement(sentence: str) -> None:
    report = build_report(final_overview(), ReportKind.FINAL)
    assert sentence in paragraphs(report)


def test_final_table_says_met_unmet_and_why() -> None:
    table = build_report(final_overview(), ReportKind.FINAL).tables[0]
    assert table.header == ("序号", "指标名称", "单位", "属性", "基期值（2020年）",
                            "目标值（2025年）", "2025年值", "完成进度", "完成情况", "说明")  # fmt: skip
    assert [(row[1], row[6], row[8], row[9]) for row in table.rows] == [
        ("用水总量", "2.5", "未完成", "超出0.11亿立方米"),  # 2.5 − 2.39
        ("森林覆盖率", "39.8", "提前完成", ""),
        ("地区生产总值", "1100", "已完成", ""),
        ("旅游综合收入", "150（2022年）", "无数据", "缺少2025年数据，数据截至2022年"),
        ("社会消费品零售总额", "600", "未完成", "差距30亿元"),  # 630 − 600
        ("外贸进出口总额", "", "无数据", "无观测数据"),
    ]
    # P = (39.8 − 39.2)/(39.6 − 39.2) = 150.0%; (1100 − 616.36)/383.64 = 126.1%
    assert [row[7] for row in table.rows[1:4]] == ["150.0%", "126.1%", ""]  # none from 2022
    assert "滞后" not in str(table.rows) and "黄灯" not in str(table.rows)


def test_problems_are_drafted_from_the_unmet_and_the_reasons() -> None:
    report = build_report(final_overview(), ReportKind.FINAL)
    water = [b.text for b in section(report, "用水总量").blocks if isinstance(b, Paragraph)]
    assert water == [
        "2025年为2.5亿立方米，超出控制目标0.11亿立方米，未完成。",
        "牵头单位：区水务局。",
        "原因：新建工业园区用水增加",
        "措施：推进节水改造",
    ]
    retail = section(report, "社会消费品零售总额").blocks[0]
    assert retail == Paragraph("2025年为600亿元，目标为630亿元，未完成，差距30亿元。")
    gaps = section(report, "监测数据不完整")
    assert gaps.blocks[0].text.startswith("2项指标暂无可评价的2025年数据")  # type: ignore[union-attr]


def test_suggestions_give_the_drafter_the_facts() -> None:
    report = build_report(final_overview(), ReportKind.FINAL)
    lines = [b.text for b in section(report, "对“十五五”时期的建议").blocks]  # type: ignore[union-attr]
    assert "规划期末未完成目标的指标2项：用水总量、社会消费品零售总额。" in lines[1]
    assert lines[2].startswith("已完成目标的指标2项：森林覆盖率、地区生产总值。")
    assert lines[3] == (
        "“十五五”规划的基期值可采用本规划期末（2025年）数据：用水总量2.5亿立方米；"
        "森林覆盖率39.8%；地区生产总值1100亿元；社会消费品零售总额600亿元。"
    )


@pytest.mark.parametrize(
    ("period", "name"),
    [
        pytest.param((2021, 2025), "十五五", id="14th"),
        pytest.param((2026, 2030), "十六五", id="15th"),
        pytest.param((1991, 1995), "九五", id="8th-1990s"),
        pytest.param((2021, 2035), None, id="not-five-years"),
    ],
)
def test_next_plan_is_named_from_the_period(period: tuple[int, int], name: str | None) -> None:
    assert next_plan(replace(final_overview(), period=period)) == name


def test_suggestions_without_a_numbered_plan() -> None:
    report = build_report(replace(final_overview(), period=(2021, 2035)), ReportKind.FINAL)
    assert report.sections[4].heading == "五、下一步建议"


def test_issuing_office_and_date() -> None:
    plain = build_report(final_overview(), ReportKind.FINAL)
    dated = build_report(final_overview(), ReportKind.FINAL, issued=date(2026, 3, 5))
    assert (plain.issuer, plain.issued.replace("　", "")) == ("示例区人民政府", "年月日")
    assert dated.issued == "2026年3月5日"


@pytest.mark.parametrize(
    ("origin", "binding", "warned"),
    [
        pytest.param("text", False, True, id="no-table-no-binding"),
        pytest.param("table", False, False, id="table-imported"),
        pytest.param("text", True, False, id="binding-known"),
    ],
)
def test_missing_main_table_is_a_warning(origin: str, binding: bool, warned: bool) -> None:
    report = build_report(final_overview(final_views(origin, binding=binding)), ReportKind.FINAL)
    texts = paragraphs(report)
    assert any(t.startswith("主要指标表未导入：") for t in texts) is warned
    assert ("本规划纳入评估的指标均为预期性指标。" in texts) is (origin == "table")
    assert any(s.title == "主要指标表未导入" for s in report.walk()) is warned


def test_sample_warns_of_its_missing_main_table(sample: PlanOverview) -> None:
    texts = paragraphs(build_report(sample, ReportKind.MIDTERM))
    assert any(t.startswith("主要指标表未导入：") for t in texts)
    assert "本规划纳入评估的指标均为预期性指标。" not in texts


def test_sources_are_numbered_with_titles_and_dates(sample_final: PlanOverview) -> None:
    sample = sample_final
    report = build_report(sample, ReportKind.FINAL)
    entries = [t for t in paragraphs(report) if re.match(r"\d+\. ", t)]
    assert len(entries) == len(sample.sources)
    for number, entry in enumerate(entries, start=1):
        assert entry.startswith(f"{number}. ")
        assert not entry.split(" ", 1)[1].startswith("http")  # a title first, never bare
    people = next(e for e in entries if "sc.people.com.cn" in e)
    assert "2021年9月29日" in people  # the date in its address
    assert any(e.split(" ", 1)[1].startswith("《") for e in entries)  # the plan itself, by title


def code_words(report: Report) -> list[str]:
    texts = paragraphs(report, formulas=False)
    texts += [
        cell for table in report.tables for row in (table.header, *table.rows) for cell in row
    ]
    texts += [t.note for t in report.tables] + [report.title, report.issuer]
    return [w for t in texts for w in CODE_WORD.findall(ADDRESS.sub("", t))]


@pytest.mark.parametrize("kind", list(ReportKind), ids=lambda k: k.value)
def test_no_code_words_in_any_report(
    kind: ReportKind, sample: PlanOverview, sample_final: PlanOverview
) -> None:
    for data in (sample, sample_final, overview(), final_overview()):
        assert code_words(build_report(data, kind)) == []


def test_rows_say_why_there_is_no_judgement(
    sample: PlanOverview, sample_final: PlanOverview
) -> None:
    midterm = build_report(sample, ReportKind.MIDTERM).tables[0]
    retail = next(row for row in midterm.rows if row[1] == "社会消费品零售总额")
    assert (retail[6], retail[9]) == ("482", "无数据（缺少基期值）")  # 2022 data, no baseline
    final = build_report(sample_final, ReportKind.FINAL).tables[0]
    gdp = next(row for row in final.rows if row[1] == "GDP")
    assert gdp[4] == "616.36＊"  # the baseline the engine used: the 2020 value observed
    assert (gdp[6], gdp[8], gdp[9]) == (
        "767.81（2022年）",
        "无数据",
        "缺少2025年数据，数据截至2022年",
    )
