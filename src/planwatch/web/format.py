"""How numbers, percentages and statuses look on a page (Jinja filters)."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from markupsafe import Markup, escape

from planwatch.domain.assessment import Light, Status

STATUS_CLASS = {
    Status.ACHIEVED_EARLY: "achieved",
    Status.AHEAD: "ahead",
    Status.ON_TRACK: "on-track",
    Status.LAGGING: "lagging",
    Status.COMPLETED_EARLY: "achieved",
    Status.COMPLETED: "achieved",
    Status.UNMET: "lagging",
    Status.NO_DATA: "no-data",
}


def number(value: Decimal | None, digits: int | None = None) -> str:
    """A value as written, without trailing zeros or exponent; ``digits`` rounds a computed one.

    >>> number(Decimal("767.810000")), number(Decimal("2E+3")), number(None)
    ('767.81', '2000', '—')
    >>> number(Decimal("1067.5365187792"), 2)
    '1067.54'
    """
    if value is None:
        return "—"
    if digits is not None:
        value = round(value, digits)
    return format(value.normalize(), "f")


def percent(value: Decimal | None, digits: int = 1) -> str:
    """A fraction as a percentage: 0.3948 → 39.5%.

    >>> percent(Decimal("0.39477")), percent(None)
    ('39.5%', '—')
    """
    if value is None:
        return "—"
    return f"{value * 100:.{digits}f}%"


def bar_width(value: Decimal | None) -> str:
    """A CSS width for a progress bar, clipped to 0–100%."""
    if value is None:
        return "0%"
    return f"{max(Decimal(0), min(Decimal(1), value)) * 100:.1f}%"


def status_class(status: Status) -> str:
    return STATUS_CLASS[status]


def light_label(light: Light) -> str:
    return light.label


def highlight(text: str, query: str) -> Markup:
    """``text`` as HTML with every occurrence of ``query`` in <mark>.

    >>> highlight("森林覆盖率达到<40%>,森林面积", "森林")
    Markup('<mark>森林</mark>覆盖率达到&lt;40%&gt;,<mark>森林</mark>面积')
    """
    query = query.strip()
    if not query:
        return Markup(escape(text))
    parts = text.split(query)
    return Markup(f"<mark>{escape(query)}</mark>").join(escape(p) for p in parts)


FILTERS: dict[str, Callable[..., Any]] = {
    "highlight": highlight,
    "number": number,
    "percent": percent,
    "bar_width": bar_width,
    "status_class": status_class,
    "light_label": light_label,
}
