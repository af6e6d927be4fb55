"""The indicator page as complete as an SDG indicator page: data downloads (CSV, XLSX), the
chart as a table, metadata, and the formula panel in Chinese with no engine codes.

GDP (I005) in the site has 430.32 (2016), 616.36 (2020) and 767.81 (2022) approved, and
900 (2023) submitted — not shown, since pages show approved data only by default.
"""

from __future__ import annotations

import csv
import io
import re

from fastapi.testclient import TestClient
from openpyxl import load_workbook

from conftest import Site
from planwatch.services.observations import find_indicator
from planwatch.services.plans import get_plan

HEADER = ["指标编号", "指标名称", "年份", "数值", "单位", "口径", "状态", "来源", "修订",
          "审核状态", "录入人", "录入时间", "已确认的异常提示", "模拟数据"]  # fmt: skip


def section(html: str, element_id: str) -> str:
    match = re.search(rf'id="{element_id}".*?</(?:section|details)>', html, re.S)
    assert match, element_id
    return match.group()


def visible_text(html: str) -> str:
    return re.sub(r"<[^>]+>", " ", html)


def test_the_data_downloads_as_csv_and_xlsx(client: TestClient, site: Site) -> None:
    page = client.get("/indicators/I005", params={"plan": site.plan_id})
    assert f'href="/indicators/I005/data.csv?plan={site.plan_id}"' in page.text
    response = client.get("/indicators/I005/data.csv", params={"plan": site.plan_id})
    assert response.status_code == 200 and "attachment" in response.headers["content-disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == HEADER
    # the three approved values, oldest first, each revision 1, final, in 亿元
    assert [(r[2], r[3], r[4], r[6], r[8], r[9]) for r in rows[1:]] == [
        ("2016", "430.32", "亿元", "最终", "1", "已通过"),
        ("2020", "616.36", "亿元", "最终", "1", "已通过"),
        ("2022", "767.81", "亿元", "最终", "1", "已通过"),
    ]
    assert all("统计" in r[7] or r[7] for r in rows[1:])  # each with its source
    xlsx = client.get("/indicators/I005/data.xlsx", params={"plan": site.plan_id})
    sheet = load_workbook(io.BytesIO(xlsx.content)).worksheets[0]
    values = [
        [str(c) if c is not None else "" for c in row] for row in sheet.iter_rows(values_only=True)
    ]
    assert values[0] == HEADER and [v[2:5] for v in values[1:]] == [r[2:5] for r in rows[1:]]


def test_the_chart_has_a_table_view(client: TestClient, site: Site) -> None:
    table = section(client.get("/indicators/I005", params={"plan": site.plan_id}).text,
                    "chart-table")  # fmt: skip
    assert "<summary>以表格查看图表数据</summary>" in table
    years = re.findall(r'<th scope="row">(\d{4})</th>', table)
    assert years == ["2016", "2020", "2022", "2025"]
    # the path at 2022 is 616.36 + (1000 − 616.36) × (2022 − 2020)/(2025 − 2020) = 769.82
    row_2022 = re.search(r'<th scope="row">2022</th>(.*?)</tr>', table, re.S)
    assert row_2022 and "767.81" in row_2022.group(1) and "769.82" in row_2022.group(1)
    assert "目标 &gt; 1000" in table


def test_the_metadata_and_a_chinese_formula_panel(client: TestClient, site: Site) -> None:
    with site.database.session() as session:
        gdp = find_indicator(get_plan(session, None), "GDP")
        gdp.definition, gdp.measure_note = "常住单位生产活动的最终成果", "按现价计算"
        gdp.data_source, gdp.frequency, gdp.contact = "区统计局统计公报", "年度", "综合科 1234567"
    html = client.get("/indicators/I005", params={"plan": site.plan_id}).text
    meta = visible_text(section(html, "metadata"))
    for shown in ("常住单位生产活动的最终成果", "按现价计算", "区统计局统计公报", "年度",
                  "区统计局", "综合科 1234567", "水平值目标"):  # fmt: skip
        assert shown in meta, shown
    formula = visible_text(section(html, "formula"))
    assert "目标类型" in formula and "水平值目标" in formula and "预期性" in formula
    # no engine code anywhere a reader looks: keys, kinds, attributes, directions, thresholds
    codes = re.findall(r"\b(?:kind|level|attribute|expected|binding|direction|increase|"
                       r"decrease|as_of|baseline_\w+|target_\w+|latest_\w+|lag_\w+|ahead|"
                       r"growth_\w+|comparator)\b", formula + meta)  # fmt: skip
    assert codes == []
    assert "快于预期界限" in formula and "10个百分点" in formula
