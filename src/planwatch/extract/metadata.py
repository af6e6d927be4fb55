"""Read a plan's title, region, period and vision year from its title block.

The title block is the text before the first heading (序言, 第一篇 …). Titles are often
broken over two lines ("泸州市江阳区国民经济和社会发展" / "第十四个五年规划和二〇三五年远景
目标纲要"), and a cover line may precede them; the title is the block's first run of lines
that ends like a plan title, a 纲要 preferred.
"""

from __future__ import annotations

import bisect
import re

from planwatch.domain.plan import PlanMeta
from planwatch.extract.headings import CHINESE_DIGITS, chinese_number
from planwatch.extract.normalize import NormalText
from planwatch.extract.vocabulary import current_vocabulary

# A plan title ends with 纲要/规划/计划, maybe followed by a note: "…规划(2022年更新)".
TITLE_END = re.compile(r"(?:纲要|规划|计划)(?:\([^)]{0,20}\))?$")

# A leading note in parentheses, as on a cover: "(四川省)泸州市江阳区…".
LEADING_NOTE = re.compile(r"^\([^)]{1,12}\)")

# Where the region's name stops in a title: "泸州市江阳区|国民经济和社会发展…".
REGION_END = re.compile(
    r"""国民经济和社会发展                # 中华人民共和国|国民经济和社会发展…
      | 第[一二三四五六七八九十]+个五年   # 四川省|第十四个五年…
      | [“"]?[一二三四五六七八九十]{1,2}五[”"]?(?:规划|计划|时期)  # 某县|“十四五”规划""",
    re.VERBOSE,
)

# The ordinal of a five-year plan: "第十四个五年", "十四五", "“十五”计划".
PLAN_ORDINAL = re.compile(
    r"""第(?P<long>[一二三四五六七八九十]+)个五年     # 第十四个五年规划
      | [“"](?P<quoted>[一二三四五六七八九十]{1,2}?)五[”"]  # “十四五” / “九五”
      | (?P<short>[一二三四五六七八九十]{1,2})五(?:规划|计划|时期|期间)  # 十四五规划""",
    re.VERBOSE,
)

# An explicit period in the title block: "(2011—2015年)", "2021-2025年".
PERIOD_YEARS = re.compile(
    r"(?P<start>(?:19|20)\d{2})\s*年?\s*[-—–~至到]+\s*(?P<end>(?:19|20)\d{2})\s*年"
)

# The vision year: "二〇三五年远景目标", "2035年远景目标".
VISION_YEAR = re.compile(r"(?P<year>(?:19|20)\d{2}|[一二〇]{2}[〇一二三四五六七八九]{2})年远景目标")

_MUNICIPALITIES = ("北京市", "天津市", "上海市", "重庆市")
# A document without a plan title whose opening names the State Council as its author (a
# government work report: "现在，我代表国务院，向大会报告政府工作") is about the nation.
NATIONAL_AUTHOR = re.compile(r"代表国务院|国务院政府工作报告|国务院总理  # 我代表国务院", re.X)

_TITLE_BLOCK_LINES = 12


def plan_number_period(ordinal: int) -> tuple[int, int]:
    """The years of the n-th national five-year plan.

    The first two plans ran 1953–1957 and 1958–1962; after three years of adjustment the
    third began in 1966, and every plan since has followed the last.

    >>> plan_number_period(14), plan_number_period(9), plan_number_period(1), plan_number_period(15)
    ((2021, 2025), (1996, 2000), (1953, 1957), (2026, 2030))
    """
    start = 1953 + 5 * (ordinal - 1) if ordinal <= 2 else 1966 + 5 * (ordinal - 3)
    return start, start + 4


def chinese_year(numeral: str) -> int | None:
    """A year written in digits or digit by digit in Chinese numerals.

    >>> chinese_year("二〇三五"), chinese_year("2035"), chinese_year("一九九五")
    (2035, 2035, 1995)
    """
    if numeral.isdigit():
        return int(numeral)
    digits = [CHINESE_DIGITS.get(c) for c in numeral]
    if len(digits) != 4 or any(d is None for d in digits):
        return None
    return int("".join(str(d) for d in digits))


