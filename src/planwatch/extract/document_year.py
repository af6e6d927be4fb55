"""The year a report or bulletin belongs to, read from the document itself, with evidence.

A work report or annual plan report is dated by the year it is delivered in (it sets that
year's targets and reviews the year before); a statistical bulletin by the year whose data it
publishes. The evidence, strongest first (docs/extraction.md, "Years from the document"):

1. the title: "2019年政府工作报告", "关于2019年…计划执行情况与2020年…计划草案的报告" (the
   draft's year, 2020), "2020年国民经济和社会发展统计公报";
2. the date line: "2019年3月5日在第十三届全国人民代表大会第二次会议上" (a bulletin's date
   line is a year after its data);
3. the session delivered at: "向第十三届全国人民代表大会第四次会议" → 2021;
4. the body: "一、2018年工作回顾", "刚刚过去的2017年", "首先报告2001年的工作" (the year
   after), "2019年经济社会发展主要预期目标" (that year);
5. a file name that reads as a title ("2019年政府工作报告.txt").
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import PurePath

from planwatch.domain.document import DocumentKind
from planwatch.extract.headings import chinese_number
from planwatch.extract.metadata import chinese_year, plan_number_period

YEAR = r"(?P<year>(?:19|20)\d{2}|[一二][〇零一二三四五六七八九]{3})"
HEAD_CHARS = 600
SESSION_CHARS = 3000  # the opening paragraphs, where a report names its session

TITLE_YEAR = re.compile(
    rf"""(?:{YEAR}年[^\n年]{{0,30}}?(?:计划草案|计划)的报告)   # …与2020年…计划草案的报告
       | (?:{YEAR.replace("year", "year2")}年[^\n年]{{0,30}}?
            (?:政府工作报告|统计公报))                       # 2019年政府工作报告""",
    re.VERBOSE,
)
DATE_LINE = re.compile(
    rf"^\s*[\(]?[^\n]{{0,20}}?{YEAR}年\s*\d{{1,2}}\s*月\s*\d{{1,2}}\s*日  # 2019年3月5日在…",
    re.VERBOSE | re.MULTILINE,
)
CHINESE_DATE_LINE = re.compile(
    rf"""^\s*[\(]?{YEAR}年[一二三四五六七八九十]{{1,2}}月
         [一二三四五六七八九十]{{1,3}}日  # 二〇二一年一月二十日""",
    re.VERBOSE | re.MULTILINE,
)
NPC_SESSION = re.compile(
    r"""(?:向|在)(?:中华人民共和国)?第(?P<term>[一二三四五六七八九十]{1,3})届全国人民代表大会
        第(?P<session>[一二三四五六七八九十]{1,2})次会议  # 向第十三届全国人民代表大会第四次会议""",
    re.VERBOSE,
)
REVIEWED_YEAR = re.compile(
    rf"""(?:^|\n)\s*(?:[一二三四五六七八九十]+、)?\s*(?:首先报告)?{YEAR}年(?:的)?(?:国内)?(?:政府)?工作(?:的)?回顾
                                                                  # 一、2018年工作回顾
       | 刚刚过去的{YEAR.replace("year", "year2")}年                # 刚刚过去的2017年
       | 首先报告{YEAR.replace("year", "year3")}年的?工作           # 首先报告2001年的工作""",
    re.VERBOSE,
)
TARGETED_YEAR = re.compile(
    rf"""{YEAR}年(?:经济社会发展|国民经济和社会发展|国民经济|发展)?的?主要(?:预期)?目标(?:是|为)
                                          # 2019年经济社会发展主要预期目标是
       | (?:^|\n)\s*[一二三四五六七八九十]+、\s*(?:关于)?{YEAR.replace("year", "year2")}年的?
         [^\n。]{{0,16}}?(?:主要任务|总体部署|工作任务|的工作|总体要求|工作安排|工作的建议)
         \s*(?=\n)
                                          # 二、2004年主要任务, 二、关于1998年政府工作的建议""",
    re.VERBOSE,
)
# The first to the tenth NPC's first sessions; from the sixth on, one term is five years.
NPC_FIRST_YEAR = {1: 1954, 2: 1959, 3: 1964, 4: 1975, 5: 1978}
NPC_SESSION_YEARS = {2: (1959, 1960, 1962, 1963)}  # the 2nd NPC did not meet in 1961


@dataclass(frozen=True, slots=True)
class YearReading:
    """The document's year and the words it was read from."""

    year: int
    evidence: str


