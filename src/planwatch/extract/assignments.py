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

import bisect
import itertools
import re
from dataclasses import dataclass, field, replace

from planwatch.domain.assignment import AssignedUnit, Assignment, Category, Deadline, Role
from planwatch.domain.indicator import Attribute
from planwatch.domain.issue import Issue
from planwatch.extract.annotations import (
    CLOSERS,
    OPENERS,
    Annotation,
    UnitSpan,
    deadline_year,
    is_ongoing,
    label_pattern,
    merge,
    read_annotation,
    vocab,
)
from planwatch.extract.departments import is_unit
from planwatch.extract.normalize import NormalText, normalize
from planwatch.extract.wrapping import join_wrapped_lines

NUMERAL = r"[〇零一二两三四五六七八九十百\d]+"
# The number that opens an item or a heading, by style.
# fmt: off
ITEM_NUMBER = re.compile(
    r"""(?:第(?P<part>""" + NUMERAL + r""")(?:部分|篇|编)   # 第一部分
      | 第(?P<chapter>""" + NUMERAL + r""")章              # 第三章
      | 第(?P<section>""" + NUMERAL + r""")节              # 第二节
      | (?P<enum>[一二三四五六七八九十]+)[、.]              # 一、
      | \((?P<paren_enum>[一二三四五六七八九十]+)\)         # (一)
      | (?P<arabic>\d{1,3})(?:、|\.(?!\d)|,(?!\d))         # 1.  12、  (not 1.5)
      | \((?P<paren_arabic>\d{1,3})\)                       # (1)
      | (?P<half_paren>\d{1,3})\)(?!\d)                      # 1)
      | (?P<circled>[①-⑳])                                 # ①
    )[\s:、.]*""",
    re.VERBOSE,
)
# fmt: on
# A table's 序号 cell: "1", "一", "(一)".
CELL_NUMBER = re.compile(r"(?:(?P<arabic>\d{1,3})|(?P<enum>[一二三四五六七八九十]+))$")
STRUCTURAL = ("part", "chapter", "section", "bare")
# Levels of numbering, outermost first, as official documents (GB/T 9704) nest them; a bare
# category line ("重大工程项目") stands above 一、.
LEVELS = {style: level for level, style in enumerate(
    ("part", "chapter", "section", "bare", "enum", "paren_enum", "arabic", "paren_arabic",
     "half_paren", "circled"))}  # fmt: skip

# A plan's note that the first unit listed leads: "排在第一位的为牵头单位", "列首位的为牵头单位".
FIRST_IS_LEAD = re.compile(
    r"""(?:排|列|位)[在于名]?(?:第一|首)(?:位|个)?的?(?:单位|部门)?(?:为|是)牵头  # 排在第一位的为
      | 第一个?(?:单位|部门)(?:为|是)牵头                                    # 第一个单位为牵头
      | 首位(?:单位|部门)?(?:为|是)牵头                                      # 首位为牵头单位
    """,
    re.VERBOSE,
)
SENTENCE_STOP = re.compile(r"[。;!?]")
UNFINISHED = tuple(",、:")  # a first line ending so goes on below: it is no heading
TITLE_WORDS = ("方案", "分工表", "清单", "《", "通知", "意见", "规划", "纲要")
MAX_TITLE = 30
MAX_BRACKET_SPAN = 300  # characters an annotation bracket may run over line breaks
MAX_BLOCK_LINES = 8  # an item with its unit lines; more is prose, not one item
MAX_BARE_HEADING = 25
LEAF = 1000  # the level of unnumbered items and table rows: below every number


@dataclass(frozen=True, slots=True)
class _Header:
    columns: dict[str, int]
    width: int
    indicators: bool


@dataclass(slots=True)
class _Block:
    """Lines of one item or heading in the normal form (mutable while lines are added)."""

    style: str | None
    label: tuple[int, int] | None
    start: int
    end: int
    body: int
    cells: list[tuple[int, int]] | None = None
    header: _Header | None = None
    lines: int = 1
    depth: int = 0  # brackets open at its end
    named: bool = False  # it names a unit or a role already
    heading_like: bool = False  # its first line could be a heading's


