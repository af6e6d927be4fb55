"""The sentences of 总体评价: counts over current data only, the binding indicators, the
completion count of a final evaluation, a first-draft overall judgement, and the warning when
the main-indicator table was not imported.
"""

from __future__ import annotations

from planwatch.assess import Overall, overall
from planwatch.domain.assessment import Status
from planwatch.domain.indicator import Attribute
from planwatch.report.model import ReportKind
from planwatch.report.tables import completion
from planwatch.services.overview import PlanOverview

COMPLETION_ORDER = (
    "提前完成",
    "已完成",
    "未完成",
    "提前实现",
    "预计完成",
    "预计难以完成",
    "待评估",
)
IN_PERIOD = (Status.ACHIEVED_EARLY, Status.AHEAD, Status.ON_TRACK, Status.LAGGING)
FINAL = (Status.COMPLETED_EARLY, Status.COMPLETED, Status.UNMET)
MISSING_TABLE = (
    "主要指标表未导入：规划文本中的主要指标表（专栏）未能识别出指标，约束性指标尚未标明，"
    "本报告所列指标均摘自规划正文，可能不全，属性有待核实。请规划编制部门将主要指标表整理为"
    "表格（指标名称、单位、基期值、目标值、属性），导入主要指标表后重新生成本报告。"
)


def scope(overview: PlanOverview, kind: ReportKind) -> str:
    """How the judgement opens: 截至2022年 / 2022年 / 规划期末（2025年）."""
    year = overview.as_of
    if kind is ReportKind.ANNUAL:
        return f"{year}年"
    if kind is ReportKind.FINAL and overview.period and year >= overview.period[1]:
        return f"规划期末（{year}年）"
    return f"截至{year}年"


def summary_of(overview: PlanOverview) -> Overall:
    """The overall counts over current data (docs/assessment.md, Dating)."""
    judged = [v.assessment for v in overview.assessed if v.assessment is not None]
    return overall(judged, overview.as_of, overview.thresholds.data_lag)


def missing_main_table(overview: PlanOverview) -> str:
    """The warning when no main-indicator table was imported, else ''.

    Missing: no indicator came from a table and none is binding (a main table names them).
    """
    views = overview.indicators
    found = any(v.origin == "table" for v in views) or any(
        v.indicator.attribute is Attribute.BINDING for v in views
    )
    return "" if found or not views else MISSING_TABLE


def vocabulary(kind: ReportKind, summary: Overall) -> tuple[Status, ...]:
    """The statuses a count lists: the kind's own words, and any other word that occurs."""
    own = FINAL if kind is ReportKind.FINAL else IN_PERIOD
    return tuple(s for s in Status if s in own or summary.judged.get(s))


def counts_sentence(overview: PlanOverview, kind: ReportKind, summary: Overall) -> str:
    """截至2022年，纳入评估的5项指标中，可依据2022年数据评价的4项：0项提前实现，…；
    其余1项暂无可评价的2022年数据。"""
    word = "监测" if kind is ReportKind.ANNUAL else "评估"
    opening = f"{scope(overview, kind)}，纳入{word}的{summary.total}项指标"
    details = []
    if summary.stale:
        details.append(f"{summary.stale}项仅有更早年份的数据")
    if summary.unjudged:
        details.append(f"{summary.unjudged}项有数据但尚不能评价，原因见表")
    why = f"（其中{'，'.join(details)}）" if details else ""
    if summary.current == 0:
        return f"{opening}均暂无可评价的{summary.years}数据{why}。"
    judged = [
        f"{summary.judged.get(s, 0)}项{s.value}"
        for s in vocabulary(kind, summary)
        if s is not Status.NO_DATA
    ]
    shown = f"{opening}中，可依据{summary.years}数据评价的{summary.current}项：{'，'.join(judged)}"
    if summary.without_current:
        shown += f"；其余{summary.without_current}项暂无可评价的{summary.years}数据{why}"
    return shown + "。"


def overall_sentence(summary: Overall, kind: ReportKind) -> str:
    """A first draft of the overall judgement, from current data only, saying what is missing."""
    if summary.current == 0:
        return (
            f"由于缺少可评价的{summary.years}数据，目前尚不能对规划实施情况作出总体判断，"
            "请相关部门尽快报送数据后再作判断。"
        )
    final = kind is ReportKind.FINAL and all(s.final for s in summary.judged)
    reached = "已完成目标" if final else "达到或快于序时进度"
    if summary.behind == 0:
        verdict = f"有数据的指标均{reached}"
    elif summary.met * 5 >= summary.current * 4:
        verdict = f"大部分有数据的指标{reached}，个别指标需加快推进"
    else:
        verdict = (
            "较多指标未完成目标" if final else "较多指标落后于序时进度，需采取有力措施加快推进"
        )
    text = f"可评价的{summary.current}项指标中，{summary.met}项{reached}。"
    text += f"从有数据的指标看，{verdict}。"
    if summary.without_current:
        text += (
            f"另有{summary.without_current}项指标暂无可评价的{summary.years}数据，"
            "总体判断有待数据补齐后进一步核实。"
        )
    return text


def binding_sentence(overview: PlanOverview, kind: ReportKind) -> str:
    """The binding indicators and how many are behind; '' when the main table is missing."""
    if missing_main_table(overview):
        return ""
    binding = [v for v in overview.assessed if v.indicator.attribute is Attribute.BINDING]
    if not binding:
        return "本规划纳入评估的指标均为预期性指标。"
    behind = [v for v in binding if v.status in (Status.LAGGING, Status.UNMET)]
    word = "未完成或滞后" if kind is ReportKind.FINAL else "滞后"
    return (
        f"其中约束性指标{len(binding)}项，{len(behind)}项{word}；"
        f"预期性指标{len(overview.assessed) - len(binding)}项。"
    )


def completion_sentence(overview: PlanOverview) -> str:
    """The final evaluation's count of targets met, missed and still open, on current data."""
    found = [
        completion(v.assessment) for v in overview.assessed if v.assessment and v.assessment.current
    ]
    parts = [f"{found.count(word)}项{word}" for word in COMPLETION_ORDER if word in found]
    return f"按目标完成情况统计：{'，'.join(parts)}。" if parts else ""
