"""Import of a 分工方案 on the web (pages/assignments.py), on SQLite and PostgreSQL: upload,
preview with matches, scores and unit questions, refusals, and confirmation in one
transaction. The site (conftest.py) lists 区统计局 and 区发改局 as departments."""

from __future__ import annotations

from typing import Any

from bs4 import BeautifulSoup
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from conftest import Site, login, make_client
from planwatch.store.models import Department, DepartmentAlias, TaskRecord

FENGONG = (
    "江阳区“十四五”规划纲要主要目标任务分工方案\n"
    "一、主要指标\n"
    "1.地区生产总值年均增长6%左右。(预期性指标,牵头单位:区统计局;责任单位:区发改局)\n"
    "二、重点任务\n"
    "2.建设区域金融中心。(牵头单位:区金融工作局;责任单位:区发改局)\n"
    "3.推进城乡客运一体化。(牵头单位:区交运局;责任单位:区发改局;完成时限:2024年)\n"
)


def upload(client: TestClient, csrf: str, text: str, name: str = "分工方案.txt") -> Any:
    return client.post(
        "/tasks/import",
        data={"csrf_token": csrf},
        files={"file": (name, text.encode("utf-8"), "text/plain")},
    )


def counts(site: Site) -> tuple[int, int, int]:
    with site.database.session() as session:
        return tuple(  # type: ignore[return-value]
            session.scalar(select(func.count()).select_from(model))
            for model in (TaskRecord, Department, DepartmentAlias)
        )


def confirm_form(page: str) -> dict[str, str]:
    form = BeautifulSoup(page, "html.parser").select_one("#assignment-confirm")
    assert form is not None
    return {i["name"]: i["value"] for i in form.select("input[type=hidden]")}


def test_only_administrators_import(client: TestClient, site: Site) -> None:
    assert client.get("/tasks/import").status_code == 303  # to /login
    login(client, "stats")
    assert client.get("/tasks/import").status_code == 403
    with make_client(site) as admin:
        login(admin, "admin")
        page = admin.get("/tasks/import").text
        assert 'id="assignment-upload"' in page and 'enctype="multipart/form-data"' in page


def test_bad_uploads_are_refused_with_a_message(site: Site) -> None:
    with make_client(site, max_document_bytes=200) as client:
        csrf = login(client, "admin")
        wrong = upload(client, csrf, "x", name="方案.exe")
        assert wrong.status_code == 422 and "只能是 txt、docx、pdf 或 html" in wrong.text
        large = upload(client, csrf, FENGONG * 5)
        assert large.status_code == 422 and "超过" in large.text
        prose = upload(client, csrf, "今年经济运行总体平稳。\n")
        assert prose.status_code == 422 and "没有找到写明牵头单位或责任单位的分工条目" in prose.text
        assert upload(client, "not-the-token", FENGONG).status_code == 403


def test_preview_asks_about_unknown_units_and_confirm_writes_all_or_nothing(
    client: TestClient, site: Site
) -> None:
    before = counts(site)
    csrf = login(client, "admin")
    preview = upload(client, csrf, FENGONG)
    assert preview.status_code == 200, preview.text[:300]
    soup = BeautifulSoup(preview.text, "html.parser")
    lines = [tr["data-line"] for tr in soup.select("#assignment-rows tr[data-line]")]
    assert lines == ["3", "5", "6"]
    gdp = soup.select_one('#assignment-rows tr[data-line="3"]')
    # matched through the catalogue: 地区生产总值 is the sample indicator GDP
    assert gdp is not None and gdp.select("td")[3].get_text().endswith("GDP")
    assert float(gdp.select_one(".score").get_text()) >= 0.5  # type: ignore[union-attr]
    asked = [tr["data-unit"] for tr in soup.select("#unit-questions tr[data-unit]")]
    assert asked == ["区金融工作局", "区交运局"]  # never created silently
    assert counts(site) == before  # a preview writes nothing

    fields = confirm_form(preview.text)
    unanswered = client.post("/tasks/import/confirm", data=fields)
    assert unanswered.status_code == 422 and "请选择已有单位或选择新建" in unanswered.text
    assert counts(site) == before

    with site.database.session() as session:
        reform = session.scalars(select(Department).where(Department.name == "区发改局")).one()
    answers = {"choice_0": "new", "kind_0": "部门", "choice_1": str(reform.id), "kind_1": "部门"}
    done = client.post("/tasks/import/confirm", data={**fields, **answers})
    assert done.status_code == 303, done.text[:500]
    assert (
        "导入待确认任务" in done.headers["location"]
        or "%E5%AF%BC%E5%85%A5" in done.headers["location"]
    )
    tasks, units, aliases = counts(site)
    # three tasks proposed; 区金融工作局 created; 区交运局 recorded as an alias (of 区发改局,
    # as the person chose)
    assert (tasks, units, aliases) == (before[0] + 3, before[1] + 1, before[2] + 1)
    with site.database.session() as session:
        alias = session.scalars(
            select(DepartmentAlias).where(DepartmentAlias.name == "区交运局")
        ).one()
        assert alias.department.name == "区发改局"
        imported = session.scalars(
            select(TaskRecord).where(TaskRecord.origin == "assignment")
        ).all()
        assert {t.status for t in imported} == {"proposed"}
