"""Alignment (规划衔接): a lower plan's targets against a higher plan's, pair by pair.

For each confirmed pair of series the two main targets of one year are compared, which way
is better taken from the target: a growth rate, a floor or a level (达到, 突破) asks for more,
a ceiling (控制在…以内, 不超过) allows at most, a change (下降 13%, 提高 2 个百分点) asks
for at least its magnitude. An intensive indicator (a rate, ratio or per-capita value)
compares directly: the lower target is *weaker* when it asks for less (or allows more) than
the higher one, a flag for a planner, since a district may differ on purpose. A total is
never weaker: the lower region's share of the higher total is given where base units agree.
Targets of other years, units, kinds or directions are *incomparable*, with the reason.
A binding (约束性) target above whose series no pair covers gets a row of its own.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from decimal import Decimal

from planwatch.compare.magnitude import bare_name, family, is_intensive, to_base, unscoped
from planwatch.compare.target_diff import COMPARATOR_LABELS, KIND_LABELS
from planwatch.domain.comparison import AlignmentRow, Proposal, SeriesPair, TargetRef, Verdict
from planwatch.domain.indicator import Attribute, TargetKind

SHARE_PLACES = Decimal("0.0001")
_AT_MOST = ("<=", "<")


def describe(target: TargetRef) -> str:
    """A target as a user reads it: 2025年年均增长7%, 2025年降低13%, 2025年不高于5.5%.

    >>> from planwatch.domain.indicator import Direction
    >>> t = TargetRef("s", "单位GDP能耗", "%", Decimal(13), 2025, ">=", TargetKind.CHANGE,
    ...               Attribute.BINDING, False, Direction.DECREASE, "", None)
    >>> describe(t)
    '2025年降低13%'
    """
    year = f"{target.year}年" if target.year is not None else ""
    value = f"{target.value:f}{target.unit}"
    if target.kind is TargetKind.GROWTH_RATE:
        return f"{year}年均增长{value}"
    if target.kind is TargetKind.CHANGE:
        word = {"increase": "提高", "decrease": "降低"}.get(target.change or "", "变化")
        return f"{year}{word}{value}"
    return f"{year}{COMPARATOR_LABELS[target.comparator]}{value}"


def _at_most(target: TargetRef) -> bool:
    """Whether the target is an upper bound (less is stricter) rather than a lower one."""
    if target.kind is TargetKind.CEILING:
        return True
    if target.kind in (TargetKind.FLOOR, TargetKind.CHANGE):
        return False
    return target.comparator in _AT_MOST


def _main(targets: list[TargetRef]) -> list[TargetRef]:
    main = [t for t in targets if not t.stretch]
    return main or targets


def _choose(lower: list[TargetRef], upper: list[TargetRef]) -> tuple[TargetRef, TargetRef]:
    """The two targets of the latest year both state, else each side's latest target."""
    lower, upper = _main(lower), _main(upper)
    common = {t.year for t in lower} & {t.year for t in upper}
    dated = [y for y in common if y is not None]
    if dated or common:
        year = max(dated) if dated else None
        return (next(t for t in lower if t.year == year), next(t for t in upper if t.year == year))

    def latest(targets: list[TargetRef]) -> TargetRef:
        return max(targets, key=lambda t: t.year if t.year is not None else -1)

    return latest(lower), latest(upper)


def _obstacle(lower: TargetRef, upper: TargetRef) -> str | None:
    """Why two targets cannot be compared, or None."""
    if lower.year != upper.year:
        show = [f"{t.year}年" if t.year is not None else "未注明" for t in (lower, upper)]
        return f"目标年份不同(本级{show[0]},上级{show[1]})"
    rate = TargetKind.GROWTH_RATE
    if (lower.kind is rate) != (upper.kind is rate) or (
        (lower.kind is TargetKind.CHANGE) != (upper.kind is TargetKind.CHANGE)
    ):
        return f"目标类型不同(本级{KIND_LABELS[lower.kind]},上级{KIND_LABELS[upper.kind]})"
    directions = {t.change for t in (lower, upper) if t.change is not None}
    if lower.kind is TargetKind.CHANGE and len(directions) > 1:
        return "变化方向不同(一个提高,一个降低)"
    if to_base(Decimal(1), lower.unit).unit != to_base(Decimal(1), upper.unit).unit:
        return f"单位不同(本级{lower.unit or '无'},上级{upper.unit or '无'})"
    if _at_most(lower) != _at_most(upper):
        return "目标方向不同(一个是上限,一个是下限)"
    return None


