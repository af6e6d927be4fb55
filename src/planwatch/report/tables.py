"""The indicator tables of a report: every target with its judgement, data-only indicators, gaps.

Rows follow the overview's order (binding 约束性 first, then plan order) and every cell is
written by :mod:`planwatch.report.numbers`, so a test can recompute each one from the
assessment.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from planwatch.domain.assessment import Assessment, Status
from planwatch.domain.indicator import Observation, TargetKind
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
FINAL_HEADER = (
    "序号",
    "指标名称",
    "单位",
    "属性",
    "基期值",
    "目标值",
    "期末值",
    "完成进度",
    "完成情况",
    "说明",
)
COMPLETION_COLUMN = "完成情况"
MONITORING_HEADER = ("序号", "指标名称", "单位", "最新值", "数据来源")
NO_DATA_HEADER = ("序号", "指标名称", "单位", "牵头单位", "缺数说明")
OBSERVED_MARK = "＊"
NO_OBSERVATIONS = "无观测数据"
MAIN_NOTE = "进度为完成目标的比例，序时进度为时间进度；标注“模拟”的数值为模拟数据。"
OBSERVED_NOTE = "标注“＊”的基期值规划未列明，取自监测数据。"
MISSING_TABLE_NOTE = "主要指标表未导入，属性（约束性、预期性）尚待核实。"
PENDING = "待审核"
PENDING_NOTE = "标注“待审核”的数值已由填报单位提交、尚未审核通过，评估结果待审核后确认。"


def baseline_of(view: IndicatorView) -> tuple[int | None, Decimal | None]:
    """Baseline year and value as the engine used them (inferred ones included).

    What the assessment resolved (the indicator's own, else the year before the period and the
    level observed then or earlier); the indicator's own without an assessment.
    """
    a = view.assessment
    if a is not None and (a.baseline_year is not None or a.baseline_value is not None):
        return a.baseline_year, a.baseline_value
    return view.indicator.baseline_year, view.indicator.baseline_value


def observed_baseline(view: IndicatorView) -> bool:
    """The baseline was taken from the data, not from the plan."""
    return view.assessment is not None and view.assessment.baseline_origin == "observation"


def latest_text(
    observation: Observation | None, shared_year: int | None = None, pending: bool = False
) -> str:
    """The latest value cell: a level or a published growth rate, its year unless shared,
    marked 待审核 when it awaits review (shown only when the setting shows pending data).

    >>> latest_text(Observation(2022, Decimal("8.5"), is_growth_rate=True))
    '增长8.5%（2022年）'
    >>> latest_text(Observation(2022, Decimal("767.81"), simulated=True), 2022)
    '767.81（模拟）'
    >>> latest_text(Observation(2023, Decimal("900")), 2022, pending=True)
    '900（2023年，待审核）'
    """
    if observation is None:
        return ""
    number = numbers.value(observation.value)
    if observation.is_growth_rate:
        number = f"增长{number}%"
    notes = [] if observation.year == shared_year else [f"{observation.year}年"]
    if observation.simulated:
        notes.append("模拟")
    if pending:
        notes.append(PENDING)
    return f"{number}（{'，'.join(notes)}）" if notes else number


def pending_latest(view: IndicatorView) -> bool:
    """The value the assessment used awaits review."""
    latest = view.assessment.latest if view.assessment else None
    return latest is not None and latest.year in view.pending_years


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

    提前完成 / 已完成 / 未完成 once the target year's value is known; 提前实现 when an earlier
    value met it; before that, on current data only, the projection decides 预计完成 /
    预计难以完成; an older value is dated (数据截至2022年), never 预计完成; 无数据 when nothing
    could be judged.
    """
    status = assessment.status
    if status.final or status is Status.NO_DATA:
        return status.value
    if status is Status.ACHIEVED_EARLY:
        return status.value
    if not assessment.current:
        return assessment.data_label or "待评估"
    if assessment.will_meet is None:
        return "待评估"
    return "预计完成" if assessment.will_meet else "预计难以完成"


def status_cell(assessment: Assessment) -> str:
    """The status with what qualifies it: 无数据（缺少基期值）, 基本符合预期（数据截至2022年）.

    >>> from planwatch.domain.indicator import Indicator, TargetKind
    >>> from planwatch.assess import assess
    >>> gdp = Indicator("GDP", "亿元", TargetKind.LEVEL, targets=())
    >>> status_cell(assess(gdp, [], 2022))
    '无数据（无目标值）'
    """
    status = assessment.status
    if status is Status.NO_DATA:
        # 无观测数据 goes without saying; a reason beside data does not
        shown = assessment.reason not in ("", NO_OBSERVATIONS)
        return f"{status.value}（{assessment.reason}）" if shown else status.value
    if assessment.stale:
        return f"{status.value}（{assessment.data_label}）"
    return status.value


