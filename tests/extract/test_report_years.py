"""Years of a report's quantities, each rule on a real excerpt (docs/extraction.md, "Years
from the document"). Excerpts are copied from ../shared/corpus/national-gov-work-reports/
(file and line named in each test); the expected years follow from the report's own year:
今年 is that year, 过去一年/去年/上年 the year before, a five-year period its last year.
"""

from __future__ import annotations

from decimal import Decimal

from planwatch.domain.document import Document, DocumentFormat, DocumentKind, Source
from planwatch.domain.quantity import Quantity
from planwatch.services.extraction import extract_document


def read(text: str, year: int) -> list[Quantity]:
    source = Source("report.txt", "0" * 64, DocumentFormat.TXT, "utf-8", len(text))
    extraction = extract_document(Document(text, source), kind=DocumentKind.WORK_REPORT, year=year)
    return list(extraction.findings.quantities)


def facts(quantities: list[Quantity]) -> list[tuple[str, int | None, Decimal, str, bool]]:
    return [(q.kind, q.year, q.value, q.unit, q.growth_rate) for q in quantities]


def test_this_years_targets_are_targets_of_the_document_year() -> None:
    # 2018 report, line 83
    text = ("今年发展主要预期目标是：国内生产总值增长6.5%左右；居民消费价格涨幅3%左右；"
            "城镇新增就业1100万人以上，城镇调查失业率5.5%以内，城镇登记失业率4.5%以内；"
            "单位国内生产总值能耗下降3%以上，主要污染物排放量继续下降。")  # fmt: skip
    found = read(text, 2018)
    assert facts(found) == [
        ("target", 2018, Decimal("6.5"), "%", True),  # 增长: the year's growth rate
        ("target", 2018, Decimal("3"), "%", True),  # 涨幅
        ("target", 2018, Decimal("1100"), "万人", False),
        ("target", 2018, Decimal("5.5"), "%", False),
        ("target", 2018, Decimal("4.5"), "%", False),
        ("target", 2018, Decimal("3"), "%", False),  # 下降: a change, not a growth rate
    ]
    assert found[0].approximate and found[-1].change == "decrease"


def test_the_past_years_results_are_baselines_of_the_year_before_level_and_rate_apart() -> None:
    # 2019 report, lines 7–12: under the heading of the review of 2018
    text = ("一、2018年工作回顾\n过去一年是全面贯彻党的十九大精神开局之年。\n"
            "——经济运行保持在合理区间。国内生产总值增长6.6%，总量突破90万亿元。"
            "居民消费价格上涨2.1%。城镇新增就业1361万人。")  # fmt: skip
    assert facts(read(text, 2019)) == [
        ("baseline", 2018, Decimal("6.6"), "%", True),
        ("baseline", 2018, Decimal("90"), "万亿元", False),
        ("baseline", 2018, Decimal("2.1"), "%", True),
        ("baseline", 2018, Decimal("1361"), "万人", False),
    ]


def test_last_year_and_this_year_in_one_sentence() -> None:
    # 1997 report, line 124: 去年 → 1996, 今年 → 1997
    text = ("国家决定首先集中力量抓好１０００户，去年已经对其中近３００户由银行提供资金支持，"
            "加强信贷监督，取得了比较好的效果，今年要扩大到５１１户。")  # fmt: skip
    found = [(q.kind, q.year, q.value) for q in read(text, 1997)]
    assert ("baseline", 1996, Decimal("300")) in found
    assert ("target", 1997, Decimal("511")) in found


def test_compared_with_last_year_is_a_reference_not_a_date() -> None:
    # 1997 report, line 16, in the review of 1996: 比上年增长 compares 1996 with 1995
    text = ("一、１９９６年国内工作的回顾\n国内生产总值达到６７７００多亿元，按可比价格计算，"
            "比上年增长９．７％。")  # fmt: skip
    assert facts(read(text, 1997)) == [
        ("baseline", 1996, Decimal("67700"), "亿元", False),
        ("baseline", 1996, Decimal("9.7"), "%", True),
    ]


def test_last_years_report_quoted_gives_last_years_target_and_its_outcome() -> None:
    # 1997 report, line 16: the 1996 target (10%) from 14.8% (1995), the outcome 6.1% (1996)
    text = ("一、１９９６年国内工作的回顾\n去年政府工作报告提出，物价涨幅要从１４．８％降到１０％左右，"
            "经过上下各方面的努力，实际回落到６．１％，明显低于预定的调控目标。")  # fmt: skip
    assert [(q.kind, q.year, q.value) for q in read(text, 1997)] == [
        ("baseline", 1995, Decimal("14.8")),
        ("target", 1996, Decimal("10")),
        ("baseline", 1996, Decimal("6.1")),
    ]


