"""Rules added after the first score of four held-out reports (1982, 1993, 2004, 2017:
tests/golden/report_*.yaml), each on its real excerpt from
../shared/corpus/national-gov-work-reports/ (file and line named), values read off by hand.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from planwatch.domain.document import Document, DocumentFormat, DocumentKind, Source
from planwatch.domain.quantity import Quantity
from planwatch.extract.normalize import normalize
from planwatch.extract.wrapping import join_wrapped_lines
from planwatch.services.extraction import extract_document, extract_file
from planwatch.settings import Settings


def read(text: str, year: int) -> list[Quantity]:
    source = Source("report.txt", "0" * 64, DocumentFormat.TXT, "utf-8", len(text))
    extraction = extract_document(Document(text, source), kind=DocumentKind.WORK_REPORT, year=year)
    return list(extraction.findings.quantities)


def facts(quantities: list[Quantity]) -> list[tuple[str, int | None, Decimal, str]]:
    return [(q.kind, q.year, q.value, q.unit) for q in quantities]


def test_a_number_parted_from_its_unit_by_blank_lines_is_one_quantity() -> None:
    # 2017 report, lines 36–38: "74.4", a line holding a zero-width space, "万亿元，增长6.7%"
    text = "一、2016年工作回顾\n——国内生产总值达到74.4\n\u200b\n万亿元，增长6.7%，名列世界前茅。\n"
    found = read(text, 2017)
    assert facts(found) == [
        ("baseline", 2016, Decimal("74.4"), "万亿元"),
        ("baseline", 2016, Decimal("6.7"), "%"),
    ]
    assert (found[0].line, found[0].text) == (2, "74.4\n\u200b\n万亿元")  # the original span


def test_a_line_ending_in_a_number_before_a_heading_or_a_table_row_is_left_alone() -> None:
    joined = join_wrapped_lines(
        normalize("全区共有企业2020\n年度计划\n指标\t2025\n万元GDP能耗\t0.5\n")
    )
    assert joined.text.split("\n")[:2] == ["全区共有企业2020", "年度计划"]  # 年度 opens no unit
    assert "指标\t2025\n万元GDP能耗" in joined.text  # a table row is no prose


def test_the_end_of_the_century_is_counted_from_the_report_year() -> None:
    # 1982 report, line 14
    text = "要求在不断提高经济效益的前提下，从一九八一年到本世纪末的二十年内力争实现我国工农业年总产值翻两番。"
    assert facts(read(text, 1982)) == [("target", 2000, Decimal("300"), "%")]
    # 1997 report: the middle of the next century
    text = "到下世纪中叶基本实现现代化，人均国内生产总值达到中等发达国家水平，国内生产总值翻两番。"
    assert [q.year for q in read(text, 1997)] == [2050]


def test_a_plan_period_set_off_by_a_comma_dates_its_paragraph() -> None:
    # 1982 report, line 14: the Sixth Five-Year Plan (1981–1985); the Seventh is named in passing
    text = (
        "第六个五年计划的基本任务\n"
        "按照这样的部署，第六个五年计划期间，我们要继续贯彻执行调整、改革、整顿、提高的方针，"
        "并且为第七个五年计划期间国民经济和社会发展奠定更好的基础。在这个期间，我国工农业总产值"
        "计划增长百分之二十一点七，平均每年递增百分之四。\n"
    )
    assert facts(read(text, 1982)) == [
        ("target", 1985, Decimal("21.7"), "%"),
        ("target", 1985, Decimal("4"), "%"),
    ]


def test_a_named_plan_still_running_holds_targets() -> None:
    # 1993 report, line 57
    text = "按调整后的“八五”计划，国民经济增长速度由原定平均每年百分之六调高到百分之八至九。"
    found = read(text, 1993)
    assert (found[-1].kind, found[-1].year, found[-1].value, found[-1].range_high) == (
        "target", 1995, Decimal("8"), Decimal("9"),
    )  # fmt: skip


def test_a_past_years_plan_figure_is_that_years_target() -> None:
    # 1982 report, line 122
    text = "工农业总产值的增长速度，一九八一年计划为百分之三点七，实际达到百分之四点六。"
    assert facts(read(text, 1982)) == [
        ("target", 1981, Decimal("3.7"), "%"),
        ("baseline", 1981, Decimal("4.6"), "%"),
    ]


def test_freight_turnover_in_ton_kilometres() -> None:
    # 1993 report, line 14
    text = "一、过去五年的回顾\n铁路货运周转量增长百分之二十三，达到１１６２０亿吨公里。\n"
    found = read(text, 1993)
    assert facts(found)[1] == ("baseline", 1992, Decimal("11620"), "亿吨公里")
    assert found[1].base_value == Decimal("1162000000000")


def test_yige_is_an_article_not_a_count_of_one() -> None:
    # 2004 report, line 16
    text = "人均国内生产总值突破1000美元，跨上一个重要台阶。"
    assert facts(read(text, 2004)) == [("target", 2004, Decimal("1000"), "美元")]


def test_a_chinese_numeral_with_places_is_a_number_without_a_verb() -> None:
    # 1985 report, lines 24 and 30
    text = ("一、1984年的回顾\n去年全国平均每人占有粮食近八百斤，按照我国人民当前的食物结构。"
            "从１９７９年到１９８４年安排了四千二百多万城镇劳动力就业。\n")  # fmt: skip
    found = read(text, 1985)
    assert [(q.indicator, q.value, q.unit, q.year) for q in found] == [
        ("平均每人占有粮食", Decimal("800"), "斤", 1984),
        ("城镇劳动力就业", Decimal("4200"), "万人", 1984),
    ]
    assert found[1].comparator == ">"  # 四千二百多万: more than
    # A word made of numerals is still no number, nor a span of years: 亿万人民, 千万, 二十多年
    assert read("国民党反动派统治中国二十多年。", 1985) == []
    assert read("亿万人民千万不能忘记。", 1985) == []


# The 11th and 12th plan passages of the 2006 and 2011 reports (tests/golden/gov_report_2006_
# 11th_plan.yaml, gov_report_2011_12th_plan.yaml), held out.


def test_an_increase_over_several_years_is_a_change_not_a_growth_rate() -> None:
    # 2006 report, lines 298 and 302
    text = ("五年来，我国经济实力显著增强。2005年与2000年相比，国内生产总值增长57.3%，年均增长9.5%。"
            "城镇居民人均可支配收入和农村居民人均纯收入，分别实际增长58.3%和29.2%。城镇新增就业4200万人。")  # fmt: skip
    found = read(text, 2006)
    assert [(q.value, q.growth_rate, q.change, q.cumulative) for q in found] == [
        (Decimal("57.3"), False, "increase", False),  # against 2000: over five years
        (Decimal("9.5"), True, None, False),  # 年均: a rate a year
        (Decimal("58.3"), False, "increase", False),  # 五年来: over the five years
        (Decimal("29.2"), False, "increase", False),
        (Decimal("4200"), False, None, True),  # a flow over five years: its sum
    ]
    assert [q.indicator for q in found[2:4]] == ["城镇居民人均可支配收入", "农村居民人均纯收入"]
    assert {(q.kind, q.year) for q in found} == {("baseline", 2005)}


def test_a_quoted_plan_before_nian_jun_dates_the_rate() -> None:
    # 2006 report, line 329: the subject is the nearest clause's, not the sentence's opening
    text = ("按照新近公布的第一次全国经济普查数据和2005年经济增长实际结果，“十五”期间国内生产总值"
            "增长速度比原来预计的高一些，“十一五”年均增长7.5%，将会超过中央的要求。")  # fmt: skip
    found = read(text, 2006)
    assert [(q.indicator, q.kind, q.year, q.growth_rate) for q in found] == [
        ("国内生产总值", "target", 2010, True)
    ]


def test_a_city_work_report_in_the_usual_wording() -> None:
    # tests/data/local/city-work-report-2024.txt: a city's report written in the genre's usual
    # words (no real city): its year from the date line, its scope from who delivers it.
    path = Path(__file__).parent.parent / "data/local/city-work-report-2024.txt"
    extraction = extract_file(path, Settings())
    assert (extraction.kind.kind, extraction.document_year) == (DocumentKind.WORK_REPORT, 2024)
    got = {(q.line, q.indicator, q.value, q.unit, q.kind, q.year, q.growth_rate, q.comparator)
           for q in extraction.findings.quantities}  # fmt: skip
    b, t, d = "baseline", "target", Decimal
    assert got == {
        (7, "地区生产总值", d("2850.6"), "亿元", b, 2023, False, "="),
        (7, "地区生产总值", d("6.2"), "%", b, 2023, True, "="),
        (7, "规模以上工业增加值", d("8.1"), "%", b, 2023, True, "="),
        (7, "社会消费品零售总额", d("1320"), "亿元", b, 2023, False, "="),
        (7, "社会消费品零售总额", d("7.5"), "%", b, 2023, True, "="),
        (7, "一般公共预算收入", d("186.3"), "亿元", b, 2023, False, "="),
        (7, "一般公共预算收入", d("9.2"), "%", b, 2023, True, "="),
        (7, "城镇居民人均可支配收入", d("4.8"), "%", b, 2023, True, "="),  # 分别 over 、
        (7, "农村居民人均可支配收入", d("6.9"), "%", b, 2023, True, "="),
        (8, "新增城镇就业", d("5.6"), "万人", b, 2023, False, "="),  # 全年新增: 全年 is no name
        (8, "城镇调查失业率", d("5.5"), "%", b, 2023, False, "<="),
        (10, "地区生产总值", d("6"), "%", t, 2024, True, "="),  # 左右
        (10, "规模以上工业增加值", d("7"), "%", t, 2024, True, ">="),
        (10, "固定资产投资", d("5"), "%", t, 2024, True, ">="),
        (10, "社会消费品零售总额", d("6.5"), "%", t, 2024, True, ">="),
        (10, "一般公共预算收入", d("5"), "%", t, 2024, True, ">="),
        (10, "城镇新增就业", d("5"), "万人", t, 2024, False, ">="),
        (10, "居民消费价格涨幅", d("3"), "%", t, 2024, True, "="),
    }
    assert {q.scope for q in extraction.findings.quantities} == {"全市"}
