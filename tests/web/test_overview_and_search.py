"""The overview's chapter groups in plan order; search through the catalogue's aliases, with
matches highlighted and an empty result that reads as one."""

from __future__ import annotations

import cn2an
from bs4 import BeautifulSoup
from fastapi.testclient import TestClient

from conftest import Site


def test_chapter_groups_follow_the_plan(client: TestClient, site: Site) -> None:
    html = BeautifulSoup(client.get(f"/?plan={site.plan_id}").text, "html.parser")
    names = [h.contents[0].strip() for h in html.select("section.group > h2")]
    numbered = [n for n in names if n.startswith("第")]
    numbers = [cn2an.cn2an(n[1 : n.index("章")], "strict") for n in numbered]
    assert numbers == sorted(numbers) and len(numbers) >= 5
    assert "其他" not in names or names[-1] == "其他"


def test_search_finds_an_indicator_by_its_alias(client: TestClient, site: Site) -> None:
    html = BeautifulSoup(client.get("/search?q=地区生产总值").text, "html.parser")
    indicators = [li for li in html.select("ol.results li.indicator")]
    assert any(li.a and li.a.get_text() == "GDP" for li in indicators)  # the plan names it GDP
    marks = html.select("ol.results mark")
    assert marks and all(m.get_text() == "地区生产总值" for m in marks)


def test_an_empty_search_says_so(client: TestClient) -> None:
    html = BeautifulSoup(client.get("/search?q=量子引力波").text, "html.parser")
    assert html.select_one("#no-results") is not None
    assert not html.select("ol.results li")
