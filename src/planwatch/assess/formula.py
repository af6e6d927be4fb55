"""How numbers are written in an Assessment's formula text (display only, never computed on).

Display must never raise: a value too large for the default 28-digit context (1E+25 shown
with four decimals) is rounded in a local context with room for its digits, and one beyond
any plausible amount (more than 40 integer digits) is written in scientific notation.
"""

from __future__ import annotations

from decimal import Decimal, localcontext

PLACES = Decimal("0.0001")
CENTS = Decimal("0.01")
MAX_PLAIN_DIGITS = 40  # past this, 1E+999999 would print a million digits


def _fixed(value: Decimal, places: Decimal | None) -> str:
    """``value`` without exponent, rounded to ``places`` when given; never raises.

    >>> _fixed(Decimal("1E+25"), PLACES), _fixed(Decimal("1E+999999"), PLACES)
    ('10000000000000000000000000.0000', '1.0000E+999999')
    >>> _fixed(Decimal("-Infinity"), PLACES), _fixed(Decimal("2.5E-7"), None)
    ('-Infinity', '0.00000025')
    """
    if not value.is_finite():
        return str(value)
    if value.adjusted() > MAX_PLAIN_DIGITS:
        return f"{value:.4E}"
    if places is None:
        return f"{value:f}"
    with localcontext() as context:
        context.prec = MAX_PLAIN_DIGITS + 10
        return f"{value.quantize(places):f}"


def num(value: Decimal) -> str:
    """A value as a reader expects it: no exponent, at most four decimals.

    >>> num(Decimal("1E+3")), num(Decimal("616.36")), num(Decimal("0.394771139610050"))
    ('1000', '616.36', '0.3948')
    >>> num(Decimal("1E+30")), num(Decimal("NaN"))
    ('1000000000000000000000000000000', 'NaN')
    """
    exponent = value.as_tuple().exponent
    return _fixed(value, PLACES if isinstance(exponent, int) and exponent < -4 else None)


def ratio(value: Decimal) -> str:
    """A share or ratio with four decimals.

    >>> ratio(Decimal("0.4")), ratio(Decimal("1.5E+25"))
    ('0.4000', '15000000000000000000000000.0000')
    """
    return _fixed(value, PLACES)


def pct(value: Decimal) -> str:
    """A fraction as a percentage with two decimals.

    >>> pct(Decimal("0.116112")), pct(Decimal("1E+30"))
    ('11.61%', '100000000000000000000000000000000.00%')
    """
    scaled = value.scaleb(2) if value.is_finite() else value
    return f"{_fixed(scaled, CENTS)}%"


def signed(value: Decimal) -> str:
    """A difference with its sign and four decimals.

    >>> signed(Decimal("-0.00523")), signed(Decimal("0.1")), signed(Decimal("-1E+30"))[:6]
    ('−0.0052', '+0.1000', '−10000')
    """
    text = ratio(abs(value))
    return f"−{text}" if value < 0 else f"+{text}"
