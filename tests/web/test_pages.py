"""The pages, read as HTML: content, filters, links, and no asset from another host."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from fastapi.testclient import TestClient

from conftest import Site, make_client

PAGES = [
    "/",
    "/?group=attribute",
    "/?status=基本符合预期",
    "/indicators/I005",
    "/plan",
    "/search?q=乡村振兴",
    "/departments",
    "/entry",
    "/login",
]


def soup(client: TestClient, path: str) -> BeautifulSoup:
    response = client.get(path)
    assert response.status_code == 200, (path, response.text[:300])
    return BeautifulSoup(response.text, "html.parser")


@pytest.mark.parametrize("path", PAGES)
def test_no_asset_or_link_leaves_the_site(client: TestClient, path: str) -> None:
    page = soup(client, path)
    assert page.html is not None and page.html.get("lang") == "zh-CN"
    for tag in page.find_all(["script", "link", "img", "a", "form"]):
        for attribute in ("src", "href", "action"):
            value = tag.get(attribute)
            if value:
                assert not str(value).startswith(("http:", "https:", "//")), (path, value)


def test_overview_counts_and_filter(client: TestClient) -> None:
    page = soup(client, "/")
    counts = {c["data-status"]: int(c.text) for c in page.select(".card .count")}
    assert counts["基本符合预期"] == 1 and sum(counts.values()) == 38
    filtered = soup(client, "/?status=基本符合预期")
    assert [row["data-code"] for row in filtered.select("tr[data-code]")] == ["I005"]
    binding = soup(client, "/?attribute=binding")
    assert binding.select("tr[data-code]") == []


def test_reader_marks_and_links_targets(client: TestClient) -> None:
    page = soup(client, "/plan")
    targets = page.select("a.mark.target")
    assert any(
        a.text.replace(" ", "") == "1000亿元" and "/indicators/I005" in a["href"] for a in targets
    )
    assert page.select_one("#L185") is not None  # every line has its anchor
    assert len(page.select(".outline li")) == 161


def test_indicator_page_shows_source_and_history(client: TestClient) -> None:
    page = soup(client, "/indicators/I005")
    assert "突破 1000 亿元" in page.select_one(".context .here").text
    assert [td.text for td in page.select("table.revisions tbody tr td:first-child")] == [
        "2022",
        "2020",
        "2016",
    ]
    assert page.select_one("#observation-form") is None  # not signed in


def test_missing_indicator_is_a_404_page(client: TestClient) -> None:
    response = client.get("/indicators/I999")
    assert response.status_code == 404 and "I999" in response.text


def test_private_mode_redirects_pages_to_sign_in(site: Site) -> None:
    with make_client(site, public_read=False) as client:
        response = client.get("/plan")
        assert response.status_code == 303 and response.headers["location"] == "/login?next=/plan"
        assert client.get("/login").status_code == 200


def test_cross_site_sign_in_is_refused(client: TestClient) -> None:
    response = client.post(
        "/login",
        data={"username": "admin", "password": "x"},
        headers={"Origin": "https://evil.example"},
    )
    assert response.status_code == 403