def npc_session_year(term: int, session: int) -> int | None:
    """The year of the ``session``-th session of the ``term``-th National People's Congress.

    >>> [npc_session_year(*n) for n in [(13, 4), (8, 3), (1, 2), (2, 3), (14, 1)]]
    [2021, 1995, 1955, 1962, 2023]
    """
    if term < 1 or session < 1:
        return None
    if term in NPC_SESSION_YEARS:
        years = NPC_SESSION_YEARS[term]
        return years[session - 1] if session <= len(years) else None
    first = NPC_FIRST_YEAR.get(term, 1983 + 5 * (term - 6))
    return first + session - 1 if session <= 6 else None


def _year(match: re.Match[str]) -> int | None:
    token = next((value for key, value in match.groupdict().items()
                  if key.startswith("year") and value), None)  # fmt: skip
    return chinese_year(token) if token else None


def read_year(
    text: str, kind: DocumentKind, *, title: str | None = None, path: str | None = None
) -> YearReading | None:
    """The year of a report or bulletin, or None when the document does not say.

    ``text`` is the normal form (ASCII digits); ``title`` a title read elsewhere; ``path``
    the file's path, whose name is read last.

    >>> read_year("2019年3月5日在第十三届全国人民代表大会第二次会议上\\n各位代表:",
    ...           DocumentKind.WORK_REPORT)
    YearReading(year=2019, evidence='日期行:2019年3月5日')
    >>> read_year("各位代表:\\n现在,我代表国务院向第十三届全国人民代表大会第四次会议报告政府工作。",
    ...           DocumentKind.WORK_REPORT).year
    2021
    >>> read_year("各位代表:\\n一、2018年工作回顾\\n过去一年…", DocumentKind.WORK_REPORT)
    YearReading(year=2019, evidence='正文:一、2018年工作回顾')
    >>> read_year("2020年国民经济和社会发展统计公报\\n国家统计局\\n2021年2月28日",
    ...           DocumentKind.STATISTICAL_BULLETIN).year
    2020
    >>> read_year("各位代表:\\n过去一年…", DocumentKind.WORK_REPORT) is None
    True
    """
    head = text[:HEAD_CHARS]
    for place, words in (("标题", title or ""), ("标题", head)):
        if (match := TITLE_YEAR.search(words)) is not None and (year := _year(match)):
            return YearReading(year, f"{place}:{match.group().strip()}")
    bulletin = kind is DocumentKind.STATISTICAL_BULLETIN
    for pattern in (DATE_LINE, CHINESE_DATE_LINE):
        match = pattern.search(head)
        if match is not None and (year := _year(match)):
            date = match.group().strip().lstrip("(")
            date = date[date.find(match["year"]) :]
            return YearReading(year - 1 if bulletin else year, f"日期行:{date}")
    if (session := NPC_SESSION.search(text, 0, SESSION_CHARS)) is not None:
        term, number = chinese_number(session["term"]), chinese_number(session["session"])
        year = npc_session_year(term, number) if term and number else None
        if year is not None:
            return YearReading(year, f"会议:{session.group()[1:]}")
    if (reading := _from_body(text)) is not None:
        return reading
    if path is not None:
        name = PurePath(path).stem
        if (match := TITLE_YEAR.search(name)) is not None and (year := _year(match)):
            return YearReading(year, f"文件名:{match.group()}")
    return None


def _from_body(text: str) -> YearReading | None:
    """The year the body implies: a review of year Y means Y + 1; targets "for Y" mean Y."""
    votes: Counter[int] = Counter()
    first: dict[int, str] = {}
    for pattern, shift in ((REVIEWED_YEAR, 1), (TARGETED_YEAR, 0)):
        for match in pattern.finditer(text):
            year = _year(match)
            if year is None:
                continue
            votes[year + shift] += 1
            first.setdefault(year + shift, match.group().strip())
    if not votes:
        return None
    year, _ = max(votes.items(), key=lambda item: (item[1], item[0]))
    return YearReading(year, f"正文:{first[year]}")


def period_end(ordinal: int) -> int:
    """The last year of the n-th five-year plan, for any ordinal.

    >>> period_end(14), period_end(15), period_end(9), period_end(1)
    (2025, 2030, 2000, 1957)
    """
    return plan_number_period(ordinal)[1]


def covering_period(year: int) -> tuple[int, int] | None:
    """The five-year plan period that holds ``year`` (from the third plan, 1966, on).

    >>> covering_period(2019), covering_period(2021), covering_period(1995), covering_period(1963)
    ((2016, 2020), (2021, 2025), (1991, 1995), None)
    """
    if year < 1966:
        return None
    start = 1966 + (year - 1966) // 5 * 5
    return start, start + 4
