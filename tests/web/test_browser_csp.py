"""The pages under their Content-Security-Policy in a real browser: no violation reported,
charts drawn, the upload form's script working. Uses the fixtures of test_browser.py."""

from __future__ import annotations

from playwright.sync_api import Page, expect
from test_browser import browser, page, server, sign_in  # noqa: F401  (fixtures)

PAGES = ["/", "/indicators/I005", "/plan", "/search?q=森林", "/departments", "/entry", "/login"]


def test_no_page_breaks_its_own_policy(page: Page, server: str) -> None:  # noqa: F811
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    sign_in(page, server, "admin")
    for path in PAGES:
        response = page.goto(f"{server}{path}")
        assert response is not None and "content-security-policy" in response.headers
        page.wait_for_load_state("networkidle")
    page.goto(f"{server}/")
    expect(page.locator("#status-chart canvas")).to_have_count(1)
    assert not [p for p in problems if "Content Security Policy" in p or "Refused" in p], problems