def _title(lines: list[str]) -> str | None:
    """The first run of lines that ends like a plan title, a 纲要 preferred.

    >>> _title(["(四川省)某区国民经济和社会发展十四五规划(2022年更新)", "某区国民经济和社会发展",
    ...         "第十四个五年规划和二〇三五年远景目标纲要", "(2021年3月批准)"])
    '某区国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要'
    """
    candidates, buffer = [], ""
    for line in lines:
        buffer += line.strip()
        if TITLE_END.search(buffer):
            candidates.append(buffer)
            buffer = ""
        elif len(buffer) > 80:
            buffer = ""
    preferred = [c for c in candidates if "纲要" in c]
    chosen = preferred or candidates
    return LEADING_NOTE.sub("", chosen[0]) if chosen else None


def _region(title: str | None) -> str | None:
    """The region a title names: the words before 国民经济和社会发展 or the plan's ordinal.

    >>> _region("泸州市江阳区国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要")
    '泸州市江阳区'
    >>> _region("中华人民共和国国民经济和社会发展第十四个五年规划和2035年远景目标纲要")
    '中华人民共和国'
    """
    if not title:
        return None
    match = REGION_END.search(title)
    region = title[: match.start()] if match else ""
    return region.strip('"“”') or None


def region_level(region: str | None) -> str | None:
    """国家, 省, 市 or 县区, from the region's name.

    >>> [region_level(r) for r in ["中华人民共和国", "四川省", "泸州市", "泸州市江阳区", "重庆市"]]
    ['国家', '省', '市', '县区', '省']
    """
    if not region:
        return None
    if region in _MUNICIPALITIES:
        return "省"
    suffixes = current_vocabulary().level_suffixes  # the longest suffix that ends the name
    return next(
        (suffixes[s] for s in sorted(suffixes, key=len, reverse=True) if region.endswith(s)), None
    )


def _period(head: str) -> tuple[int, int] | None:
    if (years := PERIOD_YEARS.search(head)) is not None:
        start, end = int(years["start"]), int(years["end"])
        if 0 < end - start <= 10:
            return start, end
    for match in PLAN_ORDINAL.finditer(head):
        numeral = match["long"] or match["quoted"] or match["short"]
        ordinal = chinese_number(numeral) if numeral else None
        if ordinal is not None and 1 <= ordinal <= 30:
            return plan_number_period(ordinal)
    return None


def read_plan_meta(text: NormalText, body_start: int) -> PlanMeta:
    """Title, region, period and vision year of a plan.

    ``body_start`` is the original offset where the outline's first node starts; the title
    block is what precedes it (or the first lines when the plan starts with a heading).

    >>> from planwatch.extract.normalize import normalize
    >>> text = normalize("四川省国民经济和社会发展\\n第十五个五年规划纲要\\n序言\\n…")
    >>> meta = read_plan_meta(text, 27)
    >>> meta.region, meta.period, meta.level
    ('四川省', (2026, 2030), '省')
    """
    block_end = min(bisect.bisect_left(text.origin, body_start), len(text.text))
    block = [line for line in text.text[:block_end].split("\n") if line.strip()]
    if not block:
        block = [line for line in text.text.split("\n", _TITLE_BLOCK_LINES)[:_TITLE_BLOCK_LINES]]
    title = _title(block[:_TITLE_BLOCK_LINES])
    region = _region(title)
    if region is None and NATIONAL_AUTHOR.search("\n".join(block[:_TITLE_BLOCK_LINES])):
        region = "中华人民共和国"
    head = "\n".join(
        [title or "", *block[:_TITLE_BLOCK_LINES], text.text[block_end : block_end + 3000]]
    )
    vision = VISION_YEAR.search(head)
    return PlanMeta(
        title=title,
        region=region,
        period=_period(head),
        vision_year=chinese_year(vision["year"]) if vision else None,
        level=region_level(region),
    )
