"""Reading a dated document — a work report, an annual plan report, a bulletin — by its year.

:func:`read_report` is the pure entry point: normal-form text, outline and plan metadata in,
the quantities dated by the document's year out. A report's review of the past year gives
baselines (observations) of year − 1; its targets for this year are targets of the year;
five-year targets keep their period's year (docs/extraction.md, "Years from the document").

In a report, "国内生产总值增长6.6%" states the published growth rate of one year, not a change
from a plan's baseline: such quantities get ``growth_rate`` true (and no ``change``), so a
level ("总量突破90万亿元") and its growth rate stay apart.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from planwatch.domain.outline import Outline
from planwatch.domain.plan import PlanMeta
from planwatch.domain.quantity import Quantity, QuantityFindings
from planwatch.extract.metadata import region_level
from planwatch.extract.normalize import NormalText
from planwatch.extract.numbers import parse_year
from planwatch.extract.quantities import find_quantities
from planwatch.extract.timeframe import YEAR, Anchor

# The words before a percentage that make it a year's growth rate: "增长6.6%", "上涨2.1%",
# "涨幅3%左右", "增速6.5%", "增长速度8%"; "提高2个百分点" is a change in points, not a rate.
GROWTH_WORDS = re.compile(
    r"""(?:增长|上涨|涨幅|增速|增幅|增长速度|增长率|速度)(?:了|为|是|达到|达)?(?:约|近|超过)?$
                                                     # 国内生产总值增长 | 6.6%""",
    re.VERBOSE,
)
# "近14亿人口的发展中大国", "十亿人口的大国": the size of the country, not a result.
DESCRIPTION_AFTER = re.compile(r"口的[^,,。;;]{0,6}?(?:大国|国家)  # 14亿人+口的大国", re.VERBOSE)
# The congress a report is delivered at: "在四川省第十三届人民代表大会…", "全国人民代表大会".
CONGRESS = re.compile(
    r"""(?:在|向)(?P<region>[\u4e00-\u9fff]{1,12}?(?:省|自治区|市|州|盟|县|区|旗))?
        第[一二三四五六七八九十]{1,3}届(?P<national>全国)?人民代表大会  # 第十三届全国人大""",
    re.VERBOSE,
)
CONGRESS_CHARS = 3000
# Who delivers it: "我代表国务院" (the nation), "代表省人民政府" (a province).
SPEAKER = re.compile(
    r"代表(?:(?P<council>国务院)|(?P<level>自治区|省|市|州|县|区|旗)人民政府)  # 我代表国务院",
    re.VERBOSE,
)
GROWTH_CONTEXT = 8  # characters before (and after) the number searched for a growth word
# A comparison with a year: "比2000年", "与2000年相比", "较二〇一〇年".
COMPARED_YEAR = re.compile(rf"(?:比|较|与|同)(?P<year>{YEAR})年")
# After the number: "提出8%左右的国内生产总值增长目标".
GROWTH_AFTER = re.compile(r"^(?:左右)?的?[\u4e00-\u9fff]{0,8}?(?:增长目标|增长速度|增速)")
# Names that are themselves a rate of growth: "物价涨幅", "经济增长速度的调控目标".
GROWTH_NAMES = re.compile(
    r"涨幅|上涨幅度|增长速度|增速|增长率|增幅|增长的?(?:预期)?目标  # 物价涨幅, 增长预期目标定在",
    re.VERBOSE,
)


@dataclass(frozen=True, slots=True)
class ReportReading:
    """The quantities of a dated document and the anchor they were read against."""

    anchor: Anchor
    findings: QuantityFindings


def read_report(
    text: NormalText, outline: Outline, plan: PlanMeta, year: int, *, bulletin: bool = False
) -> ReportReading:
    """Quantities of a report (or a bulletin when ``bulletin``) dated by ``year``.

    >>> from planwatch.extract.normalize import normalize
    >>> text = normalize("一、2018年工作回顾\\n国内生产总值增长6.6%。\\n"
    ...                  "二、2019年主要预期目标\\n今年国内生产总值增长6%-6.5%。")
    >>> found = read_report(text, Outline((), 0), PlanMeta(None, None, None), 2019).findings
    >>> [(q.kind, q.year, q.value, q.growth_rate) for q in found.quantities]
    [('baseline', 2018, Decimal('6.6'), True), ('target', 2019, Decimal('6'), True)]
    """
    anchor = Anchor(year, current_is_target=not bulletin)
    dated = replace(plan, period=(year, year))  # 由 A 提高到 B: A is of year − 1
    if dated.region is None and dated.level is None:  # 全省 or 全国, not the default 全区
        region, level = congress_region(text.text)
        dated = replace(dated, region=region, level=level)
    findings = find_quantities(text, outline, dated, anchor)
    quantities = tuple(
        _growth_rate(text, q)
        for q in findings.quantities
        if not DESCRIPTION_AFTER.match(text.original, q.end)
    )
    return ReportReading(anchor, replace(findings, quantities=quantities))


