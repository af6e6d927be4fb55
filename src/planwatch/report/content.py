"""What a report says: a ``PlanOverview`` and a kind in, a :class:`Report` model out.

Pure: no database, no files, no fonts. The three kinds differ only where :data:`PROFILES`
says (title, section titles, the lead of the judgement, the 完成情况 column of the final
evaluation); everything else is shared.

Structure, as evaluation reports are written. Annual and mid-term:

一、总体评价 (counts in the national vocabulary, over current data only) · 二、主要指标进展情况
(binding first) · 三、滞后指标及原因分析 (lagging and red indicators, indicators without data) ·
四、指标走势 (status chart, a trajectory chart per key indicator) · 五、数据来源与截止时间 ·
the issuing office and date · 附录 评估方法、公式与阈值.

Final (总结评估): 一、总体评价 · 二、主要指标完成情况 (table, charts) · 三、主要任务与重大项目 ·
四、存在的问题及原因 · 五、对“十五五”时期的建议 (the next plan named from the period) · the
issuing office and date · 附录 数据来源、评估方法与阈值 (see :mod:`planwatch.report.final`).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, time

from planwatch.assess import Overall
from planwatch.domain.assessment import Status
from planwatch.report import numbers
from planwatch.report.adjustments import adjustments_section
from planwatch.report.annual_targets import annual_target_section
from planwatch.report.delivery import delivery_sections, final_tasks_section
from planwatch.report.final import next_plan_section, problems_section
from planwatch.report.judgement import (
    binding_sentence,
    completion_sentence,
    counts_sentence,
    missing_main_table,
    overall_sentence,
    scope,
    summary_of,
)
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
from planwatch.report.sources import citations
from planwatch.report.tables import (
    final_table,
    main_table,
    monitoring_table,
    no_data_table,
)
from planwatch.report.trajectory import key_indicators, trajectory
from planwatch.services.delivery import Delivery
from planwatch.services.overview import IndicatorView, PlanOverview

SIMULATED_MARK = "含模拟数据 · 仅供演示，不得作为统计数据引用"
FIRST_NUMBERED_PLAN_YEAR = 1966  # the 3rd plan; 4th 1971, … 14th 2021, 15th 2026
UNDATED = "　　　　年　　月　　日"  # to be filled in when the report is signed
PENDING_WARNING = (
    "注意：本稿含{count}项指标尚未审核通过的数据，已在表中标注“待审核”；"
    "定稿前请待审核完成后重新生成。"
)  # only when the setting shows pending data; reports use approved data otherwise


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


def plan_ordinal(overview: PlanOverview) -> int | None:
    """Which five-year plan the period is: 2021–2025 → 14. A five-year period starting
    1966 + 5k is the (3 + k)th plan; None for any other period."""
    period = overview.period
    if period and period[1] - period[0] == 4:
        offset = period[0] - FIRST_NUMBERED_PLAN_YEAR
        if offset >= 0 and offset % 5 == 0:
            return 3 + offset // 5
    return None


def plan_name(overview: PlanOverview) -> str:
    """How a report names the plan: 泸州市江阳区“十四五”规划纲要, else the plan's title."""
    ordinal = plan_ordinal(overview)
    if overview.region and ordinal is not None:
        return f"{overview.region}“{chinese_number(ordinal)}五”规划纲要"
    return overview.title or overview.region or overview.key


def next_plan(overview: PlanOverview) -> str | None:
    """The next plan's short name from the period: 2021–2025 → 十五五; None if unknown."""
    ordinal = plan_ordinal(overview)
    return f"{chinese_number(ordinal + 1)}五" if ordinal is not None else None


def title(overview: PlanOverview, kind: ReportKind) -> str:
    """The report's title, a draft until people have edited it."""
    return "".join(title_lines(overview, kind))


def title_lines(overview: PlanOverview, kind: ReportKind) -> tuple[str, str]:
    """The title in two parts, the plan's name and what the report is, for a title too long
    for one line."""
    subject = plan_name(overview)
    whole = PROFILES[kind].title.format(subject=subject, year=overview.as_of) + "（草稿）"
    return subject, whole.removeprefix(subject)


def judgement(overview: PlanOverview, kind: ReportKind, summary: Overall) -> Section:
    lines = [counts_sentence(overview, kind, summary), binding_sentence(overview, kind)]
    if PROFILES[kind].completion:
        lines.append(completion_sentence(overview))
    lines.append(overall_sentence(summary, kind))
    blocks: list[Block] = [preface(overview, kind), *(Paragraph(line) for line in lines if line)]
    warning = missing_main_table(overview)
    if warning:
        blocks.append(Paragraph(warning, emphasis=True))
    if overview.simulated:
        blocks.append(Paragraph(f"注意：本报告{SIMULATED_MARK}。", emphasis=True))
    pending = sum(1 for view in overview.indicators if view.pending_years)
    if pending:
        blocks.append(Paragraph(PENDING_WARNING.format(count=pending), emphasis=True))
    return Section(PROFILES[kind].judgement, tuple(blocks))