@dataclass(frozen=True, slots=True)
class _Read:
    """What a block says: its kept text, its annotation and its first line's title."""

    text: tuple[tuple[int, int], ...]
    annotation: Annotation
    title: tuple[int, int]
    heading_like: bool
    category: Category | None = None
    attribute: Attribute | None = None


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
    normal = _join_bracketed_breaks(join_wrapped_lines(normalize(text)))
    blocks = _blocks(normal)
    first_leads = FIRST_IS_LEAD.search(normal.text) is not None
    items = _assemble(normal, blocks, first_leads)
    if not any(item.units or _names_role(item) for item in items):
        return ()  # a text naming no unit anywhere is no task division plan
    return tuple(items)


def _join_bracketed_breaks(normal: NormalText) -> NormalText:
    """The normal form without the line breaks inside a bracket that closes soon after:
    a PDF wraps "(省发展改革委牵头,省统计局等按" / "职责分工负责)" wherever the page ends, and
    no author breaks a line inside an annotation on purpose.

    >>> _join_bracketed_breaks(normalize("1.推进。(省发改委牵\\n头)\\n2.建设。")).text
    '1.推进。(省发改委牵头)\\n2.建设。'
    """
    t = normal.text
    depth, drop = 0, []
    for i, char in enumerate(t):
        if char in OPENERS:
            depth += 1
        elif char in CLOSERS:
            depth = max(depth - 1, 0)
        elif char == "\n" and depth > 0 and _closes_soon(t, i, depth):
            drop.append(i)
        elif char == "\n":
            depth = 0  # an unclosed bracket ends at its line
    if not drop:
        return normal
    keep = [True] * len(t)
    for i in drop:
        keep[i] = False
    text = "".join(c for c, k in zip(t, keep, strict=True) if k)
    origin = [o for o, k in zip(normal.origin, keep, strict=False) if k]
    return replace(normal, text=text, origin=(*origin, normal.origin[-1]))


def _closes_soon(t: str, at: int, depth: int) -> bool:
    """Whether the brackets open at ``t[at]`` close within a few lines, before a new item."""
    for i in range(at + 1, min(len(t), at + MAX_BRACKET_SPAN)):
        char = t[i]
        if char == "\n" and ITEM_NUMBER.match(t, i + 1):
            return False
        if char in OPENERS:
            depth += 1
        elif char in CLOSERS:
            depth -= 1
            if depth == 0:
                return True
    return False


def _names_role(item: Assignment) -> bool:
    return any(issue.code == "unknown_role" for issue in item.issues)


# Pass 1: lines into blocks.


def _blocks(normal: NormalText) -> list[_Block]:
    t = normal.text
    blocks: list[_Block] = []
    current: _Block | None = None
    header: _Header | None = None
    interrupted = False  # a line that is no row has stood since the header
    position = 0
    for line in t.split("\n"):
        start, end = position, position + len(line)
        position = end + 1
        a, b = _strip(t, start, end)
        if a == b:
            continue
        cells = _cells(normal, a, b)
        if (found := _header(t, cells)) is not None:
            current, header = None, found
            continue
        if header is not None and _is_row(t, cells, header, interrupted):
            current, interrupted = None, False
            blocks.append(_row_block(t, a, b, cells, header))
            continue
        interrupted = header is not None
        number = ITEM_NUMBER.match(t, a, b)
        if number is not None and number.end() < b:
            current = _opened(t, number.lastgroup, (a, _label_end(t, number)), a, b, number.end())
            blocks.append(current)
        elif current is not None and _continues(t, current, a, b):
            _extend(t, current, a, b)
        elif _bare_heading(t, a, b):
            current = None
            blocks.append(_Block("bare", None, a, b, a))
        elif _names_units(t, a, b):
            current = _opened(t, None, None, a, b, a)
            blocks.append(current)
        else:
            current = None
    return blocks


def _names_units(t: str, a: int, b: int) -> bool:
    return bool(_read_text(t, a, b, a).annotation.units)


def _opened(
    t: str, style: str | None, label: tuple[int, int] | None, a: int, b: int, body: int
) -> _Block:
    read = _read_text(t, a, b, body)
    named = bool(read.annotation.units or read.annotation.labelled)
    depth = _depth(t, a, b, 0)
    return _Block(style, label, a, b, body, None, None, 1, depth, named, read.heading_like)


