"""The tasks and review API (/api/v1): the workflow an editor and a reviewer go through, the
same refusals as the pages, completeness and the scorecard as JSON — SQLite and PostgreSQL.

The site (conftest.py): task T001 建设区域统计数据中心, led by 区统计局; 统计局 (user stats)
submitted its 2023 全年 report (推进中, version 1, ``report_id``).
"""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from conftest import Site, login, make_client


def tasks_url(site: Site, tail: str = "") -> str:
    return f"/api/v1/plans/{site.plan_id}/tasks{tail}"


def post(client: TestClient, path: str, csrf: str, body: dict[str, Any]) -> Any:
    return client.post(path, json=body, headers={"X-CSRF-Token": csrf})


def public_reports(site: Site) -> list[tuple[int, str, str]]:
    with make_client(site) as anonymous:
        body = anonymous.get(tasks_url(site, "/T001/reports")).json()
    return [(r["year"], r["period"], r["status"]) for r in body]


def test_list_and_filters(client: TestClient, site: Site) -> None:
    every = client.get(tasks_url(site)).json()
    assert [t["code"] for t in every] == ["T001"]
    assert every[0] == {
        "code": "T001", "title": "建设区域统计数据中心", "category": "section",
        "status": "confirmed", "chapter": None, "lead": "区统计局",
        "units": [{"name": "区统计局", "role": "lead"}], "deadline": "",
        "progress": "未报送",  # its only report awaits review
    }  # fmt: skip
    assert client.get(tasks_url(site), params={"department": "区发改局"}).json() == []
    assert len(client.get(tasks_url(site), params={"progress": "未报送"}).json()) == 1
    assert client.get(tasks_url(site), params={"status": "proposed"}).json() == []
    assert client.get(tasks_url(site), params={"q": "统计"}).json()[0]["code"] == "T001"
    missing = client.get(tasks_url(site, "/T999"))
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "not_found"


def test_unapproved_reports_are_shown_only_to_those_concerned(
    client: TestClient, site: Site
) -> None:
    assert public_reports(site) == []  # anonymous: the submitted report is not public
    login(client, "stats")
    mine = client.get(tasks_url(site, "/T001")).json()
    assert [(r["review_state"], r["version"]) for r in mine["reports"]] == [("submitted", 1)]
    assert mine["may_report"] and not mine["may_review"]


def test_submit_return_resubmit_approve(site: Site) -> None:
    with make_client(site) as editor, make_client(site) as reviewer:
        stats, shenhe = login(editor, "stats"), login(reviewer, "shenhe")
        report = f"/api/v1/progress-reports/{site.report_id}"
        # the author may not decide on their own report; an editor is no reviewer anyway
        own = post(editor, f"{report}/approve", stats, {"version": 1})
        assert own.status_code == 403
        returned = post(
            reviewer, f"{report}/return", shenhe, {"version": 1, "comment": "请补充数据"}
        )
        assert returned.status_code == 200, returned.text
        assert (returned.json()["review_state"], returned.json()["version"]) == ("returned", 2)
        # the editor rewrites the report from the form opened at version 2 and submits it
        fixed = post(editor, tasks_url(site, "/T001/reports"), stats, {
            "year": 2023, "period": "Y", "status": "推进中", "narrative": "数据中心主体完工",
            "figures": [{"name": "接入部门", "value": "12", "unit": "个"}],
            "version": 2, "submit": True,
        })  # fmt: skip
        assert fixed.status_code == 201, fixed.text
        body = fixed.json()
        assert (body["review_state"], body["version"], body["figures"]) == (
            "submitted",
            3,
            [{"name": "接入部门", "value": "12", "unit": "个"}],
        )
        assert public_reports(site) == []  # still not public
        # a decision from a page opened at version 2 is stale: 409 with the current version
        stale = post(reviewer, f"{report}/approve", shenhe, {"version": 2})
        assert stale.status_code == 409
        assert stale.json()["error"]["details"] == [{"current_version": 3}]
        approved = post(reviewer, f"{report}/approve", shenhe, {"version": 3})
        assert approved.status_code == 200 and approved.json()["review_state"] == "approved"
        assert public_reports(site) == [(2023, "Y", "推进中")]  # public only now
        again = post(reviewer, f"{report}/return", shenhe, {"version": 4, "comment": "x"})
        assert again.status_code == 422  # only a submitted report is decided on