def indicator_section(overview: PlanOverview, kind: ReportKind) -> Section:
    assessed = overview.assessed
    missing = bool(missing_main_table(overview))
    if kind is ReportKind.FINAL:
        intro = (
            f"规划确定的{len(assessed)}项指标完成情况见下表。期末值为目标年的数据；"
            "尚无目标年数据的，在说明栏注明数据截至年份。"
        )
        table = final_table(assessed, missing_table=missing)
    else:
        intro = (
            f"规划确定的{len(assessed)}项指标进展情况见下表，约束性指标列在前面。"
            "最新值为评估年份及以前最近一年的数据。"
        )
        table = main_table(
            assessed, with_completion=PROFILES[kind].completion, missing_table=missing
        )
    blocks: list[Block] = [Paragraph(intro), table]
    monitored = tuple(v for v in overview.indicators if v.assessment is None and v.observations)
    if monitored:
        blocks.append(Paragraph(f"另有{len(monitored)}项监测指标未设目标值，仅列示数据。"))
        cite = {source: n for n, source in enumerate(overview.sources, start=1)}
        blocks.append(monitoring_table(monitored, overview.as_of, cite))
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
                        "请牵头单位按观测数据模板补报。"
                    ),
                    no_data_table(missing),
                ),
            )
        )
    return Section(PROFILES[kind].lagging, blocks, tuple(children))


def chart_sections(overview: PlanOverview) -> tuple[Section, Section]:
    """The status chart (statuses that occur) and a trajectory chart per key indicator."""
    shown = tuple((s, n) for s, n in overview.counts.items() if n)
    status = Figure("指标状态分布", StatusChart("指标状态分布", shown))
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
    return Section("指标状态分布", (status,)), Section("主要指标走势", (legend, *figures))


def chart_section(overview: PlanOverview) -> Section:
    return Section("指标走势", children=chart_sections(overview))


def sources_section(overview: PlanOverview) -> Section:
    cutoff = f"本报告数据截至{overview.as_of}年"
    if overview.data_until is not None:
        cutoff += f"，数据录入截至{numbers.date_text(overview.data_until)}"
    blocks: list[Block] = [Paragraph(cutoff + "。")]
    cited = citations(overview)
    if cited:
        blocks.append(Paragraph("数据来源："))
        blocks += [Paragraph(c.text) for c in cited]
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
        f"现将{scope(overview, kind)}规划主要指标实施情况报告如下。本稿根据已录入的监测数据"
        "自动生成，供起草单位修改完善。"
    )


def issuer(overview: PlanOverview) -> str:
    """The issuing office: the region's people's government, which reports to its congress."""
    return f"{overview.region}人民政府" if overview.region else "（报告单位）"


def body_sections(
    overview: PlanOverview, kind: ReportKind, summary: Overall, delivery: Delivery | None = None
) -> tuple[Section, ...]:
    """The numbered sections of a report of ``kind``, before the appendix."""
    adjusted = adjustments_section(overview)
    if kind is not ReportKind.FINAL:
        annual = annual_target_section(overview) if kind is ReportKind.ANNUAL else None
        return (
            judgement(overview, kind, summary),
            indicator_section(overview, kind),
            *((annual,) if annual else ()),
            *((adjusted,) if adjusted else ()),
            lagging_section(overview, kind),
            *delivery_sections(delivery, kind),
            chart_section(overview),
            sources_section(overview),
        )
    table = indicator_section(overview, kind)
    return (
        judgement(overview, kind, summary),
        replace(table, children=chart_sections(overview)),
        *((adjusted,) if adjusted else ()),
        final_tasks_section(delivery),
        problems_section(
            overview, summary, missing_table=missing_main_table(overview), title="存在的问题及原因"
        ),
        next_plan_section(overview, summary, next_plan(overview)),
    )


def build_report(
    overview: PlanOverview,
    kind: ReportKind,
    issued: date | None = None,
    delivery: Delivery | None = None,
) -> Report:
    """The report model of an overview; ``issued`` prints the date under the issuing office
    (blanks to fill in by default); ``delivery`` adds the tasks, projects and reporting
    sections (:mod:`planwatch.services.delivery`).

    For the sample plan as of 2022 (midterm) the title is
    泸州市江阳区“十四五”规划纲要实施中期评估报告（草稿）.
    """
    summary = summary_of(overview)
    body = numbered(body_sections(overview, kind, summary, delivery))
    if kind is ReportKind.FINAL:
        annex = appendix(
            overview.assessed,
            overview.thresholds,
            (sources_section(overview),),
            "数据来源、评估方法与阈值",
        )
    else:
        annex = appendix(overview.assessed, overview.thresholds)
    annex = replace(annex, number="附录　", children=numbered(annex.children, 2))
    *sections, annex = _captioned((*body, annex))
    return Report(
        kind=kind,
        title=title(overview, kind),
        title_lines=title_lines(overview, kind),
        subtitle=f"（数据截至{overview.as_of}年）",
        as_of=overview.as_of,
        simulated=overview.simulated,
        simulated_mark=SIMULATED_MARK if overview.simulated else "",
        sections=tuple(sections),
        appendix=annex,
        issuer=issuer(overview),
        issued=numbers.date_text(datetime.combine(issued, time())) if issued else UNDATED,
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
