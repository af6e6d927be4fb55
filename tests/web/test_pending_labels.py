"""Pending data (submitted, not yet approved) on the pages and in the reports: absent unless
PLANWATCH_SHOW_PENDING is on, and then labelled 待审核 wherever it is shown — SQLite and
PostgreSQL. The site's GDP has 900 for 2023, submitted by 统计局 and not approved."""

from __future__ import annotations

import io

from bs4 import BeautifulSoup
from docx import Document

from conftest import Site, make_client


def gdp_row(html: str, code: str) -> str:
    row = BeautifulSoup(html, "html.parser").select_one(f'tr[data-code="{code}"]')
    assert row is not None, "GDP is on the overview"
    return str(row.get_text(" ", strip=True))


def report_cells(site: Site, show_pending: bool) -> tuple[str, list[str]]:
    with make_client(site, show_pending=show_pending) as client:
        response = client.get(f"/api/v1/plans/{site.plan_id}/reports/annual",
                              params={"as_of": 2023, "format": "docx"})  # fmt: skip
        assert response.status_code == 200
    document = Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in document.paragraphs)
    cells = [c.text.replace("\n", "") for t in document.tables for r in t.rows for c in r.cells]
    return text, cells


def test_the_overview_and_indicator_page_label_pending_values(site: Site) -> None:
    with make_client(site, show_pending=True) as client:
        code = client.get(f"/api/v1/indicators/{site.gdp_id}").json()["code"]
        row = gdp_row(client.get(f"/?plan={site.plan_id}&as_of=2023").text, code)
        assert "900" in row and "待审核" in row
        page = client.get(f"/indicators/{code}?plan={site.plan_id}&as_of=2023").text
        note = BeautifulSoup(page, "html.parser").select_one("#pending-note")
        assert note is not None and "2023 年" in note.get_text()
    with make_client(site) as client:  # the default: approved data only, nothing to label
        row = gdp_row(client.get(f"/?plan={site.plan_id}&as_of=2023").text, code)
        assert "900" not in row and "待审核" not in row
        page = client.get(f"/indicators/{code}?plan={site.plan_id}&as_of=2023").text
        assert 'id="pending-note"' not in page


def test_reports_include_pending_values_only_when_shown_and_then_labelled(site: Site) -> None:
    text, cells = report_cells(site, show_pending=False)
    # (the reporting section counts submitted items as 待审核: a state, not a value shown)
    assert "尚未审核通过的数据" not in text and not any("待审核）" in c for c in cells)
    assert not any(c.startswith("900") for c in cells)
    text, cells = report_cells(site, show_pending=True)
    assert "注意：本稿含1项指标尚未审核通过的数据，已在表中标注“待审核”" in text
    assert any(c.startswith("900（") and c.endswith("待审核）") for c in cells), [
        c for c in cells if c.startswith("900")
    ]
