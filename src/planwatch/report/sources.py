"""The data sources of a report as a numbered list a reader can check: title, date, what it gave.

A source is stored as free text with each value: a document's name (江阳区2022年统计公报), a web
address, or a note that the value is the plan's own (规划纲要). A report cites each one once,
numbered, with a title (the document's name; for a web page, the site and what was taken from
it), a date (one the address or the text carries, else the date the value was entered) and,
for a web page, the address after the title, never alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlsplit

from planwatch.report import numbers
from planwatch.services.overview import PlanOverview

# "https://cbgc.scol.com.cn/news/4111600(可信度:高)" → address and confidence
CONFIDENCE = re.compile(
    r"""
    [(（] \s* 可信度 \s* [:：] \s* (?P<level>[高中低]) \s* [)）] \s* $   # (可信度:高)
    """,
    re.VERBOSE,
)
ADDRESS = re.compile(r"^\s*(?P<url>https?://\S+?)\s*$", re.VERBOSE)  # http://sc.people.com.cn/…
# a date in a web address: /2021/0929/, /202104/08/, /2020-08-11, /20210408
URL_DATE = re.compile(
    r"""
    (?<!\d) (?P<year>(?:19|20)\d{2}) [/\-_]? (?P<month>0[1-9]|1[0-2])
    (?: [/\-_]? (?P<day>0[1-9]|[12]\d|3[01]) )? (?!\d)          # 2021/0929, 202104/08
    """,
    re.VERBOSE,
)
# the plan itself, however the source says it: the plan itself (发展基础), 规划纲要, 本规划
PLAN_ITSELF = re.compile(
    r"""
    ^ \s* (?: the \s+ plan (?: \s+ itself)? | 本规划 | 规划纲要 | 规划文本 )
    \s* (?: [(（] (?P<part>[^)）]*) [)）] )? \s* $                # the plan itself (发展基础)
    """,
    re.VERBOSE | re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Citation:
    """One numbered source: its title, date, address (web pages), and what it supplied."""

    number: int
    title: str
    date: str
    address: str
    supplied: str
    confidence: str

    @property
    def text(self) -> str:
        """The list entry.

        >>> Citation(1, "四川在线网页", "2023年4月", "https://a.cn/1", "GDP（2022年）", "高").text
        '1. 四川在线网页，2023年4月，提供GDP（2022年）数据，可信度高。网址：https://a.cn/1'
        """
        parts = [self.title]
        if self.date:
            parts.append(self.date)
        if self.supplied:
            parts.append(f"提供{self.supplied}数据")
        if self.confidence:
            parts.append(f"可信度{self.confidence}")
        entry = f"{self.number}. {'，'.join(parts)}。"
        return entry + (f"网址：{self.address}" if self.address else "")


def url_date(address: str) -> str:
    """A publication date a web address carries, as a document writes it; '' when none.

    >>> url_date("http://sc.people.com.cn/n2/2021/0929/c345167-34937919.html")
    '2021年9月29日'
    >>> url_date("https://m.yybnet.net/luzhou/news/201710/6660997.html")
    '2017年10月'
    >>> url_date("https://cbgc.scol.com.cn/news/4111600")
    ''
    """
    found = URL_DATE.search(urlsplit(address).path)
    if found is None:
        return ""
    text = f"{found['year']}年{int(found['month'])}月"
    return text + (f"{int(found['day'])}日" if found["day"] else "")


def describe(source: str, plan_title: str) -> tuple[str, str, str, str]:
    """(title, date, address, confidence) of a stored source text.

    >>> describe("the plan itself (发展基础)(可信度:高)", "某区规划纲要")
    ('《某区规划纲要》（发展基础部分）', '', '', '高')
    >>> describe("https://www.gov.cn/a/2021/0310/x.html", "某区规划纲要")[:3]
    ('网页资料（www.gov.cn）', '2021年3月10日', 'https://www.gov.cn/a/2021/0310/x.html')
    """
    confidence = ""
    level = CONFIDENCE.search(source)
    if level is not None:
        confidence = level["level"]
        source = source[: level.start()]
    source = source.strip()
    plan = PLAN_ITSELF.match(source)
    if plan is not None:
        part = plan["part"]
        return f"《{plan_title}》" + (f"（{part}部分）" if part else ""), "", "", confidence
    address = ADDRESS.match(source)
    if address is not None:
        url = address["url"]
        host = urlsplit(url).hostname or url
        return f"网页资料（{host}）", url_date(url), url, confidence
    return source, "", "", confidence


def citations(overview: PlanOverview) -> tuple[Citation, ...]:
    """Every source of a value shown, numbered in the order of ``overview.sources``."""
    supplied: dict[str, list[str]] = {}
    entered: dict[str, datetime] = {}
    for view in overview.indicators:
        years: dict[str, list[int]] = {}
        for o in view.observations:
            if o.source and o.year <= overview.as_of:
                years.setdefault(o.source, []).append(o.year)
        for source, found in years.items():
            shown = "、".join(f"{y}年" for y in sorted(found))
            supplied.setdefault(source, []).append(f"{view.indicator.name}（{shown}）")
        for revision in view.revisions:
            held = entered.get(revision.source)
            if held is None or revision.recorded_at < held:
                entered[revision.source] = revision.recorded_at
    title = overview.title or overview.key
    found_list = []
    for number, source in enumerate(overview.sources, start=1):
        name, date, address, confidence = describe(source, title)
        if not date and not name.startswith("《") and source in entered:
            date = f"{numbers.date_text(entered[source])}录入"
        found_list.append(
            Citation(number, name, date, address, "、".join(supplied.get(source, [])), confidence)
        )
    return tuple(found_list)
