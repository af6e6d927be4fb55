"""What a report says: a ``PlanOverview`` and a kind in, a :class:`Report` model out.

Pure: no database, no files, no fonts. The three kinds differ only where :data:`PROFILES`
says (title, section titles, the lead of the judgement, the 完成情况 column of the final
evaluation); everything else is shared.

Structure, as evaluation reports are written:

一、总体评价 (counts in the national vocabulary) · 二、主要指标进展情况 (binding first) ·
三、滞后指标及原因分析 (lagging and red indicators, indicators without data) ·
四、指标走势 (status chart, a trajectory chart per key indicator) · 五、数据来源与截止时间 ·
附录 评估方法、公式与阈值.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from planwatch.domain.assessment import Status
from planwatch.domain.indicator import Attribute
from planwatch.report import numbers
from planwatch.report.lagging import lagging_sections
from planwatch.report.method import appendix
from planwatch.report.model import (
    Block,
    Figure,
    Paragraph,
    Report,
    ReportKind,
    Section,
    StatusChart,
    Table,
    chinese_number,
    numbered,
)
from planwatch.report.tables import completion, main_table, monitoring_table, no_data_table
from planwatch.report.trajectory import key_indicators, trajectory
from planwatch.services.overview import IndicatorView, PlanOverview

SIMULATED_MARK = "含模拟数据 · 仅供演示，不得作为统计数据引用"
FIRST_NUMBERED_PLAN_YEAR = 1966  # the 3rd plan; 4th 1971, … 14th 2021, 15th 2026
COMPLETION_ORDER = ("已完成", "未完成", "预计完成", "预计难以完成", "待评估", "无数据")


@dataclass(frozen=True, slots=True)
class Profile:
    """What differs between the kinds of report."""

    title: str  # {subject}, {year}
    judgement: str
    indicators: str
    lagging: str
    completion: bool  # the final evaluation's 完成情况 column and sentence


PROFILES = {
    ReportKind.ANNUAL: Profile(
        "{subject}实施情况{year}年度监测报告", "总体情况", "主要指标监测情况",
        "滞后指标及原因分析", completion=False,
    ),
    ReportKind.MIDTERM: Profile(
        "{subject}实施中期评估报告", "总体评价", "主要指标进展情况",
        "滞后指标及原因分析", completion=False,
    ),
    ReportKind.FINAL: Profile(
        "{subject}实施总结评估报告", "总体评价", "主要指标完成情况",
        "未完成及滞后指标分析", completion=True,
    ),
}  # fmt: skip


def plan_name(overview: PlanOverview) -> str:
    """How a report names the plan: 泸州市江阳区“十四五”规划纲要, else the plan's title.

    A five-year period starting 1966 + 5k is the (3 + k)th plan: 2021–2025 is 十四五.
    """
    period = overview.period
    if overview.region and period and period[1] - period[0] == 4:
        offset = period[0] - FIRST_NUMBERED_PLAN_YEAR
        if offset >= 0 and offset % 5 == 0:
            return f"{overview.region}“{chinese_number(3 + offset // 5)}五”规划纲要"
    return overview.title or overview.region or overview.key


def title(overview: PlanOverview, kind: ReportKind) -> str:
    """The report's title, a draft until people have edited it."""
    subject = plan_name(overview)
    return PROFILES[kind].title.format(subject=subject, year=overview.as_of) + "（草稿）"


def scope(overview: PlanOverview, kind: ReportKind) -> str:
    """How the judgement opens: 截至2022年 / 2022年 / 规划期末（2025年）."""
    year = overview.as_of
    if kind is ReportKind.ANNUAL:
        return f"{year}年"
    if kind is ReportKind.FINAL and overview.period and year >= overview.period[1]:
        return f"规划期末（{year}年）"
    return f"截至{year}年"


def counts_sentence(overview: PlanOverview, kind: ReportKind) -> str:
    """截至2022年，纳入评估的38项指标中，0项提前实现，…，37项暂无数据。"""
    counts = overview.counts
    judged = [f"{counts[s]}项{s.value}" for s in Status if s is not Status.NO_DATA]
    no_data = counts[Status.NO_DATA]
    tail = f"，{no_data}项暂无数据" if no_data else ""
    word = "监测" if kind is ReportKind.ANNUAL else "评估"
    total = len(overview.assessed)
    return f"{scope(overview, kind)}，纳入{word}的{total}项指标中，{'，'.join(judged)}{tail}。"


