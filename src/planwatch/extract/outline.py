"""Build a plan's outline — preface, 篇, 章, 节, 专栏 and numbered headings — from its text.

The outline is a tree of spans over the decoded text. A heading governs the text up to the
next heading of the same or a higher level; a box (专栏) governs its title line and the table
rows that follow it, and body text after the table belongs again to the enclosing node. So
every character after the first heading lies in exactly one deepest node.

Numbering anomalies (a number repeated, skipped, or a sequence that does not start at one)
are reported as issues and never renumbered. A table of contents (目录) is recognised and
kept out of the tree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from planwatch.domain.issue import Issue
from planwatch.domain.outline import NodeKind, Outline, OutlineNode
from planwatch.extract.headings import NUMBERED, STRUCTURAL, Heading, HeadingStyle, parse_heading
from planwatch.extract.normalize import NormalText
from planwatch.extract.shared_lines import PAGE_TAIL, split_headings

_KIND_OF_STYLE = {
    HeadingStyle.PREFACE: NodeKind.PREFACE,
    HeadingStyle.PART: NodeKind.PART,
    HeadingStyle.CHAPTER: NodeKind.CHAPTER,
    HeadingStyle.SECTION: NodeKind.SECTION,
    HeadingStyle.BOX: NodeKind.BOX,
}
_ID_PREFIX = {NodeKind.PART: "p", NodeKind.CHAPTER: "c", NodeKind.SECTION: "s", NodeKind.BOX: "b",
              NodeKind.ITEM: "i", NodeKind.PREFACE: "preface"}  # fmt: skip
_RANK = {style: rank for rank, style in enumerate((*STRUCTURAL, *NUMBERED), start=1)}
_BOX_RANK = 100  # boxes are leaves under whatever node is open
_PROSE_MIN_CHARS = 40  # a line this long ending in 。 is body text, not a table row

# A note under a box's table: "注:〔〕内为5年累计数。", "资料来源:区统计局".
BOX_NOTE = re.compile(r"^(?:注|备注|说明|资料来源|数据来源)\d*:")


@dataclass(slots=True)
class _Line:
    """A line of the text, or one heading's piece of a line that holds several."""

    index: int  # position in the list of lines and pieces
    start: int  # normal-form offsets of the piece (without a line break)
    end: int
    text: str
    number: int = 0  # 1-based line number in the text
    toc_entry: bool = False  # a piece of a table-of-contents line ending in a page number


@dataclass(slots=True)
class _Open:
    """A node under construction."""

    heading: Heading
    kind: NodeKind
    rank: int
    line: _Line
    id: str
    end: int | None = None
    children: list[_Open] = field(default_factory=list)
    child_ids: dict[str, int] = field(default_factory=dict)  # how often each child id was used


_BARE_PAGE = re.compile(r"(?<=[\u4e00-\u9fff])\s*\d{1,4}$")  # "总体要求 1": a page number
_CONTENTS_MIN_ENTRIES = 3
_LIST_INTRO_MIN_CHARS = 6  # "采取以下措施:" — a shorter line ending in a colon is a label
_TITLE_MAX_CHARS = 30  # a numbered line whose first sentence is longer is a list item


def _lines(text: NormalText) -> list[_Line]:
    out: list[_Line] = []
    start = 0
    for number, line in enumerate(text.text.split("\n"), start=1):
        for a, b, toc in split_headings(line):
            out.append(_Line(len(out), start + a, start + b, line[a:b], number, toc))
        start += len(line) + 1
    return out


def _heading(line: _Line) -> Heading | None:
    if not line.toc_entry:
        return parse_heading(line.text)
    heading = parse_heading(PAGE_TAIL.sub("", line.text, count=1))  # drop "……1\t"
    return replace(heading, toc_entry=True) if heading is not None else None