def gap_text(assessment: Assessment) -> str:
    """How far an unmet target was missed, in the indicator's unit (or percentage points).

    '' unless the status is 未完成 and the gap is known.
    """
    gap, unit = assessment.gap, assessment.indicator.unit
    if assessment.status is not Status.UNMET or gap is None or gap <= 0:
        return ""
    if assessment.indicator.kind is TargetKind.GROWTH_RATE:
        return f"年均增速差{numbers.points(gap)}个百分点"
    if assessment.headroom is not None:
        return f"超出{numbers.rounded(gap)}{unit}"
    return f"差距{numbers.rounded(gap)}{unit}"


def remark(assessment: Assessment) -> str:
    """The final table's 说明 cell: the gap, why there is no judgement, or the data's year."""
    if assessment.status is Status.NO_DATA:
        parts = [assessment.reason or "无观测数据"]
        if assessment.stale:
            parts.append(assessment.data_label)
        return "，".join(parts)
    return gap_text(assessment) or assessment.data_label


def main_table(
    views: tuple[IndicatorView, ...], *, with_completion: bool, missing_table: bool = False
) -> Table:
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
            baseline_cell(view, year, level, base_year),
            target_cell(view, target_year),
            latest_text(a.latest, latest_year, pending_latest(view)),
            numbers.percent(a.progress),
            numbers.percent(a.time_share),
            status_cell(a),
            a.light.label,
        )
        rows.append(cells + ((completion(a),) if with_completion else ()))
        lights.append(a.light)
    return Table(
        "主要指标进展情况",
        tuple(header),
        tuple(rows),
        tuple(lights),
        note=table_note(views, MAIN_NOTE, missing_table=missing_table),
    )


def baseline_cell(
    view: IndicatorView, year: int | None, level: Decimal | None, shared_year: int | None
) -> str:
    """The baseline the engine used, its year unless shared, marked when taken from the data."""
    text = numbers.value(level) if year == shared_year else numbers.at_year(level, year)
    return text + OBSERVED_MARK if text and observed_baseline(view) else text


def table_note(views: tuple[IndicatorView, ...], note: str, *, missing_table: bool) -> str:
    """A table's note, with the marks its cells use."""
    parts = [note]
    if any(observed_baseline(view) for view in views):
        parts.append(OBSERVED_NOTE)
    if missing_table:
        parts.append(MISSING_TABLE_NOTE)
    if any(pending_latest(view) for view in views):
        parts.append(PENDING_NOTE)
    return "".join(parts)


def final_table(views: tuple[IndicatorView, ...], *, missing_table: bool) -> Table:
    """The final evaluation's table: baseline, target, the value at the end, met or not, why."""
    baselines = [baseline_of(view) for view in views]
    base_year = common_year([year for year, level in baselines if level is not None])
    targets = [view.indicator.main_target for view in views]
    target_year = common_year([t.year if t else None for t in targets])
    header = list(FINAL_HEADER)
    if base_year is not None:
        header[4] = f"基期值（{base_year}年）"
    if target_year is not None:
        header[5] = f"目标值（{target_year}年）"
        header[6] = f"{target_year}年值"
    rows: list[tuple[str, ...]] = []
    lights = []
    for index, (view, (year, level)) in enumerate(zip(views, baselines, strict=True), start=1):
        a = view.assessment
        assert a is not None
        rows.append(
            (
                str(index),
                view.indicator.name,
                view.indicator.unit,
                view.indicator.attribute.label,
                baseline_cell(view, year, level, base_year),
                target_cell(view, target_year),
                latest_text(a.latest, target_year, pending_latest(view)),
                "" if a.stale else numbers.percent(a.progress),  # not an end-of-period share
                completion(a),
                remark(a),
            )
        )
        lights.append(a.light)
    note = "完成进度为期末值完成目标的比例；标注“模拟”的数值为模拟数据。"
    return Table(
        "主要指标完成情况",
        tuple(header),
        tuple(rows),
        tuple(lights),
        note=table_note(views, note, missing_table=missing_table),
    )


def monitoring_table(
    views: tuple[IndicatorView, ...], as_of: int, cite: Mapping[str, int] | None = None
) -> Table:
    """Indicators with data but no target: shown, not judged; a source by its number in
    ``cite`` (数据来源第3条) when given."""
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
                source_ref(latest.source, cite) if latest else "",
            )
        )
    return Table("监测指标（未设目标值）", MONITORING_HEADER, tuple(rows))


def source_ref(source: str, cite: Mapping[str, int] | None) -> str:
    """A source as a table cell: its number in the list of sources, else its text.

    >>> source_ref("https://a.cn/1", {"https://a.cn/1": 3}), source_ref("统计公报", None)
    ('数据来源第3条', '统计公报')
    """
    if cite is not None and source in cite:
        return f"数据来源第{cite[source]}条"
    return source


def no_data_table(views: tuple[IndicatorView, ...]) -> Table:
    """Indicators that could not be judged, with the reason the engine gave."""
    rows = []
    for index, view in enumerate(views, start=1):
        a = view.assessment
        rows.append(
            (
                str(index),
                view.indicator.name,
                view.indicator.unit,
                view.department or "",
                (remark(a) if a is not None else "") or "无观测数据",
            )
        )
    return Table("暂无数据的指标", NO_DATA_HEADER, tuple(rows))
