"""Stable keys of outline nodes: from kind and title, so they survive an inserted chapter.

A positional id (``p5.c16.s2``) changes for every node after an inserted chapter; a version
diff and every link from a stored quantity to its heading need a key that does not. The key
is the node's kind and its title with spaces and punctuation removed; a title that repeats
(主要目标 under several chapters) is told apart by its parent's key, then by an ordinal.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

MAX_KEY = 300
# Everything that is not a letter or a digit: spaces, punctuation, quotes, brackets.
NOT_WORD = re.compile(r"[\W_]+")


@dataclass(frozen=True, slots=True)
class KeyedNode:
    """What a stable key is built from: a node's positional id, kind, label, title, parent."""

    path: str
    kind: str
    label: str
    title: str
    parent: str | None  # the parent's positional id


def title_key(kind: str, label: str, title: str) -> str:
    """``kind:title`` with the title folded (full-width, spaces, punctuation removed).

    >>> title_key("chapter", "第六章", "加快建设 “现代产业体系”")
    'chapter:加快建设现代产业体系'
    >>> title_key("box", "专栏3", "")
    'box:专栏3'
    """
    folded = NOT_WORD.sub("", unicodedata.normalize("NFKC", title))
    return f"{kind}:{folded or NOT_WORD.sub('', unicodedata.normalize('NFKC', label))}"


def stable_keys(nodes: Sequence[KeyedNode]) -> dict[str, str]:
    """Positional id → stable key, unique within the sequence (one version's outline).

    >>> nodes = [KeyedNode("c1", "chapter", "第一章", "总体要求", None),
    ...          KeyedNode("c1.s1", "section", "第一节", "主要目标", "c1"),
    ...          KeyedNode("c2", "chapter", "第二章", "产业", None),
    ...          KeyedNode("c2.s1", "section", "第一节", "主要目标", "c2")]
    >>> stable_keys(nodes)["c2.s1"]
    'chapter:产业/section:主要目标'
    """
    own = {n.path: title_key(n.kind, n.label, n.title) for n in nodes}
    repeats = Counter(own.values())
    keys: dict[str, str] = {}
    used: Counter[str] = Counter()
    for node in nodes:  # parents come before their children
        key = own[node.path]
        if repeats[key] > 1 and node.parent is not None and node.parent in keys:
            key = f"{keys[node.parent]}/{key}"
        key = key[: MAX_KEY - 4]
        used[key] += 1
        keys[node.path] = key if used[key] == 1 else f"{key}#{used[key]}"
    return keys
