"""The appendix: the formulas and thresholds the judgements used, and each indicator's working.

The formula texts summarise docs/assessment.md; the thresholds are the ones the overview was
computed with (settings, not constants), so the appendix always matches the tables.
"""

from __future__ import annotations

from planwatch.assess.thresholds import Thresholds
from planwatch.report.model import Paragraph, Section, Table
from planwatch.services.overview import IndicatorView

FORMULAS = (
    "序时进度 τ = (t − t₀)/(T − t₀)，t₀ 为基期年，T 为目标年，t 为最新有数据的年份。",
    "水平值目标（达到 X）：进度 P = (x_t − x₀)/(X − x₀)，x₀ 为基期值，x_t 为最新值。",
    "变化目标（下降 v%、提高 v 个百分点）：先换算为目标年水平值，再按水平值目标计算。",
    "年均增长目标（年均增长 r）：P = ln(I_t)/(N·ln(1 + r))，"
    "I_t 为 t₀ 至 t 的增长指数，N = T − t₀。",
    "累计目标（累计 X）：P = S/X，S 为基期后各年数值之和。",
    "控制性目标（控制在 X 以内、不低于 X）：按各年是否达标判断，不计算进度。",
    "观测年均增长 g = (x_t/x₀)^(1/(t − t₀)) − 1；此后所需年均增长 = (X/x_t)^(1/(T − t)) − 1。",
    "目标年预测：按观测年均增长复合外推，并以近年权重较高的线性拟合对照。",
)

THRESHOLD_ROWS = (
    ("ahead", "快于预期 / 滞后的界限：P − τ ≥ 该值为快于预期，≤ −该值为滞后"),
    ("lag_yellow", "预期性指标黄灯：落后序时进度（τ − P）达到该值"),
    ("lag_red", "预期性指标红灯：落后序时进度超过该值"),
    ("binding_lag_yellow", "约束性指标黄灯：落后序时进度达到该值"),
    ("binding_lag_red", "约束性指标红灯：落后序时进度超过该值"),
    ("growth_on_track", "增速比值 R 不低于该值：基本符合"),
    ("growth_moderate", "增速比值 R 不低于该值：有进展但需加快"),
    ("growth_limited", "增速比值 R 不低于该值：进展有限；低于则为出现倒退"),
)


def thresholds_table(thresholds: Thresholds) -> Table:
    """The thresholds in force, each with what it decides."""
    values = thresholds.as_mapping()
    rows = tuple((name, meaning, values[name]) for name, meaning in THRESHOLD_ROWS)
    return Table("判定阈值", ("阈值", "含义", "取值"), rows)


def working(views: tuple[IndicatorView, ...]) -> tuple[Paragraph, ...]:
    """Each judged indicator's formula with its numbers, and the notes on what was inferred."""
    found = []
    for view in views:
        a = view.assessment
        if a is None or not a.formula:
            continue
        notes = f"（{'；'.join(a.notes)}）" if a.notes else ""
        found.append(Paragraph(f"{view.indicator.name}：{a.formula}{notes}"))
    return tuple(found) or (Paragraph("暂无可计算的指标。"),)


def appendix(views: tuple[IndicatorView, ...], thresholds: Thresholds) -> Section:
    """附录: formulas, thresholds, and each indicator's working."""
    return Section(
        "评估方法、公式与阈值",
        children=(
            Section("计算公式", tuple(Paragraph(text) for text in FORMULAS)),
            Section(
                "状态与预警判定",
                (
                    Paragraph(
                        "状态采用全国规划评估通用表述：提前实现、快于预期、基本符合预期、滞后；"
                        "无法计算的为无数据。预警灯按落后序时进度的程度分为绿灯、黄灯、红灯，"
                        "约束性指标标准更严；提前实现均为绿灯。"
                    ),
                    thresholds_table(thresholds),
                ),
            ),
            Section("各指标计算过程", working(views)),
        ),
    )
