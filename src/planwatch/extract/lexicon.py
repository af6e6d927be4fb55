"""The word lists of ``vocab/words.yaml``, loaded once and compiled into patterns.

The file is read and checked by :func:`planwatch.extract.vocabulary.vocabulary`; ``words()``
is the parsed content of the current vocabulary (the one the running extraction was given,
:func:`~planwatch.extract.vocabulary.current_vocabulary`) for the rules that index it by key;
patterns are compiled once per vocabulary.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from planwatch.extract.vocabulary import Vocabulary, current_vocabulary


def words() -> Mapping[str, Any]:
    """The parsed ``words.yaml``, checked (:class:`~planwatch.extract.vocabulary.Vocabulary`)."""
    return current_vocabulary().raw


def alternation(items: list[str] | tuple[str, ...]) -> str:
    """A regex alternation of literal words, longest first.

    >>> alternation(["达", "达到"])
    '达到|达'
    """
    return "|".join(re.escape(w) for w in sorted(set(items), key=len, reverse=True))


def word_pattern(*keys: str) -> re.Pattern[str]:
    """A pattern matching any word of the list at ``words()[keys[0]][keys[1]]…``.

    >>> word_pattern("stretch").search("力争达到1200亿元").group()
    '力争'
    """
    return _word_pattern(current_vocabulary(), keys)


@lru_cache(maxsize=256)
def _word_pattern(vocab: Vocabulary, keys: tuple[str, ...]) -> re.Pattern[str]:
    node: Any = vocab.raw
    for key in keys:
        node = node[key]
    return re.compile(alternation(node))


def lookup(*keys: str) -> dict[str, str]:
    """A word → label map from a mapping of label → words (comparators, changes, tails)."""
    return _lookup(current_vocabulary(), keys)


@lru_cache(maxsize=256)
def _lookup(vocab: Vocabulary, keys: tuple[str, ...]) -> dict[str, str]:
    node: Any = vocab.raw
    for key in keys:
        node = node[key]
    return {word: label for label, items in node.items() for word in items}
