"""The main pages in Chromium at 1400 px and 390 px (a phone), with screenshots in
test-artifacts/ (``pages-<width>-<page>.png``): the overview as cards on a phone, the
indicator page with its table view, the reader with the outline in a drawer, search, and
the entry grid with an implausible value confirmed.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect
from test_browser import ARTIFACTS, browser, server  # noqa: F401 - fixtures

from conftest import PASSWORD

WIDTHS = [1400, 390]


@pytest.fixture(params=WIDTHS, ids=[f"{w}px" for w in WIDTHS])
def sized(request: pytest.FixtureRequest, browser: Browser) -> Iterator[tuple[Page, int]]:  # noqa: F811
    width: int = request.param
    context = browser.new_context(viewport={"width": width, "height": 900 if width > 500 else 844},
                                  locale="zh-CN", device_scale_factor=1)  # fmt: skip
    yield context.new_page(), width
    context.close()


def shot(page: Page, width: int, name: str, *, full: bool = False) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"pages-{width}-{name}.png"), full_page=full)


def no_sideways_scroll(page: Page, width: int) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def test_overview_and_indicator(sized: tuple[Page, int], server: str) -> None:  # noqa: F811
    page, width = sized
    page.goto(f"{server}/")
    row = page.locator("tr[data-code=I005]")
    expect(row.locator(".status")).to_be_visible()
    expect(row.locator(".light-cell .light")).to_be_visible()
    box = row.locator(".status").bounding_box()
    assert box is not None and box["x"] + box["width"] <= width  # status seen without scrolling
    header_shown = page.locator("table.indicators thead").first.is_visible()
    assert header_shown is (width > 500)  # a phone shows cards, not the wide table
    shot(page, width, "overview")
    no_sideways_scroll(page, width)
    row.scroll_into_view_if_needed()
    shot(page, width, "overview-cards")
    page.goto(f"{server}/indicators/I005")
    expect(page.locator("#trajectory canvas")).to_have_count(1)
    no_sideways_scroll(page, width)
    shot(page, width, "indicator")
    page.locator("#chart-table summary").click()
    expect(page.locator("#chart-table table")).to_be_visible()
    page.locator("#formula summary").click()
    expect(page.locator("#formula")).to_contain_text("水平值目标")
    page.locator("#chart-panel").scroll_into_view_if_needed()
    shot(page, width, "indicator-table")
    no_sideways_scroll(page, width)
    page.locator("#metadata").scroll_into_view_if_needed()
    shot(page, width, "indicator-metadata")


def test_reader_and_search(sized: tuple[Page, int], server: str) -> None:  # noqa: F811
    page, width = sized
    page.goto(f"{server}/plan")
    expect(page.locator("a.mark.target").first).to_be_visible()
    outline = page.locator("#outline")
    if width < 500:
        box = outline.bounding_box()
        assert box is not None and box["x"] + box["width"] <= 0  # in the closed drawer
        shot(page, width, "reader")
        page.locator(".outline-toggle").click()
        expect(page.locator(".outline-toggle")).to_have_attribute("aria-expanded", "true")
        page.wait_for_timeout(300)  # the drawer slides in
        box = outline.bounding_box()
        assert box is not None and box["x"] >= 0
        shot(page, width, "reader-outline")
        outline.locator("a").nth(3).click()
        expect(page.locator(".outline-toggle")).to_have_attribute("aria-expanded", "false")
    else:
        expect(outline).to_be_visible()
        shot(page, width, "reader")
    no_sideways_scroll(page, width)
    page.goto(f"{server}/search?q=地区生产总值")
    expect(page.locator(".results li").first).to_contain_text("GDP")
    no_sideways_scroll(page, width)
    shot(page, width, "search")


def test_entry_grid_with_a_confirmed_jump(sized: tuple[Page, int], server: str) -> None:  # noqa: F811
    page, width = sized
    page.goto(f"{server}/login")
    page.fill("input[name=username]", "admin")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.goto(f"{server}/entry")
    expect(page.locator("#entry-grid input[name=v-I009-2020]")).to_have_value("87")
    shot(page, width, "entry-grid")
    # 15600 after 87 is 179.3 times: the grid comes back with the warning at the cell
    page.fill("#entry-grid input[name=v-I009-2021]", "15600")
    page.click("#entry-grid button[type=submit]")
    expect(page.locator("#v-I009-2021-why")).to_contain_text("179.3 倍")
    expect(page.locator("#entry-grid input[name=v-I009-2021]")).to_have_value("15600")
    shot(page, width, "entry-grid-banner")
    page.locator("#v-I009-2021").scroll_into_view_if_needed()
    shot(page, width, "entry-grid-check")
    page.check("#grid-problems input[name=confirm]")
    page.click("#grid-problems button[type=submit]")
    expect(page.locator(".flash")).to_contain_text("已保存 1 个数值")
    no_sideways_scroll(page, width)
