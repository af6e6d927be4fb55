"""What a report says, before any layout: titles, judgement sentences, sections, tables."""

from __future__ import annotations

from dataclasses import replace

import pytest
from report_builders import overview

from planwatch.domain.assessment import Status
from planwatch.report import ReportKind, build_report
from planwatch.report.content import plan_name
from planwatch.report.model import Paragraph, Table
from planwatch.report.trajectory import MAX_CHARTS, key_indicators
from planwatch.services.overview import PlanOverview


def texts(overview: PlanOverview, kind: ReportKind = ReportKind.MIDTERM) -> list[str]:
    report = build_report(overview, kind)
    return [b.text for s in report.walk() for b in s.blocks if isinstance(b, Paragraph)]


@pytest.mark.parametrize(
    ("kind", "as_of", "title"),
    [
        pytest.param(
            ReportKind.ANNUAL,
            2022,
            "泸州市江阳区“十四五”规划纲要实施情况2022年度监测报告（草稿）",
            id="annual",
        ),
        pytest.param(
            ReportKind.MIDTERM,
            2022,
            "泸州市江阳区“十四五”规划纲要实施中期评估报告（草稿）",
            id="midterm",
        ),
        pytest.param(
            ReportKind.FINAL,
            2025,
            "泸州市江阳区“十四五”规划纲要实施总结评估报告（草稿）",
            id="final",
        ),
    ],
)
def test_titles(sample: PlanOverview, kind: ReportKind, as_of: int, title: str) -> None:
    assert build_report(replace(sample, as_of=as_of), kind).title == title


@pytest.mark.parametrize(
    ("period", "region", "name"),
    [
        pytest.param((2021, 2025), "江阳区", "江阳区“十四五”规划纲要", id="14th"),
        pytest.param((2026, 2030), "江阳区", "江阳区“十五五”规划纲要", id="15th"),
        pytest.param((2016, 2020), "江阳区", "江阳区“十三五”规划纲要", id="13th"),
        pytest.param(
            (2021, 2035),
            "江阳区",
            "示例区国民经济和社会发展第十四个五年规划纲要",
            id="not-five-years",
        ),
        pytest.param(
            None, "江阳区", "示例区国民经济和社会发展第十四个五年规划纲要", id="no-period"
        ),
        pytest.param(
            (2021, 2025), None, "示例区国民经济和社会发展第十四个五年规划纲要", id="no-region"
        ),
    ],
)
def test_plan_name(period: tuple[int, int] | None, region: str | None, name: str) -> None:
    assert plan_name(replace(overview(), period=period, region=region)) == name


def test_sample_judgement_in_the_national_vocabulary(sample: PlanOverview) -> None:
    # GDP is the only one judged; 社会消费品零售总额 has a 2022 value but no baseline
    assert (
        "截至2022年，纳入评估的38项指标中，可依据2022年数据评价的1项：0项提前实现，0项快于预期，"
        "1项基本符合预期，0项滞后；其余37项暂无可评价的2022年数据（其中1项有数据但尚不能评价，"
        "原因见表）。"
    ) in texts(sample)


@pytest.mark.parametrize(
    ("kind", "sentence"),
    [
        pytest.param(
            ReportKind.ANNUAL,
            "2022年，纳入监测的5项指标中，可依据2022年数据评价的4项：0项提前实现，1项快于预期，"
            "1项基本符合预期，2项滞后；其余1项暂无可评价的2022年数据。",
            id="annual",
        ),
        pytest.param(
            ReportKind.MIDTERM,
            "截至2022年，纳入评估的5项指标中，可依据2022年数据评价的4项：0项提前实现，1项快于预期，"
            "1项基本符合预期，2项滞后；其余1项暂无可评价的2022年数据。",
            id="midterm",
        ),
        pytest.param(
            ReportKind.FINAL,
            "按目标完成情况统计：2项预计完成，2项预计难以完成。",
            id="final-completion",
        ),
        pytest.param(
            ReportKind.MIDTERM, "其中约束性指标2项，2项滞后；预期性指标3项。", id="binding"
        ),
    ],
)
def test_judgement_sentences(kind: ReportKind, sentence: str) -> None:
    assert sentence in texts(overview(), kind)


