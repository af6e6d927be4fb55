"""Quantities about the same indicator, linked: a baseline with the targets it is measured from.

Two quantities are about the same indicator when their scopes agree, their base units agree,
they measure the same way (a growth rate pairs with a growth rate, a cumulative sum with a
cumulative sum), neither name carries a qualifier the other lacks (人均地区生产总值 is not
地区生产总值) and one name contains the other or the names are close ("城市建成区面积"
85.1 平方公里 → "城市建成区" 100 平方公里). Several targets of one indicator — a main and a
stretch target — stay together.
"""

from __future__ import annotations

from collections.abc import Sequence
from difflib import SequenceMatcher

from planwatch.domain.quantity import IndicatorCandidate, Quantity, judged_kind
from planwatch.extract.aliases import qualifiers_differ

SIMILAR = 0.75  # SequenceMatcher ratio above which two names are taken for one indicator


def _scope_key(scope: str) -> str:
    return scope.removesuffix("区") if len(scope) > 3 else scope


def _measure(quantity: Quantity) -> tuple[str, bool, bool, str | None]:
    return quantity.base_unit, quantity.growth_rate, quantity.cumulative, quantity.change


def same_indicator(a: Quantity, b: Quantity) -> bool:
    """Whether two quantities are about one indicator.

    >>> from decimal import Decimal
    >>> from dataclasses import replace
    >>> base = Quantity("baseline", "城市建成区面积", "全区", Decimal("85.1"), "平方公里",
    ...                 Decimal("85.1"), "平方公里", "=", 2020, False, False, False, None,
    ...                 "85.1 平方公里", 14, 0, 1, "", None)
    >>> target = replace(base, kind="target", indicator="城市建成区", value=Decimal(100))
    >>> same_indicator(base, target)
    True
    >>> same_indicator(base, replace(base, indicator="建成区", scope="江南科技产业园"))
    False
    """
    if _scope_key(a.scope) != _scope_key(b.scope) or _measure(a) != _measure(b):
        return False
    x, y = a.indicator, b.indicator
    if not x or not y or qualifiers_differ(x, y):  # 人均地区生产总值 is not 地区生产总值
        return False
    if x in y or y in x:
        return True
    matcher = SequenceMatcher(None, x, y)  # the quick upper bounds first: same answer, faster
    return (
        matcher.real_quick_ratio() >= SIMILAR
        and matcher.quick_ratio() >= SIMILAR
        and matcher.ratio() >= SIMILAR
    )


def _same_target(a: Quantity, b: Quantity) -> bool:
    """Targets are grouped only on a contained name and the same year (main + stretch)."""
    names = a.indicator, b.indicator
    contained = names[0] in names[1] or names[1] in names[0]
    return contained and a.year == b.year and same_indicator(a, b)


def _key(quantity: Quantity) -> tuple[str, tuple[str, bool, bool, str | None]]:
    """What two quantities of one indicator always share (a necessary condition)."""
    return _scope_key(quantity.scope), _measure(quantity)


def link_indicators(quantities: Sequence[Quantity]) -> tuple[IndicatorCandidate, ...]:
    """Group targets by indicator and pair each group with its baseline, in document order.

    Candidates are compared only within their scope and measure (:func:`_key`), so the cost
    grows with the square of the quantities of one scope and unit, not of the document.
    """
    groups: list[list[Quantity]] = []
    groups_by_key: dict[object, list[list[Quantity]]] = {}
    for target in (q for q in quantities if q.kind == "target"):
        keyed = groups_by_key.setdefault(_key(target), [])
        home = next((g for g in keyed if _same_target(g[0], target)), None)
        if home is None:
            groups.append([target])
            keyed.append(groups[-1])
        else:
            home.append(target)
    baselines = [q for q in quantities if q.kind == "baseline"]
    baselines_by_key: dict[object, list[int]] = {}
    for index, baseline in enumerate(baselines):
        baselines_by_key.setdefault(_key(baseline), []).append(index)
    used: set[int] = set()
    out: list[IndicatorCandidate] = []
    for group in groups:
        candidates = baselines_by_key.get(_key(group[0]), [])
        match = _best_baseline(group[0], baselines, candidates, used)
        out.append(_candidate(group, match))
    for index, baseline in enumerate(baselines):
        if index not in used:
            out.append(_candidate([], baseline))
    out.sort(key=lambda c: min(c.lines))
    return tuple(out)


def _best_baseline(
    target: Quantity, baselines: list[Quantity], candidates: list[int], used: set[int]
) -> Quantity | None:
    best, best_score = None, 0.0
    for index in candidates:
        baseline = baselines[index]
        if index in used or not same_indicator(baseline, target):
            continue
        score = SequenceMatcher(None, baseline.indicator, target.indicator).ratio()
        if score > best_score or (score == best_score and best is not None):
            best, best_score = index, score  # the later of equals: the latest value stated
    if best is None:
        return None
    used.add(best)
    return baselines[best]


def _candidate(targets: list[Quantity], baseline: Quantity | None) -> IndicatorCandidate:
    first = targets[0] if targets else baseline
    assert first is not None
    name = max((t.indicator for t in targets), key=len, default=first.indicator)
    lines = sorted({q.line for q in (*targets, *([baseline] if baseline else []))})
    return IndicatorCandidate(
        name=name,
        unit=first.unit,
        baseline=baseline,
        targets=tuple(targets),
        kind=judged_kind(first),
        lines=tuple(lines),
    )


HEADER = ("指标", "范围", "单位", "基期年份", "基期值", "目标年份", "目标值", "比较", "类型", "行")


def format_indicator_rows(candidates: Sequence[IndicatorCandidate]) -> list[tuple[str, ...]]:
    """Table rows of strings (header first) for ``planwatch indicators FILE``."""
    rows: list[tuple[str, ...]] = [HEADER]
    for c in candidates:
        base = c.baseline
        targets = c.targets or (None,)
        for i, t in enumerate(targets):
            rows.append((
                c.name if i == 0 else "",
                (t or base).scope if (t or base) else "",  # type: ignore[union-attr]
                t.unit if t else c.unit,
                str(base.year or "") if base and i == 0 else "",
                _number(base.value) if base and i == 0 else "",
                str(t.year or "") if t else "",
                _number(t.value) + ("(力争)" if t.stretch else "") if t else "",
                t.comparator if t else "",
                c.kind if i == 0 else "",
                ",".join(str(n) for n in c.lines) if i == 0 else "",
            ))  # fmt: skip
    return rows


def _number(value: object) -> str:
    return format(value, "f")
