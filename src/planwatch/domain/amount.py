"""Amounts that planwatch stores: the bounds of the ``Numeric(26, 6)`` column, checked once.

A value is stored with at most 20 integer digits and 6 decimals. Anything larger (1e25, an
Excel cell of 1E+30) or not finite (NaN, Infinity) is refused at entry with a message that
names where it came from, so that one value can never break the assessment of a whole plan.
"""

from __future__ import annotations

from decimal import ROUND_HALF_EVEN, Decimal, InvalidOperation, localcontext

from planwatch.errors import InvalidInput

INTEGER_DIGITS = 20
DECIMAL_PLACES = 6
LIMIT = Decimal(10) ** INTEGER_DIGITS  # exclusive: 99,999,999,999,999,999,999.999999 fits
SCALE = Decimal(1).scaleb(-DECIMAL_PLACES)


def amount_problem(value: Decimal) -> str | None:
    """Why ``value`` cannot be stored, or None when it can.

    >>> amount_problem(Decimal("1E+25")), amount_problem(Decimal("NaN"))
    ('数值过大(整数部分最多 20 位)', '不是有限的数字')
    >>> amount_problem(Decimal("-123456.5")) is None
    True
    """
    if not value.is_finite():
        return "不是有限的数字"
    if abs(value) >= LIMIT:
        return f"数值过大(整数部分最多 {INTEGER_DIGITS} 位)"
    return None


def check_amount(value: Decimal, where: str) -> Decimal:
    """``value`` as it will be stored (rounded to 6 decimals); InvalidInput naming ``where``.

    >>> check_amount(Decimal("39.2"), "数值"), check_amount(Decimal("0.12345678"), "数值")
    (Decimal('39.2'), Decimal('0.123457'))
    >>> check_amount(Decimal("1e30"), "第3行「数值」")
    Traceback (most recent call last):
    planwatch.errors.InvalidInput: 第3行「数值」:数值过大(整数部分最多 20 位)
    """
    problem = amount_problem(value)
    if problem is not None:
        raise InvalidInput(f"{where}:{problem}")
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -DECIMAL_PLACES:
        with localcontext() as context:
            context.prec = INTEGER_DIGITS + DECIMAL_PLACES + 2
            try:
                return value.quantize(SCALE, rounding=ROUND_HALF_EVEN)
            except InvalidOperation:  # unreachable below LIMIT; kept as a clear refusal
                raise InvalidInput(f"{where}:数值无法保存") from None
    return value


def check_amounts(*values: Decimal | None, where: str) -> None:
    """Check every value that is given; None means "not changed" and passes.

    >>> check_amounts(None, Decimal("5"), where="指标")
    >>> check_amounts(Decimal("Infinity"), where="目标值")
    Traceback (most recent call last):
    planwatch.errors.InvalidInput: 目标值:不是有限的数字
    """
    for value in values:
        if value is not None:
            check_amount(value, where)