def _toc_lines(lines: list[_Line], headings: dict[int, Heading]) -> set[int]:
    """Indexes of the lines of a table of contents, so they are not taken for the body.

    A table of contents starts at 目录 and runs over heading lines (and blank ones) until a
    heading repeats the first entry, or a line of prose appears.
    """
    skip: set[int] = set()
    for line in lines:
        heading = headings.get(line.index)
        if heading is not None and heading.toc_entry:
            skip.add(line.index)
        if heading is None or heading.style is not HeadingStyle.TOC:
            continue
        skip.add(line.index)
        first: tuple[HeadingStyle, int | None, str] | None = None
        for follow in lines[line.index + 1 :]:
            entry = headings.get(follow.index)
            if entry is None:
                if not follow.text or len(follow.text) < _PROSE_MIN_CHARS:
                    skip.add(follow.index)
                    continue
                break
            key = (entry.style, entry.number, entry.title)
            if first is None:
                first = key
            elif key == first:
                break
            skip.add(follow.index)
        break
    return skip


def _bare_page_contents(lines: list[_Line], headings: dict[int, Heading]) -> set[int]:
    """A table of contents without 目录 or leaders: the first headings of the document, three
    or more in a row, each ending in a page number ("第一章 总体要求 1"), every one of which
    comes again later without it.

    >>> from planwatch.extract.normalize import normalize
    >>> text = normalize("第一章 总体要求 1\\n第二章 发展环境 5\\n第三章 保障 9\\n"
    ...                  "第一章 总体要求\\n正文。\\n第二章 发展环境\\n第三章 保障")
    >>> [n.line for n in build_outline(text)[0].walk()]
    [4, 6, 7]
    """
    run: list[int] = []
    for line in lines:
        heading = headings.get(line.index)
        if heading is None:
            if run and line.text.strip():
                break  # prose: the contents, if any, are over
            continue
        if _BARE_PAGE.search(heading.title) is None:
            break
        run.append(line.index)
    if len(run) < _CONTENTS_MIN_ENTRIES:
        return set()
    entries = {(headings[i].style, headings[i].number, _BARE_PAGE.sub("", headings[i].title))
               for i in run}  # fmt: skip
    later = {(h.style, h.number, h.title) for i, h in headings.items() if i > run[-1]}
    return set(run) if entries <= later else set()


def _is_table_row(line: _Line) -> bool:
    """Whether a line after a box heading still belongs to the box's table.

    >>> _is_table_row(_Line(0, 0, 0, "序号\\t项目名称\\t建设内容"))
    True
    >>> prose = "打造旅游名县。探索“旅游+”发展模式,全力争创国家全域旅游示范区、旅游名县。"
    >>> _is_table_row(_Line(0, 0, 0, prose * 2))
    False
    """
    text = line.text
    if "\t" in text or "|" in text or BOX_NOTE.match(text):
        return True
    heading = parse_heading(text)
    if heading is not None and heading.style in NUMBERED:
        return True
    return len(text) < _PROSE_MIN_CHARS and not text.endswith("。")


def _list_items(
    lines: list[_Line],
    headings: dict[int, Heading],
    ranks: dict[HeadingStyle, tuple[NodeKind, int]],
) -> set[int]:
    """Numbered lines that enumerate the paragraph before them, not headings: after a line
    of prose ending in a colon ("决定在物价问题上采取以下的综合配套措施："), the numbered lines
    that follow, each a sentence ending in 。 or ; whose first sentence is too long for a
    title ("一、继续坚持有计划有步骤地改革不合理的价格体系,…;"), until the first line that is
    neither numbered nor blank. A heading after a colon keeps a title's length ("做了以下工作：" /
    "(一)加强和改善宏观调控,促进经济平稳较快发展。").

    >>> from planwatch.extract.normalize import normalize
    >>> item = "(一)" + "在普遍增产粮食的基础上抓好两头," * 2 + "增产粮食。"
    >>> text = normalize("一、总体要求\\n采取以下措施:\\n" + item + "\\n二、保障")
    >>> [n.title for n in build_outline(text)[0].walk()]
    ['总体要求', '保障']
    """
    items: set[int] = set()
    open_list, style = False, None  # after a colon; the style of the list's first item
    for line in lines:
        heading = headings.get(line.index)
        text = line.text.strip()
        if heading is None:
            if text:
                open_list = text.endswith((":", "：")) and len(text) >= _LIST_INTRO_MIN_CHARS
                style = None
            continue
        numbered = heading.style in NUMBERED and ranks[heading.style][0] is not NodeKind.ITEM
        sentence = text.endswith(("。", ";", "；")) and len(heading.title) > _TITLE_MAX_CHARS
        if open_list and numbered and (heading.style is style or (style is None and sentence)):
            items.add(line.index)  # the first item reads as a sentence; the rest follow it
            style = heading.style
        else:
            open_list, style = False, None
    return items


