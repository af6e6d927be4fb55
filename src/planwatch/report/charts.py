"""Draw a report's chart specs as PNG images with matplotlib (Agg, no display, no pyplot).

Every chart is drawn with a CJK font found by :func:`planwatch.report.fonts.chart_font`; a
glyph missing from it raises :class:`~planwatch.report.fonts.MissingFont` rather than
letting a box stand in for a character.
"""

from __future__ import annotations

import io
import threading
import warnings
from decimal import Decimal
from typing import TYPE_CHECKING

from planwatch.domain.assessment import Status
from planwatch.report.fonts import INSTALL_HINT, MissingFont, chart_font
from planwatch.report.model import GrowthChart, StatusChart, TrajectoryChart

if TYPE_CHECKING:
    from matplotlib.axes import Axes

DPI = 150
WIDTH_INCHES = 6.3  # 16 cm: the text width of an A4 page with official-document margins
STATUS_COLOURS = {
    Status.ACHIEVED_EARLY: "#1a7f37",
    Status.AHEAD: "#4ac26b",
    Status.ON_TRACK: "#0969da",
    Status.LAGGING: "#cf222e",
    Status.COMPLETED_EARLY: "#1a7f37",
    Status.COMPLETED: "#4ac26b",
    Status.UNMET: "#cf222e",
    Status.NO_DATA: "#8c959f",
}
# rc_context changes matplotlib's global settings: one chart at a time per process (the web
# app renders reports in a thread pool).
DRAWING = threading.Lock()
OBSERVED, PATH, TARGET, STRETCH, FORECAST = "#0b5cad", "#7d8590", "#cf222e", "#bf8700", "#8250df"


Chart = TrajectoryChart | StatusChart | GrowthChart


def render_chart(chart: Chart, font: str | None = None, image_format: str = "png") -> bytes:
    """A chart spec as PNG bytes (or SVG with ``image_format="svg"``).

    >>> from planwatch.domain.assessment import Status
    >>> png = render_chart(StatusChart("指标状态分布", ((Status.ON_TRACK, 1),)))
    >>> png[:4]
    b'\\x89PNG'
    """
    import matplotlib

    family = font or chart_font()
    with (
        DRAWING,
        matplotlib.rc_context(
            {"font.family": [family], "axes.unicode_minus": False, "svg.fonttype": "path"}
        ),
        warnings.catch_warnings(record=True) as caught,
    ):
        warnings.simplefilter("always")
        png = _draw(chart, image_format)
    missing = [str(w.message) for w in caught if "missing from font" in str(w.message)]
    if missing:
        raise MissingFont(f"字体 {family} 缺少图中文字的字形({missing[0]})。{INSTALL_HINT}")
    return png


def _draw(chart: Chart, image_format: str = "png") -> bytes:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    # Fixed margins: a layout engine would draw each figure twice, doubling the time.
    if isinstance(chart, StatusChart):
        figure = Figure(figsize=(WIDTH_INCHES, 2.4), dpi=DPI)
        figure.subplots_adjust(left=0.17, right=0.97, top=0.96, bottom=0.2)
    else:
        figure = Figure(figsize=(WIDTH_INCHES, 3.2), dpi=DPI)
        figure.subplots_adjust(left=0.11, right=0.97, top=0.95, bottom=0.2)
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    if isinstance(chart, StatusChart):
        _status(axes, chart)
    elif isinstance(chart, GrowthChart):
        _growth(axes, chart)
    else:
        _trajectory(axes, chart)
    buffer = io.BytesIO()
    figure.savefig(buffer, format=image_format, dpi=DPI)
    return buffer.getvalue()


def _status(axes: Axes, chart: StatusChart) -> None:
    from matplotlib.ticker import MaxNLocator

    labels = [status.value for status, _ in chart.counts][::-1]
    counts = [count for _, count in chart.counts][::-1]
    colours = [STATUS_COLOURS[status] for status, _ in chart.counts][::-1]
    bars = axes.barh(labels, counts, color=colours, height=0.6)
    axes.bar_label(bars, labels=[f"{n}项" for n in counts], padding=3, fontsize=9)
    axes.set_xlim(0, max([*counts, 1]) * 1.15)
    axes.set_xlabel("指标数(项)")
    axes.spines[["top", "right"]].set_visible(False)
    axes.xaxis.set_major_locator(MaxNLocator(integer=True))