def _extend(t: str, block: _Block, a: int, b: int) -> None:
    """Add the line ``t[a:b]`` to a block, keeping what it says up to date line by line."""
    block.end, block.lines = b, block.lines + 1
    block.depth = _depth(t, a, b, block.depth)
    if not block.named:
        read = _read_text(t, a, b, a)
        block.named = bool(read.annotation.units or read.annotation.labelled)


def _strip(t: str, start: int, end: int) -> tuple[int, int]:
    while start < end and t[start] in " \t":
        start += 1
    while end > start and t[end - 1] in " \t":
        end -= 1
    return start, end


def _label_end(t: str, number: re.Match[str]) -> int:
    end = number.end()
    while end > number.start() and t[end - 1] in " \t:":
        end -= 1
    return end


def _cells(normal: NormalText, a: int, b: int) -> list[tuple[int, int]]:
    """Cells of a line: split at the original's tabs, so that an empty cell stays a cell
    (the normal form folds a run of tabs into one gap); at the normal form's gaps otherwise."""
    start, end = normal.span(a, b)
    original = normal.original
    if "\t" in original[start:end]:
        bounds = [start, *(i for i in range(start, end) if original[i] == "\t"), end]
        cells = []
        for left, right in itertools.pairwise(bounds):
            left = left if left == start else left + 1
            x, y = _normal_index(normal, left), _normal_index(normal, right)
            cells.append(_strip(normal.text, max(x, a), min(y, b)))
        return cells
    t = normal.text
    cells, begin = [], a
    for i in range(a, b):
        if t[i] == "\t":
            cells.append((begin, i))
            begin = i + 1
    cells.append((begin, b))
    return cells


def _cell_key(t: str, cell: tuple[int, int]) -> str:
    return re.sub(r"\s", "", t[cell[0] : cell[1]])


def _header(t: str, cells: list[tuple[int, int]]) -> _Header | None:
    """Columns of a table header row, or None when the row is no header."""
    if len(cells) < 3:
        return None
    names = vocab()["columns"]
    columns: dict[str, int] = {}
    for index, cell in enumerate(cells):
        key = _cell_key(t, cell)
        for column, words in names.items():
            if key in words and column not in columns:
                columns[column] = index
                break
    if "lead" not in columns and "co" not in columns:
        return None
    if "task" not in columns:
        free = [i for i in range(len(cells)) if i not in columns.values()]
        if not free:
            return None
        columns["task"] = free[0]
    indicators = _cell_key(t, cells[columns["task"]]) in vocab()["indicator_columns"]
    return _Header(columns, len(cells), indicators)


def _row_block(t: str, a: int, b: int, cells: list[tuple[int, int]], header: _Header) -> _Block:
    number_at = header.columns.get("number")
    style, label = None, None
    if number_at is not None and number_at < len(cells):
        cell = cells[number_at]
        key = t[cell[0] : cell[1]].strip()
        match = CELL_NUMBER.match(key) or ITEM_NUMBER.fullmatch(key)
        if key:
            label = cell
            style = match.lastgroup if match else None
    task = cells[header.columns["task"]] if header.columns["task"] < len(cells) else (b, b)
    return _Block(style, label, a, b, task[0], cells, header)


def _is_row(t: str, cells: list[tuple[int, int]], header: _Header, interrupted: bool) -> bool:
    """Whether a line is a row of the table above: right after the header or another row,
    two cells up to the header's; after other lines (a merged heading row, or text), exactly
    the header's, so that "任务。  牵头单位:…" below a table is no row. A cell opening with a
    role label is text, not a cell."""
    if any(_labelled_line(t, cell[0]) for cell in cells if cell[1] > cell[0]):
        return False
    if interrupted:
        return len(cells) == header.width
    return 2 <= len(cells) <= header.width


def _labelled_line(t: str, a: int) -> bool:
    match = label_pattern().match(t, a)
    return match is not None and match.group("known") is not None


def _depth(t: str, start: int, end: int, depth: int) -> int:
    """Brackets open after ``t[start:end]``, ``depth`` being open before it."""
    for char in t[start:end]:
        if char in OPENERS:
            depth += 1
        elif char in CLOSERS:
            depth = max(depth - 1, 0)
    return depth


