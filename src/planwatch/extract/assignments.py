"""Read a task division plan (任务分工方案): every item with its category, units and deadline.

A 分工方案 is a list of numbered items ("2.全社会研发经费投入年均增长8%以上。(预期性指标,
责任单位:县科技局)") under category headings (主要指标 约束性/预期性, 重点任务 by chapter,
重大工程项目, 重大政策, 改革任务), or a table with columns 序号|任务|牵头单位|责任单位|完成时限.
The text is read line by line on the normal form:

- a line opening with a number (第一部分 一、 (一) 1. 1、 (1) ①) starts a *block*; the lines
  after it belong to it until the next number, while it has named no unit, or while a
  bracket is open, or when they open with a role word ("责任单位:…");
- an unnumbered line that names units starts an unnumbered block; a short unnumbered line
  naming a category (重大工程项目) is a heading;
- a table header (a row of cells naming 牵头单位 or 责任单位) makes the rows after it
  blocks read by column;
- a block that names no unit is a heading when it names a category, or is short, has no
  sentence stop and is followed by a deeper number; otherwise it is an item with an issue.

Levels are those of official documents: 第一部分 > 第一章 > 第一节 > 一、 > (一) > 1. > (1) > ①.
Every span indexes the decoded text (see :mod:`planwatch.extract.normalize`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from planwatch.domain.assignment import AssignedUnit, Assignment, Category, Deadline, Role
from planwatch.domain.indicator import Attribute
from planwatch.domain.issue import Issue
from planwatch.extract.annotations import (
    Annotation,
    UnitSpan,
    attribute_of,
    deadline_year,
    is_ongoing,
)
from planwatch.extract.categories import category_of, is_outside
from planwatch.extract.departments import is_unit
from planwatch.extract.item_blocks import Block, join_bracketed_breaks, read_row, split_blocks
from planwatch.extract.item_text import ItemText, read_item_text
from planwatch.extract.normalize import NormalText, normalize
from planwatch.extract.wrapping import join_wrapped_lines

# A plan's note that the first unit listed leads: "排在第一位的为牵头单位", "列首位的为牵头单位".
FIRST_IS_LEAD = re.compile(
    r"""(?:排|列|位)[在于名]?(?:第一|首)(?:位|个)?的?(?:单位|部门)?(?:为|是)牵头  # 排在第一位的为
      | 第一个?(?:单位|部门)(?:为|是)牵头                                    # 第一个单位为牵头
      | 首位(?:单位|部门)?(?:为|是)牵头                                      # 首位为牵头单位
    """,
    re.VERBOSE,
)


STRUCTURAL = ("part", "chapter", "section", "bare")


# Levels of numbering, outermost first, as official documents (GB/T 9704) nest them; a bare
# category line ("重大工程项目") stands above 一、.
LEVELS = {style: level for level, style in enumerate(
    ("part", "chapter", "section", "bare", "enum", "paren_enum", "arabic", "paren_arabic",
     "half_paren", "circled"))}  # fmt: skip


LEAF = 1000  # the level of unnumbered items and table rows: below every number


@dataclass(slots=True)
class _Context:
    """Open headings and items, outermost first: (level, title, is_heading)."""

    stack: list[tuple[int, str, bool]] = field(default_factory=list)

    def enter(self, level: int, title: str, heading: bool) -> None:
        while self.stack and self.stack[-1][0] >= level:
            self.stack.pop()
        self.stack.append((level, title, heading))

    def headings(self) -> list[str]:
        return [title for _, title, heading in self.stack if heading]


def find_assignments(text: str) -> tuple[Assignment, ...]:
    """Every item of a task division plan in ``text`` (the decoded document), in order.

    >>> items = find_assignments("一、主要指标\\n"
    ...     "2.全社会研发经费投入年均增长8%以上。(预期性指标,责任单位:县科技局)")
    >>> item = items[0]
    >>> (item.label, item.text, item.category.value, item.attribute.value, item.co)
    ('2.', '全社会研发经费投入年均增长8%以上', 'indicator', 'expected', ('县科技局',))
    """
    normal = join_bracketed_breaks(join_wrapped_lines(normalize(text)))
    blocks = split_blocks(normal)
    first_leads = FIRST_IS_LEAD.search(normal.text) is not None
    items = _assemble(normal, blocks, first_leads)
    if not any(item.units or _names_role(item) for item in items):
        return ()  # a text naming no unit anywhere is no task division plan
    return tuple(items)


def _names_role(item: Assignment) -> bool:
    return any(issue.code == "unknown_role" for issue in item.issues)


def _assemble(normal: NormalText, blocks: list[Block], first_leads: bool) -> list[Assignment]:
    t = normal.text
    levels = [LEVELS[b.style] if b.style is not None else LEAF for b in blocks]
    context = _Context()
    items: list[Assignment] = []
    for index, block in enumerate(blocks):
        read = read_row(t, block) if block.cells is not None else read_item_text(
            t, block.start, block.end, block.body)  # fmt: skip
        level = levels[index]
        title = _surface(normal, *read.title)
        named = read.annotation.units or read.annotation.labelled
        if not named:
            deeper = index + 1 < len(levels) and levels[index + 1] > level
            group = category_of(title) or is_outside(title) or attribute_of(title)
            if block.style in STRUCTURAL or group or (read.heading_like and deeper):
                context.enter(level, title, True)
                continue
        if level != LEAF:
            context.enter(level, title, False)
        headings = context.headings()
        if not named and any(is_outside(h) for h in headings):
            continue
        items.append(_assignment(normal, block, read, headings, first_leads))
    return items


def _surface(normal: NormalText, a: int, b: int) -> str:
    """The decoded text of a normal-form span, without its line breaks."""
    if b <= a:
        return ""
    start, end = normal.span(a, b)
    return re.sub(r"[\r\n]+", "", normal.original[start:end]).strip()


def _assignment(
    normal: NormalText, block: Block, read: ItemText, headings: list[str], first_leads: bool
) -> Assignment:
    t = normal.text
    annotation = read.annotation
    units = [unit for u in annotation.units for unit in _spaced_units(normal, u)]
    if first_leads and units and not any(u.role is Role.LEAD for u in units):
        units[0] = AssignedUnit(units[0].name, Role.LEAD, units[0].span)
    text = "".join(_surface(normal, a, b) for a, b in read.text)
    category, attribute = _classify(headings, read, annotation, text)
    label = _surface(normal, *block.label) if block.label else ""
    span = normal.span(block.label[0] if block.label else block.start, block.end)
    line = normal.line_of(span[0])
    issues = [Issue(p.code, p.message, line, span) for p in annotation.problems]
    if not units and not any(p.code == "unknown_role" for p in annotation.problems):
        name = f"「{label}」" if label else "该项"
        issues.append(Issue("no_unit", f"{name}未写明牵头单位或责任单位", line, span))
    deadline = None
    if annotation.deadline is not None:
        words = t[annotation.deadline[0] : annotation.deadline[1]]
        deadline = Deadline(
            _surface(normal, *annotation.deadline), deadline_year(words), is_ongoing(words)
        )
    milestones = _surface(normal, *annotation.milestones) if annotation.milestones else None
    return Assignment(
        text=_trim_text(text),
        label=label,
        category=category,
        attribute=attribute,
        heading=headings[-1] if headings else None,
        lead=tuple(u.name for u in units if u.role is Role.LEAD),
        co=tuple(u.name for u in units if u.role is Role.CO),
        units=tuple(units),
        deadline=deadline,
        line=line,
        span=span,
        milestones=milestones,
        issues=tuple(issues),
    )


def _spaced_units(normal: NormalText, unit: UnitSpan) -> list[AssignedUnit]:
    """The unit(s) of a span: "县发改局 县财政局" is two (the normal form dropped the space
    between them), "县 发改局" one (a PDF's space inside a name is no part of it)."""
    start, end = normal.span(unit.start, unit.end)
    # A line break inside a name is a page's wrapping, never a separator: "各市(州)人" / "民政府".
    surface = re.sub(r"[\r\n]", "\0", normal.original[start:end])
    pieces = [(m.start(), m.end()) for m in re.finditer(r"[^\s]+", surface)]
    words = [surface[a:b].replace("\0", "") for a, b in pieces]
    if len(pieces) > 1 and all(is_unit(word) and len(word) >= 3 for word in words):
        return [
            AssignedUnit(word, unit.role, (start + a, start + b))
            for word, (a, b) in zip(words, pieces, strict=True)
        ]
    name = re.sub(r"\s", "", normal.original[start:end])
    return [AssignedUnit(name, unit.role, (start, end))]


def _trim_text(text: str) -> str:
    return text.strip(" \t:：,，;；、。")


def _classify(
    headings: list[str], read: ItemText, annotation: Annotation, text: str
) -> tuple[Category | None, Attribute | None]:
    """Category from the outermost heading naming one; attribute from the innermost."""
    own = annotation.attribute or read.attribute
    if any(is_outside(h) for h in headings):
        return None, own
    category = read.category or next(
        (c for c in (category_of(h, text) for h in headings) if c is not None), None
    )
    if own is not None:
        return Category.INDICATOR, own
    if category is None:
        return Category.TASK, None
    attribute = next(
        (a for a in (attribute_of(h) for h in reversed(headings)) if a is not None), None
    )
    return category, attribute if category is Category.INDICATOR else None