def overall_sentence(overview: PlanOverview) -> str:
    """A first draft of the overall judgement, from the share of indicators on or ahead of pace."""
    counts = overview.counts
    with_data = sum(n for s, n in counts.items() if s is not Status.NO_DATA)
    if with_data == 0:
        return "目前尚无可用于评估的监测数据，请相关部门尽快报送数据后再作判断。"
    good = with_data - counts[Status.LAGGING]
    if counts[Status.LAGGING] == 0:
        verdict = "有数据的指标均达到或快于序时进度，规划实施总体进展顺利"
    elif good * 5 >= with_data * 4:
        verdict = "大部分有数据的指标达到序时进度，规划实施总体符合预期，个别指标需加快推进"
    else:
        verdict = "较多指标落后于序时进度，需采取有力措施加快推进"
    return f"有数据的{with_data}项指标中，{good}项达到或快于序时进度。总体看，{verdict}。"


def binding_sentence(overview: PlanOverview) -> str:
    binding = [v for v in overview.assessed if v.indicator.attribute is Attribute.BINDING]
    if not binding:
        return "本规划纳入评估的指标均为预期性指标。"
    lagging = sum(1 for v in binding if v.status is Status.LAGGING)
    return (
        f"其中约束性指标{len(binding)}项，{lagging}项滞后；"
        f"预期性指标{len(overview.assessed) - len(binding)}项。"
    )


def completion_sentence(overview: PlanOverview) -> str:
    """The final evaluation's count of targets met, missed and still open."""
    found = [completion(v.assessment) for v in overview.assessed if v.assessment]
    parts = [f"{found.count(word)}项{word}" for word in COMPLETION_ORDER if word in found]
    return f"按目标完成情况统计：{'，'.join(parts)}。" if parts else ""


def judgement(overview: PlanOverview, kind: ReportKind) -> Section:
    lines = [counts_sentence(overview, kind), binding_sentence(overview)]
    if PROFILES[kind].completion:
        lines.append(completion_sentence(overview))
    lines.append(overall_sentence(overview))
    blocks: list[Block] = [preface(overview, kind), *(Paragraph(line) for line in lines if line)]
    if overview.simulated:
        blocks.append(Paragraph(f"注意：本报告{SIMULATED_MARK}。", emphasis=True))
    return Section(PROFILES[kind].judgement, tuple(blocks))


def indicator_section(overview: PlanOverview, kind: ReportKind) -> Section:
    assessed = overview.assessed
    blocks: list[Block] = [
        Paragraph(
            f"规划确定的{len(assessed)}项指标进展情况见下表，约束性指标列在前面。"
            "最新值为评估年份及以前最近一年的数据。"
        ),
        main_table(assessed, with_completion=PROFILES[kind].completion),
    ]
    monitored = tuple(v for v in overview.indicators if v.assessment is None and v.observations)
    if monitored:
        blocks.append(Paragraph(f"另有{len(monitored)}项监测指标未设目标值，仅列示数据。"))
        blocks.append(monitoring_table(monitored, overview.as_of))
    return Section(PROFILES[kind].indicators, tuple(blocks))


def lagging_section(overview: PlanOverview, kind: ReportKind) -> Section:
    children = list(lagging_sections(overview.assessed, overview.as_of))
    blocks: tuple[Block, ...] = ()
    if not children:
        blocks = (Paragraph(f"{scope(overview, kind)}，没有滞后或亮红灯的指标。"),)
    missing = tuple(v for v in overview.assessed if v.status is Status.NO_DATA)
    if missing:
        children.append(
            Section(
                "暂无数据的指标",
                (
                    Paragraph(
                        f"以下{len(missing)}项指标暂无可用于评估的数据，"
                        "请牵头单位按观测数据模板（planwatch template）补报。"
                    ),
                    no_data_table(missing),
                ),
            )
        )
    return Section(PROFILES[kind].lagging, blocks, tuple(children))