def test_a_locked_year_is_423_with_a_clear_message(site: Site) -> None:
    with make_client(site) as admin, make_client(site) as editor:
        csrf = login(admin, "admin")
        locked = admin.post(
            f"/plans/{site.plan_id}/locks", data={"year": "2023", "csrf_token": csrf}
        )
        assert locked.status_code == 303
        refused = post(editor, tasks_url(site, "/T001/reports"), login(editor, "stats"),
                       {"year": 2023, "period": "Q1", "status": "推进中"})  # fmt: skip
        assert refused.status_code == 423
        error = refused.json()["error"]
        assert error["code"] == "locked" and "2023 年已由 admin 锁定" in error["message"]
        other_year = post(editor, tasks_url(site, "/T001/reports"), login(editor, "stats"),
                          {"year": 2022, "period": "Q1", "status": "推进中"})  # fmt: skip
        assert other_year.status_code == 201


def test_observation_review_through_the_api(site: Site) -> None:
    with make_client(site) as reviewer:
        shenhe = login(reviewer, "shenhe")
        queue = reviewer.get("/api/v1/review/queue").json()
        assert [o["id"] for o in queue["observations"]] == [site.submitted_id]
        assert [r["task"] for r in queue["reports"]] == ["T001"]
        assert [(n["id"], n["year"]) for n in queue["notes"]] == [(site.note_id, 2022)]
        note = post(reviewer, f"/api/v1/notes/{site.note_id}/approve", shenhe, {"version": 1})
        assert note.status_code == 200 and note.json()["review_state"] == "approved"
        path = f"/api/v1/observations/{site.submitted_id}/return"
        empty = post(reviewer, path, shenhe, {"version": 1, "comment": ""})
        assert empty.status_code == 422
        done = post(reviewer, path, shenhe, {"version": 1, "comment": "请核对来源"})
        assert done.json()["review_state"] == "returned"
    with make_client(site) as viewer:
        login(viewer, "deputy")
        assert viewer.get("/api/v1/review/queue").status_code == 403


def test_completeness_and_scorecard_as_json(client: TestClient, site: Site) -> None:
    body = client.get(f"/api/v1/plans/{site.plan_id}/completeness", params={"year": 2023}).json()
    task_items = [i for i in body["items"] if i["kind"] == "任务进展"]
    # T001's 2023 全年 report is submitted, not approved: due, and pending
    assert task_items == [{
        "department": "区统计局", "period": "Y", "kind": "任务进展", "code": "T001",
        "name": "建设区域统计数据中心", "state": "submitted", "state_label": "待审核", "comment": "",
    }]  # fmt: skip
    assert all(i["state"] in ("missing", "returned") for i in body["follow_up"])
    quarter = client.get(f"/api/v1/plans/{site.plan_id}/completeness",
                         params={"year": 2023, "period": "Q1"}).json()  # fmt: skip
    assert [(i["code"], i["state"]) for i in quarter["items"]] == [("T001", "missing")]
    bad = client.get(
        f"/api/v1/plans/{site.plan_id}/completeness", params={"year": 2023, "period": "M1"}
    )
    assert bad.status_code == 422
    cards = client.get(f"/api/v1/plans/{site.plan_id}/scorecard").json()
    stats = next(c for c in cards if c["department"] == "区统计局")
    assert stats["tasks"] == [{"code": "T001", "title": "建设区域统计数据中心", "status": "未报送"}]
    assert stats["task_counts"]["未报送"] == 1
    gdp = client.get(f"/api/v1/indicators/{site.gdp_id}").json()["code"]
    assert gdp in [i["code"] for i in stats["indicators"]]  # 区统计局 leads GDP


def test_the_schema_documents_the_new_routes(client: TestClient) -> None:
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    for path in ("/api/v1/plans/{plan_id}/tasks", "/api/v1/plans/{plan_id}/tasks/{code}/reports",
                 "/api/v1/progress-reports/{report_id}/approve", "/api/v1/review/queue",
                 "/api/v1/plans/{plan_id}/completeness", "/api/v1/plans/{plan_id}/scorecard"):  # fmt: skip
        assert path in paths, path
        for operation in paths[path].values():
            assert operation["description"] or operation["summary"]
