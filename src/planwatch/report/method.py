"""The appendix: the formulas and thresholds the judgements used, and each indicator's working.

The formula texts summarise docs/assessment.md; the thresholds are the ones the overview was
computed with (settings, not constants), so the appendix always matches the tables.
"""

from __future__ import annotations

from decimal import Decimal

from planwatch.assess.thresholds import Thresholds
from planwatch.report.model import Paragraph, Section, Table
from planwatch.report.numbers import points
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
    ("ahead", "快于预期界限", "P − τ 不低于该值为快于预期，不高于其负值为滞后"),
    ("lag_yellow", "预期性指标黄灯界限", "落后序时进度（τ − P）达到该值亮黄灯"),
    ("lag_red", "预期性指标红灯界限", "落后序时进度超过该值亮红灯"),
    ("binding_lag_yellow", "约束性指标黄灯界限", "落后序时进度达到该值亮黄灯"),
    ("binding_lag_red", "约束性指标红灯界限", "落后序时进度超过该值亮红灯"),
    ("growth_on_track", "增速比值基本符合界限", "增速比值 R 不低于该值为基本符合"),
    ("growth_moderate", "增速比值需加快界限", "增速比值 R 不低于该值为有进展但需加快"),
    ("growth_limited", "增速比值进展有限界限", "增速比值 R 不低于该值为进展有限，低于为出现倒退"),
    ("about_points", "“左右”目标容差(比率)", "以百分比计的“X左右”目标，差距在该值以内视为实现"),
    ("about_share", "“左右”目标容差(水平)", "其他“X左右”目标，差距在 X 的该比例以内视为实现"),
    (
        "data_lag",
        "统计数据滞后年数",
        "评估年份数据尚未发布时，早于评估年份不超过该年数的数据视为当期数据",
    ),
)
# the engine writes ASCII separators (its text also goes to a terminal); a document uses
# full-width ones
CHINESE_PUNCTUATION = str.maketrans({";": "；", ",": "，"})
SHARE_THRESHOLDS = ("ahead", "lag_yellow", "lag_red", "binding_lag_yellow", "binding_lag_red")


def threshold_value(name: str, value: str) -> str:
    """A threshold as a reader takes it: shares in percentage points, the lag in years.

    >>> threshold_value("lag_red", "0.30"), threshold_value("data_lag", "1")
    ('30个百分点', '1年')
    >>> threshold_value("growth_on_track", "0.95"), threshold_value("about_share", "0.02")
    ('0.95', '2%')
    """
    if name in SHARE_THRESHOLDS:
        return f"{points(Decimal(value)).removesuffix('.0')}个百分点"
    if name == "data_lag":
        return f"{value}年"
    if name == "about_points":
        return f"{value}个百分点"
    if name == "about_share":
        return f"{points(Decimal(value)).removesuffix('.0')}%"
    return value


def thresholds_table(thresholds: Thresholds) -> Table:
    """The thresholds in force, each with what it decides."""
    values = thresholds.as_mapping()
    rows = tuple(
        (label, meaning, threshold_value(name, values[name]))
        for name, label, meaning in THRESHOLD_ROWS
    )
    return Table("判定阈值", ("参数", "含义", "取值"), rows)


def working(views: tuple[IndicatorView, ...]) -> tuple[Paragraph, ...]:
    """Each judged indicator's formula with its numbers, and the notes on what was inferred."""
    found = []
    for view in views:
        a = view.assessment
        if a is None or not a.formula:
            continue
        notes = f"（{'；'.join(a.notes)}）" if a.notes else ""
        text = f"{view.indicator.name}：{a.formula}{notes}"
        found.append(Paragraph(text.translate(CHINESE_PUNCTUATION)))
    return tuple(found) or (Paragraph("暂无可计算的指标。"),)


def appendix(
    views: tuple[IndicatorView, ...],
    thresholds: Thresholds,
    lead: tuple[Section, ...] = (),
    title: str = "评估方法、公式与阈值",
) -> Section:
    """附录: what ``lead`` holds (the sources), formulas, thresholds, each indicator's working."""
    return Section(
        title,
        children=(
            *lead,
            Section("计算公式", tuple(Paragraph(text) for text in FORMULAS)),
            Section(
                "状态与预警判定",
                (
                    Paragraph(
                        "状态采用全国规划评估通用表述：规划期内为提前实现、快于预期、"
                        "基本符合预期、滞后；取得目标年数据后为提前完成、已完成、未完成；"
                        "无法计算的为无数据，并注明原因。预警灯按落后序时进度的程度分为绿灯、"
                        "黄灯、红灯，约束性指标标准更严；提前实现、提前完成、已完成均为绿灯，"
                        "未完成为红灯。数据早于评估年份的，注明“数据截至某年”，"
                        "不计入总体评价。"
                    ),
                    thresholds_table(thresholds),
                ),
            ),
            Section("各指标计算过程", working(views)),
        ),
    )
