"""The annual monitoring report's section on the year's annual targets (年度目标完成情况).

Pure: it reads the judged annual targets a ``PlanOverview`` carries (services/annual.py) and
says per indicator whether the year's target was met, with the gap; no section when no
annual target is stored for the year.
"""

from __future__ import annotations

from planwatch.assess.annual import AnnualStatus, gap_text
from planwatch.report.model import Paragraph, Section, Table
from planwatch.services.annual import AnnualView
from planwatch.services.overview import PlanOverview

TITLE = "年度目标完成情况"


def _actual(view: AnnualView) -> str:
    result = view.assessment
    if result.actual is None:
        return "—"
    unit = "%" if view.goal.growth_rate else view.unit
    number = format(result.actual.normalize(), "f")
    basis = {"published_rate": "(公布增速)", "computed_rate": "(按总量计算)"}.get(
        result.basis or "", ""
    )
    return f"{number}{unit}{basis}"


def summary_sentence(year: int, views: list[AnnualView]) -> str:
    """ "2023年设定年度目标的 3 项指标中，完成 2 项，未完成 1 项（GDP）。"."""
    met = [v for v in views if v.assessment.status is AnnualStatus.MET]
    missed = [v for v in views if v.assessment.status is AnnualStatus.NOT_MET]
    empty = [v for v in views if v.assessment.status is AnnualStatus.NO_DATA]
    parts = [f"完成 {len(met)} 项"]
    if missed:
        parts.append(f"未完成 {len(missed)} 项（{'、'.join(v.name for v in missed)}）")
    if empty:
        parts.append(f"暂无数据 {len(empty)} 项")
    return f"{year}年设定年度目标的 {len(views)} 项指标中，{'，'.join(parts)}。"


def annual_target_section(overview: PlanOverview) -> Section | None:
    """The section for the overview's year, or None when the year has no annual target."""
    year = overview.as_of
    views = sorted(overview.annual_in(year).values(), key=lambda v: v.code)
    if not views:
        return None
    rows = tuple(
        (
            v.name,
            v.target,
            _actual(v),
            v.assessment.status.label,
            gap_text(v.assessment, v.goal.unit, v.goal.growth_rate),
        )
        for v in views
    )
    table = Table(
        caption=f"{year}年年度目标完成情况",
        header=("指标", "年度目标", "实际", "完成情况", "与目标相比"),
        rows=rows,
        note="左右的目标在允许偏差内视为完成（评估方法见附录）；只计已审核的数据。",
    )
    return Section(TITLE, (Paragraph(summary_sentence(year, views)), table))
