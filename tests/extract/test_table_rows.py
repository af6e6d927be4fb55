"""Rows of a main-indicator table read by their columns, in the styles of many plans.

Each case is a table as a reader gives it (one row a line, cells split by tabs) and every
quantity expected from it, in order: (cell as printed, kind, indicator, value, unit,
comparator, year, flags). Flags: C cumulative, G growth rate, - change decrease,
~ approximate. Styles as in test_quantities_cases: D district 14th, N national 14th,
P province 14th, F city 15th (2026–2030).
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from planwatch.domain.outline import Outline
from planwatch.domain.plan import PlanMeta
from planwatch.domain.quantity import Quantity
from planwatch.extract.normalize import normalize
from planwatch.extract.outline import build_outline
from planwatch.extract.quantities import find_quantities
from planwatch.extract.table_rows import find_table_rows

PLANS = {
    "D": PlanMeta("某区第十四个五年规划纲要", "某市某区", (2021, 2025), 2035, "县区"),
    "N": PlanMeta("第十四个五年规划和2035年远景目标纲要", "中华人民共和国", (2021, 2025), 2035,
                  "国家"),
    "P": PlanMeta("某省第十四个五年规划纲要", "某省", (2021, 2025), 2035, "省"),
    "F": PlanMeta("某市第十五个五年规划纲要", "某市", (2026, 2030), 2035, "市"),
}  # fmt: skip

Row = tuple[str, str, str, str, str, str, int, str]

DISTRICT_14TH = (
    "专栏1 “十四五”时期经济社会发展主要指标\n"
    "类别\t指标\t单位\t2020年\t2025年\t年均增长(%)/累计\t属性\n"
    "经济发展\t地区生产总值增长(%)\t—\t3.9\t—\t6左右\t预期性\n"
    "\t全员劳动生产率增长(%)\t\t2.5\t—\t高于GDP增长\t预期性\n"
    "\t常住人口城镇化率(%)\t\t60.6\t65\t\t预期性\n"
    "绿色生态\t单位地区生产总值能源消耗降低(%)\t\t—\t—\t[13.5]\t约束性\n"
    "\t森林覆盖率(%)\t\t39.2\t39.6\t\t约束性\n"
)
CITY_15TH = (
    "序号\t指标名称\t单位\t2025年\t2030年\t年均增长\t属性\n"
    "1\t地区生产总值\t亿元\t67000\t80000\t5.5左右\t预期性\n"
    "2\t居民人均可支配收入\t元\t52000\t—\t与经济增长同步\t预期性\n"
    "3\t新能源装机容量\t万千瓦\t1200\t2000以上\t\t预期性\n"
)
# The national outline prints no unit column; units stand in the names, full-width.
NATIONAL_14TH = (
    "类别\t指标\t2020年\t2025年\t年均/累计\t属性\n"
    "经济发展\t国内生产总值(GDP)增长（％）\t2.3\t—\t保持在合理区间、各年度视情提出\t预期性\n"
    "\t城镇调查失业率（％）\t5.2\t—\t<5.5\t预期性\n"
    "民生福祉\t人均预期寿命（岁）\t77.3\t—\t〔1〕\t预期性\n"
    "绿色生态\t单位国内生产总值二氧化碳排放降低（％）\t—\t—\t〔18〕\t约束性\n"
    "安全保障\t粮食综合生产能力（亿吨）\t—\t>6.5\t—\t约束性\n"
)
PROVINCE_SIGNS = (
    "指标\t单位\t2020年\t2025年\t属性\n"
    "用水总量\t亿立方米\t—\t<2.39\t约束性\n"
    "研究与试验发展经费投入强度\t%\t2.17\t2.6以上\t预期性\n"
    "城镇调查失业率\t%\t—\t5.5以内\t预期性\n"
    "耕地保有量\t万亩\t9520\t≥9400\t约束性\n"
)
# A merged category cell left out of the following rows (one cell fewer than the header).
MERGED_CATEGORY = (
    "类别\t指标\t单位\t2020年\t2025年\t属性\n"
    "社会民生\t每千人口拥有3岁以下婴幼儿托位数\t个\t1.5\t4.5\t预期性\n"
    "基本养老保险参保率\t%\t90\t95\t预期性\n"
)
# A rate per 100 000 in the unit column (1/10万) or in the name's parentheses.
RATE_PER_100K = (
    "指标\t单位\t2020年\t2025年\t属性\n"
    "孕产妇死亡率\t1/10万\t18.3\t≤15\t预期性\n"
    "甲乙类传染病发病率(1/10万)\t\t180\t<200\t预期性\n"
)
# A 15th plan's header naming the columns by role, with the year in brackets.
ROLE_AND_YEAR = "指标\t单位\t基期值(2025年)\t目标值（2030年）\t属性\n森林覆盖率\t%\t40\t41\t约束性\n"
# A rate's 累计 cell beside its levels is the change in points; a decrease's stays in %.
# A plain target of a rate below its baseline is a level brought down (<=); a total's may be
# a floor it must not fall under (耕地保有量), so it keeps >=.
POINTS_COLUMN = (
    "指标\t单位\t2020年\t2025年\t年均增长[累计]\t属性\n"
    "常住人口城镇化率\t%\t56.7\t62\t[5.3]\t预期性\n"
    "城镇调查失业率\t%\t5.8\t5.5\t[-0.3]\t预期性\n"
    "单位地区生产总值能源消耗降低\t%\t—\t—\t[13.5]\t约束性\n"
    "耕地保有量\t万亩\t9520\t9400\t\t约束性\n"
)
CUMULATIVE_COLUMN = (
    "指标\t单位\t2020年\t2025年\t“十四五”累计\t属性\n"
    "城镇新增就业\t万人\t—\t—\t5\t预期性\n"
    "贫困人口减少\t万人\t—\t—\t[12]\t约束性\n"
)
# A 14th plan's review of the 13th period: both years are before 2021, so both baselines.
REVIEW_13TH = (
    "指标\t单位\t2015年\t2020年\n城镇新增就业\t万人\t[6431]\t[6564]\n森林覆盖率\t%\t21.66\t23.04\n"
)
# PDF text keeps ideographic spaces or runs of spaces between cells instead of tabs.
SPACED_CELLS = "指标　　单位　　2020年　　2025年\n森林覆盖率　　%　　39.2　　39.6\n"
SPACED_ASCII = "指标    单位    2020年    2025年\n公路总里程    万公里    3.2    3.5\n"

CASES: list[tuple[str, str, str, tuple[Row, ...]]] = [
    ("district-14th", "D", DISTRICT_14TH, (
        ("3.9", "baseline", "地区生产总值增长", "3.9", "%", "=", 2020, ""),
        ("6左右", "target", "地区生产总值增长", "6", "%", "=", 2025, "G~"),
        ("2.5", "baseline", "全员劳动生产率增长", "2.5", "%", "=", 2020, ""),
        ("60.6", "baseline", "常住人口城镇化率", "60.6", "%", "=", 2020, ""),
        ("65", "target", "常住人口城镇化率", "65", "%", ">=", 2025, ""),
        ("[13.5]", "target", "单位地区生产总值能源消耗降低", "13.5", "%", ">=", 2025, "C-"),
        ("39.2", "baseline", "森林覆盖率", "39.2", "%", "=", 2020, ""),
        ("39.6", "target", "森林覆盖率", "39.6", "%", ">=", 2025, ""),
    )),
    ("city-15th", "F", CITY_15TH, (
        ("67000", "baseline", "地区生产总值", "67000", "亿元", "=", 2025, ""),
        ("80000", "target", "地区生产总值", "80000", "亿元", ">=", 2030, ""),
        ("5.5左右", "target", "地区生产总值", "5.5", "%", "=", 2030, "G~"),
        ("52000", "baseline", "居民人均可支配收入", "52000", "元", "=", 2025, ""),
        ("1200", "baseline", "新能源装机容量", "1200", "万千瓦", "=", 2025, ""),
        ("2000以上", "target", "新能源装机容量", "2000", "万千瓦", ">=", 2030, ""),
    )),
    ("national-14th", "N", NATIONAL_14TH, (
        ("2.3", "baseline", "国内生产总值(GDP)增长", "2.3", "%", "=", 2020, ""),
        ("5.2", "baseline", "城镇调查失业率", "5.2", "%", "=", 2020, ""),
        ("<5.5", "target", "城镇调查失业率", "5.5", "%", "<", 2025, ""),
        ("77.3", "baseline", "人均预期寿命", "77.3", "岁", "=", 2020, ""),
        ("〔1〕", "target", "人均预期寿命", "1", "岁", ">=", 2025, "C"),
        ("〔18〕", "target", "单位国内生产总值二氧化碳排放降低", "18", "%", ">=", 2025, "C-"),
        (">6.5", "target", "粮食综合生产能力", "6.5", "亿吨", ">", 2025, ""),
    )),
    ("province-signs", "P", PROVINCE_SIGNS, (
        ("<2.39", "target", "用水总量", "2.39", "亿立方米", "<", 2025, ""),
        ("2.17", "baseline", "研究与试验发展经费投入强度", "2.17", "%", "=", 2020, ""),
        ("2.6以上", "target", "研究与试验发展经费投入强度", "2.6", "%", ">=", 2025, ""),
        ("5.5以内", "target", "城镇调查失业率", "5.5", "%", "<=", 2025, ""),
        ("9520", "baseline", "耕地保有量", "9520", "万亩", "=", 2020, ""),
        ("≥9400", "target", "耕地保有量", "9400", "万亩", ">=", 2025, ""),
    )),
    ("merged-category", "D", MERGED_CATEGORY, (
        ("1.5", "baseline", "每千人口拥有3岁以下婴幼儿托位数", "1.5", "个", "=", 2020, ""),
        ("4.5", "target", "每千人口拥有3岁以下婴幼儿托位数", "4.5", "个", ">=", 2025, ""),
        ("90", "baseline", "基本养老保险参保率", "90", "%", "=", 2020, ""),
        ("95", "target", "基本养老保险参保率", "95", "%", ">=", 2025, ""),
    )),
    ("rate-per-100k", "P", RATE_PER_100K, (
        ("18.3", "baseline", "孕产妇死亡率", "18.3", "/10万", "=", 2020, ""),
        ("≤15", "target", "孕产妇死亡率", "15", "/10万", "<=", 2025, ""),
        ("180", "baseline", "甲乙类传染病发病率", "180", "/10万", "=", 2020, ""),
        ("<200", "target", "甲乙类传染病发病率", "200", "/10万", "<", 2025, ""),
    )),
    ("role-and-year", "F", ROLE_AND_YEAR, (
        ("40", "baseline", "森林覆盖率", "40", "%", "=", 2025, ""),
        ("41", "target", "森林覆盖率", "41", "%", ">=", 2030, ""),
    )),
    ("points-column", "P", POINTS_COLUMN, (
        ("56.7", "baseline", "常住人口城镇化率", "56.7", "%", "=", 2020, ""),
        ("62", "target", "常住人口城镇化率", "62", "%", ">=", 2025, ""),
        ("[5.3]", "target", "常住人口城镇化率", "5.3", "百分点", ">=", 2025, "+"),
        ("5.8", "baseline", "城镇调查失业率", "5.8", "%", "=", 2020, ""),
        ("5.5", "target", "城镇调查失业率", "5.5", "%", "<=", 2025, ""),
        ("[-0.3]", "target", "城镇调查失业率", "0.3", "百分点", ">=", 2025, "-"),
        ("[13.5]", "target", "单位地区生产总值能源消耗降低", "13.5", "%", ">=", 2025, "C-"),
        ("9520", "baseline", "耕地保有量", "9520", "万亩", "=", 2020, ""),
        ("9400", "target", "耕地保有量", "9400", "万亩", ">=", 2025, ""),  # a total: a floor
    )),
    ("cumulative-column", "D", CUMULATIVE_COLUMN, (
        ("5", "target", "城镇新增就业", "5", "万人", ">=", 2025, "C"),
        ("[12]", "target", "贫困人口减少", "12", "万人", ">=", 2025, "C-"),
    )),
    ("review-13th", "P", REVIEW_13TH, (
        ("[6431]", "baseline", "城镇新增就业", "6431", "万人", "=", 2015, "C"),
        ("[6564]", "baseline", "城镇新增就业", "6564", "万人", "=", 2020, "C"),
        ("21.66", "baseline", "森林覆盖率", "21.66", "%", "=", 2015, ""),
        ("23.04", "baseline", "森林覆盖率", "23.04", "%", "=", 2020, ""),
    )),
    ("ideographic-spaces", "D", SPACED_CELLS, (
        ("39.2", "baseline", "森林覆盖率", "39.2", "%", "=", 2020, ""),
        ("39.6", "target", "森林覆盖率", "39.6", "%", ">=", 2025, ""),
    )),
    ("ascii-spaces", "D", SPACED_ASCII, (
        ("3.2", "baseline", "公路总里程", "3.2", "万公里", "=", 2020, ""),
        ("3.5", "target", "公路总里程", "3.5", "万公里", ">=", 2025, ""),
    )),
]  # fmt: skip


def flags(q: Quantity) -> str:
    return "".join(
        letter
        for letter, on in (
            ("C", q.cumulative),
            ("G", q.growth_rate),
            ("-", q.change == "decrease"),
            ("+", q.change == "increase"),
            ("~", q.approximate),
        )
        if on
    )


def row_of(q: Quantity) -> Row:
    value = format(q.value.normalize(), "f")
    return (q.text, q.kind, q.indicator, value, q.unit, q.comparator, q.year or 0, flags(q))


@pytest.mark.parametrize(
    ("style", "table", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_table(style: str, table: str, expected: tuple[Row, ...]) -> None:
    text = normalize(table)
    outline, _ = build_outline(text)
    found = find_quantities(text, outline, PLANS[style])
    assert [row_of(q) for q in found.quantities] == list(expected)
    assert found.issues == ()
    for q in found.quantities:
        assert q.text == table[q.start : q.end]
        assert q.sentence == table.splitlines()[q.line - 1]
        assert table.splitlines()[q.line - 1].count(q.text) >= 1


def test_units_go_through_the_vocabulary() -> None:
    found = find_quantities(normalize(CITY_15TH), Outline((), 0), PLANS["F"])
    gdp = found.quantities[1]
    assert (gdp.base_value, gdp.base_unit) == (Decimal("8000000000000"), "元")
    capacity = found.quantities[-1]
    assert (capacity.base_value, capacity.base_unit) == (Decimal("20000000"), "千瓦")


def test_unknown_unit_is_an_issue() -> None:
    table = "指标\t单位\t2020年\t2025年\n每千人口拥有执业(助理)医师数\t人/千人\t2.9\t3.2\n"
    found = find_quantities(normalize(table), Outline((), 0), PLANS["D"])
    assert found.quantities == ()
    assert [(i.code, i.line) for i in found.issues] == [("unknown_unit", 2)]
    assert "人/千人" in found.issues[0].message


def test_row_without_unit_is_an_issue_unless_only_rates() -> None:
    table = "指标\t2020年\t2025年\t年均增长\n进出口总额\t100\t120\t4\n"
    found = find_quantities(normalize(table), Outline((), 0), PLANS["D"])
    assert [(q.value, q.unit, q.growth_rate) for q in found.quantities] == [(4, "%", True)]
    assert [i.code for i in found.issues] == ["unknown_unit"]


def test_box_node_and_running_text_around_the_table() -> None:
    table = (
        "第一章 发展目标\n"
        "到2025年,全区外贸进出口总额达到20亿元。\n"
        f"{DISTRICT_14TH}"
        "注:[]内为5年累计数。\n"
        "到2025年,全区外贸进出口总额达到20亿元。\n"
    )
    text = normalize(table)
    outline, _ = build_outline(text)
    found = find_quantities(text, outline, PLANS["D"])
    lines = [q.line for q in found.quantities]
    assert lines == [2, 5, 5, 6, 7, 7, 8, 9, 9, 11]
    box = outline.deepest_at(found.quantities[1].start)
    assert box is not None and box.kind.value == "box"
    assert found.quantities[1].node == box.id
    assert found.issues == ()


def test_lines_without_header_are_not_a_table() -> None:
    table = "序号\t项目名称\t总投资(亿元)\n1\t某某产业园基础设施项目\t20\n"
    found = find_table_rows(normalize(table), Outline((), 0), PLANS["D"], "全区")
    assert found.quantities == {}


def test_header_ends_at_a_line_without_cells() -> None:
    table = "指标\t单位\t2020年\t2025年\n森林覆盖率\t%\t39.2\t39.6\n正文一行。\n某项\t%\t1\t2\n"
    found = find_table_rows(normalize(table), Outline((), 0), PLANS["D"], "全区")
    assert sorted(found.quantities) == [1, 2]
