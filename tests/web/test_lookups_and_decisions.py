"""A missing record is a 404 with its own message, on every route that looks one up by id;
each review decision on a form goes back with its own message (web/api/common.py
``get_or_404``, web/api/review.py ``decide``), on SQLite and PostgreSQL."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from conftest import Site, login
from planwatch.store.models import AnnualTargetRecord, ObservationRecord

MISSING = 999999
FILE = {"file": ("a.txt", b"text", "text/plain")}
# method, path (MISSING wherever an id is looked up), request keywords, the 404's message
LOOKUPS: list[tuple[str, str, dict[str, Any], str]] = [
    ("GET", "/api/v1/plans/{m}", {}, "规划 {m} 不存在"),
    ("GET", "/api/v1/indicators/{m}", {}, "指标 {m} 不存在"),
    ("GET", "/api/v1/projects/{m}", {}, "项目 {m} 不存在"),
    ("POST", "/api/v1/observations/{m}/submit", {"json": {"version": 1}}, "没有编号为 {m} 的数据"),
    ("POST", "/api/v1/observations/{m}/approve", {"json": {"version": 1}}, "没有编号为 {m} 的数据"),
    ("POST", "/api/v1/notes/{m}/return", {"json": {"version": 1, "comment": "改"}}, "没有编号为 {m} 的原因与措施"),
    ("POST", "/api/v1/progress-reports/{m}/approve", {"json": {"version": 1}}, "没有编号为 {m} 的进展报告"),
    ("POST", "/review/observations/{m}/approve", {"data": {"version": "1"}}, "没有编号为 {m} 的数据"),
    ("POST", "/submissions/observations/{m}/submit", {"data": {"version": "1"}}, "没有编号为 {m} 的数据"),
    ("POST", "/review/notes/{m}/return", {"data": {"version": "1"}}, "没有编号为 {m} 的原因与措施"),
    ("POST", "/review/annual-targets/{m}/approve", {"data": {"version": "1"}}, "没有编号为 {m} 的年度目标"),
    ("POST", "/review/reports/{m}/approve", {"data": {"version": "1"}}, "没有编号为 {m} 的进展报告"),
    ("POST", "/reports/{m}/evidence", {"files": FILE}, "没有编号为 {m} 的进展报告"),
    ("GET", "/evidence/{m}", {}, "没有编号为 {m} 的证明材料"),
    ("POST", "/plans/{m}/locks", {"data": {"year": "2023"}}, "没有编号为 {m} 的规划"),
    ("POST", "/plans/{m}/locks/2023/unlock", {"data": {}}, "没有编号为 {m} 的规划"),
    ("POST", "/plans/{m}/documents", {"files": FILE}, "没有编号为 {m} 的规划"),
    ("POST", "/documents/{m}/confirm", {"data": {}}, "没有编号为 {m} 的文件"),
    ("POST", "/admin/indicators/{m}/confirm", {"data": {}}, "没有编号为 {m} 的指标"),
]  # fmt: skip


def test_a_missing_record_is_a_404_with_its_message(client: TestClient) -> None:
    csrf = login(client, "admin")
    for method, path, keywords, message in LOOKUPS:
        url, expected = path.format(m=MISSING), message.format(m=MISSING)
        headers = {"X-CSRF-Token": csrf} if url.startswith("/api/") else {}
        if "data" in keywords or "files" in keywords:
            keywords = {**keywords, "data": {**keywords.get("data", {}), "csrf_token": csrf}}
        response = client.request(method, url, headers=headers, **keywords)
        assert response.status_code == 404, (url, response.text)
        if url.startswith("/api/"):
            assert response.json()["error"]["message"] == expected, url
        else:
            assert expected in response.text, url


def _observation(site: Site) -> str:
    with site.database.session() as session:
        item = session.get(ObservationRecord, site.submitted_id)
        assert item is not None
        return f"{item.year} 年数值 {item.value}"


def _target(site: Site) -> str:
    with site.database.session() as session:
        target = session.get(AnnualTargetRecord, site.annual_target_id)
        assert target is not None
        return f"{target.indicator.name} {target.year} 年度目标"


@pytest.mark.parametrize(
    ("path", "comment", "verb", "what"),
    [
        ("/review/observations/{site.submitted_id}/approve", None, "已通过", _observation),
        ("/review/observations/{site.submitted_id}/return", "请核对", "已退回", _observation),
        ("/review/notes/{site.note_id}/approve", None, "已通过", lambda s: "2022 年的原因与措施"),
        ("/review/notes/{site.note_id}/return", "请补充", "已退回", lambda s: "2022 年的原因与措施"),
        ("/review/annual-targets/{site.annual_target_id}/approve", None, "已通过", _target),
        ("/review/annual-targets/{site.annual_target_id}/return", "偏高", "已退回", _target),
    ],
    ids=[
        "approve-observation", "return-observation", "approve-note", "return-note",
        "approve-annual-target", "return-annual-target",
    ],
)  # fmt: skip
def test_a_decision_goes_back_to_the_queue_with_its_message(
    client: TestClient, site: Site, path: str, comment: str | None, verb: str, what: Any
) -> None:
    csrf = login(client, "shenhe")
    form = {"csrf_token": csrf, "version": "1"} | ({"comment": comment} if comment else {})
    response = client.post(path.format(site=site), data=form)
    assert response.status_code == 303, response.text
    assert response.headers["location"] == f"/review?message={quote(f'{verb} {what(site)}')}"


@pytest.mark.parametrize(("action", "state"), [("approve", "approved"), ("return", "returned")])
def test_a_decision_on_a_task_report_goes_back_to_the_task(
    client: TestClient, site: Site, action: str, state: str
) -> None:
    csrf = login(client, "shenhe")
    form = {"csrf_token": csrf, "version": "1", "comment": "请补充"}
    response = client.post(f"/review/reports/{site.report_id}/{action}", data=form)
    word = "已通过" if action == "approve" else "已退回"
    expected = f"/tasks/T001?plan={site.plan_id}&message={quote(word + '进展报告')}"
    assert response.status_code == 303 and response.headers["location"] == expected
    report = client.get(f"/api/v1/plans/{site.plan_id}/tasks/T001").json()["reports"][0]
    assert report["review_state"] == state


@pytest.mark.parametrize(
    ("path", "body", "state", "comment"),
    [
        ("/api/v1/observations/{site.submitted_id}/approve", {}, "approved", ""),
        ("/api/v1/observations/{site.submitted_id}/return", {"comment": "请核对"}, "returned", "请核对"),
        ("/api/v1/progress-reports/{site.report_id}/approve", {}, "approved", ""),
        ("/api/v1/progress-reports/{site.report_id}/return", {"comment": "请补充"}, "returned", "请补充"),
        ("/api/v1/notes/{site.note_id}/approve", {}, "approved", ""),
        ("/api/v1/notes/{site.note_id}/return", {"comment": "请补充"}, "returned", "请补充"),
    ],
    ids=[
        "approve-observation", "return-observation", "approve-report", "return-report",
        "approve-note", "return-note",
    ],
)  # fmt: skip
def test_a_decision_in_the_api_answers_the_decided_record(
    client: TestClient, site: Site, path: str, body: dict[str, str], state: str, comment: str
) -> None:
    csrf = login(client, "shenhe")
    response = client.post(
        path.format(site=site), json={"version": 1, **body}, headers={"X-CSRF-Token": csrf}
    )
    assert response.status_code == 200, response.text
    decided = response.json()
    assert (decided["review_state"], decided["review_comment"], decided["version"]) == (
        state, comment, 2,
    )  # fmt: skip