def chart_section(overview: PlanOverview) -> Section:
    status = Figure(
        "指标状态分布",
        StatusChart("指标状态分布", tuple((s, overview.counts[s]) for s in Status)),
    )
    charted: tuple[IndicatorView, ...] = key_indicators(overview.assessed, overview.as_of)
    figures: tuple[Block, ...] = tuple(
        Figure(f"{v.indicator.name}走势（{v.indicator.unit}）", trajectory(v, overview.as_of))
        for v in charted
    )
    if not figures:
        figures = (Paragraph("暂无有观测数据的指标，走势图待数据报送后生成。"),)
    legend = Paragraph(
        "图中实线为观测值，虚线为从基期值到目标值的序时进度路径，点线为按目前趋势的预测，"
        "水平虚线为目标值。"
    )
    return Section(
        "指标走势",
        children=(
            Section("指标状态分布", (status,)),
            Section("主要指标走势", (legend, *figures)),
        ),
    )


def sources_section(overview: PlanOverview) -> Section:
    cutoff = f"本报告数据截至{overview.as_of}年"
    if overview.data_until is not None:
        cutoff += f"，数据录入截至{numbers.date_text(overview.data_until)}"
    blocks: list[Block] = [Paragraph(cutoff + "。")]
    if overview.sources:
        blocks.append(Paragraph("数据来源："))
        blocks += [Paragraph(f"{i}. {s}") for i, s in enumerate(overview.sources, start=1)]
    else:
        blocks.append(Paragraph("数据来源：暂无已录入的数据。"))
    if overview.simulated:
        blocks.append(
            Paragraph(f"本报告部分数值为模拟数据（表中标注“模拟”），{SIMULATED_MARK}。", True)
        )
    return Section("数据来源与截止时间", tuple(blocks))


def preface(overview: PlanOverview, kind: ReportKind) -> Paragraph:
    version = f"（第{overview.version}版）" if overview.version > 1 else ""
    return Paragraph(
        f"根据《{overview.title or plan_name(overview)}》{version}关于规划实施监测评估的要求，"
        f"现将{scope(overview, kind)}规划主要指标实施情况报告如下。本稿由 planwatch "
        "根据已录入的数据自动生成，供起草单位修改完善。"
    )


def build_report(overview: PlanOverview, kind: ReportKind) -> Report:
    """The report model of an overview.

    For the sample plan as of 2022 (midterm) the title is
    泸州市江阳区“十四五”规划纲要实施中期评估报告（草稿）, the first section opens
    截至2022年，纳入评估的38项指标中，0项提前实现，0项快于预期，1项基本符合预期，0项滞后，
    37项暂无数据。
    """
    body = numbered(
        (
            judgement(overview, kind),
            indicator_section(overview, kind),
            lagging_section(overview, kind),
            chart_section(overview),
            sources_section(overview),
        )
    )
    annex = appendix(overview.assessed, overview.thresholds)
    annex = replace(annex, number="附录　", children=numbered(annex.children, 2))
    *sections, annex = _captioned((*body, annex))
    return Report(
        kind=kind,
        title=title(overview, kind),
        subtitle=f"（数据截至{overview.as_of}年）",
        as_of=overview.as_of,
        simulated=overview.simulated,
        simulated_mark=SIMULATED_MARK if overview.simulated else "",
        sections=tuple(sections),
        appendix=annex,
    )


def _captioned(sections: tuple[Section, ...]) -> tuple[Section, ...]:
    """Number tables (表1 …) and figures (图1 …) in reading order."""
    counters = {"表": 0, "图": 0}

    def caption(block: Block) -> Block:
        if isinstance(block, Table):
            counters["表"] += 1
            return replace(block, caption=f"表{counters['表']}　{block.caption}")
        if isinstance(block, Figure):
            counters["图"] += 1
            return replace(block, caption=f"图{counters['图']}　{block.caption}")
        return block

    def walk(section: Section) -> Section:
        blocks = tuple(caption(b) for b in section.blocks)
        return replace(section, blocks=blocks, children=tuple(walk(c) for c in section.children))

    return tuple(walk(s) for s in sections)
