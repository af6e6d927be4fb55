"""The words that give a number its meaning, as one typed and validated object.

``vocab/words.yaml`` is read once (:func:`vocabulary`) into a :class:`Vocabulary`; a file with
a wrong shape, an unknown comparator label or a word given two roles without saying which
wins is refused with :class:`VocabularyError`, naming the file, the key and the word.

Roles between an indicator's name and its number (peeled off right to left by
:mod:`~planwatch.extract.phrases`): ``filler``, ``change``, ``comparator``, ``cumulative``,
``stretch``, ``growth``, ``distributes``, ``approximate`` and ``stop`` (a word that ends 约 but
is no "about": 节约). A word listed under two of them must be named in ``precedence`` with
its roles in the order they win: 力争 is a stretch marker before it is a filler. A leading
verb (``leading_verbs``, read at the start of a phrase) and a deadline prefix (``力争到2025年``)
are other positions, so a word may also hold one of those.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

from planwatch.errors import InvalidInput

COMPARATOR_LABELS = frozenset({">=", ">", "<=", "<", "="})
CHANGE_LABELS = frozenset({"increase", "decrease"})
TAIL_LABELS = COMPARATOR_LABELS | {"ignore"}
RIGHT_ROLES = ("filler", "change", "comparator", "cumulative", "stretch", "growth",
               "distributes", "approximate", "stop")  # fmt: skip

# Plain word lists the rules read, by key.
WORD_LISTS = (
    "achieved_verbs", "decrease_names", "growth_rate", "cumulative", "approximate",
    "not_approximate", "stretch", "fillers", "distributes", "deadline_prefixes",
    "leading_verbs", "scope_words", "entity_suffixes", "generic_entities", "back_references",
    "labels", "baseline_headings", "target_headings", "qualitative_verbs", "measure_verbs",
    "generic_names",
)  # fmt: skip


class VocabularyError(InvalidInput):
    """A vocabulary file that cannot be used, with the key and word at fault."""


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """Every word list of ``words.yaml``, checked, plus the role each word has before a number.

    >>> v = vocabulary()
    >>> v.right_roles["力争"], v.right_roles["分别"], v.comparators["控制在"], v.changes["下降"]
    ('stretch', 'distributes', '<=', 'decrease')
    """

    lists: Mapping[str, tuple[str, ...]]
    comparators: Mapping[str, str]  # word → ">=" …
    changes: Mapping[str, str]  # word → increase / decrease
    tails: Mapping[str, str]  # word → comparator or "ignore"
    doublings: Mapping[str, str]  # word → percent ("100")
    scope_aliases: Mapping[str, str]
    default_scope: Mapping[str, str]
    precedence: Mapping[str, tuple[str, ...]]
    right_roles: Mapping[str, str]  # word → the role that wins between a name and its number
    raw: Mapping[str, Any]  # the parsed file, for the rules that read it directly

    def words(self, key: str) -> tuple[str, ...]:
        return self.lists[key]


def _fail(source: str, where: str, problem: str) -> VocabularyError:
    return VocabularyError(f"词表 {source} 的 {where}：{problem}")


def _word_list(data: Mapping[str, Any], key: str, source: str) -> tuple[str, ...]:
    return _checked(data.get(key), key, source)


def _checked(items: Any, key: str, source: str) -> tuple[str, ...]:
    if not isinstance(items, list) or not items:
        raise _fail(source, key, "应为非空的词语列表")
    for item in items:
        if not isinstance(item, str) or not item.strip():
            raise _fail(source, key, f"“{item}”不是词语")
    return tuple(items)


def _labelled(
    data: Mapping[str, Any], key: str, labels: frozenset[str] | None, source: str
) -> dict[str, str]:
    """A mapping label → words, inverted to word → label; one label per word."""
    node = data.get(key)
    if not isinstance(node, dict) or not node:
        raise _fail(source, key, "应为“标签: [词语…]”的映射")
    out: dict[str, str] = {}
    for label, items in node.items():
        label = str(label)
        if labels is not None and label not in labels:
            raise _fail(source, key, f"标签“{label}”不是 {'、'.join(sorted(labels))} 之一")
        for word in _checked(items, f"{key}.{label}", source):
            if word in out and out[word] != label:
                raise _fail(source, key, f"“{word}”同时属于“{out[word]}”和“{label}”")
            out[word] = label
    return out


def _mapping(data: Mapping[str, Any], key: str, source: str) -> dict[str, str]:
    node = data.get(key)
    if not isinstance(node, dict) or not all(isinstance(v, str) for v in node.values()):
        raise _fail(source, key, "应为“词语: 词语”的映射")
    return {str(k): v for k, v in node.items()}


def _right_roles(
    lists: Mapping[str, tuple[str, ...]],
    comparators: Mapping[str, str],
    changes: Mapping[str, str],
    precedence: Mapping[str, tuple[str, ...]],
    source: str,
) -> dict[str, str]:
    held: dict[str, list[str]] = {}
    for role, items in (
        ("filler", lists["fillers"]), ("change", tuple(changes)),
        ("comparator", tuple(comparators)), ("cumulative", lists["cumulative"]),
        ("stretch", lists["stretch"]), ("growth", lists["growth_rate"]),
        ("distributes", lists["distributes"]), ("approximate", lists["approximate"]),
        ("stop", lists["not_approximate"]),
    ):  # fmt: skip
        for word in items:
            if role not in held.setdefault(word, []):
                held[word].append(role)
    roles: dict[str, str] = {}
    for word, found in held.items():
        order = precedence.get(word)
        held_roles = "、".join(found)
        if len(found) > 1 and order is None:
            raise _fail(source, "precedence", f"“{word}”有多个角色（{held_roles}），须写明先后")
        if order is not None and set(order) != set(found):
            listed = "、".join(order)
            raise _fail(source, "precedence", f"“{word}”的角色应为 {held_roles}，而非 {listed}")
        roles[word] = order[0] if order else found[0]
    for word in precedence:
        if len(held.get(word, ())) < 2:
            raise _fail(source, "precedence", f"“{word}”只有一个角色，无须写明先后")
    return roles


def parse_vocabulary(data: Any, source: str = "words.yaml") -> Vocabulary:
    """Check a parsed ``words.yaml`` and build the :class:`Vocabulary`.

    >>> try:
    ...     parse_vocabulary({"comparators": {">>": ["达到"]}}, "test.yaml")
    ... except VocabularyError as error:
    ...     print(error)
    词表 test.yaml 的 comparators：标签“>>”不是 <、<=、=、>、>= 之一
    """
    if not isinstance(data, dict):
        raise _fail(source, "（全文）", "应为键值映射")
    comparators = _labelled(data, "comparators", COMPARATOR_LABELS, source)
    changes = _labelled(data, "changes", CHANGE_LABELS, source)
    tails = _labelled(data, "tails", TAIL_LABELS, source)
    doublings = _labelled(data, "doublings", None, source)
    lists = {key: _word_list(data, key, source) for key in WORD_LISTS}
    node = data.get("precedence", {})
    if not isinstance(node, dict):
        raise _fail(source, "precedence", "应为“词语: [角色…]”的映射")
    precedence: dict[str, tuple[str, ...]] = {}
    for word, order in node.items():
        if not isinstance(order, list) or any(r not in RIGHT_ROLES for r in order):
            raise _fail(source, "precedence", f"“{word}”的角色须取自 {'、'.join(RIGHT_ROLES)}")
        precedence[str(word)] = tuple(order)
    return Vocabulary(
        lists=lists,
        comparators=comparators,
        changes=changes,
        tails=tails,
        doublings=doublings,
        scope_aliases=_mapping(data, "scope_aliases", source),
        default_scope=_mapping(data, "default_scope", source),
        precedence=precedence,
        right_roles=_right_roles(lists, comparators, changes, precedence, source),
        raw=data,
    )


@cache
def vocabulary() -> Vocabulary:
    """The package's vocabulary, read and checked once, on first use (never at import)."""
    text = resources.files("planwatch.extract").joinpath("vocab", "words.yaml").read_text("utf-8")
    return parse_vocabulary(yaml.safe_load(text), "vocab/words.yaml")
