"""The JSON API against SQLite and PostgreSQL: reads, writes, and one error shape."""

from __future__ import annotations

import io
from decimal import Decimal

from fastapi.testclient import TestClient
from openpyxl import Workbook
from sqlalchemy import select
from tests_web_helpers import ERROR_KEYS

from conftest import Site, login, make_client
from planwatch.samples import sample_path
from planwatch.store.models import ObservationRecord


def test_plans_and_overview(client: TestClient, site: Site) -> None:
    plans = client.get("/api/v1/plans").json()
    assert [p["key"] for p in plans] == ["泸州市江阳区 2021-2025"]
    overview = client.get(f"/api/v1/plans/{site.plan_id}/overview").json()
    assert overview["as_of"] == 2022
    gdp = next(i for i in overview["indicators"] if i["id"] == site.gdp_id)
    # P = (767.81 − 616.36)/(1000 − 616.36) = 0.39477; τ = 0.4
    assert gdp["assessment"]["status"] == "基本符合预期"
    assert (
        abs(gdp["assessment"]["progress"] - 0.39477) < 1e-5
        and gdp["assessment"]["time_share"] == 0.4
    )
    assert sum(overview["counts"].values()) == sum(
        1 for i in overview["indicators"] if i["assessment"]
    )


def test_indicator_detail_has_history_source_and_formula(client: TestClient, site: Site) -> None:
    body = client.get(f"/api/v1/indicators/{site.gdp_id}").json()
    assert [r["value"] for r in body["revisions"]] == [430.32, 616.36, 767.81]
    assert "1000" in body["source"]["sentence"] and body["source"]["line"] == 36
    assert body["assessment"]["formula"].startswith("序时进度")
    assert body["department"] == "区统计局"


def test_outline_departments_and_search(client: TestClient, site: Site) -> None:
    outline = client.get(f"/api/v1/plans/{site.plan_id}/outline").json()
    assert sum(1 for n in outline if n["kind"] == "chapter") == 31
    departments = client.get(f"/api/v1/plans/{site.plan_id}/departments").json()
    assert {d["department"] for d in departments} >= {"区统计局", "区发改局"}
    hits = client.get("/api/v1/search", params={"q": "森林覆盖率"}).json()
    assert hits[0]["kind"] == "indicator" and hits[0]["title"] == "森林覆盖率"
    # the sample says 森林覆盖率 on lines 17 and 282 (grep -n 森林覆盖率)
    assert sorted(h["ref"] for h in hits if h["kind"] == "text") == ["17", "282"]
    short = client.get("/api/v1/search", params={"q": "酒"}).json()  # shorter than a trigram
    assert any("酒" in h["snippet"] for h in short)


def test_editor_enters_a_value_and_the_status_changes_once_approved(
    client: TestClient, site: Site
) -> None:
    csrf = login(client, "stats")
    response = client.post(
        f"/api/v1/indicators/{site.gdp_id}/observations",
        json={"year": 2023, "value": "1010", "status": "初步", "source": "快报"},
        headers={"X-CSRF-Token": csrf},
    )
    assert response.status_code == 201, response.text
    assessment = response.json()["indicator"]["assessment"]
    # judged at the year entered, but submitted, not approved: it still stands on 2022's 767.81
    assert (assessment["as_of"], assessment["status"]) == (2023, "基本符合预期")
    assert assessment["data_year"] == 2022
    with site.database.session() as session:
        revision_id = session.scalars(
            select(ObservationRecord.id).where(ObservationRecord.value == Decimal("1010"))
        ).one()
    with make_client(site) as reviewer:
        approved = reviewer.post(
            f"/review/observations/{revision_id}/approve",
            data={"version": "1", "csrf_token": login(reviewer, "shenhe")},
        )
        assert approved.status_code == 303, approved.text
    assessment = client.get(f"/api/v1/indicators/{site.gdp_id}?as_of=2023").json()["assessment"]
    assert (assessment["as_of"], assessment["status"]) == (2023, "提前实现")
    again = client.post(
        f"/api/v1/indicators/{site.gdp_id}/observations",
        json={"year": 2023, "value": "1010", "status": "初步", "source": "快报"},
        headers={"X-CSRF-Token": csrf},
    )
    assert again.json()["added"] is False


def test_notes_and_edit(client: TestClient, site: Site) -> None:
    csrf = login(client, "admin")
    note = client.post(
        f"/api/v1/indicators/{site.gdp_id}/notes",
        headers={"X-CSRF-Token": csrf},
        json={"year": 2022, "reason": "疫情", "measures": "稳增长"},
    )
    assert note.status_code == 201 and note.json()["notes"][0]["reason"] == "疫情"
    edit = client.patch(
        f"/api/v1/indicators/{site.gdp_id}",
        headers={"X-CSRF-Token": csrf},
        json={"name": "地区生产总值", "attribute": "约束性", "confirmed": True},
    )
    assert edit.status_code == 200 and (edit.json()["name"], edit.json()["attribute"]) == (
        "地区生产总值",
        "binding",
    )


def test_upload_plan_twice(client: TestClient) -> None:
    csrf = login(client, "admin")
    data = sample_path().read_bytes()
    first = client.post(
        "/api/v1/plans",
        headers={"X-CSRF-Token": csrf},
        files={"file": ("plan.txt", data, "text/plain")},
    )
    assert (
        first.status_code == 201 and first.json()["created"] is False
    )  # the sample is loaded already
    changed = data.replace("20 亿元".encode(), "25 亿元".encode())
    second = client.post(
        "/api/v1/plans",
        headers={"X-CSRF-Token": csrf},
        files={"file": ("plan.txt", changed, "text/plain")},
    )
    assert second.json()["created"] is True and second.json()["version"] == 2