def _floats(points: tuple[tuple[int, Decimal], ...]) -> tuple[list[int], list[float]]:
    return [year for year, _ in points], [float(value) for _, value in points]


def _trajectory(axes: Axes, chart: TrajectoryChart) -> None:
    from matplotlib.ticker import MaxNLocator

    if chart.path:
        axes.plot(*_floats(chart.path), linestyle="--", color=PATH, label="序时进度路径")
    if chart.target is not None:
        year, value = chart.target
        axes.axhline(float(value), color=TARGET, linestyle=(0, (6, 3)), linewidth=1)
        axes.plot([year], [float(value)], marker="*", markersize=11, color=TARGET, linestyle="")
        axes.annotate(f"{chart.target_label} {_short(value)}", (year, float(value)),
                      textcoords="offset points", xytext=(-4, 6), ha="right", fontsize=8,
                      color=TARGET)  # fmt: skip
    if chart.stretch is not None:
        year, value = chart.stretch
        axes.axhline(float(value), color=STRETCH, linestyle=":", linewidth=1)
        axes.annotate(f"力争 {_short(value)}", (year, float(value)), textcoords="offset points",
                      xytext=(-4, 6), ha="right", fontsize=8, color=STRETCH)  # fmt: skip
    if chart.baseline is not None:
        axes.plot(
            *_floats((chart.baseline,)), marker="s", color="black", linestyle="", label="基期值"
        )
    if chart.observations:
        years, values = _floats(chart.observations)
        axes.plot(years, values, marker="o", color=OBSERVED, label="观测值")
        for (year, exact), shown in zip(chart.observations, values, strict=True):
            mark = "(模拟)" if year in chart.simulated else ""
            axes.annotate(f"{_short(exact)}{mark}", (year, shown),
                          textcoords="offset points", xytext=(0, 7), ha="center", fontsize=7,
                          color=OBSERVED)  # fmt: skip
    if chart.projection is not None and chart.observations:
        last = chart.observations[-1]
        axes.plot(*_floats((last, chart.projection)), linestyle=":", marker="D", markersize=4,
                  color=FORECAST, label="趋势预测")  # fmt: skip
    axes.margins(y=0.15)  # room for the labels above the highest and below the lowest line
    years = [year for year, _ in (*chart.path, *chart.observations)]
    years += [point[0] for point in (chart.target, chart.baseline, chart.projection) if point]
    if years:  # one year alone would be autoscaled to a century
        start, end = min(years), max(years)
        if end - start < 2:
            start, end = start - 1, end + 1
        axes.set_xlim(start - 0.5, end + 0.5)
    axes.set_ylabel(chart.unit)
    axes.xaxis.set_major_locator(MaxNLocator(integer=True))
    axes.spines[["top", "right"]].set_visible(False)
    axes.grid(axis="y", color="#d0d7de", linewidth=0.5)
    # under the plot, where no line runs
    axes.legend(loc="upper center", bbox_to_anchor=(0.5, -0.1), ncol=5, fontsize=8, frameon=False)


def _growth(axes: Axes, chart: GrowthChart) -> None:
    from matplotlib.ticker import MaxNLocator

    def floats(values: tuple[Decimal | None, ...]) -> list[float]:
        return [float("nan") if v is None else float(v) for v in values]  # a gap, not a zero

    years = list(chart.years)
    axes.plot(years, floats(chart.targets), marker="*", markersize=8, color=TARGET,
              linestyle="--", linewidth=1, label="当年目标")  # fmt: skip
    axes.plot(years, floats(chart.results), marker="o", markersize=4, color=OBSERVED,
              label="次年报告的实际")  # fmt: skip
    if years:
        axes.set_xlim(min(years) - 0.5, max(years) + 0.5)
    axes.set_title(chart.title, fontsize=10)
    axes.figure.subplots_adjust(top=0.9)
    axes.set_ylabel("增长率(%)")
    axes.margins(y=0.15)
    axes.xaxis.set_major_locator(MaxNLocator(integer=True))
    axes.spines[["top", "right"]].set_visible(False)
    axes.grid(axis="y", color="#d0d7de", linewidth=0.5)
    axes.legend(loc="upper center", bbox_to_anchor=(0.5, -0.1), ncol=2, fontsize=8, frameon=False)


def _short(value: Decimal) -> str:
    """A label's number: at most two decimals, no trailing zeros."""
    rounded = value.quantize(Decimal("0.01")).normalize()
    return format(rounded, "f")
