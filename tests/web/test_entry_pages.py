"""Data entry on the web: the entry grid, the indicator form with its confirmations, the
API's 422 for implausible values, department templates and error pages naming the user.

The site (conftest.py): GDP (I005, 区统计局, user "stats") has 616.36 (2020), 767.81 (2022)
and 900 (2023, submitted); 旅游综合收入 (I009) has 87 (2020); 森林覆盖率 (I004, %) the
baseline 39.2 (2020).
"""

from __future__ import annotations

import io
import re
from decimal import Decimal

from fastapi.testclient import TestClient
from openpyxl import load_workbook

from conftest import Site, login
from planwatch.services.observations import current_observation, find_indicator
from planwatch.services.plans import get_plan


def stored(site: Site, name: str, year: int) -> tuple[Decimal, str, str] | None:
    with site.database.session() as session:
        found = current_observation(find_indicator(get_plan(session, None), name), year)
        return (found.value, found.review_state, found.confirmed_checks) if found else None


def indicator_id(site: Site, name: str) -> int:
    with site.database.session() as session:
        return find_indicator(get_plan(session, None), name).id


def form(csrf: str, site: Site, **fields: str) -> dict[str, str]:
    return {"csrf_token": csrf, "plan": str(site.plan_id), **fields}


def test_a_jump_in_the_form_is_asked_then_saved_with_the_confirmation(
    client: TestClient, site: Site
) -> None:
    csrf = login(client, "admin")
    refused = client.post("/indicators/I009/observations",
                          data=form(csrf, site, year="2021", value="15600", source="快报"))  # fmt: skip
    assert refused.status_code == 422
    # 15600 / 87 = 179.3: beyond the ×3 of the default setting
    assert "179.3 倍" in refused.text and 'name="confirm"' in refused.text
    assert 'value="15600"' in refused.text and 'value="快报"' in refused.text  # kept as typed
    assert stored(site, "旅游综合收入", 2021) is None
    saved = client.post("/indicators/I009/observations",
                        data=form(csrf, site, year="2021", value="15600", confirm="1"))  # fmt: skip
    assert saved.status_code == 303
    assert stored(site, "旅游综合收入", 2021) == (Decimal(15600), "approved", "jump")
    page = client.get("/indicators/I009", params={"plan": site.plan_id})
    assert "已确认:变动幅度" in page.text


def test_a_value_with_a_unit_is_converted_and_a_word_is_refused_at_the_field(
    client: TestClient, site: Site
) -> None:
    csrf = login(client, "admin")
    # 8000000万元 = 8000000 × 10⁴ / 10⁸ 亿元 = 800 亿元 (GDP is in 亿元; 800 after 900 is fine)
    response = client.post("/indicators/I005/observations",
                           data=form(csrf, site, year="2024", value="8000000万元"))  # fmt: skip
    assert response.status_code == 303
    assert stored(site, "GDP", 2024) == (Decimal(800), "approved", "")
    refused = client.post("/indicators/I005/observations",
                          data=form(csrf, site, year="2025", value="很多"))  # fmt: skip
    assert refused.status_code == 422
    assert re.search(r'id="value-error"[^>]*>不是数字<', refused.text)
    assert 'value="很多"' in refused.text and 'aria-invalid="true"' in refused.text


def test_the_api_answers_422_with_the_checks_unless_confirmed(
    client: TestClient, site: Site
) -> None:
    csrf = login(client, "admin")
    headers = {"X-CSRF-Token": csrf}
    tourism = f"/api/v1/indicators/{indicator_id(site, '旅游综合收入')}/observations"
    forest = f"/api/v1/indicators/{indicator_id(site, '森林覆盖率')}/observations"
    for path, value, check in [(tourism, "15600", "jump"), (tourism, "-5", "sign"),
                               (forest, "130", "range")]:  # fmt: skip
        response = client.post(path, json={"year": 2021, "value": value}, headers=headers)
        assert response.status_code == 422, value
        error = response.json()["error"]
        assert error["code"] == "invalid_input" and check in [d["check"] for d in error["details"]]
    assert stored(site, "旅游综合收入", 2021) is None and stored(site, "森林覆盖率", 2021) is None
    response = client.post(tourism, json={"year": 2021, "value": "15600", "confirm": True},
                           headers=headers)  # fmt: skip
    assert response.status_code == 201
    assert stored(site, "旅游综合收入", 2021) == (Decimal(15600), "approved", "jump")
    revisions = response.json()["indicator"]["revisions"]
    assert [r["confirmed_checks"] for r in revisions if r["year"] == 2021] == [["jump"]]


