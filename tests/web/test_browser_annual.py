"""A bulletin uploaded, reviewed and confirmed in a real browser (Debian's Chromium)."""

from __future__ import annotations

from pathlib import Path

from test_browser import browser, page, server, shot, sign_in  # noqa: F401 - fixtures

from conftest import BULLETIN, Site

from playwright.sync_api import Page, expect  # isort: skip

from planwatch.store.models import ObservationRecord


def test_upload_review_confirm(page: Page, server: str, site: Site, tmp_path: Path) -> None:  # noqa: F811
    path = tmp_path / "江阳区2023年统计公报.txt"
    path.write_text(BULLETIN, encoding="utf-8")
    sign_in(page, server, "stats")
    page.goto(f"{server}/entry")
    form = page.locator("#document-form")
    form.locator("input[type=file]").set_input_files(str(path))
    form.locator("button[type=submit]").click()
    table = page.locator("#figures")
    expect(table).to_contain_text("I005 GDP(亿元)")
    expect(table).to_contain_text("812.3亿元")
    expect(page.locator("#document-year")).to_have_text("2023")
    shot(page, "bulletin-review")
    with site.database.session() as session:  # reviewing wrote nothing
        assert not session.query(ObservationRecord).filter_by(recorded_by="stats", year=2023,
                                                              is_growth_rate=True).count()  # fmt: skip
    page.locator("#confirm-form button[type=submit]").click()
    expect(page.locator("body")).to_contain_text("已写入待审核的实际值 2 个")
    with site.database.session() as session:
        written = session.query(ObservationRecord).filter_by(recorded_by="stats", year=2023)
        assert {(str(o.value), o.review_state) for o in written if o.value != 900} == {
            ("812.3", "submitted"), ("6.1", "submitted")}  # fmt: skip


def test_enter_an_annual_target_approve_it_and_see_the_column(
    page: Page,  # noqa: F811
    server: str,  # noqa: F811
    browser: object,  # noqa: F811
) -> None:
    sign_in(page, server, "stats")
    page.goto(f"{server}/indicators/I005")
    form = page.locator("#annual-target-form")
    form.locator("select[name=year]").select_option("2022")
    form.locator("select[name=comparator]").select_option("左右")
    form.locator("input[name=value]").fill("6.5")
    form.locator("input[name=growth_rate]").check()
    form.locator("button[type=submit]").click()
    expect(page.locator(".flash")).to_contain_text("已提交审核 2022 年度目标")
    expect(page.locator("#annual-targets")).to_contain_text("待审核")
    reviewer = browser.new_context(locale="zh-CN").new_page()  # type: ignore[attr-defined]
    sign_in(reviewer, server, "shenhe")
    reviewer.goto(f"{server}/review")
    row = reviewer.locator("#review-annual-targets tr", has_text="2022")
    expect(row).to_contain_text("增长 6.5% 左右")
    row.locator("button", has_text="通过").click()
    expect(reviewer.locator(".flash")).to_contain_text("已通过")
    page.goto(f"{server}/?as_of=2022")
    expect(page.locator("th.annual-column").first).to_have_text("2022年度目标")
    # 2022 has a level (767.81) but no 2021 level and no published rate: 无数据
    expect(page.locator("tr[data-code=I005] .annual-cell")).to_contain_text("无数据")
    shot(page, "overview-annual-column")
    page.goto(f"{server}/indicators/I005")  # the approved target charted (drawn by ECharts)
    expect(page.locator("#annual-chart canvas")).to_have_count(1)
    shot(page, "indicator-annual-chart")
