"""Stable keys of outline nodes: from kind and title, so they survive a renumbering.

A node's positional id (``p5.c16.s2``) changes when a chapter is inserted before it; its
stable key does not. The key is ``kind:title`` with the title folded (full/half width,
whitespace and punctuation dropped): ``chapter:规划背景``. A title used twice in one version
is prefixed by the parent's key (``chapter:规划背景/section:发展基础``), and a title used twice
under one parent gets an ordinal (``…~2``). The preface is ``preface``; an untitled node
takes the start of its own body, or failing that its number (``box#3``).
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections import Counter
from collections.abc import Iterator, Sequence

from planwatch.domain.comparison import NodeRef
from planwatch.domain.outline import NodeKind, OutlineNode

MAX_KEY = 200
_BODY_CHARS = 16  # enough of an untitled node's body to tell it from its siblings
_HASH_CHARS = 10


def normalize_title(title: str) -> str:
    """A title folded for matching: NFKC width, no whitespace, punctuation or symbols.

    >>> normalize_title("“十四五”时期 经济社会发展主要指标")
    '十四五时期经济社会发展主要指标'
    >>> normalize_title("（一）ＧＤＰ：稳步增长！") == normalize_title("(一) GDP: 稳步增长!")
    True
    """
    folded = unicodedata.normalize("NFKC", title).lower()
    return "".join(c for c in folded if unicodedata.category(c)[0] not in "PSZC")


def _cap(key: str) -> str:
    """At most MAX_KEY characters: a long key keeps its head and a hash of the whole.

    >>> len(_cap("item:" + "很长的标题" * 60))
    200
    """
    if len(key) <= MAX_KEY:
        return key
    digest = hashlib.sha1(key.encode("utf-8")).hexdigest()[:_HASH_CHARS]
    return f"{key[: MAX_KEY - _HASH_CHARS - 1]}#{digest}"


def _walk(nodes: Sequence[OutlineNode]) -> Iterator[tuple[OutlineNode, OutlineNode | None]]:
    """Every node once with its parent, in document order (a flat list is accepted too)."""
    seen: set[str] = set()

    def visit(
        node: OutlineNode, parent: OutlineNode | None
    ) -> Iterator[tuple[OutlineNode, OutlineNode | None]]:
        if node.id in seen:
            return
        seen.add(node.id)
        yield node, parent
        for child in node.children:
            yield from visit(child, node)

    for node in nodes:
        yield from visit(node, None)


def _own_body(node: OutlineNode, text: str | None) -> str:
    if text is None:
        return ""
    end = node.children[0].start if node.children else node.end
    return normalize_title(text[node.title_end : end])[:_BODY_CHARS]


def _base_key(node: OutlineNode, ordinal: int, text: str | None) -> str:
    if node.kind is NodeKind.PREFACE:
        return "preface"
    title = normalize_title(node.title)
    if title:
        return f"{node.kind.value}:{title}"
    body = _own_body(node, text)
    if body:
        return f"{node.kind.value}:~{body}"
    return f"{node.kind.value}#{node.number if node.number is not None else ordinal}"


def stable_keys(nodes: Sequence[OutlineNode], text: str | None = None) -> dict[str, str]:
    """Map each node's positional id to its stable key, unique within the version.

    ``nodes`` are the top-level nodes of an outline (their children are walked) or all
    nodes; ``text`` (the decoded document) lets an untitled node borrow its body's start.

    >>> from planwatch.extract.normalize import normalize
    >>> from planwatch.extract.outline import build_outline
    >>> outline, _ = build_outline(normalize(
    ...     "第一章 规划背景\\n第一节 发展基础\\n第二章 总体要求\\n第一节 发展基础"))
    >>> stable_keys(outline.nodes)
    ... # doctest: +NORMALIZE_WHITESPACE
    {'c1': 'chapter:规划背景', 'c1.s1': 'chapter:规划背景/section:发展基础',
     'c2': 'chapter:总体要求', 'c2.s1': 'chapter:总体要求/section:发展基础'}
    """
    walked = list(_walk(nodes))
    ordinals: Counter[tuple[str | None, NodeKind]] = Counter()
    base: dict[str, str] = {}
    for node, parent in walked:
        scope = (parent.id if parent else None, node.kind)
        ordinals[scope] += 1
        base[node.id] = _base_key(node, ordinals[scope], text)
    counts = Counter(base.values())
    keys: dict[str, str] = {}
    used: set[str] = set()
    for node, parent in walked:
        key = base[node.id]
        if counts[key] > 1 and parent is not None:
            key = f"{keys[parent.id]}/{key}"
        key = _cap(key)
        candidate, ordinal = key, 1
        while candidate in used:
            ordinal += 1
            candidate = _cap(f"{key}~{ordinal}")
        used.add(candidate)
        keys[node.id] = candidate
    return keys


def node_refs(nodes: Sequence[OutlineNode], text: str | None = None) -> tuple[NodeRef, ...]:
    """The outline as the diff reads it: one :class:`NodeRef` per node, in document order.

    >>> from planwatch.extract.normalize import normalize
    >>> from planwatch.extract.outline import build_outline
    >>> outline, _ = build_outline(normalize("第一章 规划背景\\n第一节 发展基础"))
    >>> [(r.key, r.parent_key, r.order) for r in node_refs(outline.nodes)]
    [('chapter:规划背景', None, 0), ('section:发展基础', 'chapter:规划背景', 0)]
    """
    keys = stable_keys(nodes, text)
    refs: list[NodeRef] = []
    orders: Counter[str | None] = Counter()
    for node, parent in _walk(nodes):
        parent_key = keys[parent.id] if parent else None
        refs.append(
            NodeRef(
                keys[node.id],
                node.kind,
                node.label,
                node.number,
                node.title,
                parent_key,
                orders[parent_key],
            )
        )
        orders[parent_key] += 1
    return tuple(refs)
