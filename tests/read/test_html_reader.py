"""HTML plans: visible text, one block per line, table rows as tab-separated cells."""

import html
from pathlib import Path

import pytest

from document_builders import INDICATOR_ROWS, encodable_lines, no_space
from planwatch.domain.document import DocumentFormat
from planwatch.read import read_bytes, read_document

MAX_BYTES = 10 * 1024 * 1024
BOX_LINE = 41

HEAD = """<!DOCTYPE html>
<html lang="zh-CN">
<head>
  {meta}
  <title>泸州市江阳区十四五规划</title>
  <style>p {{ text-indent: 2em; }}</style>
  <script>var 统计 = "不应出现";</script>
</head>
<body>
<!-- 栏目导航：不应出现 -->
"""


def page(lines: list[str], meta: str) -> str:
    """The lines as a government web page: paragraphs, a heading, inline tags, a table."""
    parts = [HEAD.format(meta=meta)]
    for index, line in enumerate(lines):
        text = html.escape(line)
        if index == 0:
            parts.append(f"<h1>{text}</h1>\n")
        elif index % 7 == 3:  # a paragraph wrapped in the source, with inline markup
            middle = len(text) // 2
            parts.append(f"<p>\n  <b>{text[:middle]}</b><span>{text[middle:]}</span>\n</p>\n")
        else:
            parts.append(f"<div class='TRS_Editor'><p>{text}</p></div>\n")
        if index == BOX_LINE:
            parts.append("<table border='1'>\n")
            for row in INDICATOR_ROWS:
                cells = "".join(f"<td>\n  {html.escape(cell)}\n</td>" for cell in row)
                parts.append(f"  <tr>{cells}</tr>\n")
            parts.append("</table>\n")
    parts.append("<script>document.write('不应出现');</script></body></html>\n")
    return "".join(parts)


def expected_lines(lines: list[str]) -> list[str]:
    rows = ["\t".join(row) for row in INDICATOR_ROWS]
    kept = lines[: BOX_LINE + 1] + rows + lines[BOX_LINE + 1 :]
    return [no_space(line) for line in kept if line.strip()]


@pytest.mark.parametrize(
    ("meta", "encoding", "reported"),
    [
        pytest.param('<meta charset="utf-8">', "utf-8", "utf-8", id="utf-8-meta"),
        pytest.param(
            '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">',
            "gb2312",
            "gb18030",  # the superset reads pages labelled GB2312
            id="gb2312-meta",
        ),
        pytest.param("", "gb18030", "gb18030", id="no-meta-detected"),
    ],
)
def test_sample_plan_as_web_page(
    tmp_path: Path, sample_lines: list[str], meta: str, encoding: str, reported: str
) -> None:
    lines = encodable_lines(sample_lines, encoding)
    path = tmp_path / "plan.html"
    path.write_bytes(page(lines, meta).encode(encoding))

    document = read_document(path, max_bytes=MAX_BYTES)

    read_lines = document.text.split("\n")
    assert [no_space(line) for line in read_lines] == expected_lines(lines)
    assert "\t".join(INDICATOR_ROWS[0]) in read_lines
    assert "不应出现" not in document.text
    assert document.source.format is DocumentFormat.HTML
    assert document.source.encoding == reported


# (id, markup, expected text)
MARKUP_CASES = [
    ("br-breaks-line", "<p>第一章<br>规划背景</p>", "第一章\n规划背景"),
    ("inline-tags-join", "<p>建设<b>区域</b><a href='#'>金融中心</a>。</p>", "建设区域金融中心。"),
    ("spaces-collapse", "<p>到  2025 \n 年,\u00a0\u00a0达到</p>", "到 2025 年, 达到"),
    ("ideographic-space-kept", "<p>\u3000\u3000第一节</p>", "\u3000\u3000第一节"),
    ("list-items", "<ul><li>一是</li><li>二是</li></ul>", "一是\n二是"),
    ("header-cells", "<table><tr><th>指标</th><th>单位</th></tr></table>", "指标\t单位"),
    ("empty-row-dropped", "<table><tr><td></td></tr><tr><td>1</td></tr></table>", "1"),
    ("entities", "<p>R&amp;D 经费 &gt; 2%</p>", "R&D 经费 > 2%"),
    ("fragment", "<section><h2>第二章</h2><article>正文</article></section>", "第二章\n正文"),
]


@pytest.mark.parametrize(
    ("markup", "expected"),
    [pytest.param(markup, expected, id=case) for case, markup, expected in MARKUP_CASES],
)
def test_markup(markup: str, expected: str) -> None:
    document = read_bytes(markup.encode(), name="page.html", max_bytes=MAX_BYTES)
    assert document.text == expected


def test_deep_nesting_does_not_overflow_the_stack() -> None:
    markup = "<div>" * 3000 + "规划" + "</div>" * 3000
    assert read_bytes(markup.encode(), name="deep.html", max_bytes=MAX_BYTES).text == "规划"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        pytest.param(
            '<meta charset="gbk"><p>规划</p>'.encode(), "utf-8", id="utf-8-beats-stale-meta"
        ),
        pytest.param(
            '<meta charset="utf-8"><p>规划</p>'.encode("gb18030"), "gb18030", id="meta-that-fails"
        ),
        pytest.param(
            '<meta charset="x-unknown"><p>规划</p>'.encode("gb18030"), "gb18030", id="unknown-meta"
        ),
        pytest.param(
            "<html><body><p>规划</p></body></html>".encode("utf-16"),
            "utf-16",
            id="utf-16-bom",
        ),
    ],
)
def test_charset_fallbacks(data: bytes, encoding: str) -> None:
    document = read_bytes(data, name="page.html", max_bytes=MAX_BYTES)
    assert (document.text, document.source.encoding) == ("规划", encoding)


def test_gbk_page_labelled_latin_1() -> None:
    data = '<meta charset="iso-8859-1"><p>全区外贸进出口总额</p>'.encode("gbk")
    assert read_bytes(data, name="page.html", max_bytes=MAX_BYTES).text == "全区外贸进出口总额"


def test_a_latin_page_labelled_latin_1_stays_latin_1() -> None:
    data = '<meta charset="iso-8859-1"><p>Café crème à Genève</p>'.encode("latin-1")
    assert read_bytes(data, name="page.html", max_bytes=MAX_BYTES).text == "Café crème à Genève"
