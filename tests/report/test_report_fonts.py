"""Fonts: charts never show boxes — no CJK font means a clear error; a DOCX names the
official fonts whatever the server has."""

from __future__ import annotations

import pytest

from planwatch.errors import PlanwatchError
from planwatch.report import MissingFont, ReportFormat, ReportKind, render_report
from planwatch.report import fonts as fonts_module
from planwatch.report.fonts import chart_font, document_fonts
from planwatch.services.overview import PlanOverview

LATIN_ONLY = frozenset({"DejaVu Sans", "Liberation Serif"})


@pytest.fixture
def no_cjk_font(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fonts_module, "installed_families", lambda: LATIN_ONLY)


@pytest.mark.parametrize(
    "fmt", [pytest.param(ReportFormat.DOCX, id="docx"), pytest.param(ReportFormat.HTML, id="html")]
)
def test_missing_cjk_font_is_a_clear_error(
    no_cjk_font: None, built: PlanOverview, fmt: ReportFormat
) -> None:
    with pytest.raises(MissingFont, match=r"找不到中文字体.*fonts-noto-cjk") as caught:
        render_report(built, ReportKind.MIDTERM, fmt)
    assert isinstance(caught.value, PlanwatchError)  # the CLI makes it one line, exit code 2


def test_xlsx_needs_no_font(no_cjk_font: None, built: PlanOverview) -> None:
    assert render_report(built, ReportKind.MIDTERM, ReportFormat.XLSX).startswith(b"PK")


@pytest.mark.parametrize(
    ("families", "expected"),
    [
        pytest.param({"Noto Sans CJK SC", "SimHei"}, "Noto Sans CJK SC", id="noto-first"),
        pytest.param({"WenQuanYi Zen Hei"}, "WenQuanYi Zen Hei", id="wenquanyi"),
        pytest.param({"SimSun", "DejaVu Sans"}, "SimSun", id="windows-simsun"),
        pytest.param(
            {"Noto Sans CJK JP"}, "Noto Sans CJK JP", id="japanese-variant-still-has-hanzi"
        ),
    ],
)
def test_chart_font_choice(families: set[str], expected: str) -> None:
    assert chart_font(frozenset(families)) == expected


OFFICIAL = ("仿宋_GB2312", "黑体", "楷体_GB2312", "方正小标宋简体")


@pytest.mark.parametrize(
    ("families", "fallbacks"),
    [
        # 楷体_GB2312 is the only one of the four this machine lacks
        pytest.param({"FangSong_GB2312", "SimHei", "KaiTi", "FZXiaoBiaoSong-B05S"}, 1, id="government-pc"),
        # 仿宋 and 楷体 are not 仿宋_GB2312 and 楷体_GB2312; no 小标宋
        pytest.param({"FangSong", "SimHei", "KaiTi", "SimSun"}, 3, id="windows"),
        pytest.param({"Noto Sans CJK SC", "Noto Serif CJK SC"}, 4, id="debian-noto"),
    ],
)  # fmt: skip
def test_document_fonts_are_the_official_ones_whatever_is_installed(
    families: set[str], fallbacks: int
) -> None:
    chosen = document_fonts(frozenset(families))
    assert (chosen.body, chosen.heading, chosen.subheading, chosen.title) == OFFICIAL
    assert len(chosen.fallbacks) == fallbacks


def test_installed_machine_has_a_cjk_font() -> None:
    """CI and development machines install fonts-noto-cjk (docs/reports.md)."""
    assert chart_font()


def test_a_font_without_chinese_glyphs_is_refused_not_drawn_as_boxes() -> None:
    from planwatch.domain.assessment import Status
    from planwatch.report.charts import render_chart
    from planwatch.report.model import StatusChart

    with pytest.raises(MissingFont, match="DejaVu Sans 缺少图中文字的字形"):
        render_chart(StatusChart("指标状态分布", ((Status.ON_TRACK, 1),)), font="DejaVu Sans")