def _xlsx(rows: list[list[object]]) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["指标编号", "年份", "数值"])
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_data_import_reports_rows_and_writes_nothing_on_error(
    client: TestClient, site: Site
) -> None:
    csrf = login(client, "admin")
    bad = client.post(
        f"/api/v1/plans/{site.plan_id}/observations/import",
        headers={"X-CSRF-Token": csrf},
        files={"file": ("d.xlsx", _xlsx([["I005", 2023, 900], ["I005", 2024, "很多"]]))},
    )
    assert bad.status_code == 422
    error = bad.json()["error"]
    assert set(error) == ERROR_KEYS and error["details"] == [
        {"row": 3, "column": "数值", "value": "很多", "reason": "不是数字"}
    ]
    assert client.get(f"/api/v1/indicators/{site.gdp_id}").json()["revisions"][-1]["year"] == 2022
    good = client.post(
        f"/api/v1/plans/{site.plan_id}/observations/import",
        headers={"X-CSRF-Token": csrf},
        files={"file": ("d.xlsx", _xlsx([["I005", 2023, 900]]))},
    )
    assert good.status_code == 200 and good.json()["added"] == 1


def test_editor_import_is_limited_to_own_indicators(client: TestClient, site: Site) -> None:
    csrf = login(client, "reform")
    response = client.post(
        f"/api/v1/plans/{site.plan_id}/observations/import",
        headers={"X-CSRF-Token": csrf},
        # 910, not GDP's stored 900: a row left as it was is no error (test_entry_pages.py)
        files={"file": ("d.xlsx", _xlsx([["I005", 2023, 910]]))},
    )
    assert response.status_code == 422
    assert response.json()["error"]["details"][0]["reason"].startswith("无权修改")


BAD_REQUESTS = [
    # method, path, body, status
    ("get", "/api/v1/plans/999/overview", None, 404),
    ("get", "/api/v1/indicators/999", None, 404),
    ("get", "/api/v1/plans/{plan}/overview?as_of=3000", None, 422),
    ("get", "/api/v1/search?q=", None, 422),
    ("get", "/api/v1/nothing-here", None, 404),
    ("post", "/api/v1/indicators/{gdp}/observations", {"year": 2023, "value": "NaN"}, 422),
    ("post", "/api/v1/indicators/{gdp}/observations", {"year": 1800, "value": "1"}, 422),
    ("post", "/api/v1/indicators/{gdp}/observations", {"year": 2023, "value": "1e400"}, 422),
    (
        "post",
        "/api/v1/indicators/{gdp}/observations",
        {"year": 2023, "value": "1", "status": "估计"},
        422,
    ),
    ("post", "/api/v1/indicators/{gdp}/observations", {"year": 2099, "value": "1"}, 422),
    ("patch", "/api/v1/indicators/{gdp}", {"comparator": "=>"}, 422),
    ("post", "/api/v1/indicators/{gdp}/notes", {"year": 2022}, 422),
]


def test_every_error_has_the_one_shape(client: TestClient, site: Site) -> None:
    csrf = login(client, "admin")
    for method, path, body, status in BAD_REQUESTS:
        url = path.format(plan=site.plan_id, gdp=site.gdp_id)
        response = client.request(method.upper(), url, json=body, headers={"X-CSRF-Token": csrf})
        assert response.status_code == status, (url, body, response.text)
        assert set(response.json()) == {"error"} and set(response.json()["error"]) == ERROR_KEYS, (
            url
        )


def test_upload_over_the_limit_is_refused(site: Site) -> None:
    from conftest import make_client

    with make_client(site, max_document_bytes=1000) as client:
        csrf = login(client, "admin")
        response = client.post(
            "/api/v1/plans",
            headers={"X-CSRF-Token": csrf},
            files={"file": ("big.txt", "规划".encode() * 2000, "text/plain")},
        )
        assert response.status_code == 422 and "上限" in response.json()["error"]["message"]
        broken = client.post(
            "/api/v1/plans",
            headers={"X-CSRF-Token": csrf},
            files={"file": ("plan.docx", b"PK\x03\x04broken", "application/octet-stream")},
        )
        assert broken.status_code == 422 and "plan.docx" in broken.json()["error"]["message"]


def test_openapi_is_published(client: TestClient) -> None:
    spec = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/indicators/{indicator_id}/observations" in spec["paths"]


def test_report_downloads(client: TestClient, site: Site) -> None:
    import docx
    from openpyxl import load_workbook

    response = client.get(
        f"/api/v1/plans/{site.plan_id}/reports/midterm", params={"format": "docx", "as_of": 2022}
    )
    assert response.status_code == 200
    assert "attachment" in response.headers["content-disposition"]
    document = docx.Document(io.BytesIO(response.content))
    assert any("中期评估" in p.text for p in document.paragraphs[:5])
    page = client.get("/reports/annual", params={"plan": site.plan_id, "format": "xlsx"})
    assert page.status_code == 200
    sheet = load_workbook(io.BytesIO(page.content)).worksheets[0]
    assert sheet.title == "观测数据"
    bogus = client.get(f"/api/v1/plans/{site.plan_id}/reports/weekly")
    assert bogus.status_code == 422 and set(bogus.json()["error"]) == ERROR_KEYS
