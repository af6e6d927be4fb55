"""Several plans in one database: the plan switcher, the 规划 page, plan settings, the default
plan, adjustments over the API, the series page, and a reader that reads stored quantities."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from fastapi.testclient import TestClient

from conftest import Site, login
from planwatch.read import read_document
from planwatch.services.plans import import_plan

PLANS = Path(__file__).parent.parent / "data" / "plans"


@pytest.fixture
def second_plan(site: Site) -> int:
    document = read_document(PLANS / "qinghe-district-14th.txt", max_bytes=1 << 20)
    with site.database.session() as session:
        return import_plan(session, document, "规划科").plan_id


def page(client: TestClient, path: str) -> BeautifulSoup:
    response = client.get(path)
    assert response.status_code == 200, (path, response.text[:300])
    return BeautifulSoup(response.text, "html.parser")


def test_the_switcher_lists_every_plan_and_keeps_the_page(
    client: TestClient, site: Site, second_plan: int
) -> None:
    html = page(client, f"/departments?plan={site.plan_id}")
    switch = html.select_one("form.plan-switch")
    assert switch is not None and switch["action"] == "/departments"
    options = {o["value"]: o.get_text() for o in switch.select("option")}
    assert set(options) == {str(site.plan_id), str(second_plan)}
    assert "临江市清河区" in options[str(second_plan)]
    selected = switch.select_one("option[selected]")
    assert selected is not None and selected["value"] == str(site.plan_id)


def test_an_administrator_edits_a_plan_and_chooses_the_default(
    client: TestClient, site: Site, second_plan: int
) -> None:
    assert "临江市清河区" in page(client, "/").select_one("h1").get_text()  # type: ignore[union-attr]
    csrf = login(client, "admin")
    response = client.post(f"/plans/{site.plan_id}/default", data={"csrf_token": csrf})
    assert response.status_code == 303
    assert "泸州市江阳区" in page(client, "/").get_text()
    response = client.post(
        f"/plans/{second_plan}/settings",
        data={"csrf_token": csrf, "title": "清河区“十四五”规划", "parent": "临江市"},
    )
    assert response.status_code == 303, response.text
    listing = page(client, "/plans").get_text()
    assert "清河区“十四五”规划" in listing and "临江市" in listing
    plan = client.get(f"/api/v1/plans/{second_plan}").json()
    assert (plan["title"], plan["region"], plan["level"], plan["parent_region"]) == (
        "清河区“十四五”规划", "临江市清河区", "县区", "临江市",
    )  # fmt: skip


def test_bad_plan_settings_are_4xx_and_change_nothing(client: TestClient, site: Site) -> None:
    csrf = login(client, "admin")
    headers = {"X-CSRF-Token": csrf}
    response = client.patch(f"/api/v1/plans/{site.plan_id}", headers=headers, json={"level": "省"})
    assert response.status_code == 422 and "矛盾" in response.json()["error"]["message"]
    response = client.patch(
        f"/api/v1/plans/{site.plan_id}", headers=headers, json={"level": "大区"}
    )
    assert response.status_code == 422
    assert client.get(f"/api/v1/plans/{site.plan_id}").json()["level"] == "县区"
    assert (
        client.patch("/api/v1/plans/99999", headers=headers, json={"title": "x"}).status_code == 404
    )


def test_an_adjustment_changes_the_target_from_its_year(client: TestClient, site: Site) -> None:
    csrf = login(client, "admin")
    body = {
        "approved_by": "区人大常委会",
        "decided_on": "2023-06-28",
        "effective_year": 2023,
        "document_number": "江人常〔2023〕7号",
        "changes": [{"indicator": "GDP", "value": "950"}],
    }
    response = client.post(
        f"/api/v1/plans/{site.plan_id}/adjustments", headers={"X-CSRF-Token": csrf}, json=body
    )
    assert response.status_code == 201, response.text
    assert response.json()["changes"][0]["to"] == ["950", 2025, ">"]

    def target(as_of: int) -> float:
        found = client.get(f"/api/v1/indicators/{site.gdp_id}?as_of={as_of}").json()
        return float(found["targets"][0]["value"])

    assert (target(2022), target(2023)) == (1000, 950)
    html = page(client, f"/indicators/GDP?plan={site.plan_id}&as_of=2023")
    history = html.select_one("#adjustments")
    assert history is not None and "江人常〔2023〕7号" in history.get_text()
    again = client.post(
        f"/api/v1/plans/{site.plan_id}/adjustments", headers={"X-CSRF-Token": csrf}, json=body
    )
    assert again.status_code == 422 and "冲突" in again.json()["error"]["message"]
    body["effective_year"] = 2031
    outside = client.post(
        f"/api/v1/plans/{site.plan_id}/adjustments", headers={"X-CSRF-Token": csrf}, json=body
    )
    assert outside.status_code == 422
    assert len(client.get(f"/api/v1/plans/{site.plan_id}/adjustments").json()) == 1


def test_the_series_page_shows_one_indicator_across_plans(client: TestClient, site: Site) -> None:
    found = client.get(f"/api/v1/indicators/{site.gdp_id}").json()
    series_id = found["series_id"]
    series = client.get(f"/api/v1/series/{series_id}").json()
    assert series["region"] == "泸州市江阳区" and series["name"] == "地区生产总值"
    assert "GDP" in series["aliases"]
    years = [o["year"] for o in series["observations"]]
    assert years == sorted(years) and 2022 in years
    assert [p["code"] for p in series["plans"]] == ["I005"]
    html = page(client, f"/series/{series_id}")
    assert "泸州市江阳区" in html.get_text()
    assert html.select("#observations tbody tr") and html.select("#plans tbody tr")
    assert client.get("/series/99999").status_code == 404


def test_the_reader_reads_stored_quantities(
    client: TestClient, site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_extraction(*_: object) -> None:
        raise AssertionError("the reader must not extract at view time")

    monkeypatch.setattr("planwatch.services.extraction.extract_document", no_extraction)
    monkeypatch.setattr("planwatch.services.plans.extract_document", no_extraction)
    html = page(client, f"/plan?plan={site.plan_id}")
    marks = html.select("article .mark, article mark")
    assert len(marks) >= 60
    linked = html.select("article a.mark")
    assert any(a["href"].startswith("/indicators/I005") for a in linked)
    assert client.get(f"/plan?plan={site.plan_id}&version=9").status_code == 404


@pytest.fixture
def city_above(site: Site) -> int:
    """The district's city: a plan above the district of the second plan."""
    document = read_document(PLANS / "linjiang-city-14th.txt", max_bytes=1 << 20)
    with site.database.session() as session:
        return import_plan(session, document, "规划科").plan_id