def test_headings_are_numbered_as_official_documents(sample: PlanOverview) -> None:
    report = build_report(sample, ReportKind.MIDTERM)
    assert [s.heading for s in report.walk()] == [
        "一、总体评价",
        "二、主要指标进展情况",
        "三、滞后指标及原因分析",
        "（一）暂无数据的指标",
        "四、指标走势",
        "（一）指标状态分布",
        "（二）主要指标走势",
        "五、数据来源与截止时间",
        "附录　评估方法、公式与阈值",
        "（一）计算公式",
        "（二）状态与预警判定",
        "（三）各指标计算过程",
    ]


def test_lagging_section_gives_requirement_reasons_and_measures() -> None:
    report = build_report(overview(), ReportKind.MIDTERM)
    lagging = report.sections[2]
    assert [c.heading for c in lagging.children] == [
        "（一）森林覆盖率",
        "（二）用水总量",
        "（三）暂无数据的指标",
    ]
    forest, water = (
        [b.text for b in c.blocks if isinstance(b, Paragraph)] for c in lagging.children[:2]
    )
    # τ − P = 0.4 − 0.125 = 0.275 → 27.5 points; (39.6/39.25)^(1/3) − 1 = 0.2964%
    assert (
        forest[0]
        == "2022年为39.25%，完成目标进度12.5%，序时进度40.0%，落后27.5个百分点，滞后，红灯。"
    )
    assert forest[1].startswith("实现2025年目标，2023—2025年需年均增长0.30%")
    assert forest[-1] == "原因与措施：牵头单位尚未填报，请补充。"
    assert water[0] == "2022年为2.5亿立方米，超出控制目标0.11亿立方米，滞后，红灯。"
    assert water[-3:] == [
        "牵头单位：区水务局。",
        "原因：新建工业园区用水增加",
        "措施：推进节水改造，实行用水定额管理",
    ]


def test_no_lagging_indicator_is_said_plainly(sample: PlanOverview) -> None:
    assert "截至2022年，没有滞后或亮红灯的指标。" in texts(sample)


def test_binding_indicators_first_and_monitoring_apart() -> None:
    report = build_report(overview(), ReportKind.MIDTERM)
    main, monitoring = report.tables[0], report.tables[1]
    assert main.caption == "表1　主要指标进展情况"
    assert [row[1] for row in main.rows] == [
        "用水总量",
        "森林覆盖率",
        "地区生产总值",
        "旅游综合收入",
        "外贸进出口总额",
    ]
    assert [row[3] for row in main.rows][:3] == ["约束性", "约束性", "预期性"]
    assert (
        monitoring.caption == "表2　监测指标（未设目标值）"
        and monitoring.rows[0][1] == "第二产业增加值"
    )


def test_final_evaluation_has_its_own_table() -> None:
    final = build_report(overview(), ReportKind.FINAL).tables[0]
    midterm = build_report(overview(), ReportKind.MIDTERM).tables[0]
    assert final.header[-2:] == ("完成情况", "说明") and "完成情况" not in midterm.header
    assert "序时进度" not in final.header and "预警" not in final.header
    assert [row[-2] for row in final.rows] == [
        "预计难以完成",
        "预计难以完成",
        "预计完成",
        "预计完成",
        "无数据",
    ]


def test_simulated_values_are_marked(built: PlanOverview) -> None:
    report = build_report(built, ReportKind.MIDTERM)
    assert report.simulated and "模拟" in report.simulated_mark
    tourism = next(row for row in report.tables[0].rows if row[1] == "旅游综合收入")
    assert tourism[6] == "150（模拟）"
    assert any(b.emphasis for s in report.walk() for b in s.blocks if isinstance(b, Paragraph))


