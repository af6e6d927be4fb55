"""Three small plans of our own — a district, its city, its province — read by the extractor
and compared: proposals, alignment verdicts, continuity and relatedness end to end."""

from decimal import Decimal
from pathlib import Path

import pytest
from plan_texts import refs

from planwatch.compare.alignment import align, propose_pairs
from planwatch.compare.continuity import compare_baselines
from planwatch.compare.magnitude import bare_name, unit_family
from planwatch.compare.target_diff import relatedness
from planwatch.domain.comparison import (
    ContinuityStatus,
    ObservedValue,
    SeriesPair,
    StatedValue,
    TargetRef,
    Verdict,
)
from planwatch.domain.indicator import Attribute, Direction, TargetKind
from planwatch.domain.quantity import Quantity
from planwatch.services.extraction import extract_file
from planwatch.settings import Settings

DATA = Path(__file__).parent / "data"
DISTRICT, CITY, PROVINCE = "qingshan-district.txt", "linjiang-city.txt", "xichuan-province.txt"
# What an indicator table or a person would say; the running text of these plans does not.
BINDING = {"耕地保有量", "森林覆盖率", "单位地区生产总值能源消耗"}
V = Verdict


def kind_of(q: Quantity) -> TargetKind:
    if q.growth_rate:
        return TargetKind.GROWTH_RATE
    if q.change:
        return TargetKind.CHANGE
    if q.cumulative:
        return TargetKind.CUMULATIVE
    return TargetKind.CEILING if q.comparator in ("<=", "<") else TargetKind.LEVEL


def series_of(region: str, q: Quantity) -> str:
    measure = "rate" if q.growth_rate or q.change else unit_family(q.unit)
    return f"{region}|{bare_name(q.indicator)}|{measure}"


def quantities(name: str) -> tuple[Quantity, ...]:
    return extract_file(DATA / name, Settings()).findings.quantities


def targets(name: str) -> list[TargetRef]:
    region = name.split("-")[0]
    return [
        TargetRef(series_of(region, q), q.indicator, q.unit, q.value, q.year, q.comparator, kind_of(q),
                  Attribute.BINDING if q.indicator in BINDING else Attribute.EXPECTED, q.stretch,
                  Direction(q.change) if q.change else None, q.sentence, q.line)
        for q in quantities(name) if q.kind == "target"
    ]


def confirmed(lower: list[TargetRef], upper: list[TargetRef]) -> list[SeriesPair]:
    return [SeriesPair(p.lower, p.upper) for p in propose_pairs(lower, upper) if p.score == 1.0]


def verdicts(lower_name: str, upper_name: str) -> list[tuple[str, Verdict, Decimal | None]]:
    lower, upper = targets(lower_name), targets(upper_name)
    rows = align(lower, upper, confirmed(lower, upper))
    out = []
    for row in rows:
        shown = row.lower or row.upper
        assert shown is not None
        out.append((bare_name(shown.indicator), row.verdict, row.share if row.share is not None else row.margin))
    return out


def test_district_against_city() -> None:
    assert verdicts(DISTRICT, CITY) == [
        ("地区生产总值", V.CONSISTENT, Decimal("0.5")),  # 年均增长 7% vs 6.5%
        ("森林覆盖率", V.WEAKER, Decimal("-5")),  # 40% vs 45%: a flag
        ("单位地区生产总值能源消耗", V.WEAKER, Decimal("-1")),  # 降低 13% vs 14%
        ("城镇调查失业率", V.CONSISTENT, Decimal("0")),  # 5.5% 以内 both
        ("用水总量", V.SHARE, Decimal("0.1195")),  # 2.39 / 20 亿立方米
        ("城镇居民人均可支配收入", V.CONSISTENT, Decimal("4000")),  # 52000 vs 48000 元
        ("耕地保有量", V.MISSING_BELOW, None),  # binding in the city, absent in the district
    ]


def test_city_against_province() -> None:
    assert verdicts(CITY, PROVINCE) == [
        ("地区生产总值", V.CONSISTENT, Decimal("0.5")),
        ("森林覆盖率", V.CONSISTENT, Decimal("5")),
        ("单位地区生产总值能源消耗", V.CONSISTENT, Decimal("0")),
        ("城镇调查失业率", V.CONSISTENT, Decimal("0")),
        ("耕地保有量", V.SHARE, Decimal("0.2069")),  # 1200 / 5800 万亩 = 0.20689…
    ]


def test_district_baselines_against_observations() -> None:
    stated = [StatedValue(series_of("qingshan", q), q.year, q.value, q.unit, q.sentence, q.line)
              for q in quantities(DISTRICT) if q.kind == "baseline" and q.year is not None]
    observed = [ObservedValue("qingshan|地区生产总值|元", 2020, Decimal("616.36"), "亿元")]
    rows = compare_baselines(stated, observed)
    assert [(r.stated.series, r.status) for r in rows] == [
        ("qingshan|地区生产总值|元", ContinuityStatus.MATCH),
        ("qingshan|森林覆盖率|%", ContinuityStatus.MISSING),
    ]
    assert rows[1].proposal is not None and rows[1].proposal.sentence.startswith("2020年")


@pytest.mark.parametrize(("a", "b"), [(DISTRICT, CITY), (CITY, PROVINCE)], ids=["district-city", "city-province"])
def test_plans_of_two_regions_are_not_one_plan(a: str, b: str) -> None:
    texts = [(DATA / n).read_text(encoding="utf-8") for n in (a, b)]
    result = relatedness(refs(texts[0]), refs(texts[1]), targets(a), targets(b))
    assert (result.series_overlap, result.related) == (0.0, False)
