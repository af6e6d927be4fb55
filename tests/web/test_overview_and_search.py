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


def test_the_overview_shows_the_baseline_used_and_why_a_row_has_no_judgement(
    client: TestClient, site: Site
) -> None:
    html = BeautifulSoup(client.get(f"/?plan={site.plan_id}&as_of=2022").text, "html.parser")
    gdp = html.select_one("tr[data-code=I005]")
    assert gdp is not None
    # the plan states no GDP baseline; the engine measures from the 2020 value (616.36)
    assert gdp.select_one(".baseline-cell").get_text() == "616.36(2020,据观测数据)"
    rows = {
        row.select_one(".name a").get_text(): row
        for row in html.select("tr[data-code]")
        if row.select_one(".name a") is not None
    }
    retail = rows["社会消费品零售总额"]
    # a 2022 value but no baseline (no value for 2020 and none in the plan): said on the row
    assert retail.select_one(".status-cell").get_text() == "无数据(缺少基期值)"
    assert retail.select_one(".baseline-cell").get_text() == "—"
