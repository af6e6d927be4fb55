"""The 专栏 boxes and chapters of a plan's newest version, as a register names them.

A register writes a box as "专栏1", "1", "专栏 3-1", its title or both; a chapter as
"第二章", its title or both. Matching folds spaces, quotes and widths.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from planwatch.services.project_cells import HEADER_NOISE
from planwatch.store.models import OutlineNodeRecord, Plan


@dataclass(frozen=True, slots=True)
class BoxRef:
    key: str
    label: str
    title: str
    parent_key: str | None
    start: int


def fold(text: str) -> str:
    """The form names are matched in.

    >>> fold(" 专栏 1  “十四五”交通 ")
    '专栏1十四五交通'
    """
    return HEADER_NOISE.sub("", unicodedata.normalize("NFKC", text))


class PlanOutline:
    """Boxes and chapters of one version, found by what a person writes for them."""

    def __init__(self, version_id: int | None, nodes: list[OutlineNodeRecord]) -> None:
        self.version_id = version_id
        self.nodes = {node.key: node for node in nodes}
        self.boxes = [
            BoxRef(n.key, n.label, n.title, n.parent_key, n.start) for n in nodes if n.kind == "box"
        ]
        self._boxes: dict[str, BoxRef] = {}
        for box in self.boxes:
            for name in (
                box.label,
                box.title,
                box.label + box.title,
                box.label.removeprefix("专栏"),
            ):
                self._boxes.setdefault(fold(name), box)
        self._chapters: dict[str, str] = {}
        for node in nodes:
            if node.kind == "chapter":
                for name in (node.label, node.title, node.label + node.title):
                    self._chapters.setdefault(fold(name), node.key)

    def box(self, text: str) -> BoxRef | None:
        return self._boxes.get(fold(text))

    def chapter(self, text: str) -> str | None:
        return self._chapters.get(fold(text))

    def chapter_of(self, key: str) -> str | None:
        """The stable key of the chapter a node is in (None when it is in no chapter)."""
        node = self.nodes.get(key)
        while node is not None and node.kind != "chapter":
            node = self.nodes.get(node.parent_key) if node.parent_key else None
        return node.key if node is not None else None

    def title(self, key: str | None) -> str:
        """ "专栏1 标题" or "第二章 标题" for a stored key; the key itself when unknown."""
        node = self.nodes.get(key) if key else None
        if node is None:
            return key or ""
        return f"{node.label} {node.title}"


def plan_outline(plan: Plan) -> PlanOutline:
    """Boxes and chapters of the plan's newest version (none when it has no version)."""
    if not plan.versions:
        return PlanOutline(None, [])
    version = plan.versions[-1]
    return PlanOutline(version.id, list(version.nodes))