def _continues(t: str, block: _Block, a: int, b: int) -> bool:
    """Whether the line at ``t[a:b]`` goes on the block above it."""
    if block.cells is not None:
        return False
    if (block.depth > 0 and block.lines < MAX_BLOCK_LINES) or _labelled_line(t, a):
        return True
    if t[a] in OPENERS and read_annotation(t, a + 1, b).found:
        return True
    if block.named or block.lines >= MAX_BLOCK_LINES:
        return False
    # "(一)坚持创新驱动" then "推进XX。(牵头单位:…)": a heading, then an item of its own
    return not (block.heading_like and _names_units(t, a, b))


def _bare_heading(t: str, a: int, b: int) -> bool:
    line = t[a:b]
    if len(line) > MAX_BARE_HEADING or SENTENCE_STOP.search(line) or re.search(r"\d", line):
        return False
    if any(word in line for word in TITLE_WORDS):
        return False  # the document's title: "某县落实“十四五”规划纲要重点任务分工表"
    return _category(line) is not None or _outside(line) or _heading_attribute(line) is not None


# Reading one block.


def _read_text(t: str, start: int, end: int, body: int) -> _Read:
    """Annotations of a block of text (brackets, labelled runs, "X牵头" sentences) and the rest."""
    regions: list[tuple[int, int, Annotation]] = []
    i = body
    while i < end:
        if t[i] in OPENERS:
            close = _closing(t, i, end)
            read = read_annotation(t, i + 1, close)
            if read.found:
                regions.append((i, min(close + 1, end), read))
            i = close + 1
        else:
            i += 1
    for a, b in _free(regions, body, end):
        line_end = t.find("\n", a, b)
        for match in label_pattern().finditer(t, a, b):
            if match.start() > a and t[match.start() - 1] not in "。;,\t \n)":
                continue
            stop = b if line_end < 0 or line_end < match.start() else line_end
            read = read_annotation(t, match.start(), stop)
            if read.found:
                regions.append((match.start(), stop, read))
                break
    for a, b in _free(sorted(regions, key=lambda r: r[0]), body, end):
        for s, e in _sentences(t, a, b):
            if s == body:
                continue  # the first sentence is the task
            read = read_annotation(t, s, e, strict=True)
            if read.units:
                regions.append((s, e, read))
    regions.sort(key=lambda r: r[0])
    kept = tuple(_free(regions, body, end))
    first_line_end = t.find("\n", body, end)
    first_line_end = end if first_line_end < 0 else first_line_end
    title_end = min([first_line_end, *(r[0] for r in regions if r[0] > body)])
    title = _trim(t, body, title_end)
    words = t[title[0] : title[1]]
    heading_like = (
        0 < len(words) <= MAX_TITLE
        and not SENTENCE_STOP.search(words)
        and not re.search(r"\d", words)
        and not t[body:first_line_end].rstrip().endswith(UNFINISHED)
    )
    annotation = merge([r[2] for r in regions])
    return _Read(kept, annotation, title, heading_like)


def _closing(t: str, at: int, end: int) -> int:
    depth = 0
    for i in range(at, end):
        if t[i] in OPENERS:
            depth += 1
        elif t[i] in CLOSERS:
            depth -= 1
            if depth == 0:
                return i
    return end


def _free(
    regions: list[tuple[int, int, Annotation]], start: int, end: int
) -> list[tuple[int, int]]:
    spans, at = [], start
    for a, b, _ in sorted(regions, key=lambda r: r[0]):
        if a > at:
            spans.append((at, a))
        at = max(at, b)
    if at < end:
        spans.append((at, end))
    return spans


def _sentences(t: str, a: int, b: int) -> list[tuple[int, int]]:
    spans, begin = [], a
    for i in range(a, b):
        if t[i] in "。\n":
            spans.append((begin, i))
            begin = i + 1
    spans.append((begin, b))
    return [(s, e) for s, e in spans if e > s]


def _trim(t: str, a: int, b: int) -> tuple[int, int]:
    while a < b and t[a] in " \t\n:,.;、。":
        a += 1
    while b > a and t[b - 1] in " \t\n:,;、。":
        b -= 1
    return a, b


