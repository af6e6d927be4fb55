"""The report as data: sections with numbered headings, paragraphs, tables and chart specs.

:mod:`planwatch.report.content` builds a :class:`Report` from a ``PlanOverview``; the DOCX,
HTML and XLSX writers only lay it out, so every format says the same thing in the same words.
Headings carry their official-document numbers (一、（一）1.) as text, assigned once by
:func:`numbered`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal
from enum import StrEnum

from planwatch.domain.assessment import Light, Status

CHINESE_DIGITS = "零一二三四五六七八九"


class ReportKind(StrEnum):
    """Which report: the yearly one, or one of the two evaluations the plan prescribes."""

    ANNUAL = "annual"  # 年度监测报告
    MIDTERM = "midterm"  # 中期评估报告
    FINAL = "final"  # 总结评估报告

    @property
    def label(self) -> str:
        """The Chinese name of the report.

        >>> ReportKind.FINAL.label
        '总结评估报告'
        """
        return {"annual": "年度监测报告", "midterm": "中期评估报告", "final": "总结评估报告"}[
            self.value
        ]


class ReportFormat(StrEnum):
    DOCX = "docx"
    HTML = "html"
    XLSX = "xlsx"

    @property
    def media_type(self) -> str:
        """The MIME type a download is served with.

        >>> ReportFormat.HTML.media_type
        'text/html; charset=utf-8'
        """
        return {
            "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "html": "text/html; charset=utf-8",
            "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        }[self.value]


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A body paragraph; ``emphasis`` makes it stand out (the simulated-data warning)."""

    text: str
    emphasis: bool = False


@dataclass(frozen=True, slots=True)
class Table:
    """A table with one header row; ``lights`` (one per row, or empty) colour the rows."""

    caption: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    lights: tuple[Light | None, ...] = ()
    note: str = ""


Point = tuple[int, Decimal]


@dataclass(frozen=True, slots=True)
class TrajectoryChart:
    """One indicator over the plan period: where it started, should be, is, and is heading.

    ``path`` is the time-proportional path (序时进度) from the baseline to the target;
    ``simulated`` lists the years whose value is 模拟数据.
    """

    title: str
    unit: str
    baseline: Point | None
    path: tuple[Point, ...]
    target: Point | None
    target_label: str
    stretch: Point | None
    observations: tuple[Point, ...]
    simulated: tuple[int, ...]
    projection: Point | None


@dataclass(frozen=True, slots=True)
class GrowthChart:
    """A rate per year: the target each year's report set beside the result reported for it
    (the researcher's table, services/annual_growth.py); None where a report states none."""

    title: str
    years: tuple[int, ...]
    targets: tuple[Decimal | None, ...]
    results: tuple[Decimal | None, ...]


@dataclass(frozen=True, slots=True)
class StatusChart:
    """How many indicators have each status, in vocabulary order."""

    title: str
    counts: tuple[tuple[Status, int], ...]


@dataclass(frozen=True, slots=True)
class Figure:
    caption: str
    chart: TrajectoryChart | StatusChart


Block = Paragraph | Table | Figure


@dataclass(frozen=True, slots=True)
class Section:
    """A heading with its content; ``number`` and ``level`` are set by :func:`numbered`."""

    title: str
    blocks: tuple[Block, ...] = ()
    children: tuple[Section, ...] = ()
    number: str = ""
    level: int = 1

    @property
    def heading(self) -> str:
        """The heading as printed.

        >>> Section("总体评价", number="一、").heading
        '一、总体评价'
        """
        return f"{self.number}{self.title}"

    def walk(self) -> tuple[Section, ...]:
        """This section and every section below it, in reading order."""
        return (self, *(s for child in self.children for s in child.walk()))


@dataclass(frozen=True, slots=True)
class Report:
    """A whole report: title block, numbered sections, an appendix."""

    kind: ReportKind
    title: str
    subtitle: str
    as_of: int
    simulated: bool
    simulated_mark: str
    sections: tuple[Section, ...]
    appendix: Section
    title_lines: tuple[str, ...] = ()  # the title cut where a line break reads well
    issuer: str = ""  # the issuing office, printed under the body with the date
    issued: str = ""  # the date as printed: 2026年3月5日, or blanks to fill in

    def walk(self) -> tuple[Section, ...]:
        """Every section, appendix included, in reading order."""
        return (*(s for top in self.sections for s in top.walk()), *self.appendix.walk())

    @property
    def tables(self) -> tuple[Table, ...]:
        return tuple(b for s in self.walk() for b in s.blocks if isinstance(b, Table))

    @property
    def figures(self) -> tuple[Figure, ...]:
        return tuple(b for s in self.walk() for b in s.blocks if isinstance(b, Figure))


def chinese_number(number: int) -> str:
    """1 … 99 in Chinese numerals, as headings and plan names write them.

    >>> chinese_number(4), chinese_number(10), chinese_number(14), chinese_number(25)
    ('四', '十', '十四', '二十五')
    """
    if not 0 < number < 100:
        return str(number)
    tens, ones = divmod(number, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else f"{CHINESE_DIGITS[tens]}十")
    return head + (CHINESE_DIGITS[ones] if ones else "")


def heading_number(level: int, index: int) -> str:
    """The number of the ``index``-th heading (from 1) at ``level``: 一、 （一） 1. （1）.

    >>> [heading_number(level, 3) for level in (1, 2, 3, 4)]
    ['三、', '（三）', '3.', '（3）']
    """
    if level == 1:
        return f"{chinese_number(index)}、"
    if level == 2:
        return f"（{chinese_number(index)}）"
    if level == 3:
        return f"{index}."
    return f"（{index}）"


def numbered(sections: tuple[Section, ...], level: int = 1) -> tuple[Section, ...]:
    """The sections with numbers and levels set, recursively.

    >>> top = numbered((Section("甲", children=(Section("乙"),)), Section("丙")))
    >>> [s.heading for s in top[0].walk()] + [top[1].heading]
    ['一、甲', '（一）乙', '二、丙']
    """
    return tuple(
        replace(
            section,
            number=heading_number(level, index),
            level=level,
            children=numbered(section.children, level + 1),
        )
        for index, section in enumerate(sections, start=1)
    )
