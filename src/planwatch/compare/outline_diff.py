"""The outline diff of two versions of a plan: nodes added, removed, renamed, moved, renumbered.

Nodes are matched by stable key, never by position, in three passes:

1. the same key;
2. among the nodes left over, the same kind and folded title (a key that changed only
   because a duplicate title became unique, or the reverse);
3. a rename: left-over nodes of one kind under the same (matched) parent, paired best
   first: titles at least 60 % alike (difflib ratio of the folded titles) wherever the
   nodes stand; then nodes that keep their number or position with titles at least 30 %
   alike; then nodes that keep both number and position, whatever their titles;
4. a change of level: a left-over 篇, 章 or 节 and one of another of these kinds with the
   same folded title, each the only one left with that title (a 节 promoted to a 章).

A matched node under another parent, or at another level, is *moved*; one with another
number is *renumbered* (after an inserted chapter every later chapter is: :func:`renumber_runs`
folds these into one line per run). Whatever is left is *added* or *removed*.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from difflib import SequenceMatcher

from planwatch.compare.outline_keys import normalize_title
from planwatch.domain.comparison import NodeRef, OutlineChange, OutlineChangeKind, RenumberRun
from planwatch.domain.outline import NodeKind

RENAME_MIN = 0.3  # title similarity a rename needs when the node keeps number or position
REWORDED_MIN = 0.6  # and when it keeps neither (a section renamed after an inserted one)

Kind = OutlineChangeKind
_THROUGH = (NodeKind.CHAPTER, NodeKind.BOX)  # numbered through the whole plan
_LEVELS = (NodeKind.PART, NodeKind.CHAPTER, NodeKind.SECTION)  # highest first


def title_similarity(a: str, b: str) -> float:
    """Similarity of two folded titles, 0–1 (difflib's ratio).

    >>> round(title_similarity("深度融入成渝地区双城经济圈", "全面融入成渝地区双城经济圈建设"), 2)
    0.79
    """
    return SequenceMatcher(None, normalize_title(a), normalize_title(b)).ratio()


def name(node: NodeRef) -> str:
    """How a node is named in a message: 第六章“大力培育发展开放型经济”, or its label alone.

    >>> from planwatch.domain.outline import NodeKind
    >>> name(NodeRef("preface", NodeKind.PREFACE, "序言", None, "序言", None, 0))
    '序言'
    """
    if not node.title or node.title == node.label:
        return node.label
    return f"{node.label}“{node.title}”"


class _Matching:
    """The pairs old key → new key found so far, and what each pass may still use."""

    def __init__(self, old: Sequence[NodeRef], new: Sequence[NodeRef]) -> None:
        self.old = {n.key: n for n in old}
        self.new = {n.key: n for n in new}
        self.old_order = [n.key for n in old]
        self.pairs: dict[str, str] = {k: k for k in self.old if k in self.new}
        self.taken: set[str] = set(self.pairs.values())

    def parent_of(self, node: NodeRef) -> str | None:
        """The new key of an old node's parent (``"?"`` when the parent has no match)."""
        if node.parent_key is None:
            return None
        return self.pairs.get(node.parent_key, "?")

    def left(self) -> tuple[list[NodeRef], list[NodeRef]]:
        olds = [self.old[k] for k in self.old_order if k not in self.pairs]
        news = [n for k, n in self.new.items() if k not in self.taken]
        return olds, news

    def pair(self, old: NodeRef, new: NodeRef) -> None:
        self.pairs[old.key] = new.key
        self.taken.add(new.key)

    def same_titles(self) -> None:
        olds, news = self.left()
        by_title: dict[tuple[str, str], list[NodeRef]] = defaultdict(list)
        for node in news:
            by_title[(node.kind.value, normalize_title(node.title))].append(node)
        for old in olds:
            found = by_title.get((old.kind.value, normalize_title(old.title)), [])
            free = [n for n in found if n.key not in self.taken]
            under = [n for n in free if n.parent_key == self.parent_of(old)]
            if under or len(free) == 1:
                self.pair(old, (under or free)[0])

    def renames(self) -> None:
        """Pair renamed nodes, top-down: a child's parent may itself have been renamed."""
        while True:
            olds, news = self.left()
            siblings: dict[tuple[str, str | None], list[NodeRef]] = defaultdict(list)
            for node in news:
                siblings[(node.kind.value, node.parent_key)].append(node)
            scored: list[tuple[int, float, bool, int, NodeRef, NodeRef]] = []
            for index, old in enumerate(olds):
                for new in siblings.get((old.kind.value, self.parent_of(old)), []):
                    same_number = old.number is not None and old.number == new.number
                    same_order = old.order == new.order
                    similarity = title_similarity(old.title, new.title)
                    slot = same_number and same_order
                    near = same_number or same_order
                    # A close rewording wins over a mere slot: a section inserted before a
                    # renamed one takes its slot, the renamed one keeps its words.
                    tier = (2 if similarity >= REWORDED_MIN
                            else 1 if near and similarity >= RENAME_MIN
                            else 0 if slot else -1)  # fmt: skip
                    if tier >= 0:
                        scored.append((tier, similarity, slot, -index, old, new))
            found = False
            for *_, old, new in sorted(scored, key=lambda s: s[:4], reverse=True):
                if old.key not in self.pairs and new.key not in self.taken:
                    self.pair(old, new)
                    found = True
            if not found:
                return


    def level_changes(self) -> None:
        """Pair a 节 that became a 章 (or a 章 a 篇, or back) by its title, when unambiguous."""
        olds, news = self.left()
        olds = [n for n in olds if n.kind in _LEVELS and normalize_title(n.title)]
        news = [n for n in news if n.kind in _LEVELS and normalize_title(n.title)]
        old_titles = defaultdict(list)
        for node in olds:
            old_titles[normalize_title(node.title)].append(node)
        new_titles = defaultdict(list)
        for node in news:
            new_titles[normalize_title(node.title)].append(node)
        for title, found in old_titles.items():
            candidates = new_titles.get(title, [])
            if len(found) == 1 and len(candidates) == 1 and found[0].kind != candidates[0].kind:
                self.pair(found[0], candidates[0])


def _matching(old: Sequence[NodeRef], new: Sequence[NodeRef]) -> _Matching:
    m = _Matching(old, new)
    m.same_titles()
    m.renames()
    m.level_changes()
    return m


def match_outline(old: Sequence[NodeRef], new: Sequence[NodeRef]) -> dict[str, str]:
    """Old key → new key of every node found in both versions, renamed ones included.

    What carries a person's work (a department assigned to a 节) over to the new version.

    >>> from planwatch.domain.outline import NodeKind as K
    >>> old = [NodeRef("section:面临形势", K.SECTION, "第二节", 2, "面临形势", None, 1)]
    >>> new = [NodeRef("section:发展环境", K.SECTION, "第二节", 2, "发展环境", None, 1)]
    >>> match_outline(old, new)
    {'section:面临形势': 'section:发展环境'}
    """
    return dict(_matching(old, new).pairs)


def _place(parent: str | None, new: dict[str, NodeRef]) -> str:
    return name(new[parent]) if parent in new else "顶层"


def _changes_of_pair(old: NodeRef, new: NodeRef, m: _Matching) -> list[OutlineChange]:
    out: list[OutlineChange] = []
    if old.kind != new.kind:  # 第一节“数字经济”升格为第二章“数字经济”
        word = "升格为" if _LEVELS.index(new.kind) < _LEVELS.index(old.kind) else "降格为"
        out.append(OutlineChange(Kind.MOVED, old, new, f"{name(old)}{word}{name(new)}"))
    elif normalize_title(old.title) != normalize_title(new.title):
        similarity = title_similarity(old.title, new.title)
        if old.label == new.label:
            text = f"{old.label}由“{old.title}”更名为“{new.title}”"
        else:
            text = f"{name(old)}更名为{name(new)}"
        out.append(OutlineChange(Kind.RENAMED, old, new, text, round(similarity, 3)))
    elif m.parent_of(old) != new.parent_key:
        source = name(m.old[old.parent_key]) if old.parent_key in m.old else "顶层"
        renumbered = f",序号改为{new.label}" if old.label != new.label else ""
        text = f"{name(old)}由{source}调整至{_place(new.parent_key, m.new)}{renumbered}"
        out.append(OutlineChange(Kind.MOVED, old, new, text))
    elif old.number != new.number:
        text = f"{name(old)}序号改为{new.label}"
        out.append(OutlineChange(Kind.RENUMBERED, old, new, text))
    return out


def diff_outline(old: Sequence[NodeRef], new: Sequence[NodeRef]) -> tuple[OutlineChange, ...]:
    """The changes from ``old`` to ``new`` (both in document order), in the new document's order.

    >>> from planwatch.domain.outline import NodeKind as K
    >>> old = [NodeRef("chapter:规划背景", K.CHAPTER, "第一章", 1, "规划背景", None, 0),
    ...        NodeRef("chapter:总体要求", K.CHAPTER, "第二章", 2, "总体要求", None, 1)]
    >>> new = [old[0], NodeRef("chapter:发展环境", K.CHAPTER, "第二章", 2, "发展环境", None, 1),
    ...        NodeRef("chapter:总体要求", K.CHAPTER, "第三章", 3, "总体要求", None, 2)]
    >>> [c.message for c in diff_outline(old, new)]
    ['新增第二章“发展环境”', '第二章“总体要求”序号改为第三章']
    """
    m = _matching(old, new)
    new_index = {n.key: i for i, n in enumerate(new)}
    placed: list[tuple[float, OutlineChange]] = []
    last = -1.0
    for index, node in enumerate(old):
        if node.key in m.pairs:
            last = new_index[m.pairs[node.key]]
            for change in _changes_of_pair(node, m.new[m.pairs[node.key]], m):
                placed.append((last, change))
        else:
            text = f"删除{name(node)}"
            placed.append(
                (
                    last + 0.5 + index / (10 * len(old)),
                    OutlineChange(Kind.REMOVED, node, None, text),
                )
            )
    for node in new:
        if node.key not in m.taken:
            placed.append(
                (new_index[node.key], OutlineChange(Kind.ADDED, None, node, f"新增{name(node)}"))
            )
    return tuple(change for _, change in sorted(placed, key=lambda p: p[0]))


def renumber_runs(changes: Sequence[OutlineChange]) -> tuple[RenumberRun, ...]:
    """The renumbered nodes folded into runs of one kind, consecutive numbers and one shift.

    Chapters and boxes are numbered through the plan, so their runs cross parts; sections
    and items count within their parent, so their runs stay under one parent.

    >>> from planwatch.domain.outline import NodeKind as K
    >>> def ch(n, title):
    ...     return NodeRef("chapter:" + title, K.CHAPTER, f"第{n}章", n, title, None, n)
    >>> old = [ch(1, "甲"), ch(2, "乙"), ch(3, "丙"), ch(4, "丁")]
    >>> new = [old[0], ch(2, "新"), ch(3, "乙"), ch(4, "丙"), ch(5, "丁")]
    >>> [r.message for r in renumber_runs(diff_outline(old, new))]
    ['第2章至第4章序号依次改为第3章至第5章(共3个)']
    """
    groups: dict[tuple[str, str | None, int], list[tuple[NodeRef, NodeRef, OutlineChange]]] = {}
    for change in changes:
        old, new = change.old, change.new
        if change.kind is not Kind.RENUMBERED or old is None or new is None:
            continue
        if old.number is None or new.number is None:
            continue
        parent = None if old.kind in _THROUGH else new.parent_key
        key = (old.kind.value, parent, new.number - old.number)
        groups.setdefault(key, []).append((old, new, change))
    runs: list[RenumberRun] = []
    for (_, _, step), members in groups.items():
        members.sort(key=lambda m: m[0].number or 0)
        current: list[tuple[NodeRef, NodeRef, OutlineChange]] = []
        for member in members:
            if current and member[0].number != (current[-1][0].number or 0) + 1:
                runs.append(_run(current, step))
                current = []
            current.append(member)
        runs.append(_run(current, step))
    return tuple(runs)


def _run(members: list[tuple[NodeRef, NodeRef, OutlineChange]], step: int) -> RenumberRun:
    (first_old, first_new, first), (last_old, last_new, _) = members[0], members[-1]
    if len(members) == 1:
        text = first.message
    else:
        text = (
            f"{first_old.label}至{last_old.label}序号依次改为{first_new.label}至"
            f"{last_new.label}(共{len(members)}个)"
        )
    return RenumberRun(
        first_old.kind, first_old.number or 0, last_old.number or 0, step, len(members), text
    )
