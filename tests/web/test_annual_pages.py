"""Annual targets and bulletins on the dashboard and the API, on SQLite and PostgreSQL.

The fixture (conftest.py) holds 统计局's submitted GDP target for 2023 (增长 6.5% 左右) and an
uploaded bulletin (``BULLETIN``) with nothing written from it.
"""

from __future__ import annotations

import html
import json
import re
from decimal import Decimal

from fastapi.testclient import TestClient

from conftest import BULLETIN, Site, login, make_client
from planwatch.services.observations import add_observation, find_indicator
from planwatch.services.plans import get_plan
from planwatch.store.models import AnnualTargetRecord, ObservationRecord, ObservationSource


def upload(client: TestClient, site: Site, csrf: str, text: str = BULLETIN, **form: str) -> str:
    response = client.post(
        f"/plans/{site.plan_id}/documents",
        files={"file": ("公报.txt", text.encode(), "text/plain")},
        data={"csrf_token": csrf, **form},
    )
    assert response.status_code == 200, response.text
    return response.text


def test_upload_shows_the_review_table_and_writes_nothing(client: TestClient, site: Site) -> None:
    page = upload(client, site, login(client, "stats"))
    assert 'id="figures"' in page and "I005 GDP(亿元)" in page and "I005 GDP 增长率(%)" in page
    assert "812.3亿元" in page and "待审核" in page
    with site.database.session() as session:
        assert session.query(ObservationRecord).filter_by(year=2023).count() == 1  # the fixture's


def test_confirm_writes_pending_values_with_their_spans(client: TestClient, site: Site) -> None:
    csrf = login(client, "stats")
    page = upload(client, site, csrf)
    action = re.search(r'action="(/documents/\d+/confirm)"', page)
    assert action is not None
    response = client.post(action.group(1), data={"csrf_token": csrf, "plan": str(site.plan_id)})
    assert response.status_code == 303 and "/entry" in response.headers["location"]
    with site.database.session() as session:
        # GDP (区统计局's) level and rate; 社会消费品零售总额 is no department's: not stats' to write
        written = session.query(ObservationRecord).filter_by(recorded_by="stats", year=2023)
        values = sorted((o.value, o.is_growth_rate, o.review_state) for o in written)
        assert values == [
            (Decimal("6.1"), True, "submitted"),
            (Decimal("812.3"), False, "submitted"),
            (Decimal(900), False, "submitted"),  # the fixture's own submitted value
        ]
        assert session.query(ObservationSource).count() == 2


def test_a_viewer_may_not_upload_and_a_huge_upload_is_413(site: Site) -> None:
    with make_client(site) as client:
        csrf = login(client, "deputy")
        response = client.post(f"/plans/{site.plan_id}/documents",
                               files={"file": ("公报.txt", BULLETIN.encode(), "text/plain")},
                               data={"csrf_token": csrf})  # fmt: skip
        assert response.status_code == 403
    with make_client(site, max_upload_bytes=2000) as client:
        csrf = login(client, "stats")
        huge = ("2023年,全区社会消费品零售总额482亿元。\n" * 200).encode()
        response = client.post(f"/plans/{site.plan_id}/documents",
                               files={"file": ("公报.txt", huge, "text/plain")},
                               data={"csrf_token": csrf})  # fmt: skip
        assert response.status_code == 413


def test_an_undated_or_foreign_bulletin_is_refused_with_a_message(
    client: TestClient, site: Site
) -> None:
    csrf = login(client, "stats")
    undated = client.post(f"/plans/{site.plan_id}/documents",
                          files={"file": ("公报.txt", "统计公报\n全区地区生产总值812亿元。\n".encode())},
                          data={"csrf_token": csrf})  # fmt: skip
    assert undated.status_code == 422 and "年份" in undated.text
    foreign = client.post(f"/plans/{site.plan_id}/documents",
                          files={"file": ("公报.txt", BULLETIN.replace("江阳区", "纳溪区").encode())},
                          data={"csrf_token": csrf})  # fmt: skip
    assert foreign.status_code == 422 and "纳溪区" in foreign.text
    allowed = upload(client, site, csrf, BULLETIN.replace("江阳区", "纳溪区"), other_region="true")
    assert "泸州市纳溪区" in allowed


