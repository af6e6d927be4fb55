"""Entered values: read as a person types them, and checked for plausibility before saving.

A value is typed in the indicator's unit or with a unit of the same kind ("120亿元" for an
indicator in 万元 is 1,200,000); full-width digits are read as digits. A value that is
possible but unlikely — a share above 100%, a negative count, a jump beyond the configured
factor against the previous value, a value about 10⁴ times the previous one (万 typed as 元)
— is not refused outright: the person must confirm it, and the revision records which
checks were confirmed (``ObservationRecord.confirmed_checks``) and by whom (``recorded_by``,
the audit log).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal, DivisionByZero, InvalidOperation, localcontext

from planwatch.errors import InvalidInput
from planwatch.extract.units import read_unit
from planwatch.settings import Settings
from planwatch.store.models import IndicatorRecord, ObservationRecord

# A typed number and what follows it: "１２０亿元" → ("120", "亿元"); "-3.5" → ("-3.5", "").
TYPED_VALUE = re.compile(
    r"""^\s*
        (?P<number> [-+]? (?: \d{1,3} (?:,\d{3})+ | \d+ ) (?: \.\d+ )? )  # 1,234.5
        \s*
        (?P<unit> \S.*? )?                                                 # 亿元
        \s*$""",
    re.VERBOSE,
)
_FULL_WIDTH = str.maketrans("０１２３４５６７８９．－，＋　％", "0123456789.-,+ %")
# Words in a name that say the value is a change and may be negative: 增长 8.5%, 增速 −2%.
_SIGNED_WORDS = ("增长", "增速", "增幅", "增量", "变化", "变动", "差额", "净")
PERCENT_UNITS = ("%", "百分比")
_PRECISION = 60


@dataclass(frozen=True, slots=True)
class EntryCheckRules:
    """How far a value may move before it needs a confirmation (PLANWATCH_ENTRY_JUMP_FACTOR).

    >>> EntryCheckRules().jump_factor
    Decimal('3')
    """

    jump_factor: Decimal = Decimal(3)  # beyond ×3 or ÷3 against the previous value
    unit_slip: Decimal = Decimal(10_000)  # 万: a value typed in 元 for 万元
    unit_slip_tolerance: Decimal = Decimal(2)  # within ÷2…×2 of 10⁴ × the previous value


def entry_rules(settings: Settings) -> EntryCheckRules:
    """The rules a deployment set (PLANWATCH_ENTRY_JUMP_FACTOR)."""
    return EntryCheckRules(jump_factor=settings.entry_jump_factor)


@dataclass(frozen=True, slots=True)
class EntryCheck:
    """One reason a value looks implausible; ``code`` is what a revision records."""

    code: str  # range / sign / jump / unit_slip
    message: str


CHECK_NAMES = {
    "range": "取值范围",
    "sign": "正负号",
    "jump": "变动幅度",
    "unit_slip": "单位疑似错位",
}


class ImplausibleValue(InvalidInput):
    """A value that needs a confirmation; ``checks`` says why."""

    def __init__(self, where: str, checks: list[EntryCheck]) -> None:
        reasons = ";".join(check.message for check in checks)
        super().__init__(
            f"{where}:{reasons}。如确认无误,请确认后重新提交(命令行加 --confirm-checks)"
        )
        self.checks = checks


def parse_entered(text: str, unit: str) -> Decimal:
    """A typed value in the indicator's ``unit``; InvalidInput says what is wrong with it.

    >>> parse_entered("１２０亿元", "万元"), parse_entered("1,234.5", "亿元")
    (Decimal('1200000'), Decimal('1234.5'))
    >>> parse_entered("3.5万亩", "亩"), parse_entered("87%", "%")
    (Decimal('35000'), Decimal('87'))
    """
    cleaned = text.translate(_FULL_WIDTH).strip()
    match = TYPED_VALUE.match(cleaned)
    if not cleaned:
        raise InvalidInput("数值为空")
    if match is None:
        raise InvalidInput("不是数字")
    try:
        number = Decimal(match.group("number").replace(",", ""))
    except InvalidOperation as error:  # pragma: no cover - the pattern admits only numbers
        raise InvalidInput("不是数字") from error
    written = (match.group("unit") or "").replace(" ", "")
    if written[:1] in (",", "."):  # "1,2,3": commas not in groups of three
        raise InvalidInput("千位分隔符位置不正确(应每三位一组,如 1,234.5)")
    if not written or written == unit.replace(" ", ""):
        return number
    return _converted(number, written, unit, text)


def _converted(number: Decimal, written: str, unit: str, text: str) -> Decimal:
    typed, wanted = read_unit(written), read_unit(unit)
    if typed is None or typed.surface != written:
        raise InvalidInput(f"「{written}」不是可识别的单位(指标单位为 {unit})")
    if wanted is None or wanted.surface != unit:
        raise InvalidInput(f"请按指标单位 {unit} 填写数字,不带单位")
    same_base = typed.base == wanted.base or (typed.unit is None and not typed.per)
    if not same_base:
        raise InvalidInput(f"单位 {written} 与指标单位 {unit} 不是同一类,无法换算")
    with localcontext() as context:
        context.prec = _PRECISION
        factor = wanted.to_base(Decimal(1))
        base = (
            typed.to_base(number)
            if typed.unit
            else number * typed.multiplier * (wanted.unit.factor if wanted.unit else Decimal(1))
        )
        try:
            value = base / factor
        except (DivisionByZero, InvalidOperation) as error:  # pragma: no cover - factors > 0
            raise InvalidInput(f"无法换算为 {unit}") from error
        normal = value.normalize()
        return normal.quantize(Decimal(1)) if normal == normal.to_integral_value() else normal


def may_be_negative(indicator: IndicatorRecord, is_growth_rate: bool) -> bool:
    """Whether a negative value is plausible: a growth rate, a change, or a name saying so.

    Levels of counts, amounts, areas and shares cannot be negative.
    """
    if is_growth_rate or indicator.kind in ("growth_rate", "change", "relational"):
        return True
    if indicator.unit in ("百分点", "℃"):
        return True
    return any(word in indicator.name for word in _SIGNED_WORDS)


def check_entry(
    indicator: IndicatorRecord,
    year: int,
    value: Decimal,
    rules: EntryCheckRules,
    *,
    is_growth_rate: bool = False,
    history: Mapping[int, Decimal] | None = None,
) -> list[EntryCheck]:
    """Why ``value`` for ``year`` looks implausible; empty when it does not.

    ``history`` holds the indicator's levels by year (the current values, with any values
    entered together overlaid); the previous value is the nearest earlier year's, else the
    baseline. Hand-computed: after 87, 15600 is 179.3 times — beyond ×3, so a jump; after
    87, 870000 is 10,000 times — a unit slip.
    """
    checks: list[EntryCheck] = []
    signed = may_be_negative(indicator, is_growth_rate)
    if value < 0 and not signed:
        checks.append(EntryCheck("sign", f"数值 {_plain(value)} 为负数,该指标不应为负"))
    if indicator.unit in PERCENT_UNITS and not signed and not 0 <= value <= 100:
        checks.append(EntryCheck("range", f"百分比 {_plain(value)}% 超出 0–100 的范围"))
    if is_growth_rate or indicator.kind == "growth_rate":
        return checks
    previous = _previous(indicator, year, history or {})
    if previous is None or previous[1] <= 0 or value <= 0:
        return checks
    before_year, before = previous
    with localcontext() as context:
        context.prec = _PRECISION
        ratio = value / before
        slip_low = rules.unit_slip / rules.unit_slip_tolerance
        slip_high = rules.unit_slip * rules.unit_slip_tolerance
        low, high = 1 / slip_high, 1 / slip_low
    where = f"上一个值({before_year} 年)为 {_plain(before)}"
    if slip_low <= ratio <= slip_high or low <= ratio <= high:
        times = "约 1 万倍" if ratio > 1 else "约万分之一"
        checks.append(EntryCheck("unit_slip", f"{where},本次是其{times},疑似单位错位(万与个位)"))
    elif ratio > rules.jump_factor or ratio * rules.jump_factor < 1:
        shown = f"{ratio:.1f} 倍" if ratio > 1 else f"{ratio * 100:.1f}%"
        checks.append(
            EntryCheck(
                "jump",
                f"{where},本次是其 {shown},变动超过 {_plain(rules.jump_factor)} 倍的提示阈值",
            )
        )
    return checks


def level_history(revisions: Iterable[ObservationRecord]) -> dict[int, Decimal]:
    """The newest level (not growth rate) of every year among ``revisions``."""
    newest: dict[int, ObservationRecord] = {}
    for observation in revisions:
        if observation.is_growth_rate:
            continue
        kept = newest.get(observation.year)
        if kept is None or observation.revision > kept.revision:
            newest[observation.year] = observation
    return {year: o.value for year, o in newest.items()}


def _previous(
    indicator: IndicatorRecord, year: int, history: Mapping[int, Decimal]
) -> tuple[int, Decimal] | None:
    earlier = [y for y in history if y < year]
    if earlier:
        return max(earlier), history[max(earlier)]
    if indicator.baseline_value is not None and (indicator.baseline_year or 0) < year:
        return indicator.baseline_year or year - 1, indicator.baseline_value
    return None


def check_labels(codes: str) -> str:
    """The Chinese names of recorded checks: "jump,unit_slip" → "变动幅度、单位疑似错位".

    >>> check_labels("range,sign"), check_labels("")
    ('取值范围、正负号', '')
    """
    return "、".join(CHECK_NAMES.get(code, code) for code in codes.split(",") if code)


def _plain(value: Decimal) -> str:
    return format(value.normalize(), "f")
