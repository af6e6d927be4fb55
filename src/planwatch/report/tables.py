"""The indicator tables of a report: every target with its judgement, data-only indicators, gaps.

Rows follow the overview's order (binding 约束性 first, then plan order) and every cell is
written by :mod:`planwatch.report.numbers`, so a test can recompute each one from the
assessment.
"""

from __future__ import annotations

from decimal import Decimal

from planwatch.domain.assessment import Assessment, Status
from planwatch.domain.indicator import Observation
from planwatch.report import numbers
from planwatch.report.model import Table
from planwatch.services.overview import IndicatorView

MAIN_HEADER = (
    "序号",
    "指标名称",
    "单位",
    "属性",
    "基期值",
    "目标值",
    "最新值",
    "进度",
    "序时进度",
    "状态",
    "预警",
)
COMPLETION_COLUMN = "完成情况"
MONITORING_HEADER = ("序号", "指标名称", "单位", "最新值", "数据来源")
NO_DATA_HEADER = ("序号", "指标名称", "单位", "牵头单位", "缺数说明")
MET = (Status.ACHIEVED_EARLY, Status.AHEAD, Status.ON_TRACK)


def baseline_of(view: IndicatorView) -> tuple[int | None, Decimal | None]:
    """Baseline year and value as the engine used them (inferred ones included).

    The indicator's own baseline, else what the assessment resolved (the year before the
    period, the level observed then); see docs/assessment.md.
    """
    indicator = view.indicator
    year, level = indicator.baseline_year, indicator.baseline_value
    inputs = view.assessment.inputs if view.assessment else {}
    if year is None and "baseline_year" in inputs:
        year = int(inputs["baseline_year"])
    if level is None and "baseline_value" in inputs:
        level = Decimal(inputs["baseline_value"])
    return year, level


def latest_text(observation: Observation | None, shared_year: int | None = None) -> str:
    """The latest value cell: a level or a published growth rate, its year unless shared.

    >>> latest_text(Observation(2022, Decimal("8.5"), is_growth_rate=True))
    '增长8.5%（2022年）'
    >>> latest_text(Observation(2022, Decimal("767.81"), simulated=True), 2022)
    '767.81（模拟）'
    """
    if observation is None:
        return ""
    number = numbers.value(observation.value)
    if observation.is_growth_rate:
        number = f"增长{number}%"
    notes = [] if observation.year == shared_year else [f"{observation.year}年"]
    if observation.simulated:
        notes.append("模拟")
    return f"{number}（{'，'.join(notes)}）" if notes else number


def common_year(years: list[int | None]) -> int | None:
    """The year most cells share, so the header can say it once (基期值（2020年）).

    >>> common_year([2020, 2020, None, 2019]), common_year([None])
    (2020, None)
    """
    known = [y for y in years if y is not None]
    return max(set(known), key=known.count) if known else None


def target_cell(view: IndicatorView, shared_year: int | None = None) -> str:
    """The main target, and the 力争 one beside it; the year only if not ``shared_year``."""
    indicator = view.indicator
    target = indicator.main_target
    shown = target is None or target.year != shared_year
    text = numbers.target_text(indicator, target, year=shown)
    stretch = indicator.stretch_target
    if stretch is not None:
        text += f"，力争{numbers.value(stretch.value)}"
    return text


def completion(assessment: Assessment) -> str:
    """For the final evaluation: whether the target was met by its year, or is expected to be.

    已完成 / 未完成 once the target year has data (or was met early); before that the
    projection decides 预计完成 / 预计难以完成; 无数据 when nothing could be judged.
    """
    if assessment.status is Status.NO_DATA:
        return "无数据"
    if assessment.status is Status.ACHIEVED_EARLY:
        return "已完成"
    target = assessment.indicator.main_target
    latest = assessment.latest
    due = target is not None and (
        assessment.as_of > target.year or (latest is not None and latest.year >= target.year)
    )
    if due:
        return "已完成" if assessment.status in MET else "未完成"
    if assessment.will_meet is None:
        return "待评估"
    return "预计完成" if assessment.will_meet else "预计难以完成"


def main_table(views: tuple[IndicatorView, ...], *, with_completion: bool) -> Table:
    """Table of every indicator with a target: baseline, target, latest, P, τ, status, light."""
    baselines = [baseline_of(view) for view in views]
    base_year = common_year([year for year, level in baselines if level is not None])
    targets = [view.indicator.main_target for view in views]
    target_year = common_year([t.year if t else None for t in targets])
    latest = [view.assessment.latest if view.assessment else None for view in views]
    latest_year = common_year([o.year if o else None for o in latest])
    header = list(MAIN_HEADER + ((COMPLETION_COLUMN,) if with_completion else ()))
    if base_year is not None:
        header[4] = f"基期值（{base_year}年）"
    if target_year is not None:
        header[5] = f"目标值（{target_year}年）"
    if latest_year is not None:
        header[6] = f"最新值（{latest_year}年）"
    rows: list[tuple[str, ...]] = []
    lights = []
    for index, (view, (year, level)) in enumerate(zip(views, baselines, strict=True), start=1):
        a = view.assessment
        assert a is not None
        cells = (
            str(index),
            view.indicator.name,
            view.indicator.unit,
            view.indicator.attribute.label,
            numbers.value(level) if year == base_year else numbers.at_year(level, year),
            target_cell(view, target_year),
            latest_text(a.latest, latest_year),
            numbers.percent(a.progress),
            numbers.percent(a.time_share),
            a.status.value,
            a.light.label,
        )
        rows.append(cells + ((completion(a),) if with_completion else ()))
        lights.append(a.light)
    return Table(
        "主要指标进展情况",
        tuple(header),
        tuple(rows),
        tuple(lights),
        note="进度为完成目标的比例，序时进度为时间进度；标注“模拟”的数值为模拟数据。",
    )


def monitoring_table(views: tuple[IndicatorView, ...], as_of: int) -> Table:
    """Indicators with data but no target: shown, not judged."""
    rows = []
    for index, view in enumerate(views, start=1):
        shown = [o for o in view.observations if o.year <= as_of]
        latest = shown[-1] if shown else None
        rows.append(
            (
                str(index),
                view.indicator.name,
                view.indicator.unit,
                latest_text(latest),
                latest.source if latest else "",
            )
        )
    return Table("监测指标（未设目标值）", MONITORING_HEADER, tuple(rows))


def no_data_table(views: tuple[IndicatorView, ...]) -> Table:
    """Indicators that could not be judged, with the reason the engine gave."""
    rows = []
    for index, view in enumerate(views, start=1):
        notes = view.assessment.notes if view.assessment else ()
        rows.append(
            (
                str(index),
                view.indicator.name,
                view.indicator.unit,
                view.department or "",
                notes[-1] if notes else "无观测数据",
            )
        )
    return Table("暂无数据的指标", NO_DATA_HEADER, tuple(rows))
