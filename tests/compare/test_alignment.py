"""规划衔接: direction-aware verdicts, shares of totals, incomparable pairs, proposals."""

from decimal import Decimal

import pytest
from target_builders import DOWN, UP, A, K, target

from planwatch.compare.alignment import align, propose_pairs
from planwatch.domain.comparison import SeriesPair, TargetRef, Verdict

V = Verdict
PAIR = [SeriesPair("low", "high")]


def low(value: str, unit: str = "%", **kw: object) -> TargetRef:
    return target("low", value, unit, **kw)  # type: ignore[arg-type]


def high(value: str, unit: str = "%", **kw: object) -> TargetRef:
    return target("high", value, unit, **kw)  # type: ignore[arg-type]


GROWTH = {"kind": K.GROWTH_RATE, "indicator": "地区生产总值"}
ENERGY = {"kind": K.CHANGE, "change": DOWN, "attribute": A.BINDING, "indicator": "单位地区生产总值能源消耗降低"}
FOREST = {"attribute": A.BINDING, "indicator": "森林覆盖率"}
JOBLESS = {"kind": K.CEILING, "comparator": "<=", "indicator": "城镇调查失业率"}

# (lower targets, upper targets, verdict, margin, share); margins and shares worked by hand.
CASES = [
    ("gdp-growth-district-7-city-6.5", [low("7", **GROWTH)], [high("6.5", **GROWTH)], V.CONSISTENT, "0.5", None),
    ("gdp-growth-city-6.5-province-6", [low("6.5", **GROWTH)], [high("6", **GROWTH)], V.CONSISTENT, "0.5", None),
    ("gdp-growth-equal", [low("6", **GROWTH)], [high("6", **GROWTH)], V.CONSISTENT, "0", None),
    ("gdp-growth-below", [low("5.5", **GROWTH)], [high("6", **GROWTH)], V.WEAKER, "-0.5", None),
    ("energy-decrease-13-vs-14", [low("13", **ENERGY)], [high("14", **ENERGY)], V.WEAKER, "-1", None),
    ("energy-decrease-14.5-vs-14", [low("14.5", **ENERGY)], [high("14", **ENERGY)], V.CONSISTENT, "0.5", None),
    ("forest-40-vs-45", [low("40", **FOREST)], [high("45", **FOREST)], V.WEAKER, "-5", None),
    ("jobless-ceiling-equal", [low("5.5", **JOBLESS)], [high("5.5", **JOBLESS)], V.CONSISTENT, "0", None),
    ("jobless-ceiling-looser", [low("6", **JOBLESS)], [high("5.5", **JOBLESS)], V.WEAKER, "0.5", None),
    ("at-most-comparator-on-a-level", [low("5", comparator="<=", indicator="城镇登记失业率")],
     [high("5.5", comparator="<", indicator="城镇登记失业率")], V.CONSISTENT, "-0.5", None),
    ("per-capita-income-other-multiplier", [low("5.2", "万元", indicator="城镇居民人均可支配收入")],
     [high("48000", "元", indicator="城镇居民人均可支配收入")], V.CONSISTENT, "4000", None),
    ("per-unit-unit-is-intensive", [low("0.5", "吨标准煤/万元", comparator="<=", indicator="能耗水平")],
     [high("0.45", "吨标准煤/万元", comparator="<=", indicator="能耗水平")], V.WEAKER, "0.05", None),
    ("gdp-total-share", [low("1000", "亿元", indicator="地区生产总值")], [high("4000", "亿元", indicator="地区生产总值")],
     V.SHARE, None, "0.25"),
    ("gdp-total-share-other-multiplier", [low("1000", "亿元", indicator="地区生产总值")],
     [high("0.5", "万亿元", indicator="地区生产总值")], V.SHARE, None, "0.2"),
    ("water-ceiling-share", [low("2.39", "亿立方米", kind=K.CEILING, comparator="<=", indicator="用水总量")],
     [high("20", "亿立方米", kind=K.CEILING, comparator="<=", indicator="用水总量")], V.SHARE, None, "0.1195"),
    ("farmland-share-rounded", [low("8", "万亩", kind=K.FLOOR, indicator="耕地保有量")],
     [high("1200", "万亩", kind=K.FLOOR, indicator="耕地保有量")], V.SHARE, None, "0.0067"),
    ("cumulative-jobs-share", [low("3", "万人", kind=K.CUMULATIVE, indicator="城镇新增就业")],
     [high("60", "万人", kind=K.CUMULATIVE, indicator="城镇新增就业")], V.SHARE, None, "0.05"),
    ("absolute-change-of-a-total-is-a-share", [low("1.5", "亿立方米", kind=K.CHANGE, change=UP, indicator="供水能力")],
     [high("10", "亿立方米", kind=K.CHANGE, change=UP, indicator="供水能力")], V.SHARE, None, "0.15"),
    ("share-above-one", [low("5000", "亿元", indicator="地区生产总值")], [high("4000", "亿元", indicator="地区生产总值")],
     V.SHARE, None, "1.25"),
    ("totals-other-base-unit", [low("1500", "万人次", indicator="旅游接待人数")], [high("90000000", "人", indicator="旅游接待人数")],
     V.INCOMPARABLE, None, None),
    ("different-target-years", [low("7", year=2025, **GROWTH)], [high("5", year=2035, **GROWTH)], V.INCOMPARABLE, None, None),
    ("common-year-chosen", [low("6", year=2023, **GROWTH), low("6.5", year=2025, **GROWTH)],
     [high("6", year=2025, **GROWTH)], V.CONSISTENT, "0.5", None),
    ("stretch-does-not-count", [low("6.5", **GROWTH), low("7.5", stretch=True, **GROWTH)], [high("7", **GROWTH)],
     V.WEAKER, "-0.5", None),
    ("growth-rate-against-level", [low("7", **GROWTH)], [high("4000", "亿元", indicator="地区生产总值")],
     V.INCOMPARABLE, None, None),
    ("change-percent-against-points", [low("2", "百分点", kind=K.CHANGE, change=UP)], [high("10", kind=K.CHANGE, change=UP)],
     V.INCOMPARABLE, None, None),
    ("change-directions-differ", [low("2", kind=K.CHANGE, change=UP)], [high("2", kind=K.CHANGE, change=DOWN)],
     V.INCOMPARABLE, None, None),
    ("change-direction-unstated-below", [low("13", kind=K.CHANGE)], [high("14", **ENERGY)], V.WEAKER, "-1", None),
    ("ceiling-against-floor", [low("10", kind=K.CEILING, comparator="<=", indicator="比重")],
     [high("10", kind=K.FLOOR, indicator="比重")], V.INCOMPARABLE, None, None),
    ("no-target-below", [], [high("6", **GROWTH)], V.NO_TARGET, None, None),
    ("intensive-name-below-only", [low("50000", "元", indicator="人均可支配收入")], [high("48000", "元", indicator="可支配收入")],
     V.CONSISTENT, "2000", None),
]


