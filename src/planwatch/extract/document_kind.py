"""What genre of document a text is: plan outline, work report, annual plan report, bulletin,
task division plan — from its title first, then from its content (docs/extraction.md).

Titles name the genre outright ("2020年国民经济和社会发展统计公报", "关于2019年国民经济和社会发展
计划执行情况与2020年计划草案的报告"). Many copies carry no title (a report that opens with
"各位代表:"), so the body is read too: a work report addresses the congress and reviews the
past year's work; a bulletin counts 比上年增长 line after line; a task division plan names
牵头单位 for its items; a plan outline is divided into 篇 and 章.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from planwatch.domain.document import DocumentKind

HEAD_CHARS = 600  # the title block and the opening lines: where a title or date line stands

# Genre words in a title, most specific first (an annual plan report is also a 报告).
TITLE_WORDS: tuple[tuple[re.Pattern[str], DocumentKind], ...] = (
    (re.compile(r"统计公报  # 国民经济和社会发展统计公报", re.VERBOSE),
     DocumentKind.STATISTICAL_BULLETIN),
    (re.compile(r"计划执行情况.{0,40}?计划(?:草案)?的报告  # …执行情况与…计划草案的报告",
                re.VERBOSE | re.DOTALL), DocumentKind.ANNUAL_PLAN_REPORT),
    (re.compile(r"(?:任务|责任)分工(?:方案)?|分工方案  # 重点任务分工方案", re.VERBOSE),
     DocumentKind.TASK_DIVISION),
    (re.compile(r"政府工作报告  # 2019年政府工作报告", re.VERBOSE), DocumentKind.WORK_REPORT),
    (re.compile(r"(?:五年|专项|发展)?规划(?:纲要)?(?:\([^)]{0,20}\))?$|纲要$  # …远景目标纲要",
                re.VERBOSE | re.MULTILINE), DocumentKind.PLAN_OUTLINE),
)  # fmt: skip

# Signs in the body, each with the least count that makes it evidence.
CONTENT_SIGNS: tuple[tuple[re.Pattern[str], int, DocumentKind], ...] = (
    (re.compile(r"""向(?:大会|[^,。]{0,30}会议)(?:作|报告)政府工作
                    |报告政府工作  # 向大会报告政府工作""", re.VERBOSE),
     1, DocumentKind.WORK_REPORT),
    (re.compile(r"计划执行情况  # 2019年国民经济和社会发展计划执行情况", re.VERBOSE),
     2, DocumentKind.ANNUAL_PLAN_REPORT),
    (re.compile(r"比上年(?:增长|下降|提高|减少)  # 粮食产量…比上年增长0.9%", re.VERBOSE),
     8, DocumentKind.STATISTICAL_BULLETIN),
    (re.compile(r"牵头单位|责任单位|牵头部门  # (牵头单位:区发改局)", re.VERBOSE),
     3, DocumentKind.TASK_DIVISION),
    (re.compile(r"^\s*第[一二三四五六七八九十百]+[篇章]  # 第六章 推动高质量发展",
                re.VERBOSE | re.MULTILINE),
     3, DocumentKind.PLAN_OUTLINE),
)  # fmt: skip

# A report that opens by addressing the deputies: "各位代表:".
ADDRESS = re.compile(r"^\s*各位代表  # 各位代表:", re.VERBOSE)


@dataclass(frozen=True, slots=True)
class KindReading:
    """The kind of a document and why: ``evidence`` quotes the words that decided it."""

    kind: DocumentKind
    evidence: str


def read_kind(text: str, title: str | None = None) -> KindReading:
    """The genre of ``text``; ``title`` (a title read elsewhere, or a file name) is read first.

    >>> read_kind("2020年国民经济和社会发展统计公报\\n全年国内生产总值…").kind.value
    'statistical_bulletin'
    >>> read_kind("各位代表:\\n现在,我代表国务院,向大会报告政府工作,请予审议。").evidence
    '正文:向大会报告政府工作'
    >>> read_kind("某区国民经济和社会发展第十四个五年规划纲要\\n序言").kind.value
    'plan_outline'
    >>> read_kind("随便一段文字").evidence
    '默认:未见文种标志,按规划纲要读取'
    """
    head = text[:HEAD_CHARS]
    for place, words in (("标题", title or ""), ("标题", _title_lines(head))):
        for pattern, kind in TITLE_WORDS:
            if (match := pattern.search(words)) is not None:
                return KindReading(kind, f"{place}:{match.group().strip()}")
    if ADDRESS.match(text):
        found = CONTENT_SIGNS[0][0].search(text, 0, 3000)
        sign = found.group() if found else "各位代表"
        return KindReading(DocumentKind.WORK_REPORT, f"正文:{sign}")
    for pattern, least, kind in CONTENT_SIGNS:
        signs = [m.group() for m in pattern.finditer(text)]
        if len(signs) >= least:
            return KindReading(kind, f"正文:{signs[0].strip()}")
    return KindReading(DocumentKind.PLAN_OUTLINE, "默认:未见文种标志,按规划纲要读取")


def _title_lines(head: str) -> str:
    """The short lines of the head (a title is a few short lines, not a paragraph)."""
    lines = [line.strip() for line in head.split("\n")[:12]]
    return "\n".join(line for line in lines if 0 < len(line) <= 60)


def parse_kind(value: str) -> DocumentKind | None:
    """A kind named on the command line, by its value or its Chinese name.

    >>> parse_kind("work_report").value, parse_kind("统计公报").value, parse_kind("x")
    ('work_report', 'statistical_bulletin', None)
    """
    for kind in DocumentKind:
        if value in (kind.value, KIND_NAMES[kind]):
            return kind
    return None


KIND_NAMES = {
    DocumentKind.PLAN_OUTLINE: "规划纲要",
    DocumentKind.WORK_REPORT: "政府工作报告",
    DocumentKind.ANNUAL_PLAN_REPORT: "计划报告",
    DocumentKind.STATISTICAL_BULLETIN: "统计公报",
    DocumentKind.TASK_DIVISION: "任务分工方案",
}
