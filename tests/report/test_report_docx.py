"""The DOCX read back with python-docx: page, headings, tables, numbers, header and footer."""

from __future__ import annotations

import io
import re

import pytest
from docx import Document
from docx.document import Document as WordDocument
from docx.oxml.ns import qn
from docx.shared import Cm

from planwatch.report import ReportKind, build_report, numbers
from planwatch.report.tables import baseline_cell, baseline_of, status_cell
from planwatch.services.overview import PlanOverview


def read(data: bytes) -> WordDocument:
    return Document(io.BytesIO(data))


def headings(document: WordDocument) -> list[str]:
    return [
        p.text
        for p in document.paragraphs
        if p.style is not None and p.style.name.startswith("Heading")
    ]


def test_a4_with_official_margins(sample_docx: bytes) -> None:
    section = read(sample_docx).sections[0]
    assert section.page_width is not None and section.page_height is not None
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)
    margins = (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
    assert [round(m.cm, 1) for m in margins if m is not None] == [3.7, 3.5, 2.8, 2.6]


def flat(text: str) -> str:
    """A cell's text without the line breaks the layout puts in (767.81 / （2022年）)."""
    return text.replace("\n", "")


def test_title_and_numbered_headings(sample: PlanOverview, sample_docx: bytes) -> None:
    document = read(sample_docx)
    # too long for one line at 22 pt: broken after the plan's name
    assert document.paragraphs[0].text == "泸州市江阳区“十四五”规划纲要\n实施中期评估报告（草稿）"
    expected = [s.heading for s in build_report(sample, ReportKind.MIDTERM).walk()]
    assert headings(document) == expected
    assert headings(document)[:2] == ["一、总体评价", "二、主要指标进展情况"]


def test_body_font_is_set_for_chinese_text(sample_docx: bytes) -> None:
    normal = read(sample_docx).styles["Normal"]
    fonts = normal.element.rPr.find(qn("w:rFonts"))
    assert fonts.get(qn("w:eastAsia")) in ("仿宋_GB2312", "仿宋", "Noto Serif CJK SC")
    assert normal.font.size is not None and normal.font.size.pt == 16


def test_main_table_numbers_equal_the_assessment(sample: PlanOverview, sample_docx: bytes) -> None:
    table = read(sample_docx).tables[0]
    header = [flat(c.text) for c in table.rows[0].cells]
    assert header == ["序号", "指标名称", "单位", "属性", "基期值（2020年）", "目标值（2025年）",
                      "最新值（2022年）", "进度", "序时进度", "状态", "预警"]  # fmt: skip
    rows = [[flat(c.text) for c in row.cells] for row in table.rows[1:]]
    assert len(rows) == len(sample.assessed) == 38
    for row, view in zip(rows, sample.assessed, strict=True):
        a = view.assessment
        assert a is not None
        year, level = baseline_of(view)
        assert row[1] == view.indicator.name
        assert row[4] == baseline_cell(view, year, level, 2020)
        assert row[6] == (numbers.value(a.latest.value) if a.latest else "")
        assert (row[7], row[8]) == (numbers.percent(a.progress), numbers.percent(a.time_share))
        assert (row[9], row[10]) == (status_cell(a), a.light.label)
    gdp = next(row for row in rows if row[1] == "GDP")
    assert gdp[4:] == [
        "616.36＊",  # the plan gives no baseline: the 2020 value observed
        "＞1000，力争1200",
        "767.81",
        "39.5%",
        "40.0%",
        "基本符合预期",
        "绿灯",
    ]


def test_every_table_matches_the_model(sample: PlanOverview, sample_docx: bytes) -> None:
    model = build_report(sample, ReportKind.MIDTERM).tables
    tables = read(sample_docx).tables
    assert len(tables) == len(model)
    for table, expected in zip(tables, model, strict=True):
        assert tuple(flat(c.text) for c in table.rows[0].cells) == expected.header
        rows = [tuple(flat(c.text) for c in r.cells) for r in table.rows[1:]]
        assert rows == list(expected.rows)


def test_header_rows_repeat_on_every_page(sample_docx: bytes) -> None:
    for table in read(sample_docx).tables:
        first = table.rows[0]._tr.trPr
        assert first is not None and first.find(qn("w:tblHeader")) is not None


def test_page_number_field_in_the_footer(sample_docx: bytes) -> None:
    footer = read(sample_docx).sections[0].footer.paragraphs[0]
    codes = [t.text for t in footer._p.iter(qn("w:instrText"))]
    assert codes == [" PAGE "] and footer.text.startswith("— ") and footer.text.endswith(" —")


def test_charts_are_embedded(sample: PlanOverview, sample_docx: bytes) -> None:
    document = read(sample_docx)
    images = [r for r in document.part.rels.values() if "image" in r.reltype]
    assert len(images) == len(build_report(sample, ReportKind.MIDTERM).figures) == 5  # status + 4
    assert len(document.inline_shapes) == 5
    assert all(shape.width <= Cm(15.6) for shape in document.inline_shapes)


@pytest.mark.parametrize(
    ("fixture", "marked"),
    [
        pytest.param("built_docx", True, id="simulated"),
        pytest.param("sample_docx", False, id="real"),
    ],
)
def test_simulated_data_marked_in_the_header(
    fixture: str, marked: bool, request: pytest.FixtureRequest
) -> None:
    header = read(request.getfixturevalue(fixture)).sections[0].header
    assert ("模拟数据" in "".join(p.text for p in header.paragraphs)) is marked


def test_lagging_reasons_reach_the_document(built_docx: bytes) -> None:
    text = "\n".join(p.text for p in read(built_docx).paragraphs)
    assert "（一）森林覆盖率" in text and "原因：新建工业园区用水增加" in text
    assert "2023—2025年需年均增长0.30%" in text


@pytest.mark.parametrize("kind", [ReportKind.MIDTERM, ReportKind.FINAL], ids=lambda k: k.value)
def test_numbers_and_short_words_are_never_wrapped(
    kind: ReportKind, sample: PlanOverview, sample_final: PlanOverview
) -> None:
    """Every column is at least as wide as its longest number ("100.0%") and its words of up
    to four characters ("灰灯", "预期性"), so neither breaks across lines."""
    from dataclasses import replace

    from planwatch.report.docx import HARD_UNITS, PADDING_CM, UNIT_CM, _units, _widths, cell_lines

    report = build_report(sample if kind is ReportKind.MIDTERM else sample_final, kind)
    for table in report.tables:
        laid = replace(table, rows=tuple(tuple(cell_lines(c) for c in row) for row in table.rows))
        for index, width in enumerate(_widths(laid)):
            lines = [line for row in laid.rows for line in row[index].split("\n")]
            numbers_ = [run for line in lines for run in re.findall(r"[0-9.%]+", line)]
            short = [line for line in lines if _units(line) <= HARD_UNITS]
            needed = max([_units(t) + 1 for t in numbers_ + short], default=0)
            assert width >= needed * UNIT_CM + PADDING_CM - 1e-9, (table.caption, index)
