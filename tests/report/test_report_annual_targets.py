"""The annual monitoring report says per indicator whether the year's annual target was met."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal as D

from report_builders import AS_OF, overview

from planwatch.assess.annual import AnnualGoal, assess_annual
from planwatch.report import ReportKind
from planwatch.report.content import build_report
from planwatch.services.annual import AnnualView
from planwatch.services.overview import PlanOverview


def annual(code: str, name: str, goal: AnnualGoal, **inputs: D) -> AnnualView:
    return AnnualView(0, code, name, "亿元", goal.year, goal, "", "2022年政府工作报告", "",
                      assess_annual(goal, **inputs), 0)  # fmt: skip


def with_targets() -> PlanOverview:
    gdp = AnnualGoal(AS_OF, "=", D("6.5"), "%", growth_rate=True, approximate=True)
    retail = AnnualGoal(AS_OF, ">=", D(500), "亿元")
    views = (
        # 5.8 < 6.5 − 0.5: not met, 0.7 points short
        replace(annual("I002", "地区生产总值", gdp, published_rate=D("5.8")), target="增长 6.5% 左右"),
        # 512 ≥ 500: met, 12 above
        replace(annual("I005", "社会消费品零售总额", retail, level=D(512)), target="不低于 500 亿元"),
    )
    return replace(overview(), annual=views)


def test_the_annual_report_has_the_section_with_each_verdict() -> None:
    report = build_report(with_targets(), ReportKind.ANNUAL)
    section = next(s for s in report.walk() if s.title == "年度目标完成情况")
    sentence = section.blocks[0].text  # type: ignore[union-attr]
    assert sentence == "2022年设定年度目标的 2 项指标中，完成 1 项，未完成 1 项（地区生产总值）。"
    table = next(t for t in report.tables if t.caption.endswith("年度目标完成情况"))
    assert table.rows == (
        ("地区生产总值", "增长 6.5% 左右", "5.8%(公布增速)", "未完成", "低于目标 0.7 个百分点"),
        ("社会消费品零售总额", "不低于 500 亿元", "512亿元", "完成", "高于目标 12 亿元"),
    )


def test_no_section_without_annual_targets_or_in_an_evaluation() -> None:
    assert not any(s.title == "年度目标完成情况"
                   for s in build_report(overview(), ReportKind.ANNUAL).walk())  # fmt: skip
    midterm = build_report(with_targets(), ReportKind.MIDTERM)
    assert not any(s.title == "年度目标完成情况" for s in midterm.walk())