def test_the_past_five_years_end_the_year_before_and_start_five_years_earlier() -> None:
    # 2018 report, line 12: 2013–2017; 54 万亿元 is the 2012 level
    text = "五年来，经济实力跃上新台阶。国内生产总值从54万亿元增加到82.7万亿元，年均增长7.1%。"
    assert facts(read(text, 2018)) == [
        ("baseline", 2012, Decimal("54"), "万亿元", False),
        ("baseline", 2017, Decimal("82.7"), "万亿元", False),
        ("baseline", 2017, Decimal("7.1"), "%", True),
    ]


def test_a_five_year_target_in_a_report_keeps_its_periods_year() -> None:
    # 2016 report, line 71: “十三五”时期 → 2020; 到2020年 is explicit; 8.7万元 is the 2015 level
    text = ("——保持经济中高速增长，推动产业迈向中高端水平。“十三五”时期经济年均增长保持在6.5%以上。"
            "到2020年，先进制造业、现代服务业、战略性新兴产业比重大幅提升，"
            "全员劳动生产率从人均8.7万元提高到12万元以上。")  # fmt: skip
    assert facts(read(text, 2016)) == [
        ("target", 2020, Decimal("6.5"), "%", True),
        ("baseline", 2015, Decimal("8.7"), "万元", False),
        ("target", 2020, Decimal("12"), "万元", False),
    ]


def test_the_tenth_plan_period_ends_in_2005() -> None:
    # 2001 report: “十五”期间 is the 10th plan, 2001–2005
    text = "综合考虑各方面因素，“十五”期间年均经济增长速度预期目标为7％左右。"
    assert facts(read(text, 2001)) == [("target", 2005, Decimal("7"), "%", True)]


def test_the_next_five_years_end_four_years_after_the_report() -> None:
    # 2011 report, line 174: 今后五年 → 2015; "2015年" stated too
    text = ("今后五年，我国经济增长预期目标是在明显提高质量和效益的基础上年均增长7%。"
            "按2010年价格计算，2015年国内生产总值将超过55万亿元。")  # fmt: skip
    assert facts(read(text, 2011)) == [
        ("target", 2015, Decimal("7"), "%", True),
        ("target", 2015, Decimal("55"), "万亿元", False),
    ]


def test_period_end_by_ordinal_for_later_and_earlier_plans() -> None:
    # genre sentences (the corpus ends in 2019): 十五五 ends 2030, 九五 ends 2000
    assert facts(read("到“十五五”期末，常住人口城镇化率提高到70%。", 2026)) == [
        ("target", 2030, Decimal("70"), "%", False)
    ]
    assert facts(read("到“九五”期末，粮食总产量达到5000亿公斤。", 1997)) == [
        ("target", 2000, Decimal("5000"), "亿公斤", False)
    ]
    assert facts(read("“九五”时期国民生产总值年均增长8%左右。", 1997)) == [
        ("target", 2000, Decimal("8"), "%", True)
    ]


def test_an_explicit_year_keeps_it() -> None:
    assert facts(read("到2030年，非化石能源占一次能源消费比重达到25%左右。", 2021)) == [
        ("target", 2030, Decimal("25"), "%", False)
    ]


def test_a_paragraph_opening_with_a_past_year_is_about_that_year() -> None:
    # 1985 report, line 24 (no review heading in this report): everything is of 1984; the
    # 多 of "四亿零七百多万吨" is dropped here (read in the xfail case below)
    text = ("（一）关于经济形势\n１９８４年，我国农业又获得了大丰收。粮食产量达到四亿零七百万吨，"
            "比上年增长５．１％；棉花达到六百零八万吨，增长３１．１％。")  # fmt: skip
    assert [(q.kind, q.year) for q in read(text, 1985)] == [("baseline", 1984)] * 4


def test_a_past_span_dates_only_its_own_clause() -> None:
    # 1985 report, line 22: 7.9% is the 1979–1983 average, 14.2% the growth of 1984
    text = ("１９８４年，我国工农业总产值突破一万亿元，在１９７９到１９８３年平均每年递增７．９％的基础上，"
            "比上年增长１４．２％，各方面的经济效益也有提高。")  # fmt: skip
    assert [(q.year, q.value) for q in read(text, 1985)] == [
        (1984, Decimal("1")),
        (1983, Decimal("7.9")),
        (1984, Decimal("14.2")),
    ]


def test_the_size_of_the_country_is_no_result() -> None:
    # 2019 report, line 12; 2009 report, line 116
    assert read("近14亿人口的发展中大国，实现了比较充分就业。", 2019) == []
    assert read("在我们这样一个13亿人口的发展中国家，要扩大城乡就业。", 2009) == []


