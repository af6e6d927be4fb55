"""The word lists of ``vocab/words.yaml``, loaded once and compiled into patterns.

The file is read and checked by :func:`planwatch.extract.vocabulary.vocabulary`; ``words()``
is its parsed content for the rules that index it by key.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache
from typing import Any

from planwatch.extract.vocabulary import vocabulary


def words() -> Mapping[str, Any]:
    """The parsed ``words.yaml``, checked (:class:`~planwatch.extract.vocabulary.Vocabulary`)."""
    return vocabulary().raw


def alternation(items: list[str] | tuple[str, ...]) -> str:
    """A regex alternation of literal words, longest first.

    >>> alternation(["达", "达到"])
    '达到|达'
    """
    return "|".join(re.escape(w) for w in sorted(set(items), key=len, reverse=True))


@cache
def word_pattern(*keys: str) -> re.Pattern[str]:
    """A pattern matching any word of the list at ``words()[keys[0]][keys[1]]…``.

    >>> word_pattern("stretch").search("力争达到1200亿元").group()
    '力争'
    """
    node: Any = words()
    for key in keys:
        node = node[key]
    return re.compile(alternation(node))


@cache
def lookup(*keys: str) -> dict[str, str]:
    """A word → label map from a mapping of label → words (comparators, changes, tails)."""
    node: Any = words()
    for key in keys:
        node = node[key]
    return {word: label for label, items in node.items() for word in items}
