"""The categories of a 分工方案 named by its headings: 主要指标, 重点任务, 重大工程项目 …

Words in ``vocab/assignments.yaml``: ``categories`` (tried in order), ``category_hints``
(an item's own words choosing under a heading that names several), ``outside`` (sections
such as 保障措施 whose paragraphs are no items).
"""

from __future__ import annotations

from planwatch.domain.assignment import Category
from planwatch.extract.annotations import vocab


def categories_in(title: str) -> list[Category]:
    """The categories a heading names, in the vocabulary's order: "重大政策与改革" names two."""
    return [
        Category(name)
        for name, words in vocab()["categories"].items()
        if any(word in title for word in words)
    ]


def category_of(title: str, text: str = "") -> Category | None:
    """The category a heading gives an item; a heading naming several lets the item's own
    words choose ("深化国有企业改革" under "重大政策与改革" is a reform).

    >>> category_of("第三部分 重大政策与改革", "深化国有企业改革").value
    'reform'
    """
    found = categories_in(title)
    if len(found) > 1:
        hints = vocab()["category_hints"]
        chosen = [c for c in found if any(word in text for word in hints.get(c.value, ()))]
        return chosen[0] if len(chosen) == 1 else found[0]
    return found[0] if found else None


def is_outside(title: str) -> bool:
    """Whether a heading opens a section outside the items (工作要求, 保障措施 …).

    >>> is_outside("六、保障措施"), is_outside("二、重点任务")
    (True, False)
    """
    return any(word in title for word in vocab()["outside"])