def dec(text: str | None) -> Decimal | None:
    return None if text is None else Decimal(text)


@pytest.mark.parametrize(("lower", "upper", "verdict", "margin", "share"), [c[1:] for c in CASES],
                         ids=[c[0] for c in CASES])
def test_verdicts(lower: list[TargetRef], upper: list[TargetRef], verdict: Verdict, margin: str | None,
                  share: str | None) -> None:
    (row,) = align(lower, upper, PAIR)
    assert (row.verdict, row.margin, row.share) == (verdict, dec(margin), dec(share))


MESSAGES = [
    ("consistent", [low("7", **GROWTH)], [high("6.5", **GROWTH)],
     "本级2025年年均增长7%,上级2025年年均增长6.5%;不低于上级目标"),
    ("weaker-is-a-flag", [low("40", **FOREST)], [high("45", **FOREST)],
     "本级2025年不低于40%,上级2025年不低于45%;本级目标低于上级目标,请确认是否有意为之"),
    ("weaker-ceiling", [low("6", **JOBLESS)], [high("5.5", **JOBLESS)],
     "本级2025年不高于6%,上级2025年不高于5.5%;本级目标宽于上级上限,请确认是否有意为之"),
    ("energy", [low("13", **ENERGY)], [high("14", **ENERGY)],
     "本级2025年降低13%,上级2025年降低14%;本级目标低于上级目标,请确认是否有意为之"),
    ("share", [low("2.39", "亿立方米", kind=K.CEILING, comparator="<=")], [high("20", "亿立方米", kind=K.CEILING, comparator="<=")],
     "本级2025年不高于2.39亿立方米,上级2025年不高于20亿立方米;本级占上级总量的11.95%"),
    ("share-above-one", [low("5000", "亿元")], [high("4000", "亿元")],
     "本级2025年不低于5000亿元,上级2025年不低于4000亿元;本级占上级总量的125.00%,超过上级总量,请核对"),
    ("years", [low("7", year=2025, **GROWTH)], [high("5", year=2035, **GROWTH)], "无法比较:目标年份不同(本级2025年,上级2035年)"),
    ("units", [low("1500", "万人次")], [high("90000000", "人")], "无法比较:单位不同(本级万人次,上级人)"),
    ("kinds", [low("7", **GROWTH)], [high("4000", "亿元")], "无法比较:目标类型不同(本级年均增速,上级水平值)"),
    ("no-target-below", [], [high("6", **GROWTH)], "本级规划未设定该指标的目标"),
    ("no-target-above", [low("6", **GROWTH)], [], "上级规划未设定该指标的目标"),
]


@pytest.mark.parametrize(("lower", "upper", "message"), [c[1:] for c in MESSAGES], ids=[c[0] for c in MESSAGES])
def test_messages(lower: list[TargetRef], upper: list[TargetRef], message: str) -> None:
    (row,) = align(lower, upper, PAIR)
    assert row.message == message


