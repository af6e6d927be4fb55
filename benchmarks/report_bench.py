"""How fast planwatch drafts a report: a 60-indicator final evaluation in each format.

Input: a synthetic plan of 60 indicators (10 of each numeric kind: level, change, growth
rate, cumulative, ceiling, floor; every sixth binding), each with a 2020 baseline, a 2025
target and annual observations 2021–2025 that put it ahead, on track or behind, reasons and
measures for the lagging ones; the final evaluation (总结评估报告) as of 2025, with 12
trajectory charts and the status chart. Prints the first run (matplotlib's import and font
lookup included, as a CLI call pays them) and the best of the following runs.

    .venv/bin/python benchmarks/report_bench.py
"""

from __future__ import annotations

import platform
import time
from datetime import UTC, datetime
from decimal import Decimal

from planwatch.assess import Thresholds, assess, summarize
from planwatch.domain.indicator import (
    Attribute,
    Direction,
    Indicator,
    Observation,
    Target,
    TargetKind,
)
from planwatch.report import ReportFormat, ReportKind, render_report
from planwatch.services.overview import IndicatorView, Note, PlanOverview

PERIOD = (2021, 2025)
AS_OF = 2025
KINDS = (
    (TargetKind.LEVEL, Direction.INCREASE, ">=", None),
    (TargetKind.CHANGE, Direction.DECREASE, ">=", "%"),
    (TargetKind.GROWTH_RATE, Direction.INCREASE, ">=", None),
    (TargetKind.CUMULATIVE, Direction.INCREASE, ">=", None),
    (TargetKind.CEILING, Direction.DECREASE, "<=", None),
    (TargetKind.FLOOR, Direction.INCREASE, ">=", None),
)


def indicator_view(number: int) -> IndicatorView:
    kind, direction, comparator, unit = KINDS[number % len(KINDS)]
    base = Decimal(100 + number * 7 % 50)
    target = {TargetKind.GROWTH_RATE: Decimal(6), TargetKind.CHANGE: Decimal("13.5")}.get(
        kind, base * Decimal("1.4")
    )
    attribute = Attribute.BINDING if number % 6 == 0 else Attribute.EXPECTED
    indicator = Indicator(
        f"指标{number:02d}({kind.value})", "亿元", kind, attribute, direction, 2020, base,
        (Target(target, 2025, comparator, unit=unit),), code=f"I{number:03d}",
    )  # fmt: skip
    step = Decimal(number % 7 - 1) * base / 40
    observations = tuple(Observation(y, base + step * (y - 2020)) for y in range(2021, 2026))
    assessment = assess(indicator, observations, AS_OF, Thresholds(), PERIOD)
    notes = (Note(2025, "受市场需求影响,增长不及预期", "加大项目招引和要素保障力度", "发改局"),)
    return IndicatorView(
        number, f"I{number:03d}", indicator, None, True, "table", "发改局", "第三章 主要目标",
        None, None, None, None, None, observations, (), notes, assessment,
    )  # fmt: skip


def workload() -> PlanOverview:
    views = sorted(
        (indicator_view(n) for n in range(1, 61)),
        key=lambda v: v.indicator.attribute is not Attribute.BINDING,
    )
    return PlanOverview(
        1, "基准区 2021-2025", "基准区国民经济和社会发展第十四个五年规划纲要", "基准区", PERIOD, 1,
        AS_OF, tuple(views), summarize(v.assessment for v in views if v.assessment),
        Thresholds(), ("统计公报",), False, datetime(2026, 3, 1, tzinfo=UTC),
    )  # fmt: skip


def timed(overview: PlanOverview, fmt: ReportFormat) -> tuple[float, int]:
    start = time.perf_counter()
    data = render_report(overview, ReportKind.FINAL, fmt)
    return time.perf_counter() - start, len(data)


def main() -> None:
    overview = workload()
    print(
        f"machine: {platform.processor() or platform.machine()}, Python {platform.python_version()}"
    )
    print(f"input: {len(overview.indicators)} indicators, final evaluation as of {AS_OF}")
    for fmt in (ReportFormat.DOCX, ReportFormat.HTML, ReportFormat.XLSX):
        first, size = timed(overview, fmt)
        best = min(timed(overview, fmt)[0] for _ in range(3))
        print(f"{fmt.value:5}: first {first:.2f} s, best of 3 {best:.2f} s, {size / 1024:,.0f} KiB")


if __name__ == "__main__":
    main()
