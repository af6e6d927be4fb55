"""The sections only a final evaluation (总结评估) has: tasks and projects, problems and their
reasons, and the suggestions for the next plan — drafted from the facts, for people to finish.

主要任务与重大项目 is a placeholder until planwatch stores tasks and projects. 存在的问题及原因
is drafted from the unmet and lagging indicators with the reasons their departments entered,
the indicators without data for the target year, and a main-indicator table not imported.
The suggestions are placeholders that list what a drafter needs: what was missed and met, the
values at the end of the period (the next plan's baselines), the gaps in the data.
"""

from __future__ import annotations

from planwatch.assess import Overall
from planwatch.domain.assessment import Status
from planwatch.report import numbers
from planwatch.report.lagging import lagging_sections
from planwatch.report.model import Block, Paragraph, Section
from planwatch.report.tables import no_data_table
from planwatch.services.overview import IndicatorView, PlanOverview

TASKS_PLACEHOLDER = (
    "规划确定的主要任务和重大项目推进情况，请起草单位根据各牵头单位报送的材料补充，"
    "重点说明重大项目的投资完成、开工和建成情况，以及主要任务的落实成效。"
)
DRAFTER_NOTE = "（本部分由起草单位撰写，以下为评估中可供参考的事实。）"


def names(views: list[IndicatorView]) -> str:
    """Indicator names in a sentence: 甲、乙、丙."""
    return "、".join(view.indicator.name for view in views)


def tasks_section() -> Section:
    """主要任务与重大项目: a paragraph to fill in until tasks and projects are stored."""
    return Section("主要任务与重大项目", (Paragraph(TASKS_PLACEHOLDER),))


def data_gap_section(overview: PlanOverview, summary: Overall) -> Section | None:
    """The indicators without data for the evaluation year, as a problem of monitoring."""
    missing = tuple(v for v in overview.assessed if v.assessment and not v.assessment.current)
    if not missing:
        return None
    lines = [
        f"{len(missing)}项指标暂无可评价的{summary.years}数据，难以评价是否完成目标，"
        "规划指标的统计监测工作有待加强。以下指标请牵头单位补报数据："
    ]
    return Section("监测数据不完整", (*(Paragraph(t) for t in lines), no_data_table(missing)))


def problems_section(
    overview: PlanOverview, summary: Overall, *, missing_table: str, title: str
) -> Section:
    """存在的问题及原因: each indicator missed or behind, then the gaps in the data."""
    children = list(lagging_sections(overview.assessed, overview.as_of))
    blocks: list[Block] = []
    if children:
        blocks.append(
            Paragraph(
                f"对照规划目标，{len(children)}项指标未完成或进度滞后，具体情况及牵头单位"
                "填报的原因如下，请起草单位归纳提炼："
            )
        )
    elif summary.current:
        blocks.append(Paragraph("有数据的指标中，没有未完成、滞后或亮红灯的指标。"))
    gaps = data_gap_section(overview, summary)
    if gaps is not None:
        children.append(gaps)
    if missing_table:
        text = (
            "规划文本中的主要指标表未能识别、尚未导入，约束性指标未标明，本次评估的指标均摘自"
            "规划正文，指标体系可能不完整。"
        )
        children.append(Section("主要指标表未导入", (Paragraph(text),)))
    return Section(title, tuple(blocks), tuple(children))


def next_plan_section(overview: PlanOverview, summary: Overall, next_name: str | None) -> Section:
    """对“十五五”时期的建议 (or 下一步建议): the facts the suggestions should rest on."""
    views = [v for v in overview.assessed if v.assessment is not None]
    unmet = [v for v in views if v.status is Status.UNMET]
    met = [v for v in views if v.status in (Status.COMPLETED, Status.COMPLETED_EARLY)]
    lines = [DRAFTER_NOTE]
    plan = f"“{next_name}”规划" if next_name else "下一步工作"
    if unmet:
        lines.append(
            f"规划期末未完成目标的指标{len(unmet)}项：{names(unmet)}。建议在{plan}中"
            "分析未完成的原因，合理确定目标，明确推进措施。"
        )
    if met:
        lines.append(
            f"已完成目标的指标{len(met)}项：{names(met)}。建议结合发展趋势，"
            "在新一轮规划中研究提出更高目标。"
        )
    end = overview.period[1] if overview.period else overview.as_of
    finals = [
        f"{v.indicator.name}{numbers.value(v.assessment.latest.value)}{v.indicator.unit}"
        for v in views
        if v.assessment and v.assessment.latest and v.assessment.latest.year == end
    ]
    if next_name:
        if finals:
            lines.append(
                f"“{next_name}”规划的基期值可采用本规划期末（{end}年）数据：{'；'.join(finals)}。"
            )
        else:
            lines.append(
                f"目前尚无{end}年数据可作为“{next_name}”规划的基期值，需在统计数据发布后补充。"
            )
    if summary.without_current:
        lines.append(
            f"{summary.without_current}项指标暂无可评价的{summary.years}数据。建议健全规划指标统计"
            "监测制度，逐项明确数据来源、统计口径、报送时间和牵头单位。"
        )
    unassigned = sum(1 for v in views if not v.department)
    if unassigned:
        lines.append(f"{unassigned}项指标尚未明确牵头单位，建议在新一轮规划实施中逐项落实责任。")
    title = f"对“{next_name}”时期的建议" if next_name else "下一步建议"
    return Section(title, tuple(Paragraph(line) for line in lines))