def _read_row(t: str, block: _Block) -> _Read:
    assert block.cells is not None and block.header is not None
    columns, cells = block.header.columns, block.cells

    def cell(name: str) -> tuple[int, int] | None:
        index = columns.get(name)
        if index is None or index >= len(cells) or cells[index][1] <= cells[index][0]:
            return None
        return _trim(t, *cells[index])

    task = cell("task") or (block.body, block.body)
    parts = []
    for name, role in (("lead", Role.LEAD), ("co", Role.CO)):
        if (span := cell(name)) is not None:
            parts.append(read_annotation(t, span[0], span[1], default=role))
    deadline, milestones = cell("deadline"), cell("milestones")
    parts.append(Annotation(deadline=deadline, milestones=milestones))
    attribute_cell = cell("attribute")
    attribute = _heading_attribute(t[slice(*attribute_cell)]) if attribute_cell else None
    words = t[task[0] : task[1]]
    heading_like = 0 < len(words) <= MAX_TITLE and not SENTENCE_STOP.search(words)
    category = Category.INDICATOR if block.header.indicators else None
    return _Read((task,), merge(parts), task, heading_like, category, attribute)


# Pass 2: blocks into headings and items.


def _categories(title: str) -> list[Category]:
    """The categories a heading names, in the vocabulary's order: "重大政策与改革" names two."""
    return [
        Category(name)
        for name, words in vocab()["categories"].items()
        if any(word in title for word in words)
    ]


def _category(title: str, text: str = "") -> Category | None:
    """The category a heading gives an item; a heading naming several lets the item's own
    words choose ("深化国有企业改革" under "重大政策与改革" is a reform).

    >>> _category("第三部分 重大政策与改革", "深化国有企业改革").value
    'reform'
    """
    found = _categories(title)
    if len(found) > 1:
        hints = vocab()["category_hints"]
        chosen = [c for c in found if any(word in text for word in hints.get(c.value, ()))]
        return chosen[0] if len(chosen) == 1 else found[0]
    return found[0] if found else None


def _outside(title: str) -> bool:
    return any(word in title for word in vocab()["outside"])


def _heading_attribute(title: str) -> Attribute | None:
    for name, words in vocab()["attributes"].items():
        if any(word in title for word in words):
            return Attribute(name)
    return None


def _assemble(normal: NormalText, blocks: list[_Block], first_leads: bool) -> list[Assignment]:
    t = normal.text
    levels = [LEVELS[b.style] if b.style is not None else LEAF for b in blocks]
    context = _Context()
    items: list[Assignment] = []
    for index, block in enumerate(blocks):
        read = _read_row(t, block) if block.cells is not None else _read_text(
            t, block.start, block.end, block.body)  # fmt: skip
        level = levels[index]
        title = _surface(normal, *read.title)
        named = read.annotation.units or read.annotation.labelled
        if not named:
            deeper = index + 1 < len(levels) and levels[index + 1] > level
            group = _category(title) or _outside(title) or _heading_attribute(title)
            if block.style in STRUCTURAL or group or (read.heading_like and deeper):
                context.enter(level, title, True)
                continue
        if level != LEAF:
            context.enter(level, title, False)
        headings = context.headings()
        if not named and any(_outside(h) for h in headings):
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
    normal: NormalText, block: _Block, read: _Read, headings: list[str], first_leads: bool
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
    headings: list[str], read: _Read, annotation: Annotation, text: str
) -> tuple[Category | None, Attribute | None]:
    """Category from the outermost heading naming one; attribute from the innermost."""
    own = annotation.attribute or read.attribute
    if any(_outside(h) for h in headings):
        return None, own
    category = read.category or next(
        (c for c in (_category(h, text) for h in headings) if c is not None), None
    )
    if own is not None:
        return Category.INDICATOR, own
    if category is None:
        return Category.TASK, None
    attribute = next(
        (a for a in (_heading_attribute(h) for h in reversed(headings)) if a is not None), None
    )
    return category, attribute if category is Category.INDICATOR else None


def _normal_index(normal: NormalText, offset: int) -> int:
    """The normal-form index of an original offset (the first at or after it)."""
    return bisect.bisect_left(normal.origin, offset)
