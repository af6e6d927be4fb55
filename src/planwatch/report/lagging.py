"""The section on lagging and red-light indicators: where each stands, what it still needs,
and the reasons and measures (原因与措施) entered for it.
"""

from __future__ import annotations

from decimal import Decimal

from planwatch.domain.assessment import Assessment, Light, Status
from planwatch.domain.indicator import TargetKind
from planwatch.report import numbers
from planwatch.report.model import Paragraph, Section
from planwatch.report.tables import gap_text
from planwatch.services.overview import IndicatorView, Note

MISSING_NOTE = "原因与措施：牵头单位尚未填报，请补充。"


def needs_attention(view: IndicatorView) -> bool:
    """Lagging (滞后), missed (未完成) or on a red light (红灯).

    GDP at 基本符合预期 with a green light: False; 用水总量 滞后 with a red light: True.
    """
    a = view.assessment
    return a is not None and (a.status in (Status.LAGGING, Status.UNMET) or a.light is Light.RED)


def note_for(view: IndicatorView, as_of: int) -> Note | None:
    """The reasons and measures for the as-of year, else the latest entered before it."""
    earlier = [n for n in view.notes if n.year <= as_of]
    return max(earlier, key=lambda n: n.year) if earlier else None


def situation(a: Assessment) -> str:
    """Where the indicator stands, in one sentence."""
    unit = a.indicator.unit
    judged = f"{a.status.value}，{a.light.label}"
    if a.status.final:
        judged = a.status.value
    elif a.stale:
        judged += f"（{a.data_label}）"
    latest = a.latest
    if latest is None:
        return f"{a.indicator.name}：{judged}。"
    level = f"{latest.year}年为{numbers.value(latest.value)}{unit}"
    if latest.is_growth_rate:
        level = f"{latest.year}年增长{numbers.value(latest.value)}%"
    if a.headroom is not None:
        if a.headroom < 0:
            return f"{level}，超出控制目标{numbers.rounded(-a.headroom)}{unit}，{judged}。"
        ahead = f"，按当前趋势预计{a.breach_year}年突破控制目标" if a.breach_year else ""
        return f"{level}，距控制目标尚有{numbers.rounded(a.headroom)}{unit}{ahead}，{judged}。"
    if a.status.final:
        target = numbers.target_text(a.indicator, a.indicator.main_target, year=False)
        if a.indicator.kind not in (TargetKind.GROWTH_RATE, TargetKind.CHANGE):
            target += unit
        gap = gap_text(a)
        return f"{level}，目标为{target}，{judged}" + (f"，{gap}。" if gap else "。")
    if a.progress is not None and a.time_share is not None:
        behind = a.time_share - a.progress
        gap = f"，落后{numbers.points(behind)}个百分点" if behind > 0 else ""
        return (
            f"{level}，完成目标进度{numbers.percent(a.progress)}，"
            f"序时进度{numbers.percent(a.time_share)}{gap}，{judged}。"
        )
    return f"{level}，{judged}。"


def requirement(a: Assessment) -> str:
    """What the remaining years must deliver, and where the trend leads."""
    target = a.indicator.main_target
    latest = a.latest
    if target is None or latest is None or latest.year >= target.year:
        return ""
    years = f"{latest.year + 1}—{target.year}年"
    parts: list[str] = []
    if a.required_growth_remaining is not None:
        needed = a.required_growth_remaining
        verb = "年均下降" if needed < 0 else "年均增长"
        parts.append(f"实现{target.year}年目标，{years}需{verb}{numbers.rate(abs(needed))}")
    if a.required_per_year is not None:
        parts.append(
            f"实现累计目标，{years}每年需完成{numbers.rounded(a.required_per_year)}"
            f"{a.indicator.unit}"
        )
    projected = a.projected_value if a.projected_value is not None else a.projected_linear
    if projected is not None and a.will_meet is False:
        parts.append(
            f"按目前趋势外推，{target.year}年预计为{numbers.rounded(projected)}"
            f"{a.indicator.unit}，难以实现目标"
        )
    return "；".join(parts) + "。" if parts else ""


def reasons(view: IndicatorView, as_of: int) -> tuple[Paragraph, ...]:
    """The entered reasons and measures, with the year they were entered for."""
    note = note_for(view, as_of)
    if note is None:
        return (Paragraph(MISSING_NOTE),)
    when = "" if note.year == as_of else f"（{note.year}年填报）"
    found = []
    if note.reason:
        found.append(Paragraph(f"原因{when}：{note.reason}"))
    if note.measures:
        found.append(Paragraph(f"措施{when}：{note.measures}"))
    return tuple(found)


def indicator_section(view: IndicatorView, as_of: int) -> Section:
    """One lagging indicator: its situation, requirement, reasons and measures."""
    a = view.assessment
    assert a is not None
    department = f"牵头单位：{view.department}。" if view.department else ""
    lines = [situation(a), requirement(a), department]
    blocks = [Paragraph(line) for line in lines if line]
    return Section(view.indicator.name, (*blocks, *reasons(view, as_of)))


def lagging_sections(views: tuple[IndicatorView, ...], as_of: int) -> tuple[Section, ...]:
    """A section per indicator that needs attention, worst gap first."""

    def gap(view: IndicatorView) -> Decimal:
        a = view.assessment
        if a is None or a.progress is None or a.time_share is None:
            return Decimal(0)
        return a.time_share - a.progress

    chosen = sorted((v for v in views if needs_attention(v)), key=gap, reverse=True)
    return tuple(indicator_section(v, as_of) for v in chosen)