def test_alignment_page_and_api(
    client: TestClient, site: Site, second_plan: int, city_above: int
) -> None:
    html = page(client, f"/align?plan={second_plan}")
    options = [o["value"] for o in html.select("select[name=above] option")]
    assert options == [str(city_above)]  # the only plan of a higher level than a 县区
    assert "还没有指标对" in html.select_one("#pairs").get_text()  # type: ignore[union-attr]
    csrf = login(client, "admin")
    headers = {"X-CSRF-Token": csrf}
    proposed = client.post(
        f"/api/v1/plans/{second_plan}/alignment/{city_above}/proposals", headers=headers
    ).json()
    assert proposed["proposed"] >= 4
    gdp = next(p for p in proposed["pairs"] if p["lower"]["name"] == "森林覆盖率")
    decided = client.put(
        f"/api/v1/plans/{second_plan}/alignment/{city_above}/pairs",
        headers=headers,
        json={"lower": gdp["lower"]["code"], "upper": gdp["upper"]["code"], "status": "confirmed"},
    )
    assert decided.status_code == 200, decided.text
    rows = decided.json()["rows"]
    assert [(r["verdict"], r["lower"]["value"], r["upper"]["value"]) for r in rows] == [
        ("weaker", 40, 45)
    ]
    html = page(client, f"/align?plan={second_plan}&above={city_above}")
    assert "低于上级目标" in html.select_one("#alignment-rows").get_text()  # type: ignore[union-attr]
    upside = client.get(f"/api/v1/plans/{city_above}/alignment?above={second_plan}")
    assert upside.status_code == 422 and "不是" in upside.json()["error"]["message"]


def test_diff_and_continuity_pages(client: TestClient, site: Site, tmp_path: Path) -> None:
    from planwatch.samples import sample_path

    changed = tmp_path / "plan-2023.txt"
    text = (
        sample_path()
        .read_text("utf-8")
        .replace("全区外贸进出口总额达到 20 亿元", "全区外贸进出口总额达到 25 亿元")
    )
    changed.write_text(text, "utf-8")
    with site.database.session() as session:
        import_plan(session, read_document(changed, max_bytes=1 << 22), "规划科")
    html = page(client, f"/diff?plan={site.plan_id}")
    rows = html.select("#target-changes tbody tr")
    assert len(rows) == 1 and "外贸进出口总额" in rows[0].get_text() and "25" in rows[0].get_text()
    data = client.get(f"/api/v1/plans/{site.plan_id}/diff").json()
    assert [t["fields"] for t in data["targets"]] == [
        [{"field": "value", "before": 20, "after": 25}]
    ]
    assert "只有一个版本" not in page(client, f"/continuity?plan={site.plan_id}").get_text()


def test_a_plan_over_the_extraction_budget_is_a_413(site: Site) -> None:
    from conftest import make_client

    with make_client(site, max_extract_chars=200) as client:
        csrf = login(client, "admin")
        text = (
            "某区国民经济和社会发展第十四个五年规划纲要\n第一章 主要目标\n"
            + "到2025年,地区生产总值达到800亿元。" * 20
        )
        response = client.post(
            "/api/v1/plans",
            headers={"X-CSRF-Token": csrf},
            files={"file": ("plan.txt", text.encode(), "text/plain")},
        )
    assert response.status_code == 413, response.text
    assert "PLANWATCH_MAX_EXTRACT_CHARS" in response.json()["error"]["message"]
    assert len(client.get("/api/v1/plans").json()) == 1  # the sample only: nothing written
