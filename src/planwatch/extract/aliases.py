"""Indicator identity: synonymous names (``vocab/aliases.yaml``) and what tells two apart.

GDP is 地区生产总值 is 生产总值; but qualifiers (``vocab/identity.yaml``) are part of the
identity: 人均地区生产总值 is not 地区生产总值 and 单位GDP能耗 is not 能耗, however much one
name contains the other.
"""

from __future__ import annotations

from functools import cache, lru_cache
from importlib import resources
from typing import Any

import yaml

from planwatch.extract.vocabulary import Vocabulary, per_vocabulary


def _load(name: str) -> Any:
    text = (resources.files("planwatch.extract") / "vocab" / name).read_text("utf-8")
    return yaml.safe_load(text)


@cache
def _groups() -> dict[str, tuple[str, ...]]:
    """Every synonym (upper case) → its group, the shown name first."""
    table: dict[str, tuple[str, ...]] = {}
    for group in _load("aliases.yaml"):
        names = tuple(str(name) for name in group)
        for name in names:
            table[name.upper()] = names
    return table


@cache
def _identity() -> tuple[tuple[str, ...], tuple[str, ...]]:
    data = _load("identity.yaml")
    qualifiers = tuple(sorted((str(q) for q in data["qualifiers"]), key=len, reverse=True))
    return qualifiers, tuple(str(s) for s in data["neutral_suffixes"])


@per_vocabulary
def _scope_prefixes(vocab: Vocabulary) -> tuple[str, ...]:
    """The scope words (全区, 我国 …) that may open a name, longest first."""
    return tuple(sorted(vocab.words("scope_words"), key=len, reverse=True))


def _bare(name: str) -> str:
    bare = name.strip()
    for prefix in _scope_prefixes():
        if bare.startswith(prefix) and len(bare) > len(prefix):
            return bare[len(prefix) :]
    return bare


def canonical_name(name: str) -> str:
    """The shown name of an indicator's synonym group, or the name itself without its scope.

    >>> canonical_name("GDP"), canonical_name("全区地区生产总值"), canonical_name("森林覆盖率")
    ('地区生产总值', '地区生产总值', '森林覆盖率')
    """
    bare = _bare(name)
    group = _groups().get(bare.upper())
    return group[0] if group else bare


def synonyms(name: str) -> tuple[str, ...]:
    """Every name of the synonym group ``name`` belongs to (the name alone if none).

    >>> synonyms("GDP")[:3]
    ('地区生产总值', 'GDP', '生产总值')
    """
    bare = _bare(name)
    return _groups().get(bare.upper(), (bare,))


def qualifiers_differ(a: str, b: str) -> bool:
    """Whether one name carries a qualifier the other lacks (人均, 农村, 单位, 比重 …).

    >>> qualifiers_differ("农村居民人均可支配收入", "城镇居民人均可支配收入")
    True
    >>> qualifiers_differ("城市建成区面积", "城市建成区")
    False
    """
    return _qualifier_signature(a) != _qualifier_signature(b)


@lru_cache(maxsize=65536)
def _qualifier_signature(name: str) -> tuple[bool, ...]:
    """Which qualifiers a name carries, each consumed once found (cached: a document
    compares the same names many times)."""
    qualifiers, _ = _identity()
    found = []
    for word in qualifiers:  # longest first, so 规模以上 is consumed before 上
        present = word in name
        found.append(present)
        if present:
            name = name.replace(word, "\0")
    return tuple(found)


def same_name(a: str, b: str) -> bool:
    """Whether two indicator names denote one indicator.

    Synonyms are one indicator; so are two names one of which only adds a neutral word at
    the end (规模, 面积, 总额 …). A qualifier on one side makes two indicators.

    >>> same_name("旅游接待人数", "旅游接待人数规模"), same_name("GDP", "地区生产总值")
    (True, True)
    >>> same_name("地区生产总值", "人均地区生产总值"), same_name("能耗", "单位GDP能耗")
    (False, False)
    >>> same_name("居民人均可支配收入", "农村居民人均可支配收入")
    False
    """
    x, y = canonical_name(a), canonical_name(b)
    if x == y:
        return True
    if qualifiers_differ(x, y):
        return False
    short, long = sorted((x, y), key=len)
    _, neutral = _identity()
    return len(short) >= 2 and long.startswith(short) and long[len(short) :] in neutral
