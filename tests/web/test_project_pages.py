"""重大项目 pages and API on SQLite and PostgreSQL: list, filters, totals, a project, an
editor's progress report, a rating, the export and an import refused row by row."""

from __future__ import annotations

import io
from datetime import date

from fastapi.testclient import TestClient
from openpyxl import load_workbook

from conftest import Site, login


def test_an_editors_report_shows_on_the_page_and_in_the_api(client: TestClient, site: Site) -> None:
    csrf = login(client, "stats")
    response = client.post(
        f"/projects/{site.project_id}/reports",
        data={"period": "2023年6月", "cumulative": "0.35", "unit": "亿元", "progress": "桩基完成",
              "csrf_token": csrf},
    )  # fmt: skip
    assert response.status_code == 303, response.text
    body = client.get(f"/api/v1/projects/{site.project_id}", params={"year": 2023}).json()
    # 0.35 亿元 = 3500 万元; on 2023-12-31, 1095 of 1826 days: τ = 59.97%, P = 35%: 24.97 points ≤ 25 → yellow
    assert body["reports"][0]["cumulative"] == "3500"
    signal = body["judgement"]["signals"][0]
    assert "τ = 1095 / 1826 天 = 60.0%" in signal["formula"] and signal["light"] == "yellow"
    page = client.get(f"/projects/{site.project_id}?year=2023").text
    assert "桩基完成" in page and "投资进度 P = 累计完成 3500 / 总投资 10000 = 35.0%" in page
    assert 'id="report-form"' in page


def test_the_list_filters_and_totals(client: TestClient, site: Site) -> None:
    body = client.get("/api/v1/projects", params={"plan": site.plan_id, "year": 2023}).json()
    assert body["totals"]["count"] == 1 and body["totals"]["total_investment"] == "10000"
    project = body["projects"][0]
    assert project["box"]["title"].startswith("专栏2") and project["department"] == "区统计局"
    # no report, no 开工 by 2023-12-31: a delayed start
    assert project["judgement"]["delayed_start"] is True
    other = client.get("/api/v1/projects", params={"department": "区发改局"}).json()
    assert other["totals"]["count"] == 0
    page = client.get(f"/projects?plan={site.plan_id}&year=2023").text
    assert "江北港二期" in page and 'id="project-filters"' in page and "重大项目" in page
    empty = client.get(f"/projects?plan={site.plan_id}&status=completed").text
    assert "江北港二期" not in empty
    export = client.get(f"/projects/export.xlsx?plan={site.plan_id}&year=2023")
    sheet = load_workbook(io.BytesIO(export.content)).active
    assert sheet is not None and sheet["B2"].value == "江北港二期" and sheet["G2"].value == 10000


def test_refused_writes_name_the_problem(client: TestClient, site: Site) -> None:
    csrf = login(client, "stats")
    headers = {"X-CSRF-Token": csrf}
    url = f"/api/v1/projects/{site.project_id}"
    ok = client.post(
        f"{url}/reports", headers=headers, json={"period": "2023-06", "cumulative": "4000"}
    )
    assert ok.status_code == 201
    down = client.post(
        f"{url}/reports", headers=headers, json={"period": "2023-09", "cumulative": "3000"}
    )
    assert down.status_code == 422
    assert "少于上一报告期(2023-06)的 4000 万元" in down.json()["error"]["message"]
    rating = client.post(
        f"{url}/ratings", headers=headers, json={"rating": "黄红", "reason": "征地滞后"}
    )
    assert rating.json()["ratings"][0]["rating"] == "黄红"
    milestone = client.put(f"{url}/milestones/开工", headers=headers, json={"actual": "2021-04-01"})
    start = next(m for m in milestone.json()["milestones"] if m["kind"] == "start")
    assert start["actual"] == date(2021, 4, 1).isoformat()
    admin = login(client, "admin")
    bad = client.post(
        f"/api/v1/plans/{site.plan_id}/projects/import",
        headers={"X-CSRF-Token": admin},
        files={
            "file": (
                "p.csv",
                "项目名称,建设起止年限,总投资(万元)\n港口,2025-2022,1\n".encode(),
                "text/csv",
            )
        },
    )
    assert bad.status_code == 422
    assert bad.json()["error"]["details"] == [
        {"row": 2, "column": "建设起止年限", "value": "2025-2022", "reason": "完工时间早于开工时间"}
    ]
