"""The outline of a plan: 篇/章/节, boxes (专栏) and numbered headings, as a tree of spans."""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum


class NodeKind(StrEnum):
    PREFACE = "preface"  # 序言 / 前言
    PART = "part"  # 篇 (编 in older plans)
    CHAPTER = "chapter"  # 章
    SECTION = "section"  # 节
    BOX = "box"  # 专栏
    ITEM = "item"  # a numbered heading (一、 （一） 1.) below the deepest 篇/章/节 level


@dataclass(frozen=True, slots=True)
class OutlineNode:
    """One heading and the span of text it governs (``start``/``end`` index the decoded text).

    ``start`` is where the heading begins, ``end`` where the next heading of the same or a
    higher level begins (or the text ends); ``title_end`` is where the heading line's title
    stops, so ``text[title_end:end]`` minus the children is the node's own body.
    """

    id: str
    kind: NodeKind
    label: str  # the numbering as written, normalised: "第六章", "专栏1", "(三)"
    number: int | None
    title: str
    line: int
    start: int
    end: int
    title_end: int
    level: int  # depth in the tree, 1 for top-level nodes
    children: tuple[OutlineNode, ...] = ()

    def walk(self) -> Iterator[OutlineNode]:
        """This node and all its descendants in document order."""
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass(frozen=True, slots=True)
class Outline:
    """The top-level nodes of a plan plus helpers to find the node governing an offset."""

    nodes: tuple[OutlineNode, ...]
    body_start: int  # where the first node starts: text before it is the title block

    def walk(self) -> Iterator[OutlineNode]:
        for node in self.nodes:
            yield from node.walk()

    def deepest_at(self, offset: int) -> OutlineNode | None:
        """The innermost node whose span contains ``offset``, or None before the first node."""
        chain = self.ancestors_at(offset)
        return chain[-1] if chain else None

    def ancestors_at(self, offset: int) -> list[OutlineNode]:
        """The chain of nodes containing ``offset``, outermost first.

        Siblings are in text order, so each level is a binary search: a plan with thousands
        of headings costs a logarithm per lookup, not a scan.
        """
        chain: list[OutlineNode] = []
        candidates = self.nodes
        while True:
            index = bisect.bisect_right(candidates, offset, key=_start) - 1
            inner = candidates[index] if index >= 0 else None
            if inner is None or not inner.start <= offset < inner.end:
                return chain
            chain.append(inner)
            candidates = inner.children


def _start(node: OutlineNode) -> int:
    return node.start