def test_more_than_inside_a_chinese_numeral() -> None:
    # 1985 report, line 24: 四亿零七百多万 is more than 4.07 亿
    found = read("１９８４年，粮食产量达到四亿零七百多万吨。", 1985)
    assert [(q.value, q.unit) for q in found] == [(Decimal("4.07"), "亿吨")]


def bulletin(text: str) -> tuple[int | None, list[tuple[str, int | None, Decimal, str, bool]]]:
    source = Source("bulletin.txt", "0" * 64, DocumentFormat.TXT, "utf-8", len(text))
    extraction = extract_document(Document(text, source))
    assert extraction.kind.kind is DocumentKind.STATISTICAL_BULLETIN
    return extraction.document_year, facts(list(extraction.findings.quantities))


def test_a_bulletin_states_its_own_years_data() -> None:
    # the national bulletin for 2020 (国家统计局, 2021-02-28), its first lines: all of 2020;
    # 比上年增长 is the published growth rate, 比上年末增加 a change
    text = ("中华人民共和国2020年国民经济和社会发展统计公报\n国家统计局\n2021年2月28日\n一、综合\n"
            "初步核算，全年国内生产总值1015986亿元，比上年增长2.3%。\n"
            "年末全国人口141212万人，比上年末增加204万人。\n"
            "年末全国城镇调查失业率为5.2%，城镇登记失业率为4.2%。\n"
            "全年居民消费价格比上年上涨2.5%。")  # fmt: skip
    year, found = bulletin(text)
    assert year == 2020
    assert found == [
        ("baseline", 2020, Decimal("1015986"), "亿元", False),
        ("baseline", 2020, Decimal("2.3"), "%", True),
        ("baseline", 2020, Decimal("141212"), "万人", False),
        ("baseline", 2020, Decimal("204"), "万人", False),
        ("baseline", 2020, Decimal("5.2"), "%", False),
        ("baseline", 2020, Decimal("4.2"), "%", False),
        ("baseline", 2020, Decimal("2.5"), "%", True),
    ]


def test_an_annual_plan_report_reviews_last_year_and_sets_this_years_plan() -> None:
    # the genre's title and opening (国家发展改革委, 2021); year from the title's draft year
    text = ("关于2020年国民经济和社会发展计划执行情况与2021年国民经济和社会发展计划草案的报告\n"
            "一、2020年国民经济和社会发展计划执行情况\n"
            "国内生产总值达到101.6万亿元，比上年增长2.3%。\n"
            "二、2021年国民经济和社会发展的总体要求和主要目标\n"
            "国内生产总值增长6%以上；城镇新增就业1100万人以上。")  # fmt: skip
    source = Source("plan-report.txt", "0" * 64, DocumentFormat.TXT, "utf-8", len(text))
    extraction = extract_document(Document(text, source))
    assert (extraction.kind.kind, extraction.document_year) == (
        DocumentKind.ANNUAL_PLAN_REPORT,
        2021,
    )
    assert facts(list(extraction.findings.quantities)) == [
        ("baseline", 2020, Decimal("101.6"), "万亿元", False),
        ("baseline", 2020, Decimal("2.3"), "%", True),
        ("target", 2021, Decimal("6"), "%", True),
        ("target", 2021, Decimal("1100"), "万人", False),
    ]


def test_the_growth_target_named_as_such_is_a_growth_rate() -> None:
    # 2014 report, line 89
    text = "经过认真比较、反复权衡，把增长预期目标定在7.5%左右，兼顾了需要和可能。"
    assert facts(read(text, 2014)) == [("target", 2014, Decimal("7.5"), "%", True)]


def test_next_year_is_the_year_after_the_report() -> None:
    # 1980 report (delivered in August 1980, with the plan for 1981)
    text = "明年能源生产计划增长0.9％，而工业生产计划增长6％。"
    assert facts(read(text, 1980)) == [
        ("target", 1981, Decimal("0.9"), "%", True),
        ("target", 1981, Decimal("6"), "%", True),
    ]


def test_a_five_year_review_heading_starts_a_from_value_five_years_back() -> None:
    # 2013 report, lines 9–12 (the review of 2008–2012): 26.6 is the 2007 level
    text = ("一、过去五年工作回顾\n我们有效应对国际金融危机的严重冲击，保持经济平稳较快发展，"
            "国内生产总值从26.6万亿元增加到51.9万亿元，跃升到世界第二位。")  # fmt: skip
    assert [(q.kind, q.year, q.value) for q in read(text, 2013)] == [
        ("baseline", 2007, Decimal("26.6")),
        ("baseline", 2012, Decimal("51.9")),
    ]
