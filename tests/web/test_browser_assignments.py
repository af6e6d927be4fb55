"""The 分工方案 import in a real browser (Debian's Chromium, Playwright): an administrator
uploads a document, answers the unit questions, confirms, and finds the proposed tasks."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page, expect
from test_browser import browser, page, server, shot, sign_in  # noqa: F401 - fixtures

FENGONG = (
    "江阳区“十四五”规划纲要主要目标任务分工方案\n"
    "一、主要指标\n"
    "1.地区生产总值年均增长6%左右。(预期性指标,牵头单位:区统计局;责任单位:区发改局)\n"
    "二、重点任务\n"
    "2.建设区域金融中心。(牵头单位:区金融工作局;责任单位:区发改局)\n"
    "3.推进城乡客运一体化。(牵头单位:区交运局;责任单位:区发改局;完成时限:2024年)\n"
)


def test_upload_answer_and_confirm(page: Page, server: str, tmp_path: Path) -> None:  # noqa: F811
    document = tmp_path / "分工方案.txt"
    document.write_text(FENGONG, encoding="utf-8")
    sign_in(page, server, "admin")
    page.goto(f"{server}/tasks")
    page.click("#import-link")
    page.locator("#assignment-upload input[type=file]").set_input_files(str(document))
    page.click("#assignment-upload button[type=submit]")
    rows = page.locator("#assignment-rows tr[data-line]")
    expect(rows).to_have_count(3)
    expect(page.locator('#assignment-rows tr[data-line="3"] .score')).to_have_text("0.9")
    questions = page.locator("#unit-questions tr[data-unit]")
    expect(questions).to_have_count(2)
    shot(page, "assignment-preview")
    # confirming without answering is refused by the browser (required); answer both
    page.select_option('#unit-questions tr[data-unit="区金融工作局"] select[name^=choice]', "new")
    page.select_option(
        '#unit-questions tr[data-unit="区交运局"] select[name^=choice]', label="区发改局"
    )
    page.click("#confirm-import")
    expect(page.locator(".flash")).to_contain_text("导入待确认任务 3 项(共 3 项)")
    expect(page.locator("#tasks")).to_contain_text("建设区域金融中心")
    expect(page.locator('#tasks tr:has-text("建设区域金融中心")')).to_contain_text("区金融工作局")
    expect(page.locator('#tasks tr:has-text("推进城乡客运一体化")')).to_contain_text("区发改局")
    expect(page.locator('#tasks tr:has-text("推进城乡客运一体化")')).to_contain_text("待确认")