def test_the_grid_shows_ones_own_indicators_and_saves_changed_cells(
    client: TestClient, site: Site
) -> None:
    csrf = login(client, "stats")
    page = client.get("/entry", params={"plan": site.plan_id})
    cells = set(re.findall(r'name="(v-[A-Z0-9]+-\d{4})"', page.text))
    # 区统计局 leads GDP only; the grid runs 2020 (the year before the period) to 2025
    assert cells == {f"v-I005-{year}" for year in range(2020, 2026)}
    assert 'name="v-I005-2022" id="v-I005-2022" value="767.81"' in page.text
    response = client.post("/entry", data=form(csrf, site, **{"v-I005-2024": "９５０",
                                                            "v-I005-2022": "767.81"}))  # fmt: skip
    assert response.status_code == 303 and "1" in response.headers["location"]
    # full-width digits read as 950; an editor's value goes to review
    assert stored(site, "GDP", 2024) == (Decimal(950), "submitted", "")
    assert stored(site, "GDP", 2022) == (Decimal("767.81"), "approved", "")


def test_the_grid_keeps_what_was_typed_and_writes_nothing_on_any_error(
    client: TestClient, site: Site
) -> None:
    csrf = login(client, "stats")
    response = client.post("/entry", data=form(csrf, site, **{"v-I005-2024": "960",
                                                            "v-I005-2025": "一千"}))  # fmt: skip
    assert response.status_code == 422
    assert 'value="一千"' in response.text and 'value="960"' in response.text
    assert re.search(r'id="v-I005-2025-why">不是数字<', response.text)
    assert stored(site, "GDP", 2024) is None  # the good cell was not written either


def test_a_jump_in_the_grid_needs_the_confirmation(client: TestClient, site: Site) -> None:
    csrf = login(client, "stats")
    # 9000 after 2023's 900 is ×10: beyond ×3
    response = client.post("/entry", data=form(csrf, site, **{"v-I005-2024": "9000"}))
    assert response.status_code == 422 and "10.0 倍" in response.text
    assert 'name="confirm"' in response.text and stored(site, "GDP", 2024) is None
    response = client.post("/entry", data=form(csrf, site, **{"v-I005-2024": "9000"}, confirm="1"))
    assert response.status_code == 303
    assert stored(site, "GDP", 2024) == (Decimal(9000), "submitted", "jump")


def test_a_cell_of_another_department_is_refused(client: TestClient, site: Site) -> None:
    csrf = login(client, "reform")
    response = client.post("/entry", data=form(csrf, site, **{"v-I005-2024": "950"}))
    assert response.status_code == 403 and "I005" in response.text


def test_the_department_template_holds_only_its_indicators(client: TestClient, site: Site) -> None:
    login(client, "stats")
    response = client.get("/entry/template.xlsx", params={"plan": site.plan_id})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    codes = {row[0] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert codes == {"I005"}
    anonymous = TestClient(client.app, follow_redirects=False)
    assert anonymous.get("/entry/template.xlsx").status_code == 303  # to the sign-in page


def test_error_pages_name_who_is_signed_in(client: TestClient, site: Site) -> None:
    login(client, "stats")
    missing = client.get("/indicators/I999", params={"plan": site.plan_id})
    assert missing.status_code == 404 and '<span class="who">stats</span>' in missing.text
    assert "退出" in missing.text
    csrf = client.cookies  # the sign-in stays; a form for another department's indicator:
    forbidden = client.post("/indicators/I006/observations",
                            data=form(login(client, "stats"), site, year="2023", value="1"))  # fmt: skip
    assert forbidden.status_code == 403 and '<span class="who">stats</span>' in forbidden.text
    assert csrf is not None


def test_an_import_with_an_implausible_value_needs_confirm(client: TestClient, site: Site) -> None:
    csrf = login(client, "admin")
    data = "指标编号,指标名称,年份,数值\nI009,旅游综合收入,2021,15600\n".encode()
    path = f"/api/v1/plans/{site.plan_id}/observations/import"
    refused = client.post(path, headers={"X-CSRF-Token": csrf},
                          files={"file": ("d.csv", data, "text/csv")})  # fmt: skip
    assert refused.status_code == 422
    detail = refused.json()["error"]["details"][0]
    assert (detail["row"], detail["column"]) == (2, "数值") and "179.3 倍" in detail["reason"]
    assert stored(site, "旅游综合收入", 2021) is None
    saved = client.post(path, params={"confirm": "true"}, headers={"X-CSRF-Token": csrf},
                        files={"file": ("d.csv", data, "text/csv")})  # fmt: skip
    assert saved.status_code == 200 and saved.json()["added"] == 1
    assert stored(site, "旅游综合收入", 2021) == (Decimal(15600), "approved", "jump")
