"""The dashboard in a real browser: Debian's Chromium driven by Playwright.

Screenshots of the main pages are kept in test-artifacts/ (not committed). Outside CI the
tests are skipped when /usr/bin/chromium is absent; .ci/run installs it.
"""

from __future__ import annotations

import io
import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn
from openpyxl import Workbook

from conftest import PASSWORD, Site, make_client

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = Path(__file__).parent.parent.parent / "test-artifacts"

if not Path(CHROMIUM).exists() and not os.environ.get("CI"):
    pytest.skip(
        "Debian chromium is not installed (apt-get install chromium)", allow_module_level=True
    )

from playwright.sync_api import Browser, Page, expect, sync_playwright  # noqa: E402


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@pytest.fixture(params=["sqlite"])
def server(site: Site) -> Iterator[str]:
    app = make_client(site).app
    port = free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning")
    running = uvicorn.Server(config)
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not running.started:
        if time.monotonic() > deadline:
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    running.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="zh-CN")
    opened = context.new_page()
    yield opened
    context.close()


def shot(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=False)


def sign_in(page: Page, server: str, username: str) -> None:
    page.goto(f"{server}/login")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    expect(page.locator(".account .who")).to_have_text(username)


def test_overview_then_indicator(page: Page, server: str) -> None:
    page.goto(f"{server}/")
    expect(page.locator("h1")).to_contain_text("泸州市江阳区")
    expect(page.locator('[data-status="基本符合预期"]')).to_have_text("1")
    expect(page.locator("#status-chart canvas")).to_have_count(1)
    shot(page, "overview")
    page.click("tr[data-code=I005] a")
    expect(page.locator("h1")).to_contain_text("GDP")
    expect(page.locator("#status")).to_have_text("基本符合预期")
    expect(page.locator("#trajectory canvas")).to_have_count(1)
    shot(page, "indicator")
    page.goto(f"{server}/plan")
    expect(page.locator("a.mark.target").first).to_be_visible()
    shot(page, "reader")
    page.goto(f"{server}/search?q=森林覆盖率")
    expect(page.locator(".results li").first).to_contain_text("森林覆盖率")
    shot(page, "search")


def public_status(browser: Browser, server: str) -> str:
    """GDP's status for 2023 (the year the editor enters) as someone not signed in reads it
    (public read-only mode)."""
    context = browser.new_context(locale="zh-CN")
    try:
        public = context.new_page()
        public.goto(f"{server}/indicators/I005?as_of=2023")
        return public.locator("#status").inner_text()
    finally:
        context.close()


def enter_gdp(page: Page, server: str, value: str) -> None:
    page.goto(f"{server}/indicators/I005")
    page.select_option("#observation-form select[name=year]", "2023")
    page.fill("#observation-form input[name=value]", value)
    page.fill("#observation-form input[name=source]", "区统计局快报")
    page.click("#observation-form button[type=submit]")
    expect(page.locator(".flash")).to_contain_text(f"已提交审核 2023 年数值 {value}")


def test_submit_return_fix_approve_and_only_then_public(
    browser: Browser, page: Page, server: str
) -> None:
    # 2022's 767.81 of a target of 1000 in 2025: 基本符合预期; 1010 or 1100 in 2023: 提前实现
    sign_in(page, server, "stats")
    enter_gdp(page, server, "1010")
    assert public_status(browser, server) == "基本符合预期"
    reviewer = browser.new_context(locale="zh-CN").new_page()
    sign_in(reviewer, server, "shenhe")
    reviewer.goto(f"{server}/review")
    row = reviewer.locator("#review-queue tr", has_text="1010")
    row.locator("input[name=comment]").fill("快报数与年报不符,请核对")
    row.locator("form.return button").click()
    expect(reviewer.locator(".flash")).to_contain_text("已退回 2023 年数值 1010")
    shot(reviewer, "review-returned")
    page.goto(f"{server}/submissions")
    returned = page.locator("#submissions tr", has_text="1010")
    expect(returned.locator(".state")).to_have_text("已退回")
    expect(returned.locator(".comment")).to_contain_text("快报数与年报不符,请核对")
    shot(page, "submissions-returned")
    enter_gdp(page, server, "1100")  # the fix, submitted again
    assert public_status(browser, server) == "基本符合预期"
    reviewer.goto(f"{server}/review")
    reviewer.locator("#review-queue tr", has_text="1100").locator("form.approve button").click()
    expect(reviewer.locator(".flash")).to_contain_text("已通过 2023 年数值 1100")
    assert public_status(browser, server) == "提前实现"
    reviewer.context.close()


