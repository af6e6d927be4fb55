"""Split a 分工方案 into blocks: the lines of one item or heading, or one table row.

- A line opening with a number (第一部分 一、 (一) 1. 1、 (1) ①) starts a block; the lines
  after it belong to it while it has named no unit, while a bracket is open, or when they
  open with a role label ("责任单位:…") — at most :data:`MAX_BLOCK_LINES` lines;
- an unnumbered line that names units starts an unnumbered block; a short unnumbered line
  naming a category (重大工程项目) is a bare heading;
- a table header (three cells or more, naming 牵头单位 or 责任单位) makes the rows after it
  blocks read by column.

Works on the normal form (see :mod:`planwatch.extract.normalize`); line breaks inside a
bracket that closes soon are joined first (:func:`join_bracketed_breaks`).
"""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass, replace

from planwatch.domain.assignment import Category, Role
from planwatch.extract.annotations import (
    CLOSERS,
    OPENERS,
    Annotation,
    attribute_of,
    label_pattern,
    merge,
    read_annotation,
    vocab,
)
from planwatch.extract.categories import category_of, is_outside
from planwatch.extract.item_text import (
    MAX_TITLE,
    SENTENCE_STOP,
    ItemText,
    read_item_text,
    trim_span,
)
from planwatch.extract.normalize import NormalText

NUMERAL = r"[〇零一二两三四五六七八九十百\d]+"
# The number that opens an item or a heading, by style.
ITEM_NUMBER = re.compile(
    r"""(?:第(?P<part>"""
    + NUMERAL
    + r""")(?:部分|篇|编)   # 第一部分
      | 第(?P<chapter>"""
    + NUMERAL
    + r""")章              # 第三章
      | 第(?P<section>"""
    + NUMERAL
    + r""")节              # 第二节
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
# fmt: on
# A table's 序号 cell: "1", "一", "(一)".
CELL_NUMBER = re.compile(r"(?:(?P<arabic>\d{1,3})|(?P<enum>[一二三四五六七八九十]+))$")
TITLE_WORDS = ("方案", "分工表", "清单", "《", "通知", "意见", "规划", "纲要")

MAX_BRACKET_SPAN = 300  # characters an annotation bracket may run over line breaks

MAX_BLOCK_LINES = 8  # an item with its unit lines; more is prose, not one item

MAX_BARE_HEADING = 25


@dataclass(frozen=True, slots=True)
class Header:
    """A table header: the index of each known column, the number of cells, and whether its
    task column names indicators (指标名称)."""

    columns: dict[str, int]
    width: int
    indicators: bool


@dataclass(slots=True)
class Block:
    """Lines of one item or heading in the normal form (mutable while lines are added)."""

    style: str | None
    label: tuple[int, int] | None
    start: int
    end: int
    body: int
    cells: list[tuple[int, int]] | None = None
    header: Header | None = None
    lines: int = 1
    depth: int = 0  # brackets open at its end
    named: bool = False  # it names a unit or a role already
    heading_like: bool = False  # its first line could be a heading's


def join_bracketed_breaks(normal: NormalText) -> NormalText:
    """The normal form without the line breaks inside a bracket that closes soon after:
    a PDF wraps "(省发展改革委牵头,省统计局等按" / "职责分工负责)" wherever the page ends, and
    no author breaks a line inside an annotation on purpose.

    >>> from planwatch.extract.normalize import normalize
    >>> join_bracketed_breaks(normalize("1.推进。(省发改委牵\\n头)\\n2.建设。")).text
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


def split_blocks(normal: NormalText) -> list[Block]:
    """The blocks of a normal form, in order (see the module docstring).

    >>> from planwatch.extract.normalize import normalize
    >>> blocks = split_blocks(normalize("一、重点任务\\n1.建设园区。\\n牵头单位:县商务局\\n说明。"))
    >>> [(b.style, b.lines, b.named) for b in blocks]
    [('enum', 1, False), ('arabic', 2, True)]
    """
    t = normal.text
    blocks: list[Block] = []
    current: Block | None = None
    header: Header | None = None
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
            blocks.append(Block("bare", None, a, b, a))
        elif _names_units(t, a, b):
            current = _opened(t, None, None, a, b, a)
            blocks.append(current)
        else:
            current = None
    return blocks


def _names_units(t: str, a: int, b: int) -> bool:
    return bool(read_item_text(t, a, b, a).annotation.units)


def _opened(
    t: str, style: str | None, label: tuple[int, int] | None, a: int, b: int, body: int
) -> Block:
    read = read_item_text(t, a, b, body)
    named = bool(read.annotation.units or read.annotation.labelled)
    depth = _depth(t, a, b, 0)
    return Block(style, label, a, b, body, None, None, 1, depth, named, read.heading_like)


def _extend(t: str, block: Block, a: int, b: int) -> None:
    """Add the line ``t[a:b]`` to a block, keeping what it says up to date line by line."""
    block.end, block.lines = b, block.lines + 1
    block.depth = _depth(t, a, b, block.depth)
    if not block.named:
        read = read_item_text(t, a, b, a)
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


def _header(t: str, cells: list[tuple[int, int]]) -> Header | None:
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
    return Header(columns, len(cells), indicators)


def _row_block(t: str, a: int, b: int, cells: list[tuple[int, int]], header: Header) -> Block:
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
    return Block(style, label, a, b, task[0], cells, header)


def _is_row(t: str, cells: list[tuple[int, int]], header: Header, interrupted: bool) -> bool:
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


def _continues(t: str, block: Block, a: int, b: int) -> bool:
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
    return category_of(line) is not None or is_outside(line) or attribute_of(line) is not None


def read_row(t: str, block: Block) -> ItemText:
    """What a table row says, cell by cell: the task cell is its text, the unit cells are read
    as annotations with their column's role as default."""
    assert block.cells is not None and block.header is not None
    columns, cells = block.header.columns, block.cells

    def cell(name: str) -> tuple[int, int] | None:
        index = columns.get(name)
        if index is None or index >= len(cells) or cells[index][1] <= cells[index][0]:
            return None
        return trim_span(t, *cells[index])

    task = cell("task") or (block.body, block.body)
    parts = []
    for name, role in (("lead", Role.LEAD), ("co", Role.CO)):
        if (span := cell(name)) is not None:
            parts.append(read_annotation(t, span[0], span[1], default=role))
    deadline, milestones = cell("deadline"), cell("milestones")
    parts.append(Annotation(deadline=deadline, milestones=milestones))
    attribute_cell = cell("attribute")
    attribute = attribute_of(t[slice(*attribute_cell)]) if attribute_cell else None
    words = t[task[0] : task[1]]
    heading_like = 0 < len(words) <= MAX_TITLE and not SENTENCE_STOP.search(words)
    category = Category.INDICATOR if block.header.indicators else None
    return ItemText((task,), merge(parts), task, heading_like, category, attribute)


def _normal_index(normal: NormalText, offset: int) -> int:
    """The normal-form index of an original offset (the first at or after it)."""
    return bisect.bisect_left(normal.origin, offset)
