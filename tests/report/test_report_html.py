"""The HTML page parsed with BeautifulSoup: self-contained, same content, prints on A4."""

from __future__ import annotations

from bs4 import BeautifulSoup

from planwatch.report import ReportKind, build_report
from planwatch.services.overview import PlanOverview


def soup(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


def test_headings_follow_the_model(built: PlanOverview, built_html: str) -> None:
    page = soup(built_html)
    report = build_report(built, ReportKind.MIDTERM)
    assert page.h1 is not None and page.h1.get_text() == report.title
    assert [h.get_text() for h in page.find_all(["h2", "h3", "h4"])] == [
        s.heading for s in report.walk()
    ]


def test_tables_hold_every_row(built: PlanOverview, built_html: str) -> None:
    tables = soup(built_html).find_all("table")
    model = build_report(built, ReportKind.MIDTERM).tables
    assert len(tables) == len(model)
    for table, expected in zip(tables, model, strict=True):
        assert [th.get_text() for th in table.thead.find_all("th")] == list(expected.header)
        rows = [
            tuple(td.get_text() for td in tr.find_all("td")) for tr in table.tbody.find_all("tr")
        ]
        assert rows == list(expected.rows)
    red = tables[0].find_all("td", class_="light-red")
    assert [td.get_text() for td in red] == ["红灯", "红灯"]


def test_self_contained(built_html: str) -> None:
    page = soup(built_html)
    links = [
        tag.get("src") or tag.get("href")
        for tag in page.find_all(src=True) + page.find_all(href=True)
    ]
    assert links and all(str(link).startswith("data:image/png;base64,") for link in links)
    assert "http" not in "".join(
        str(tag) for tag in page.find_all(["link", "script", "img", "style"])
    )
    assert len(page.find_all("img")) == 5


def test_prints_on_a4_with_repeated_headers(built_html: str) -> None:
    style = soup(built_html).style
    assert style is not None
    css = style.get_text()
    assert "@page { size: A4" in css and "display: table-header-group" in css


def test_simulated_mark_on_every_printed_page(built_html: str, sample: PlanOverview) -> None:
    from planwatch.report import ReportFormat, render_report

    mark = soup(built_html).find("div", class_="mark")
    assert mark is not None and "模拟数据" in mark.get_text()
    assert '@page { @top-center { content: "【模拟数据】' in built_html
    real = render_report(sample, ReportKind.ANNUAL, ReportFormat.HTML).decode("utf-8")
    assert soup(real).find("div", class_="mark") is None