def test_charts_for_indicators_with_data(built: PlanOverview) -> None:
    report = build_report(built, ReportKind.MIDTERM)
    captions = [f.caption for f in report.figures]
    assert captions == [
        "图1　指标状态分布",
        "图2　用水总量走势（亿立方米）",
        "图3　森林覆盖率走势（%）",
        "图4　地区生产总值走势（亿元）",
        "图5　旅游综合收入走势（亿元）",
    ]
    tourism = report.figures[-1].chart
    assert getattr(tourism, "simulated", None) == (2022,)


def test_chart_count_is_capped() -> None:
    many = overview((overview().indicators[2],) * (MAX_CHARTS + 5))
    assert len(key_indicators(many.assessed, 2022)) == MAX_CHARTS


def test_appendix_lists_thresholds_in_force(built: PlanOverview) -> None:
    report = build_report(built, ReportKind.MIDTERM)
    thresholds = next(t for t in report.tables if "判定阈值" in t.caption)
    assert ("预期性指标红灯界限", "落后序时进度超过该值亮红灯", "30个百分点") in thresholds.rows
    assert ("统计数据滞后年数", thresholds.rows[-1][1], "0年") == thresholds.rows[-1]
    working = [b.text for b in report.appendix.children[2].blocks if isinstance(b, Paragraph)]
    assert working[0].startswith("用水总量：") and len(working) == 4


def test_report_without_any_data() -> None:
    empty = overview((overview().indicators[4],))
    report = build_report(empty, ReportKind.ANNUAL)
    paragraphs = texts(empty, ReportKind.ANNUAL)
    assert (
        "由于缺少可评价的2022年数据，目前尚不能对规划实施情况作出总体判断，"
        "请相关部门尽快报送数据后再作判断。"
    ) in paragraphs
    assert "暂无有观测数据的指标，走势图待数据报送后生成。" in paragraphs
    assert len(report.figures) == 1 and empty.counts[Status.NO_DATA] == 1
    assert isinstance(report.tables[0], Table)


def test_cumulative_target_is_charted_against_its_total() -> None:
    from decimal import Decimal

    from report_builders import view

    from planwatch.domain.indicator import Indicator, Observation, Target, TargetKind
    from planwatch.report.trajectory import trajectory

    farmland = Indicator(
        "高标准农田", "万亩", TargetKind.CUMULATIVE, targets=(Target(Decimal(8), 2025),)
    )
    observed = (Observation(2021, Decimal("1.5")), Observation(2022, Decimal("2")))
    chart = trajectory(view(7, farmland, observed), 2022)
    assert chart.target == (2025, Decimal(8)) and chart.observations[-1] == (2022, Decimal("3.5"))
    # 1.5 + 2 over two years: 1.75 a year, 3.5 + 3 × 1.75 = 8.75 by 2025 (the engine's pace)
    assert chart.baseline == (2020, Decimal(0)) and chart.projection == (2025, Decimal("8.75"))
    assert [str(v) for _, v in chart.path] == ["0", "1.6", "3.2", "4.8", "6.4", "8"]


def test_the_dashboard_charts_a_cumulative_target_the_same_way() -> None:
    from decimal import Decimal

    from report_builders import view

    from planwatch.domain.indicator import Indicator, Observation, Target, TargetKind
    from planwatch.web.charts import trajectory

    farmland = Indicator(
        "高标准农田", "万亩", TargetKind.CUMULATIVE, targets=(Target(Decimal(8), 2025),)
    )
    observed = (Observation(2021, Decimal("1.5")), Observation(2022, Decimal("2")))
    data = trajectory(view(7, farmland, observed))
    assert [row[:2] for row in data["observations"]] == [[2021, 1.5], [2022, 3.5]]
    assert data["baseline"] == [2020, 0.0] and data["path"] == [[2020, 0.0], [2025, 8.0]]
    assert data["projection"] == [[2022, 3.5], [2025, 8.75]]