def _ranks(headings: list[Heading]) -> dict[HeadingStyle, tuple[NodeKind, int]]:
    """Kind and rank of each heading style used in the document.

    Numbered styles (一、 (一) 1. (1)) take the first of chapter and section that the
    document does not already use below its deepest 篇/章/节, then become items.
    """
    used = {h.style for h in headings}
    structural = [s for s in STRUCTURAL if s in used]
    table: dict[HeadingStyle, tuple[NodeKind, int]] = {
        s: (_KIND_OF_STYLE[s], _RANK[s]) for s in structural
    }
    deepest = max((_RANK[s] for s in structural), default=0)
    free = [
        k for k in (NodeKind.CHAPTER, NodeKind.SECTION) if _RANK[HeadingStyle(k.value)] > deepest
    ]
    for style in (s for s in NUMBERED if s in used):
        table[style] = (free.pop(0) if free else NodeKind.ITEM, _RANK[style])
    top = min((rank for _, rank in table.values()), default=1)
    table[HeadingStyle.PREFACE] = (NodeKind.PREFACE, top)
    table[HeadingStyle.BOX] = (NodeKind.BOX, _BOX_RANK)
    return table


def build_outline(text: NormalText) -> tuple[Outline, list[Issue]]:
    """The outline tree of a plan and the numbering anomalies found in it.

    >>> from planwatch.extract.normalize import normalize
    >>> text = normalize("第一章 总体要求\\n第一节 指导思想\\n正文。\\n第一节 原则")
    >>> outline, issues = build_outline(text)
    >>> [(n.id, n.title) for n in outline.walk()]
    [('c1', '总体要求'), ('c1.s1', '指导思想'), ('c1.s1~2', '原则')]
    >>> issues[0].code
    'duplicate_number'
    """
    lines = _lines(text)
    headings = {line.index: h for line in lines if (h := _heading(line)) is not None}
    skip = _toc_lines(lines, headings) | _bare_page_contents(lines, headings)
    body = [(lines[i], h) for i, h in sorted(headings.items())
            if i not in skip and h.style is not HeadingStyle.TOC]  # fmt: skip
    ranks = _ranks([h for _, h in body])
    listed = _list_items(lines, headings, ranks)
    if listed:
        body = [(line, h) for line, h in body if line.index not in listed]
        ranks = _ranks([h for _, h in body])
    roots: list[_Open] = []
    root_ids: dict[str, int] = {}
    stack: list[_Open] = []
    box: _Open | None = None
    body_at = {line.index: h for line, h in body}
    for line in lines:
        heading = body_at.get(line.index)
        if box is not None:
            inside = heading is None or heading.style in NUMBERED
            if inside and (not line.text or _is_table_row(line)):
                continue
            box.end, box = line.start, None
        if heading is None:
            continue
        kind, rank = ranks[heading.style]
        while stack and stack[-1].rank >= rank:
            stack.pop().end = line.start
        parent = stack[-1] if stack else None
        siblings = parent.children if parent else roots
        used = parent.child_ids if parent else root_ids
        node = _Open(
            heading, kind, rank, line, _node_id(parent, used, len(siblings), kind, heading)
        )
        siblings.append(node)
        if kind is NodeKind.BOX:
            box = node
        else:
            stack.append(node)
    for node in stack:
        node.end = len(text.text)
    if box is not None:
        box.end = len(text.text)
    body_start = text.offset(roots[0].line.start) if roots else len(text.original)
    outline = Outline(tuple(_freeze(n, text, 1) for n in roots), body_start=body_start)
    return outline, _numbering_issues(roots, text)