def test_viewer_sees_no_form_and_is_refused_a_write(page: Page, server: str) -> None:
    sign_in(page, server, "deputy")
    page.goto(f"{server}/indicators/I005")
    expect(page.locator("#observation-form")).to_have_count(0)
    status = page.evaluate(
        """async () => {
            const me = await (await fetch('/api/v1/auth/me')).json();
            const r = await fetch('/api/v1/indicators/' + document.location.pathname.split('/').pop(),
                                  {method: 'GET'});
            const w = await fetch('/api/v1/plans', {method: 'POST', headers: {'X-CSRF-Token': me.csrf_token}});
            return [r.status, w.status];
        }"""
    )
    assert status[1] in (403, 422)  # refused before or at validation, never accepted


def test_data_upload_shows_progress_and_a_row_report(
    page: Page, server: str, tmp_path: Path
) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["指标编号", "年份", "数值"])
    sheet.append(["I005", 2023, "很多"])
    path = tmp_path / "数据.xlsx"
    book.save(path)
    sign_in(page, server, "stats")
    page.goto(f"{server}/entry")
    form = page.locator("form.upload").first
    form.locator("input[type=file]").set_input_files(str(path))
    form.locator("button[type=submit]").click()
    expect(form.locator(".report")).to_contain_text("第2行「数值」")
    expect(form.locator(".report")).to_contain_text("未写入任何数据")
    shot(page, "entry-upload-report")
    assert io  # imported for symmetry with the API tests' in-memory files


def test_import_list_and_an_editors_report(page: Page, server: str, tmp_path: Path) -> None:
    register = tmp_path / "项目库.csv"
    register.write_text(
        "项目名称,建设起止年限,总投资(亿元),牵头单位\n"
        "临港物流园,2022年3月—2024年底,1.2,区统计局\n"
        "错误项目,2024-2022,1,区统计局\n",
        encoding="utf-8",
    )
    sign_in(page, server, "admin")
    page.goto(f"{server}/projects")
    form = page.locator("#register-upload")
    form.locator("input[type=file]").set_input_files(str(register))
    form.locator("button[type=submit]").click()
    expect(form.locator(".report")).to_contain_text("第3行「建设起止年限」")
    expect(form.locator(".report")).to_contain_text("未写入任何数据")
    register.write_text(
        "项目名称,建设起止年限,总投资(亿元),牵头单位\n临港物流园,2022年3月—2024年底,1.2,区统计局\n",
        encoding="utf-8",
    )
    form.locator("input[type=file]").set_input_files(str(register))
    form.locator("button[type=submit]").click()
    expect(form.locator(".report")).to_contain_text("已新增项目 1 个")
    page.goto(f"{server}/projects")
    expect(page.locator("#projects")).to_contain_text("临港物流园")
    expect(page.locator("#totals")).to_contain_text("2 个项目")
    shot(page, "projects-list")
    page.context.clear_cookies()
    sign_in(page, server, "stats")
    page.goto(f"{server}/projects")
    page.click("#projects a:has-text('江北港二期')")
    page.fill("#report-form input[name=period]", "2023-06")
    page.fill("#report-form input[name=cumulative]", "3500")
    page.fill("#report-form textarea[name=progress]", "桩基完成")
    page.click("#report-form button[type=submit]")
    expect(page.locator("#reports")).to_contain_text("桩基完成")
    expect(page.locator("#judgement")).to_contain_text("累计完成 3500 / 总投资 10000")
    expect(page.locator("#project-chart canvas")).to_have_count(1)
    shot(page, "project-page")
    evidence = tmp_path / "桩基验收.pdf"
    evidence.write_bytes(b"%PDF-1.4\n%%EOF\n")
    upload = page.locator("#reports .evidence-form")
    upload.locator("input[type=file]").set_input_files(str(evidence))
    upload.locator("button[type=submit]").click()
    expect(page.locator("#reports a:has-text('桩基验收.pdf')")).to_have_count(1)
