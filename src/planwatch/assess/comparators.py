"""Whether a value satisfies a target's comparator."""

from __future__ import annotations

from decimal import Decimal

from planwatch.domain.indicator import Comparator, Direction


def meets(value: Decimal, target: Decimal, comparator: Comparator, direction: Direction) -> bool:
    """True when ``value`` satisfies ``comparator target``.

    ``=`` (左右, approximately) is read the way the indicator improves: at least the target
    when higher is better, at most when lower is better.

    >>> meets(Decimal("1000"), Decimal("1000"), ">", Direction.INCREASE)
    False
    >>> meets(Decimal("0.9"), Decimal("1"), "=", Direction.DECREASE)
    True
    """
    if comparator == "=":
        comparator = ">=" if direction is Direction.INCREASE else "<="
    if comparator == ">=":
        return value >= target
    if comparator == ">":
        return value > target
    if comparator == "<=":
        return value <= target
    return value < target


def flipped(comparator: Comparator) -> Comparator:
    """The comparator seen from the other side: a decrease of at least N% is a level of at most.

    >>> flipped(">="), flipped("<"), flipped("=")
    ('<=', '>', '=')
    """
    return {">=": "<=", ">": "<", "<=": ">=", "<": ">", "=": "="}[comparator]  # type: ignore[return-value]