def congress_region(text: str) -> tuple[str | None, str | None]:
    """The region (and level) whose congress a report is delivered to, from its opening.

    >>> congress_region("——2021年1月24日在四川省第十三届人民代表大会第五次会议上")
    ('四川省', '省')
    >>> congress_region("现在,我代表国务院,向大会报告政府工作")
    ('中华人民共和国', '国家')
    >>> congress_region("我代表市人民政府,向大会报告政府工作"), congress_region("各位代表")
    ((None, '市'), (None, None))
    """
    match = CONGRESS.search(text, 0, CONGRESS_CHARS)
    if match is not None and (match["national"] or match["region"]):
        region = "中华人民共和国" if match["national"] else match["region"]
        return region, region_level(region)
    if (speaker := SPEAKER.search(text, 0, CONGRESS_CHARS)) is not None:
        if speaker["council"]:
            return "中华人民共和国", "国家"
        level = speaker["level"]
        return None, "县区" if level in ("县", "区", "旗") else {"自治区": "省"}.get(level, level)
    return None, None


def _growth_rate(text: NormalText, quantity: Quantity) -> Quantity:
    """A percentage after 增长/上涨/涨幅 is the year's growth rate (``growth_rate``, no change),
    unless it is an increase over several years: the sentence compares with a year two or
    more years before ("2005年与2000年相比,国内生产总值增长57.3%") or its paragraph reviews
    several years ("五年来,…增长58.3%") — a ``change``, not one year's rate."""
    if quantity.unit != "%" or quantity.change == "decrease" or quantity.cumulative:
        return quantity
    if quantity.text.startswith("翻"):  # 翻一番: a doubling against a base year, not one year's
        return quantity
    over_years = quantity.since is not None and quantity.year is not None and (
        quantity.since <= quantity.year - 2
    )  # "五年来,…分别实际增长58.3%和29.2%"
    if not quantity.growth_rate and (over_years or _over_years(text, quantity)):
        return replace(quantity, change="increase")
    original = text.original
    before = original[max(0, quantity.start - GROWTH_CONTEXT) : quantity.start].rstrip()
    named = GROWTH_NAMES.search(quantity.indicator) and quantity.change is None
    after = original[quantity.end : quantity.end + 2 * GROWTH_CONTEXT]
    increase = quantity.change == "increase"  # "实际增长8.4%和8%": the 8% shares 增长
    growth = GROWTH_WORDS.search(before) or GROWTH_AFTER.match(after)
    if quantity.growth_rate or growth or named or increase:
        return replace(quantity, growth_rate=True, change=None)
    return quantity


def _over_years(text: NormalText, quantity: Quantity) -> bool:
    """Whether the sentence compares the quantity with a year two or more years before it."""
    if quantity.year is None:
        return False
    start = quantity.start - len(quantity.sentence[: quantity.sentence.find(quantity.text)])
    before = text.original[max(0, start) : quantity.start]
    years = (parse_year(m["year"]) for m in COMPARED_YEAR.finditer(before))
    return any(year is not None and year <= quantity.year - 2 for year in years)


def annual_targets(findings: QuantityFindings, year: int) -> tuple[Quantity, ...]:
    """The targets a report sets for its own year.

    >>> annual_targets(QuantityFindings((), (), ()), 2019)
    ()
    """
    return tuple(q for q in findings.quantities if q.kind == "target" and q.year == year)


def past_year_results(findings: QuantityFindings, year: int) -> tuple[Quantity, ...]:
    """The results a report states for the year before it (baselines of ``year - 1``)."""
    return tuple(q for q in findings.quantities if q.kind == "baseline" and q.year == year - 1)
