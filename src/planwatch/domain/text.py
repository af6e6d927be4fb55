"""Text that planwatch stores and writes out: no control characters, no live formulas.

A control character (``\\x01``, NUL) in an indicator name or a source cannot be written to
DOCX or XLSX (XML 1.0 forbids it) and PostgreSQL refuses NUL in text; it is removed where
text enters (tables, forms, the API) and again, as a safety net, where reports are written.
A cell text beginning with = + - @ is a formula to a spreadsheet program; writers keep it
as literal text (services/tables.py).
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any, TypeVar

# C0 controls but tab, line feed and carriage return; DEL. "指标\x01名称" -> "指标名称".
CONTROL = re.compile(
    r"""[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]   # XML 1.0 allows none of these but \t \n \r
    """,
    re.VERBOSE,
)
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")  # what spreadsheets read as a formula

T = TypeVar("T")


def clean_text(text: str) -> str:
    """``text`` without control characters (tab and line breaks stay).

    >>> clean_text("森林\\x00覆盖率\\x01"), clean_text("a\\tb\\n")
    ('森林覆盖率', 'a\\tb\\n')
    """
    return CONTROL.sub("", text)


def has_control(text: str) -> bool:
    """Whether ``text`` holds a control character other than tab and line breaks.

    >>> has_control("统计局\\x07"), has_control("统计局")
    (True, False)
    """
    return CONTROL.search(text) is not None


def looks_like_formula(text: str) -> bool:
    """Whether a spreadsheet program would run ``text`` as a formula.

    >>> looks_like_formula("=HYPERLINK(\\"http://x\\")"), looks_like_formula("森林")
    (True, False)
    """
    return text.startswith(FORMULA_START)


def clean_strings(value: T) -> T:
    """``value`` with :func:`clean_text` applied to every string inside it.

    Walks frozen dataclasses, tuples, lists and dicts; other objects are kept as they are.

    >>> @dataclasses.dataclass(frozen=True)
    ... class Row:
    ...     name: str
    ...     cells: tuple[str, ...]
    >>> clean_strings(Row("GDP\\x01", ("a\\x02", "b")))
    Row(name='GDP', cells=('a', 'b'))
    """
    return _cleaned(value)  # type: ignore[no-any-return]


def _cleaned(value: Any) -> Any:
    """``value`` itself when it holds no control character, so identities are kept."""
    if isinstance(value, str):
        return clean_text(value) if has_control(value) else value
    if isinstance(value, tuple | list):
        items = [_cleaned(item) for item in value]
        if all(new is old for new, old in zip(items, value, strict=True)):
            return value
        return type(value)(*items) if hasattr(value, "_fields") else type(value)(items)
    if isinstance(value, dict):
        pairs = {key: _cleaned(item) for key, item in value.items()}
        return value if all(pairs[k] is v for k, v in value.items()) else pairs
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {
            f.name: _cleaned(getattr(value, f.name)) for f in dataclasses.fields(value) if f.init
        }
        if all(new is getattr(value, name) for name, new in changes.items()):
            return value
        try:
            return dataclasses.replace(value, **changes)
        except (TypeError, ValueError):  # a dataclass that checks or derives its fields
            return value
    return value
