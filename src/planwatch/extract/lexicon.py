"""The word lists of ``vocab/words.yaml``, loaded once and compiled into patterns."""

from __future__ import annotations

import re
from functools import cache
from importlib import resources
from typing import Any

import yaml


@cache
def words() -> dict[str, Any]:
    """The parsed ``words.yaml``."""
    text = resources.files("planwatch.extract").joinpath("vocab", "words.yaml").read_text("utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    return data


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
