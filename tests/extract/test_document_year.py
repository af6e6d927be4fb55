"""The document's own year, each rule on a real excerpt (docs/extraction.md, "Years from the
document"). Excerpts are copied from ../shared/corpus/national-gov-work-reports/ (the file
named in each id; its name gives the year it was delivered, the expected value)."""

from __future__ import annotations

import pytest

from planwatch.domain.document import DocumentKind
from planwatch.extract.document_year import (
    covering_period,
    npc_session_year,
    period_end,
    read_year,
)
from planwatch.extract.normalize import normalize

REPORT = DocumentKind.WORK_REPORT
CASES = [
    # date line under the title (1957 report)
    ("1957-date-line", "\u200b\n\n\n政府工作报告\n\n\n1957年6月26日在第一届全国人民代表大会第四次会議上\n\n周恩来",
     1957, "日期行"),
    # the session delivered at: the 10th NPC's 1st session met in 2003 (1983 + 5 × 4)
    ("2003-session", "各位代表:\n\n本届政府1998年3月就职，任期即将结束。现在，我代表国务院，"
     "向第十届全国人民代表大会第一次会议报告过去五年的工作，对今年的工作提出建议", 2003, "会议"),
    # the 1st NPC's 2nd session: 1955 (the first met in 1954)
    ("1955-session", "各位代表：\n\n　　中华人民共和国国务院向第一届全国人民代表大会第二次会议提出关于"
     "发展国民经济第一个五年计划的议案", 1955, "会议"),
    # the review heading names the past year: 2018 → 2019
    ("2019-review-heading", "各位代表：\n现在，我代表国务院，向大会报告政府工作，请予审议。\n\n\n\n"
     "一、2018年工作回顾\n\n\n过去一年是全面贯彻党的十九大精神开局之年", 2019, "正文"),
    # full-width digits (1995 report): １９９４ → 1995
    ("1995-full-width", "各位代表：\n　　现在，我代表国务院向大会作政府工作报告，请予审议。\n"
     "一、１９９４年国内工作的回顾\n", 1995, "正文"),
    ("1985-just-past", "各位代表：\n\n　　刚刚过去的１９８４年，是我国各族人民在实现八十年代以至九十年代的"
     "三大任务方面", 1985, "正文"),
    ("2002-first-report", "各位代表：\n　　现在，我代表国务院向大会作政府工作报告，请予审议。\n"
     "首先报告２００１年的工作\n", 2002, "正文"),
    # a heading for this year's work (2004 report)
    ("1998-proposal-heading", "各位代表：\n一、关于过去五年的政府工作\n……\n二、关于1 9 9 8 年政府工作的建议\n",
     1998, "正文"),
    ("2004-tasks-heading", "各位代表：\n本届政府履行职责已经一年。\n一、一年来工作回顾\n……\n"
     "二、2004年主要任务\n", 2004, "正文"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "year", "place"), [pytest.param(*c[1:], id=c[0]) for c in CASES])
def test_document_year(text: str, year: int, place: str) -> None:
    found = read_year(normalize(text).text, REPORT)
    assert found is not None
    assert found.year == year
    assert found.evidence.startswith(place)


def test_a_title_names_the_year_of_the_plan_draft() -> None:
    # the 2021 annual plan report: its draft is for 2021, its review of 2020
    title = "关于2020年国民经济和社会发展计划执行情况与2021年国民经济和社会发展计划草案的报告"
    found = read_year(title, DocumentKind.ANNUAL_PLAN_REPORT)
    assert found is not None and found.year == 2021


def test_a_bulletin_is_the_year_of_its_data_not_of_its_date_line() -> None:
    # published on 2021-02-28 about 2020
    assert read_year("国家统计局\n2021年2月28日\n", DocumentKind.STATISTICAL_BULLETIN).year == 2020  # type: ignore[union-attr]


def test_a_local_congress_is_dated_by_its_date_line() -> None:
    # local 人大 terms start in different years: only the date line dates it
    text = "——2021年1月24日在四川省第十三届人民代表大会第五次会议上\n各位代表:"
    assert read_year(text, REPORT).year == 2021  # type: ignore[union-attr]
    assert (
        read_year("各位代表:\n向四川省第十三届人民代表大会第五次会议报告政府工作", REPORT) is None
    )


def test_a_past_session_named_in_passing_is_not_the_one_delivered_at() -> None:
    # 1981 report: "从去年９月第五届全国人民代表大会第三次会议到现在" names the 1980 session
    text = (
        "各位代表：\n　　从去年９月第五届全国人民代表大会第三次会议到现在，已经过去了一年零两个月。"
    )
    assert read_year(normalize(text).text, REPORT) is None


def test_the_file_name_is_read_last() -> None:
    text = "各位代表：\n过去一年……"
    assert read_year(text, REPORT) is None
    found = read_year(text, REPORT, path="reports/2019年政府工作报告.txt")
    assert found is not None and found.year == 2019 and found.evidence.startswith("文件名")


@pytest.mark.parametrize(
    ("term", "session", "year"),
    # first sessions: 1st 1954, 2nd 1959, 5th 1978, 6th 1983, 13th 2018; the 2nd skipped 1961
    [(1, 5, 1958), (2, 4, 1963), (5, 3, 1980), (6, 1, 1983), (8, 3, 1995), (13, 4, 2021)],
)
def test_npc_session_year(term: int, session: int, year: int) -> None:
    assert npc_session_year(term, session) == year


@pytest.mark.parametrize(
    ("ordinal", "end"), [(9, 2000), (10, 2005), (13, 2020), (14, 2025), (15, 2030), (16, 2035)]
)
def test_period_end_for_any_ordinal(ordinal: int, end: int) -> None:
    assert period_end(ordinal) == end


def test_covering_period() -> None:
    assert covering_period(2016) == (2016, 2020)
    assert covering_period(2030) == (2026, 2030)
