"""Evidence files on the project page: upload (CSRF, 413 too large, 422 wrong type, a
duplicate refused), the list on the page, download for permitted users only."""

from __future__ import annotations

import hashlib

from fastapi.testclient import TestClient
from httpx import Response

from conftest import Site, login, make_client
from planwatch.store.models import ProjectEvidenceFile

PDF = b"%PDF-1.4\n%%EOF\n"


def with_report(client: TestClient, site: Site, csrf: str) -> None:
    made = client.post(f"/projects/{site.project_id}/reports",
                       data={"csrf_token": csrf, "period": "2023-06", "cumulative": "4000"})  # fmt: skip
    assert made.status_code == 303, made.text


def upload(client: TestClient, site: Site, csrf: str, name: str, data: bytes) -> Response:
    return client.post(f"/projects/{site.project_id}/reports/2023-06/evidence",
                       data={"csrf_token": csrf}, files={"file": (name, data, "application/pdf")})  # fmt: skip


def test_upload_list_and_download(client: TestClient, site: Site) -> None:
    csrf = login(client, "stats")  # an editor of 区统计局, which leads the project
    with_report(client, site, csrf)
    done = upload(client, site, csrf, "验收报告.pdf", PDF)
    assert done.status_code == 303, done.text
    with site.database.session() as session:
        stored = session.query(ProjectEvidenceFile).one()
        evidence_id = stored.id
        assert stored.sha256 == hashlib.sha256(PDF).hexdigest()  # by hand, from the bytes sent
    page = client.get(f"/projects/{site.project_id}").text
    link = f'href="/projects/{site.project_id}/evidence/{evidence_id}"'
    assert link in page and "验收报告.pdf" in page and "evidence-form" in page
    download = client.get(f"/projects/{site.project_id}/evidence/{evidence_id}")
    assert download.status_code == 200 and download.content == PDF
    assert download.headers["content-type"] == "application/pdf"
    again = upload(client, site, csrf, "副本.pdf", PDF)
    assert again.status_code == 422 and "副本.pdf" in again.text
    for name, status in (("reform", 403), ("deputy", 403), ("shenhe", 200), ("admin", 200)):
        with make_client(site) as other:
            login(other, name)
            got = other.get(f"/projects/{site.project_id}/evidence/{evidence_id}")
            assert got.status_code == status, name
    with make_client(site) as anonymous:
        listed = anonymous.get(f"/projects/{site.project_id}").text
        assert "验收报告.pdf" in listed and link not in listed and "evidence-form" not in listed
        refused = anonymous.get(f"/projects/{site.project_id}/evidence/{evidence_id}")
        assert refused.status_code in (401, 303)


def test_bad_uploads_name_the_file_and_store_nothing(site: Site) -> None:
    with make_client(site, max_evidence_bytes=100) as client:
        csrf = login(client, "stats")
        with_report(client, site, csrf)
        wrong = upload(client, site, csrf, "假.pdf", b"MZ\x90\x00" + b"\x00" * 10)
        assert wrong.status_code == 422
        assert "假.pdf: 证明材料只能是 PDF" in wrong.text
        large = upload(client, site, csrf, "大.pdf", PDF + b"\x00" * 100)  # 115 bytes > 100
        assert large.status_code == 413 and "大.pdf" in large.text
        no_token = upload(client, site, "not-the-token", "a.pdf", PDF)
        assert no_token.status_code == 403
        missing = client.post(f"/projects/{site.project_id}/reports/2024-01/evidence",
                              data={"csrf_token": csrf}, files={"file": ("a.pdf", PDF)})  # fmt: skip
        assert missing.status_code == 404
    with site.database.session() as session:
        assert session.query(ProjectEvidenceFile).count() == 0
