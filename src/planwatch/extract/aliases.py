"""Synonymous indicator names (``vocab/aliases.yaml``): GDP is 地区生产总值 is 生产总值."""

from __future__ import annotations

from functools import cache
from importlib import resources

import yaml

_SCOPE_PREFIXES = ("全国", "全省", "全市", "全区", "全县", "全州", "全旗")


@cache
def _groups() -> dict[str, str]:
    text = (resources.files("planwatch.extract") / "vocab" / "aliases.yaml").read_text("utf-8")
    table: dict[str, str] = {}
    for group in yaml.safe_load(text):
        for name in group:
            table[str(name).upper()] = str(group[0])
    return table


def canonical_name(name: str) -> str:
    """The shown name of an indicator's synonym group, or the name itself without its scope.

    >>> canonical_name("GDP"), canonical_name("全区地区生产总值"), canonical_name("森林覆盖率")
    ('地区生产总值', '地区生产总值', '森林覆盖率')
    """
    bare = name.strip()
    for prefix in _SCOPE_PREFIXES:
        if bare.startswith(prefix) and len(bare) > len(prefix):
            bare = bare[len(prefix) :]
            break
    return _groups().get(bare.upper(), bare)


def same_name(a: str, b: str) -> bool:
    """Whether two indicator names denote one indicator (synonyms, or one contains the other).

    >>> same_name("旅游接待人数", "旅游接待人数规模"), same_name("GDP", "地区生产总值")
    (True, True)
    >>> same_name("地区生产总值", "第二产业增加值")
    False
    """
    x, y = canonical_name(a), canonical_name(b)
    return x == y or (min(len(x), len(y)) >= 4 and (x in y or y in x))
