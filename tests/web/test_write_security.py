"""Every write endpoint refuses: no one signed in, a viewer, an editor of another department,
a request without (or with someone else's) CSRF token. The table must list every write route."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient

from conftest import BULLETIN, Site, login, make_client

# path template → (payload for the write, who besides admin may do it: "editor" of the
# indicator's department, or "admin" only). {gdp} is led by 区统计局 (user "stats").
WRITES: dict[tuple[str, str], tuple[dict[str, Any], str]] = {
    ("POST", "/api/v1/indicators/{indicator_id}/observations"): (
        {"json": {"year": 2023, "value": "900"}},
        "editor",
    ),
    ("POST", "/api/v1/indicators/{indicator_id}/notes"): (
        {"json": {"year": 2022, "reason": "原因"}},
        "editor",
    ),
    ("PATCH", "/api/v1/indicators/{indicator_id}"): ({"json": {"name": "改名"}}, "admin"),
    ("POST", "/api/v1/plans"): (
        {"files": {"file": ("p.txt", "第一章 总体要求\n".encode(), "text/plain")}},
        "admin",
    ),
    ("POST", "/api/v1/plans/{plan_id}/observations/import"): (
        {"files": {"file": ("d.csv", "指标编号,年份,数值\nI005,2023,910\n".encode(), "text/csv")}},
        "editor",
    ),
    ("POST", "/indicators/{code}/observations"): (
        {"data": {"year": "2023", "value": "900"}},
        "editor",
    ),
    ("POST", "/indicators/{code}/notes"): ({"data": {"year": "2022", "reason": "原因"}}, "editor"),
    ("POST", "/entry"): ({"data": {"v-I005-2024": "950"}}, "editor"),  # the entry grid
    ("PATCH", "/api/v1/plans/{plan_id}"): ({"json": {"title": "新标题"}}, "admin"),
    ("PUT", "/api/v1/plans/{plan_id}/default"): ({}, "admin"),
    ("POST", "/api/v1/plans/{plan_id}/adjustments"): (
        {
            "json": {
                "approved_by": "区人大常委会",
                "decided_on": "2023-06-28",
                "effective_year": 2023,
                "changes": [{"indicator": "I005", "value": "950"}],
            }
        },
        "admin",
    ),
    ("POST", "/api/v1/plans/{plan_id}/continuity/confirm"): ({}, "admin"),
    ("POST", "/api/v1/plans/{plan_id}/alignment/{above}/proposals"): ({}, "admin"),
    ("PUT", "/api/v1/plans/{plan_id}/alignment/{above}/pairs"): (
        {"json": {"lower": "I005", "upper": "I005", "status": "confirmed"}},
        "admin",
    ),
    ("POST", "/align/{plan_id}/{above}/proposals"): ({"data": {}}, "admin"),
    ("POST", "/align/{plan_id}/{above}/pairs"): (
        {"data": {"lower": "I005", "upper": "I005", "status": "confirmed"}},
        "admin",
    ),
    ("POST", "/continuity/{plan_id}/confirm"): ({"data": {}}, "admin"),
    ("POST", "/plans/{plan_id}/settings"): ({"data": {"title": "新标题"}}, "admin"),
    ("POST", "/plans/{plan_id}/default"): ({"data": {}}, "admin"),
    ("POST", "/review/observations/{observation_id}/approve"): (
        {"data": {"version": "1"}},
        "reviewer",
    ),
    ("POST", "/review/observations/{observation_id}/return"): (
        {"data": {"version": "1", "comment": "请核对来源"}},
        "reviewer",
    ),
    ("POST", "/submissions/observations/{observation_id}/submit"): (
        {"data": {"version": "1"}},
        "editor",
    ),
    ("POST", "/plans/{plan_id}/locks"): ({"data": {"year": "2023"}}, "admin"),
    ("POST", "/plans/{plan_id}/locks/{year}/unlock"): ({"data": {"reason": "更正"}}, "admin"),
    ("POST", "/tasks/{code}/reports"): (
        {"data": {"year": "2023", "period": "H1", "status": "推进中", "send": "submit"}},
        "editor",
    ),
    ("POST", "/reports/{report_id}/evidence"): (
        {"files": {"file": ("说明.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf")}},
        "editor",
    ),
    ("POST", "/review/reports/{report_id}/approve"): ({"data": {"version": "1"}}, "reviewer"),
    ("POST", "/review/reports/{report_id}/return"): (
        {"data": {"version": "1", "comment": "请补充材料"}},
        "reviewer",
    ),
    ("POST", "/admin/users"): (
        {"data": {"username": "newone", "password": "another-horse-77", "role": "viewer"}},
        "admin",
    ),
    ("POST", "/admin/users/{username}/role"): ({"data": {"role": "viewer"}}, "admin"),
    ("POST", "/admin/users/{username}/deactivate"): ({"data": {}}, "admin"),
    ("POST", "/admin/users/{username}/reactivate"): ({"data": {}}, "admin"),
    ("POST", "/admin/users/{username}/password"): (
        {"data": {"password": "another-horse-77"}},
        "admin",
    ),
    ("POST", "/admin/indicators/{indicator_id}/confirm"): ({"data": {}}, "admin"),
    ("POST", "/admin/indicators/{indicator_id}/reject"): ({"data": {}}, "admin"),
    ("POST", "/admin/indicators/{indicator_id}/merge"): ({"data": {"into": "I001"}}, "admin"),
    ("POST", "/review/notes/{note_id}/approve"): ({"data": {"version": "1"}}, "reviewer"),
    ("POST", "/review/notes/{note_id}/return"): (
        {"data": {"version": "1", "comment": "措施不具体"}},
        "reviewer",
    ),
    ("POST", "/api/v1/projects/{project_id}/reports"): (
        {"json": {"period": "2023-06", "cumulative": "4000"}},
        "editor",
    ),
    ("PUT", "/api/v1/projects/{project_id}/milestones/{kind}"): (
        {"json": {"actual": "2021-03-01"}},
        "editor",
    ),
    ("POST", "/api/v1/projects/{project_id}/ratings"): (
        {"json": {"rating": "黄", "reason": "征地滞后"}},
        "editor",
    ),
    ("POST", "/api/v1/plans/{plan_id}/projects/import"): (
        {
            "files": {
                "file": (
                    "p.csv",
                    "项目名称,建设起止年限,总投资(万元)\n港口,2022,1\n".encode(),
                    "text/csv",
                )
            }
        },
        "admin",
    ),
    ("POST", "/projects/{project_id}/reports"): (
        {"data": {"period": "2023-06", "cumulative": "4000"}},
        "editor",
    ),
    ("POST", "/projects/{project_id}/reports/{period}/evidence"): (
        {"files": {"file": ("验收.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf")}},
        "editor",
    ),
    ("POST", "/projects/{project_id}/ratings"): (
        {"data": {"rating": "黄", "reason": "征地滞后"}},
        "editor",
    ),
    ("POST", "/api/v1/plans/{plan_id}/tasks/{code}/reports"): (
        {"json": {"year": 2023, "period": "H1", "status": "推进中", "submit": True}},
        "editor",
    ),
    ("POST", "/api/v1/progress-reports/{report_id}/submit"): ({"json": {"version": 1}}, "editor"),
    ("POST", "/api/v1/progress-reports/{report_id}/approve"): (
        {"json": {"version": 1}},
        "reviewer",
    ),
    ("POST", "/api/v1/progress-reports/{report_id}/return"): (
        {"json": {"version": 1, "comment": "请补充材料"}},
        "reviewer",
    ),
    ("POST", "/api/v1/observations/{observation_id}/submit"): ({"json": {"version": 1}}, "editor"),
    ("POST", "/api/v1/observations/{observation_id}/approve"): (
        {"json": {"version": 1}},
        "reviewer",
    ),
    ("POST", "/api/v1/observations/{observation_id}/return"): (
        {"json": {"version": 1, "comment": "请核对来源"}},
        "reviewer",
    ),
    ("POST", "/api/v1/notes/{note_id}/approve"): ({"json": {"version": 1}}, "reviewer"),
    ("POST", "/api/v1/notes/{note_id}/return"): (
        {"json": {"version": 1, "comment": "措施不具体"}},
        "reviewer",
    ),
    ("POST", "/tasks/import"): (
        {
            "files": {
                "file": ("分工.txt", "1.建设数据中心。(牵头单位:区统计局)\n".encode(), "text/plain")
            }
        },
        "admin",
    ),
    ("POST", "/tasks/import/confirm"): ({"data": {"items": "[]"}}, "admin"),
    ("POST", "/indicators/{code}/annual-targets"): (
        {"data": {"year": "2024", "value": "6.5", "comparator": "左右", "growth_rate": "true"}},
        "editor",
    ),
    ("POST", "/review/annual-targets/{target_id}/approve"): (
        {"data": {"version": "1"}},
        "reviewer",
    ),
    ("POST", "/review/annual-targets/{target_id}/return"): (
        {"data": {"version": "1", "comment": "请附文件"}},
        "reviewer",
    ),
    ("POST", "/plans/{plan_id}/documents"): (
        {"files": {"file": ("公报.txt", BULLETIN.encode(), "text/plain")}, "data": {}},
        "editor",
    ),
    ("POST", "/documents/{document_id}/confirm"): ({"data": {}}, "editor"),
    ("POST", "/api/v1/plans/{plan_id}/annual-targets/import"): (
        {"files": {"file": ("t.csv", "指标编号,年份,目标值\nI005,2024,1000\n".encode(), "text/csv")}},
        "editor",
    ),
    ("POST", "/api/v1/auth/logout"): ({}, "anyone"),
    ("POST", "/logout"): ({}, "anyone"),
}
PUBLIC_WRITES = {("POST", "/api/v1/auth/login"), ("POST", "/login")}


def url(path: str, site: Site) -> str:
    return path.format(
        indicator_id=site.gdp_id, plan_id=site.plan_id, above=site.plan_id,
        code="T001" if "/tasks/" in path else "I005",
        observation_id=site.submitted_id, year=2023, report_id=site.report_id,
        note_id=site.note_id,
        username="deputy",
        project_id=site.project_id, kind="开工", period="2023-06",
        target_id=site.annual_target_id, document_id=site.document_id,
    )  # fmt: skip


def send(
    client: TestClient, method: str, path: str, payload: dict[str, Any], csrf: str | None
) -> Any:
    headers = {"X-CSRF-Token": csrf} if csrf and "data" not in payload else {}
    body = dict(payload)
    if "data" in body and csrf:
        body["data"] = {**body["data"], "csrf_token": csrf}
    return client.request(method, path, headers=headers, **body)


def refused(response: Any, status: int, path: str) -> bool:
    if path.startswith("/api/"):
        return bool(response.status_code == status and response.json()["error"]["code"])
    if status == 401:
        return bool(
            response.status_code == 303 and response.headers["location"].startswith("/login")
        )
    return bool(response.status_code == status)


def test_the_table_lists_every_write_route() -> None:
    from planwatch.web import api, pages

    routes = {
        (method, prefix + route.path)
        for prefix, modules in ((api.PREFIX, api.MODULES), ("", pages.MODULES))
        for module in modules
        for route in module.router.routes
        if isinstance(route, APIRoute)
        for method in route.methods
        if method not in ("GET", "HEAD")
    }
    assert routes == set(WRITES) | PUBLIC_WRITES


@pytest.mark.parametrize(("method", "path"), list(WRITES), ids=[f"{m} {p}" for m, p in WRITES])
def test_anonymous_is_refused(client: TestClient, site: Site, method: str, path: str) -> None:
    payload, _ = WRITES[(method, path)]
    assert refused(send(client, method, url(path, site), payload, None), 401, path)


@pytest.mark.parametrize(("method", "path"), list(WRITES), ids=[f"{m} {p}" for m, p in WRITES])
def test_missing_or_foreign_csrf_is_refused(site: Site, method: str, path: str) -> None:
    payload, _ = WRITES[(method, path)]
    with make_client(site) as other:
        foreign = login(other, "admin")
    with make_client(site) as client:
        login(client, "admin")
        assert refused(send(client, method, url(path, site), payload, None), 403, path)
        assert refused(send(client, method, url(path, site), payload, foreign), 403, path)


@pytest.mark.parametrize(
    ("method", "path"),
    [w for w, (_, who) in WRITES.items() if who != "anyone"],
    ids=[f"{m} {p}" for (m, p), (_, who) in WRITES.items() if who != "anyone"],
)
@pytest.mark.parametrize("username", ["deputy", "reform"])
def test_viewer_and_other_department_are_refused(
    client: TestClient, site: Site, method: str, path: str, username: str
) -> None:
    payload, _ = WRITES[(method, path)]
    csrf = login(client, username)
    response = send(client, method, url(path, site), payload, csrf)
    if path.endswith(("/observations/import", "/annual-targets/import")) and username == "reform":
        # an editor may import a file, but each row for another department's indicator is refused
        assert response.status_code == 422 and response.json()["error"]["details"][0][
            "reason"
        ].startswith("无权")
        return
    if path.endswith("/documents") and username == "reform":
        # an editor may upload a bulletin to review it; writing is limited on confirmation
        assert response.status_code == 200, response.text
        return
    assert refused(response, 403, path), response.text


@pytest.mark.parametrize(
    ("method", "path"),
    [w for w, (_, who) in WRITES.items() if who == "editor"],
    ids=[f"{m} {p}" for (m, p), (_, who) in WRITES.items() if who == "editor"],
)
def test_editor_of_the_department_may(
    client: TestClient, site: Site, method: str, path: str
) -> None:
    payload, _ = WRITES[(method, path)]
    if path.endswith("/submit"):  # only a returned (or draft) record is resubmitted
        page = "/review/reports/{report_id}/return" if "reports" in path else (
            "/review/observations/{observation_id}/return")  # fmt: skip
        with make_client(site) as reviewer:
            send(reviewer, "POST", url(page, site),
                 {"data": {"version": "1", "comment": "请核对"}}, login(reviewer, "shenhe"))  # fmt: skip
        payload = (
            {"json": {"version": 2}} if path.startswith("/api/") else {"data": {"version": "2"}}
        )
    csrf = login(client, "stats")
    if path.endswith("/reports/{period}/evidence"):  # a file goes on an existing report
        made = send(client, "POST", url("/projects/{project_id}/reports", site),
                    {"data": {"period": "2023-06", "cumulative": "4000"}}, csrf)  # fmt: skip
        assert made.status_code == 303, made.text
    response = send(client, method, url(path, site), payload, csrf)
    assert response.status_code in (200, 201, 303), response.text


@pytest.mark.parametrize(
    ("method", "path"),
    [w for w, (_, who) in WRITES.items() if who == "reviewer"],
    ids=[f"{m} {p}" for (m, p), (_, who) in WRITES.items() if who == "reviewer"],
)
@pytest.mark.parametrize("username", ["shenhe", "admin"])
def test_reviewers_may_but_not_their_own(
    client: TestClient, site: Site, method: str, path: str, username: str
) -> None:
    payload, _ = WRITES[(method, path)]
    response = send(client, method, url(path, site), payload, login(client, username))
    assert response.status_code == (200 if path.startswith("/api/") else 303), response.text
    with make_client(site) as author:  # stats submitted it: stats may not decide on it
        again = send(author, method, url(path, site), payload, login(author, "stats"))
        assert again.status_code == 403


def test_the_public_value_changes_only_on_approval(client: TestClient, site: Site) -> None:
    def years() -> list[int]:
        body = client.get(f"/api/v1/indicators/{site.gdp_id}").json()
        return [r["year"] for r in body["revisions"]]

    assert years() == [2016, 2020, 2022]  # 900 for 2023 is submitted, not approved
    csrf = login(client, "shenhe")
    path = url("/review/observations/{observation_id}/approve", site)
    assert send(client, "POST", path, {"data": {"version": "1"}}, csrf).status_code == 303
    assert years() == [2016, 2020, 2022, 2023]
    # the form opened before the approval is stale now: 409, nothing changed
    stale = send(client, "POST", url("/review/observations/{observation_id}/return", site),
                 {"data": {"version": "1", "comment": "x"}}, csrf)  # fmt: skip
    assert stale.status_code == 409


def test_a_locked_year_refuses_entries(client: TestClient, site: Site) -> None:
    admin = login(client, "admin")
    lock = send(client, "POST", url("/plans/{plan_id}/locks", site), {"data": {"year": "2023"}},
                admin)  # fmt: skip
    assert lock.status_code == 303
    with make_client(site) as editor:
        refused = editor.post(f"/api/v1/indicators/{site.gdp_id}/observations",
                              headers={"X-CSRF-Token": login(editor, "stats")},
                              json={"year": 2023, "value": "901"})  # fmt: skip
        assert (
            refused.status_code == 423 and "已由 admin 锁定" in refused.json()["error"]["message"]
        )
    unlock = send(client, "POST", url("/plans/{plan_id}/locks/{year}/unlock", site),
                  {"data": {"reason": "更正"}}, admin)  # fmt: skip
    assert unlock.status_code == 303


def test_every_write_is_audited(client: TestClient, site: Site) -> None:
    from planwatch.store.models import AuditEntry

    csrf = login(client, "stats")
    client.post(
        f"/api/v1/indicators/{site.gdp_id}/observations",
        headers={"X-CSRF-Token": csrf},
        json={"year": 2023, "value": "900"},
    )
    with site.database.session() as session:
        entry = session.query(AuditEntry).filter_by(action="observe", actor="stats").one()
        assert entry.after is not None and entry.after["value"].startswith("900")


def test_private_mode_requires_sign_in_to_read(site: Site) -> None:
    with make_client(site, public_read=False) as client:
        assert client.get("/api/v1/plans").status_code == 401
        assert client.get("/").headers["location"].startswith("/login")
        login(client, "deputy")
        assert client.get("/api/v1/plans").status_code == 200


def test_session_cookie_is_http_only(client: TestClient) -> None:
    response = client.post(
        "/api/v1/auth/login", json={"username": "deputy", "password": "correct-horse-42"}
    )
    cookie = response.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=lax" in cookie
    wrong = client.post(
        "/api/v1/auth/login", json={"username": "deputy", "password": "wrong-password-1"}
    )
    assert wrong.status_code == 401 and wrong.json()["error"]["code"] == "unauthorized"


def test_docs_say_what_editors_may_write() -> None:
    """docs/security.md's role table: editors may enter data and notes but not edit an
    indicator, as the routes in WRITES allow."""
    from pathlib import Path

    doc = (Path(__file__).parents[2] / "docs" / "security.md").read_text(encoding="utf-8")
    rows = {
        line.split("|")[1].strip(): [cell.strip() for cell in line.split("|")[2:-1]]
        for line in doc.splitlines()
        if line.startswith("| ") and line.count("|") == 6
    }
    edit = next(cells for name, cells in rows.items() if name.startswith("edit an indicator"))
    data = next(cells for name, cells in rows.items() if name.startswith("enter or import"))
    assert WRITES[("PATCH", "/api/v1/indicators/{indicator_id}")][1] == "admin"
    assert edit[1] == "no" and "own department" in data[1]
    assert WRITES[("POST", "/api/v1/indicators/{indicator_id}/observations")][1] == "editor"


def test_docs_list_the_security_headers() -> None:
    from pathlib import Path

    from planwatch.web.security import CONTENT_SECURITY_POLICY, security_headers

    doc = (Path(__file__).parents[2] / "docs" / "security.md").read_text(encoding="utf-8")
    assert f"`{CONTENT_SECURITY_POLICY}`" in doc
    for name, value in security_headers():
        assert name.decode().lower() in doc.lower() and value.decode() in doc