def _compare(lower: TargetRef, upper: TargetRef, pair: SeriesPair) -> AlignmentRow:
    row = (pair.lower, pair.upper, lower, upper)
    both = f"本级{describe(lower)},上级{describe(upper)}"
    obstacle = _obstacle(lower, upper)
    if obstacle is not None:
        return AlignmentRow(*row, Verdict.INCOMPARABLE, f"无法比较:{obstacle}")
    low, high = to_base(lower.value, lower.unit), to_base(upper.value, upper.unit)
    # A relative change (下降 13%) is intensive by its unit; an absolute one of a total
    # (新增 1.5 亿立方米) adds up over regions like the total.
    intensive = (lower.kind is TargetKind.GROWTH_RATE
                 or is_intensive(upper.indicator, upper.unit)
                 or is_intensive(lower.indicator, lower.unit))  # fmt: skip
    if not intensive:
        if high.value == 0:
            return AlignmentRow(*row, Verdict.INCOMPARABLE, f"无法比较:上级总量为零({both})")
        share = (low.value / high.value).quantize(SHARE_PLACES)
        text = f"{both};本级占上级总量的{share * 100:.2f}%"
        if share > 1:
            text += ",超过上级总量,请核对"
        return AlignmentRow(*row, Verdict.SHARE, text, share=share)
    margin = low.value - high.value
    weaker = margin > 0 if _at_most(lower) else margin < 0
    if weaker:
        word = "宽于上级上限" if _at_most(lower) else "低于上级目标"
        text = f"{both};本级目标{word},请确认是否有意为之"
        return AlignmentRow(*row, Verdict.WEAKER, text, margin=margin)
    return AlignmentRow(*row, Verdict.CONSISTENT, f"{both};不低于上级目标", margin=margin)


def align(
    lower: Sequence[TargetRef], upper: Sequence[TargetRef], pairs: Sequence[SeriesPair]
) -> tuple[AlignmentRow, ...]:
    """One row per confirmed pair, then one per binding target above that no pair covers.

    >>> def rate(series, value): return TargetRef(series, "地区生产总值", "%", Decimal(value),
    ...     2025, ">=", TargetKind.GROWTH_RATE, Attribute.EXPECTED, False, None, "", None)
    >>> rows = align([rate("区", "7")], [rate("市", "6.5")], [SeriesPair("区", "市")])
    >>> rows[0].verdict, rows[0].margin
    (<Verdict.CONSISTENT: 'consistent'>, Decimal('0.5'))
    >>> rows[0].message
    '本级2025年年均增长7%,上级2025年年均增长6.5%;不低于上级目标'
    """
    below: dict[str, list[TargetRef]] = defaultdict(list)
    above: dict[str, list[TargetRef]] = defaultdict(list)
    for target in lower:
        below[target.series].append(target)
    for target in upper:
        above[target.series].append(target)
    rows: list[AlignmentRow] = []
    for pair in pairs:
        low, high = below.get(pair.lower, []), above.get(pair.upper, [])
        if low and high:
            rows.append(_compare(*_choose(low, high), pair))
            continue
        side = "本级和上级规划" if not (low or high) else "本级规划" if not low else "上级规划"
        rows.append(
            AlignmentRow(
                pair.lower,
                pair.upper,
                _main(low)[0] if low else None,
                _main(high)[0] if high else None,
                Verdict.NO_TARGET,
                f"{side}未设定该指标的目标",
            )
        )
    covered = {pair.upper for pair in pairs}
    for series, targets in above.items():
        binding = [t for t in _main(targets) if t.attribute is Attribute.BINDING]
        if series in covered or not binding:
            continue
        target = binding[-1]
        rows.append(
            AlignmentRow(
                None,
                series,
                None,
                target,
                Verdict.MISSING_BELOW,
                f"上级约束性指标“{target.indicator}”({describe(target)})在本级规划中没有对应指标",
            )
        )
    return tuple(rows)


def propose_pairs(lower: Sequence[TargetRef], upper: Sequence[TargetRef]) -> list[Proposal]:
    """Pairs of series with the same catalogue name (scope words and synonyms folded).

    Score 1 for the same name and unit family (a rate with a rate), 0.9 when the names
    agree only as synonyms (GDP ~ 国内生产总值), halved when the families differ. Best first
    for each lower series, in the order of the lower plan.

    >>> def t(series, name, unit): return TargetRef(series, name, unit, Decimal(1), 2025,
    ...     ">=", TargetKind.LEVEL, Attribute.EXPECTED, False, None, "", None)
    >>> [(p.lower, p.upper, p.score) for p in propose_pairs(
    ...     [t("a", "全区森林覆盖率", "%"), t("b", "人均地区生产总值", "元")],
    ...     [t("x", "全市森林覆盖率", "%"), t("y", "地区生产总值", "亿元")])]
    [('a', 'x', 1.0)]
    """

    def firsts(targets: Sequence[TargetRef]) -> dict[str, TargetRef]:
        out: dict[str, TargetRef] = {}
        for target in targets:
            out.setdefault(target.series, target)
        return out

    highs = firsts(upper)
    by_name: dict[str, list[TargetRef]] = defaultdict(list)
    for target in highs.values():
        by_name[bare_name(target.indicator)].append(target)
    proposals: list[Proposal] = []
    for low in firsts(lower).values():
        found: list[Proposal] = []
        for high in by_name.get(bare_name(low.indicator), []):
            synonym = unscoped(low.indicator) != unscoped(high.indicator)
            score, reason = (0.9, "同义指标名称") if synonym else (1.0, "指标名称相同")
            if family(low) == family(high):
                reason += ",单位和目标类型一致"
            else:
                score, reason = score / 2, reason + ",但单位或目标类型不同"
            found.append(
                Proposal(low.series, high.series, low.indicator, high.indicator, score, reason)
            )
        proposals.extend(sorted(found, key=lambda p: -p.score))
    return proposals
