"""Task, review, submissions and administration pages; evidence download; audit CSV."""

from __future__ import annotations

from fastapi.testclient import TestClient

from conftest import Site, login, make_client

PDF = b"%PDF-1.4\n%%EOF\n"


def test_task_list_and_page_show_units_and_reports(client: TestClient, site: Site) -> None:
    listing = client.get(f"/tasks?plan={site.plan_id}")
    assert listing.status_code == 200
    assert "建设区域统计数据中心" in listing.text and "区统计局" in listing.text
    page = client.get(f"/tasks/T001?plan={site.plan_id}")
    assert page.status_code == 200 and "牵头:区统计局" in page.text
    assert 'id="report-form"' not in page.text  # not signed in: no form
    login(client, "stats")
    assert 'id="report-form"' in client.get(f"/tasks/T001?plan={site.plan_id}").text


def test_evidence_is_downloaded_by_permitted_users_only(client: TestClient, site: Site) -> None:
    csrf = login(client, "stats")
    uploaded = client.post(f"/reports/{site.report_id}/evidence", headers={"X-CSRF-Token": csrf},
                           files={"file": ("说明.pdf", PDF, "application/pdf")})  # fmt: skip
    assert uploaded.status_code == 303, uploaded.text
    wrong = client.post(f"/reports/{site.report_id}/evidence", headers={"X-CSRF-Token": csrf},
                        files={"file": ("假.pdf", b"MZ\x90\x00", "application/pdf")})  # fmt: skip
    assert wrong.status_code == 422
    download = client.get("/evidence/1")
    assert download.status_code == 200 and download.content == PDF
    assert download.headers["content-type"] == "application/pdf"
    with make_client(site) as other:
        login(other, "reform")  # an editor of another department
        assert other.get("/evidence/1").status_code == 403


def test_review_and_submissions_pages(client: TestClient, site: Site) -> None:
    login(client, "stats")
    mine = client.get("/submissions")
    assert mine.status_code == 200 and "待审核" in mine.text
    assert client.get("/review").status_code == 403  # an editor reviews nothing
    with make_client(site) as reviewer:
        login(reviewer, "shenhe")
        queue = reviewer.get("/review")
        assert queue.status_code == 200 and f'data-observation="{site.submitted_id}"' in queue.text


def test_admin_pages_users_and_audit_csv(client: TestClient, site: Site) -> None:
    csrf = login(client, "admin")
    users = client.get("/admin/users")
    assert users.status_code == 200 and 'data-user="shenhe"' in users.text
    gone = client.post("/admin/users/deputy/deactivate", data={"csrf_token": csrf})
    assert gone.status_code == 303
    back = client.post("/admin/users/deputy/reactivate", data={"csrf_token": csrf})
    assert back.status_code == 303
    role = client.post("/admin/users/deputy/role",
                       data={"csrf_token": csrf, "role": "editor", "department": "区发改局"})  # fmt: skip
    assert role.status_code == 303
    bad = client.post("/admin/users/deputy/role",
                      data={"csrf_token": csrf, "role": "editor", "department": "区文旅局"})  # fmt: skip
    assert bad.status_code == 422 and "未知单位「区文旅局」" in bad.text
    page = client.get("/admin/audit", params={"actor": "admin", "entity": "user"})
    assert page.status_code == 200 and "reactivate" in page.text
    export = client.get("/admin/audit.csv", params={"actor": "admin", "entity": "user"})
    lines = export.content.decode("utf-8-sig").splitlines()
    assert lines[0] == "时间,操作人,操作,对象,对象编号,修改前,修改后"
    # newest first: role, reactivate, deactivate, then the admin's sign-in
    assert [line.split(",")[2] for line in lines[1:4]] == ["role", "reactivate", "deactivate"]
    with make_client(site) as viewer:
        login(viewer, "shenhe")
        assert viewer.get("/admin/audit").status_code == 403


def test_admin_confirms_rejects_and_merges_indicators(client: TestClient, site: Site) -> None:
    from planwatch.store.models import IndicatorRecord

    csrf = login(client, "admin")
    page = client.get(f"/admin/indicators?plan={site.plan_id}")
    assert page.status_code == 200 and 'data-code="I005"' in page.text
    with site.database.session() as session:
        count = len(session.query(IndicatorRecord).all())
    confirm = client.post(f"/admin/indicators/{site.trade_id}/confirm", data={"csrf_token": csrf})
    assert confirm.status_code == 303
    refused = client.post(f"/admin/indicators/{site.trade_id}/reject", data={"csrf_token": csrf})
    assert refused.status_code == 422 and "已确认,不能删除" in refused.text
    merged = client.post(f"/admin/indicators/{site.trade_id}/merge",
                         data={"csrf_token": csrf, "into": "I005"})  # fmt: skip
    assert merged.status_code == 303
    with site.database.session() as session:
        assert len(session.query(IndicatorRecord).all()) == count - 1
        assert session.get(IndicatorRecord, site.trade_id) is None