def test_binding_target_above_without_counterpart_below() -> None:
    farmland = target("province|farmland", "4000", "万亩", kind=K.FLOOR, attribute=A.BINDING, indicator="耕地保有量")
    tourism = target("province|tourism", "5", "亿人次", attribute=A.EXPECTED, indicator="旅游接待人数")
    forest = target("province|forest", "40", "%", attribute=A.BINDING, indicator="森林覆盖率")
    lower = [target("district|forest", "42", "%", attribute=A.BINDING, indicator="森林覆盖率")]
    rows = align(lower, [farmland, tourism, forest], [SeriesPair("district|forest", "province|forest")])
    assert [(r.verdict, r.lower_series, r.upper_series) for r in rows] == [
        (V.CONSISTENT, "district|forest", "province|forest"),
        (V.MISSING_BELOW, None, "province|farmland"),
    ]
    assert rows[1].message == "上级约束性指标“耕地保有量”(2025年不低于4000万亩)在本级规划中没有对应指标"


def test_one_row_per_pair_in_the_order_given() -> None:
    lower = [target("d|gdp", "7", "%", kind=K.GROWTH_RATE), target("d|forest", "40", "%", indicator="森林覆盖率")]
    upper = [target("c|gdp", "6.5", "%", kind=K.GROWTH_RATE), target("c|forest", "45", "%", indicator="森林覆盖率")]
    rows = align(lower, upper, [SeriesPair("d|forest", "c|forest"), SeriesPair("d|gdp", "c|gdp")])
    assert [(r.lower_series, r.verdict) for r in rows] == [("d|forest", V.WEAKER), ("d|gdp", V.CONSISTENT)]


def named(series: str, indicator: str, unit: str = "%", kind: K = K.LEVEL, **kw: object) -> TargetRef:
    return target(series, "1", unit, kind=kind, indicator=indicator, **kw)  # type: ignore[arg-type]


# (lower targets, upper targets, [(lower series, upper series, score)])
PROPOSALS = [
    ("scope-words-ignored", [named("d1", "全区森林覆盖率")], [named("c1", "全市森林覆盖率")], [("d1", "c1", 1.0)]),
    ("province-and-nation", [named("p1", "全省森林覆盖率")], [named("n1", "全国森林覆盖率")], [("p1", "n1", 1.0)]),
    ("synonyms", [named("d1", "地区生产总值", "亿元")], [named("n1", "国内生产总值", "万亿元")], [("d1", "n1", 0.9)]),
    ("per-capita-is-not-the-total", [named("d1", "人均地区生产总值", "元")], [named("c1", "地区生产总值", "亿元")], []),
    ("rural-is-not-all-residents", [named("d1", "农村居民人均可支配收入", "元")], [named("c1", "居民人均可支配收入", "元")], []),
    ("energy-per-gdp-is-not-energy", [named("d1", "单位GDP能耗", "吨标准煤/万元")], [named("c1", "能耗", "吨标准煤/万元")], []),
    ("rate-against-level-halved", [named("d1", "地区生产总值", "%", K.GROWTH_RATE)], [named("c1", "地区生产总值", "亿元")],
     [("d1", "c1", 0.5)]),
    ("points-against-percent-halved", [named("d1", "城镇化率", "百分点", K.CHANGE, change=UP)],
     [named("c1", "常住人口城镇化率", "%", K.CHANGE, change=UP)], [("d1", "c1", 0.45)]),
    ("best-first", [named("d1", "地区生产总值", "%", K.GROWTH_RATE)],
     [named("c1", "地区生产总值", "亿元"), named("c2", "全市地区生产总值", "%", K.GROWTH_RATE)],
     [("d1", "c2", 1.0), ("d1", "c1", 0.5)]),
    ("one-proposal-per-series", [named("d1", "森林覆盖率", year=2023), named("d1", "森林覆盖率")],
     [named("c1", "森林覆盖率")], [("d1", "c1", 1.0)]),
]


@pytest.mark.parametrize(("lower", "upper", "expected"), [c[1:] for c in PROPOSALS], ids=[c[0] for c in PROPOSALS])
def test_proposals(lower: list[TargetRef], upper: list[TargetRef], expected: list[tuple[str, str, float]]) -> None:
    assert [(p.lower, p.upper, p.score) for p in propose_pairs(lower, upper)] == expected


def test_proposal_reasons() -> None:
    (same,) = propose_pairs([named("d", "全区森林覆盖率")], [named("c", "森林覆盖率")])
    (other,) = propose_pairs([named("d", "地区生产总值", "%", K.GROWTH_RATE)], [named("c", "GDP", "亿元")])
    assert same.reason == "指标名称相同,单位和目标类型一致"
    assert other.reason == "同义指标名称,但单位或目标类型不同"
    assert (other.lower_indicator, other.upper_indicator) == ("地区生产总值", "GDP")
