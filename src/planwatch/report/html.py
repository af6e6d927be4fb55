"""A report as one self-contained HTML page that prints well on A4.

No external URL anywhere: styles are inline, charts are PNG data URIs, fonts are named from
the reader's machine (仿宋, else any serif CJK font). In print, the page takes the
official-document margins, table headers repeat on every page, and the 模拟数据 mark is
printed in the top margin of every page (a CSS page-margin box, as Chromium prints it) besides
the banner at the top of the page.
"""

from __future__ import annotations

import base64
from html import escape

from planwatch.report.charts import render_chart
from planwatch.report.fonts import chart_font
from planwatch.report.model import Block, Figure, Paragraph, Report, Section, Table

SHORT_CELL = 6  # characters
STYLE = """
:root { --ink: #1f2328; --line: #8c959f; }
body { font-family: "FangSong", "仿宋", "STFangsong", "Noto Serif CJK SC", "Source Han Serif SC",
       serif; color: var(--ink); font-size: 16pt; line-height: 1.75; max-width: 210mm;
       margin: 0 auto; padding: 12mm 16mm; }
h1.title { font-family: "FZXiaoBiaoSong-B05S", "方正小标宋简体", "STZhongsong", "SimSun",
           "Noto Serif CJK SC", serif; font-size: 22pt; text-align: center; font-weight: normal;
           line-height: 1.5; margin: 0 0 4mm; }
p.subtitle { text-align: center; font-family: "KaiTi", "楷体", "STKaiti", serif; margin: 0 0 8mm; }
h2, h3, h4 { font-size: 16pt; margin: 0; text-indent: 2em; }
h2 { font-family: "SimHei", "黑体", "Noto Sans CJK SC", sans-serif; font-weight: normal; }
h3 { font-family: "KaiTi", "楷体", "STKaiti", serif; font-weight: normal; }
h4 { font-weight: bold; }
p { margin: 0; text-indent: 2em; text-align: justify; }
p.emphasis { color: #c00000; font-weight: bold; }
table { border-collapse: collapse; width: 100%; font-size: 9pt; line-height: 1.4;
        margin: 2mm 0 4mm; }
caption { font-family: "SimHei", "黑体", "Noto Sans CJK SC", sans-serif; font-size: 12pt;
          padding: 2mm; }
th, td { border: 0.5pt solid var(--line); padding: 1mm 1.5mm; text-align: left;
         vertical-align: top; }
th { background: #d9e2f3; text-align: center; }
td.light-green { background: #c6efce; } td.light-yellow { background: #ffeb9c; }
td.light-red { background: #ffc7ce; }
td.short { white-space: nowrap; }
p.table-note { font-size: 9pt; text-indent: 0; }
figure { margin: 4mm 0; text-align: center; break-inside: avoid; }
figure img { max-width: 100%; }
figcaption { font-family: "SimHei", "黑体", "Noto Sans CJK SC", sans-serif; font-size: 12pt; }
.signature { margin: 8mm 4em 8mm 0; text-align: right; }
.signature p { text-indent: 0; text-align: right; white-space: pre; }
.mark { background: #ffe3e3; color: #c00000; font-weight: bold; text-align: center;
        font-size: 10.5pt; padding: 1mm; margin-bottom: 6mm; }
@page { size: A4; margin: 37mm 26mm 35mm 28mm; }
@media print {
  body { max-width: none; padding: 0; }
  thead { display: table-header-group; }
  tr, figure, h2, h3, h4 { break-inside: avoid; }
  h2, h3, h4, caption { break-after: avoid; }
}
"""


def render_html(report: Report) -> str:
    """The report as an HTML document (a string; the caller encodes it as UTF-8)."""
    family = chart_font()
    parts = [
        "<!DOCTYPE html>",
        '<html lang="zh-CN"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(report.title)}</title><style>{STYLE}{_page_mark(report)}</style>",
        "</head><body>",
    ]
    if report.simulated:
        parts.append(f'<div class="mark">【模拟数据】{escape(report.simulated_mark)}</div>')
    shown = "<br>".join(escape(line) for line in report.title_lines) or escape(report.title)
    parts.append(f'<h1 class="title">{shown}</h1>')
    parts.append(f'<p class="subtitle">{escape(report.subtitle)}</p>')
    for section in report.sections:
        parts.extend(_section(section, family))
    if report.issuer:
        parts.append(
            f'<div class="signature"><p>{escape(report.issuer)}</p>'
            f"<p>{escape(report.issued)}</p></div>"
        )
    parts.extend(_section(report.appendix, family))
    parts.append("</body></html>")
    return "\n".join(parts)


def _page_mark(report: Report) -> str:
    """The simulated-data mark in the top margin of every printed page."""
    if not report.simulated:
        return ""
    text = f"【模拟数据】{report.simulated_mark}".replace('"', "'")
    return (
        f'@page {{ @top-center {{ content: "{text}"; color: #c00000; font-size: 10.5pt; '
        "font-weight: bold; } }\n"
    )


def _section(section: Section, family: str) -> list[str]:
    tag = f"h{min(section.level, 3) + 1}"
    parts = [f"<section><{tag}>{escape(section.heading)}</{tag}>"]
    parts += [_block(block, family) for block in section.blocks]
    for child in section.children:
        parts += _section(child, family)
    parts.append("</section>")
    return parts


def _block(block: Block, family: str) -> str:
    if isinstance(block, Paragraph):
        css = ' class="emphasis"' if block.emphasis else ""
        return f"<p{css}>{escape(block.text)}</p>"
    if isinstance(block, Table):
        return _table(block)
    return _figure(block, family)


def _figure(figure: Figure, family: str) -> str:
    data = base64.b64encode(render_chart(figure.chart, family)).decode("ascii")
    return (
        f'<figure><img src="data:image/png;base64,{data}" alt="{escape(figure.caption)}">'
        f"<figcaption>{escape(figure.caption)}</figcaption></figure>"
    )


def _table(table: Table) -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in table.header)
    lights = table.lights or (None,) * len(table.rows)
    rows = []
    for row, light in zip(table.rows, lights, strict=True):
        cells = []
        for text in row:
            lit = light is not None and text == light.label
            classes = [f"light-{light.code}"] if lit and light is not None else []
            if len(text) <= SHORT_CELL:
                classes.append("short")  # 预期性, 灰灯, 40.0%: never wrapped
            css = f' class="{" ".join(classes)}"' if classes else ""
            cells.append(f"<td{css}>{escape(text)}</td>")
        rows.append(f"<tr>{''.join(cells)}</tr>")
    note = f'<p class="table-note">注：{escape(table.note)}</p>' if table.note else ""
    return (
        f"<table><caption>{escape(table.caption)}</caption><thead><tr>{head}</tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>{note}"
    )