def _node_id(
    parent: _Open | None, used: dict[str, int], position: int, kind: NodeKind, heading: Heading
) -> str:
    """A readable id: the path of kind letters and numbers, "p5.c16.s2"; repeats get "~2"."""
    own = _ID_PREFIX[kind]
    if kind is not NodeKind.PREFACE:
        own += str(heading.number if heading.number is not None else position + 1)
    path = f"{parent.id}.{own}" if parent else own
    used[path] = used.get(path, 0) + 1
    return f"{path}~{used[path]}" if used[path] > 1 else path


def _freeze(node: _Open, text: NormalText, level: int) -> OutlineNode:
    line = node.line
    end = node.end if node.end is not None else len(text.text)
    # A node's span stops before the line break that ends its last line, except at the end.
    return OutlineNode(
        id=node.id,
        kind=node.kind,
        label=node.heading.label,
        number=node.heading.number,
        title=node.heading.title,
        line=line.number,
        start=text.offset(line.start),
        end=text.offset(end),
        title_end=text.offset(line.start + node.heading.title_end),
        level=level,
        children=tuple(_freeze(c, text, level + 1) for c in node.children),
    )


def _numbering_issues(roots: list[_Open], text: NormalText) -> list[Issue]:
    """Repeated, skipped and misplaced numbers among siblings of one kind.

    Chapters and boxes are numbered through the whole plan; a plan that restarts its
    chapters at 1 in every part is accepted as well.
    """
    issues: list[Issue] = []
    running: dict[NodeKind, int] = {}

    def visit(nodes: list[_Open], parent: _Open | None) -> None:
        last: dict[NodeKind, int] = {}
        for node in nodes:
            number = node.heading.number
            if node.kind is NodeKind.PREFACE or number is None:
                visit(node.children, node)
                continue
            through = node.kind in (NodeKind.CHAPTER, NodeKind.BOX)
            previous = running.get(node.kind) if through else last.get(node.kind)
            if through and number == 1 and node.kind not in last:
                previous = None  # a sequence may restart with a new part
            issue = _check(previous, number, node, parent, text)
            if issue is not None:
                issues.append(issue)
            last[node.kind] = number
            if through:
                running[node.kind] = number
            visit(node.children, node)

    visit(roots, None)
    return issues


def _check(
    previous: int | None, number: int, node: _Open, parent: _Open | None, text: NormalText
) -> Issue | None:
    where = f"{parent.heading.label}中" if parent is not None else ""
    line = node.line.number
    span = text.span(node.line.start, node.line.end)
    label = node.heading.label
    if previous is None:
        if number != 1:
            return Issue(
                "numbering_start", f"{where}{label}是该级第一个标题,编号没有从1开始", line, span
            )
        return None
    if number == previous:
        return Issue("duplicate_number", f"{where}{label}重复出现", line, span)
    if number > previous + 1:
        missing = _gap(previous, number)
        return Issue("skipped_number", f"{where}{label}之前缺少{missing}", line, span)
    if number < previous:
        return Issue(
            "number_out_of_order", f"{where}{label}的编号小于前一个({previous})", line, span
        )
    return None


def _gap(previous: int, number: int) -> str:
    """The numbers missing between two headings, named as a range and never enumerated.

    >>> _gap(1, 3), _gap(1, 4), _gap(1, 100000000)
    ('编号2', '编号2、3', '编号2至99999999（共99999998个）')
    """
    if number - previous == 2:
        return f"编号{previous + 1}"
    if number - previous == 3:
        return f"编号{previous + 1}、{previous + 2}"
    return f"编号{previous + 1}至{number - 1}（共{number - previous - 1}个）"
