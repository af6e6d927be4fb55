"""The plan reader: the text, line by line, with every stored target marked and linked."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup, escape

from planwatch.extract.normalize import LINE_BREAK


@dataclass(frozen=True, slots=True)
class Highlight:
    start: int
    end: int
    title: str
    href: str | None
    kind: str  # target / baseline


def lines_with_marks(text: str, highlights: list[Highlight]) -> list[tuple[int, Markup]]:
    """Each line of ``text`` as HTML, the highlighted spans wrapped in a link or <mark>.

    >>> lines_with_marks("甲达到20亿元\\n乙", [Highlight(3, 7, "t", "/i/1", "target")])[0][1]
    Markup('甲达到<a class="mark target" href="/i/1" title="t">20亿元</a>')
    """
    breaks = list(LINE_BREAK.finditer(text))
    starts = [0, *(m.end() for m in breaks)]
    ends = [*(m.start() for m in breaks), len(text)]
    if breaks and starts[-1] == len(text):  # a final line break ends the last line
        starts, ends = starts[:-1], ends[:-1]
    marks = sorted(highlights, key=lambda h: h.start)
    out: list[tuple[int, Markup]] = []
    index = 0
    for number, (start, end) in enumerate(zip(starts, ends, strict=True), start=1):
        parts: list[str] = []
        cursor = start
        while index < len(marks) and marks[index].start < end:
            mark = marks[index]
            index += 1
            if mark.start < cursor:
                continue  # overlaps the previous mark
            stop = min(mark.end, end)
            parts.append(str(escape(text[cursor : mark.start])))
            parts.append(_mark(mark, text[mark.start : stop]))
            cursor = stop
        parts.append(str(escape(text[cursor:end])))
        out.append((number, Markup("".join(parts))))
    return out


def _mark(mark: Highlight, inner: str) -> str:
    if mark.href:
        return (
            f'<a class="mark {mark.kind}" href="{escape(mark.href)}" '
            f'title="{escape(mark.title)}">{escape(inner)}</a>'
        )
    return f'<mark class="{mark.kind}" title="{escape(mark.title)}">{escape(inner)}</mark>'
