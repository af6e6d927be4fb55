"""Continuity (14th → 15th): a new plan's stated base-year values against observed values.

A 15th plan states its 2025 values ("2025 年地区生产总值达 616.4 亿元"); the series already
holds observed values. A stated value *matches* when the observed value, converted to the
stated unit, equals it rounded half up to the stated precision: a plan that writes 616.4
has rounded 616.36. (Not the reverse: an observed value's trailing zeros may have been lost
in storage, so its precision is not trusted.) Otherwise it *differs*, with the difference
and the relative difference. A stated value with no observation of that year is *missing*:
it is proposed as the observation, with the new plan's sentence as source, for a person to
confirm.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal, localcontext

from planwatch.compare.magnitude import WIDE_PRECISION, to_base
from planwatch.domain.comparison import (
    ContinuityRow,
    ContinuityStatus,
    ObservedValue,
    ProposedObservation,
    StatedValue,
)

Status = ContinuityStatus


def exponent(value: Decimal) -> int:
    """The power of ten of the last digit written: 616.4 → -1, 620 → 0.

    >>> exponent(Decimal("616.4")), exponent(Decimal("620")), exponent(Decimal("39.20"))
    (-1, 0, -2)
    """
    power = value.as_tuple().exponent
    return power if isinstance(power, int) else 0


def at_precision(value: Decimal, power: int) -> Decimal:
    """``value`` rounded half up to a multiple of ``10 ** power``.

    >>> at_precision(Decimal("616.36"), -1), at_precision(Decimal("39.5"), 0)
    (Decimal('616.4'), Decimal('40'))
    """
    with localcontext() as context:
        context.prec = max(context.prec, value.adjusted() - power + 3)  # no overflow
        return value.quantize(Decimal(1).scaleb(power), rounding=ROUND_HALF_UP)


def _plain(value: Decimal) -> str:
    """A Decimal without exponent or trailing zeros, for a message: 0.60 → 0.6."""
    normal = value.normalize()
    return f"{normal:f}"


def _compare(stated: StatedValue, observed: ObservedValue) -> ContinuityRow:
    said, seen = to_base(stated.value, stated.unit), to_base(observed.value, observed.unit)
    where = f"{stated.year}年"
    if said.unit != seen.unit:
        text = (
            f"{where}基期值单位为{stated.unit or '无'},统计值单位为{observed.unit or '无'},无法换算"
        )
        return ContinuityRow(stated, observed, Status.UNIT_MISMATCH, text)
    factor = to_base(Decimal(1), stated.unit).value
    with localcontext() as context:
        context.prec = WIDE_PRECISION  # exact: conversion, rounding and difference
        in_stated = seen.value / factor if factor != 0 else seen.value
        same = at_precision(in_stated, exponent(stated.value)) == stated.value
        difference = stated.value - in_stated
    shown = f"{_plain(observed.value)}{observed.unit}"
    if same:
        text = f"规划所列{where}值{stated.value}{stated.unit}与统计值{shown}一致"
        return ContinuityRow(stated, observed, Status.MATCH, text)
    relative = difference / in_stated if in_stated != 0 else None
    text = (
        f"规划所列{where}值{stated.value}{stated.unit}与统计值{shown}不一致,"
        f"相差{_plain(difference)}{stated.unit}"
    )
    if relative is not None:
        text += f"({relative * 100:+.2f}%)"
    return ContinuityRow(stated, observed, Status.DIFFERS, text, difference, relative)


def compare_baselines(
    stated: Sequence[StatedValue], observed: Sequence[ObservedValue]
) -> tuple[ContinuityRow, ...]:
    """One row per stated value, in the order given; the last observation of a year counts.

    >>> s = StatedValue("gdp", 2025, Decimal("616.4"), "亿元", "2025年地区生产总值达616.4亿元", 12)
    >>> row, = compare_baselines([s], [ObservedValue("gdp", 2025, Decimal("6163600"), "万元")])
    >>> row.status, row.message
    (<ContinuityStatus.MATCH: 'match'>, '规划所列2025年值616.4亿元与统计值6163600万元一致')
    """
    seen = {(o.series, o.year): o for o in observed}
    rows: list[ContinuityRow] = []
    for value in stated:
        found = seen.get((value.series, value.year))
        if found is not None:
            rows.append(_compare(value, found))
            continue
        proposal = ProposedObservation(
            value.series, value.year, value.value, value.unit, value.sentence, value.line
        )
        text = (
            f"统计数据中没有{value.year}年的值;建议以本规划所列{value.value}{value.unit}"
            f"作为{value.year}年观测值(来源:本规划原文),待确认后写入"
        )
        rows.append(ContinuityRow(value, None, Status.MISSING, text, proposal=proposal))
    return tuple(rows)