def test_annual_target_form_review_and_the_pages_that_show_it(
    client: TestClient, site: Site
) -> None:
    csrf = login(client, "stats")
    response = client.post("/indicators/I005/annual-targets", data={
        "csrf_token": csrf, "year": "2022", "value": "7", "growth_rate": "true",
        "plan": str(site.plan_id)})  # fmt: skip
    assert response.status_code == 303
    with site.database.session() as session:
        target = session.query(AnnualTargetRecord).filter_by(year=2022).one()
        assert (target.review_state, target.is_growth_rate, target.unit) == ("submitted", True, "%")
        plan = get_plan(session, None)
        add_observation(session, find_indicator(plan, "GDP"), 2022, Decimal("767.81"), "x")
        target_id, version = target.id, target.version
    overview = client.get(f"/?plan={site.plan_id}&as_of=2022").text
    assert "2022年度目标" not in overview  # only approved targets count: no column yet
    with make_client(site) as reviewer:
        token = login(reviewer, "shenhe")
        assert "增长 不低于 7%" in reviewer.get("/review").text
        approved = reviewer.post(f"/review/annual-targets/{target_id}/approve",
                                 data={"csrf_token": token, "version": str(version)})  # fmt: skip
        assert approved.status_code == 303
    overview = client.get(f"/?plan={site.plan_id}&as_of=2022").text
    assert "2022年度目标" in overview
    # GDP 2020 616.36 → 2022 767.81: no 2021 level, no published 2022 rate → 无数据
    page = client.get(f"/indicators/I005?plan={site.plan_id}").text
    assert 'id="annual-targets"' in page and "增长 不低于 7%" in page and "无数据" in page
    assert "另有 1 项年度目标待审核" in page  # the fixture's 2023 target
    body = client.get(f"/api/v1/indicators/{site.gdp_id}").json()
    assert [(t["year"], t["status"], t["value"]) for t in body["annual_targets"]] == [
        (2022, "no_data", 7)]  # fmt: skip
    plan_json = client.get(f"/api/v1/plans/{site.plan_id}/overview?as_of=2022").json()
    assert [t["code"] for t in plan_json["annual_targets"]] == ["I005"]


def test_annual_target_file_import_through_the_api(client: TestClient, site: Site) -> None:
    csrf = login(client, "stats")
    good = "指标编号,年份,比较符,目标值,单位,口径\nI005,2024,左右,6.5,%,增长率\n".encode()
    sent = client.post(f"/api/v1/plans/{site.plan_id}/annual-targets/import",
                       headers={"X-CSRF-Token": csrf}, files={"file": ("t.csv", good)})  # fmt: skip
    assert sent.status_code == 200 and sent.json()["added"] == 1, sent.text
    again = client.post(f"/api/v1/plans/{site.plan_id}/annual-targets/import",
                        headers={"X-CSRF-Token": csrf}, files={"file": ("t.csv", good)})  # fmt: skip
    assert (again.json()["added"], again.json()["unchanged"]) == (0, 1)
    bad = "指标编号,年份,目标值\nI005,2024,很多\nI011,2024,500\n".encode()
    refused = client.post(f"/api/v1/plans/{site.plan_id}/annual-targets/import",
                          headers={"X-CSRF-Token": csrf}, files={"file": ("t.csv", bad)})  # fmt: skip
    details = refused.json()["error"]["details"]
    # row 2: not a number; row 3: 社会消费品零售总额 is not 区统计局's
    assert refused.status_code == 422 and [(d["row"], d["column"]) for d in details] == [
        (2, "目标值"), (3, "指标编号")]  # fmt: skip
    listed = client.get(f"/api/v1/plans/{site.plan_id}/annual-targets").json()
    assert listed == []  # stats' targets are submitted, not approved


def test_the_indicator_page_charts_annual_targets_against_the_values_reached(
    client: TestClient, site: Site
) -> None:
    csrf = login(client, "stats")
    response = client.post("/indicators/I005/annual-targets", data={
        "csrf_token": csrf, "year": "2022", "value": "7", "growth_rate": "true",
        "plan": str(site.plan_id)})  # fmt: skip
    assert response.status_code == 303
    with site.database.session() as session:
        target = session.query(AnnualTargetRecord).filter_by(year=2022).one()
        gdp = find_indicator(get_plan(session, None), "GDP")
        add_observation(session, gdp, 2021, Decimal("700"), "x")
        add_observation(session, gdp, 2022, Decimal("767.81"), "x")
        target_id, version = target.id, target.version
    page = client.get(f"/indicators/I005?plan={site.plan_id}").text
    assert 'id="annual-chart"' not in page  # only approved targets are charted
    with make_client(site) as reviewer:
        token = login(reviewer, "shenhe")
        reviewer.post(f"/review/annual-targets/{target_id}/approve",
                      data={"csrf_token": token, "version": str(version)})  # fmt: skip
    page = client.get(f"/indicators/I005?plan={site.plan_id}").text
    found = re.search(r"id=\"annual-chart\" class=\"chart\" data-chart='([^']*)'", page)
    assert found is not None
    chart = json.loads(html.unescape(found.group(1)))
    # from the levels: 767.81 / 700 − 1 = 9.687 % ≥ 7 % → 完成
    assert (chart["years"], chart["targets"], chart["statuses"]) == ([2022], [7.0], ["完成"])
    assert chart["unit"] == "%" and chart["growth_rate"] is True
    assert abs(chart["actuals"][0] - 9.687) < 0.01
