"""How numbers are written in an Assessment's formula text (display only, never computed on)."""

from __future__ import annotations

from decimal import Decimal

PLACES = Decimal("0.0001")


def num(value: Decimal) -> str:
    """A value as a reader expects it: no exponent, at most four decimals.

    >>> num(Decimal("1E+3")), num(Decimal("616.36")), num(Decimal("0.394771139610050"))
    ('1000', '616.36', '0.3948')
    """
    if value.as_tuple().exponent < -4:  # type: ignore[operator]
        value = value.quantize(PLACES)
    return f"{value:f}"


def ratio(value: Decimal) -> str:
    """A share or ratio with four decimals.

    >>> ratio(Decimal("0.4"))
    '0.4000'
    """
    return f"{value.quantize(PLACES):f}"


def pct(value: Decimal) -> str:
    """A fraction as a percentage with two decimals.

    >>> pct(Decimal("0.116112"))
    '11.61%'
    """
    return f"{(value * 100).quantize(Decimal('0.01')):f}%"


def signed(value: Decimal) -> str:
    """A difference with its sign and four decimals.

    >>> signed(Decimal("-0.00523")), signed(Decimal("0.1"))
    ('−0.0052', '+0.1000')
    """
    text = ratio(abs(value))
    return f"−{text}" if value < 0 else f"+{text}"
