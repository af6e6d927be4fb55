"""Document kinds from title and content (docs/extraction.md, "Document kinds").

The report openings are copied from ../shared/corpus/national-gov-work-reports/ (file named
in each id); titles of bulletins, plan reports and division plans are the genre's standard
titles, as printed on their covers.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from planwatch.domain.document import DocumentKind
from planwatch.extract.document_kind import parse_kind, read_kind
from planwatch.extract.normalize import normalize
from planwatch.read import read_document
from planwatch.services.extraction import extract_document

CASES = [
    # (id, text, expected kind, a word the evidence must quote)
    ("2019-address", "各位代表：\n现在，我代表国务院，向大会报告政府工作，请予审议，并请全国政协委员提出意见。",
     DocumentKind.WORK_REPORT, "报告政府工作"),
    ("1957-title", "\u200b\n\n\n政府工作报告\n\n\n1957年6月26日在第一届全国人民代表大会第四次会議上",
     DocumentKind.WORK_REPORT, "政府工作报告"),
    ("bulletin-title", "中华人民共和国2020年国民经济和社会发展统计公报\n国家统计局\n2021年2月28日",
     DocumentKind.STATISTICAL_BULLETIN, "统计公报"),
    ("plan-report-title",
     "关于2020年国民经济和社会发展计划执行情况与2021年国民经济和社会发展计划草案的报告\n"
     "——2021年3月5日在第十三届全国人民代表大会第四次会议上\n国家发展和改革委员会",
     DocumentKind.ANNUAL_PLAN_REPORT, "计划执行情况"),
    ("division-title", "泸州市江阳区国民经济和社会发展第十四个五年规划纲要重点任务分工方案\n一、主要指标",
     DocumentKind.TASK_DIVISION, "分工方案"),
    ("outline-title", "四川省国民经济和社会发展第十五个五年规划纲要\n序言\n第一章 发展环境",
     DocumentKind.PLAN_OUTLINE, "规划纲要"),
    ("division-content", "1.推进产业园区建设。\n牵头单位:区发改局\n2.完善交通。\n牵头单位:区交通局\n"
     "3.建设学校。\n牵头单位:区教育局", DocumentKind.TASK_DIVISION, "牵头单位"),
    ("bulletin-content", "全年粮食产量66949万吨,比上年增长0.9%。\n" * 8,
     DocumentKind.STATISTICAL_BULLETIN, "比上年增长"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "kind", "evidence"), [pytest.param(*c[1:], id=c[0]) for c in CASES]
)
def test_kind(text: str, kind: DocumentKind, evidence: str) -> None:
    found = read_kind(normalize(text).text)
    assert found.kind is kind
    assert evidence in found.evidence


def test_a_text_without_any_sign_is_read_as_a_plan_and_says_so() -> None:
    found = read_kind("随便一段文字。")
    assert found.kind is DocumentKind.PLAN_OUTLINE
    assert found.evidence.startswith("默认")


def test_only_reports_and_bulletins_are_dated_by_one_year() -> None:
    annual = {k for k in DocumentKind if k.is_annual}
    assert annual == {
        DocumentKind.WORK_REPORT,
        DocumentKind.ANNUAL_PLAN_REPORT,
        DocumentKind.STATISTICAL_BULLETIN,
    }


@pytest.mark.parametrize(
    ("name", "kind"),
    [("work_report", DocumentKind.WORK_REPORT), ("统计公报", DocumentKind.STATISTICAL_BULLETIN),
     ("任务分工方案", DocumentKind.TASK_DIVISION), ("报告", None)],
)  # fmt: skip
def test_parse_kind(name: str, kind: DocumentKind | None) -> None:
    assert parse_kind(name) is kind


DATA = Path(__file__).parent.parent / "data"


@pytest.mark.parametrize(
    ("path", "kind"),
    [pytest.param(p, DocumentKind.PLAN_OUTLINE, id=p.name) for p in sorted((DATA / "plans").glob("*.txt"))]
    + [pytest.param(p, DocumentKind.TASK_DIVISION, id=p.name) for p in sorted((DATA / "assignments").glob("*.txt"))]
    + [pytest.param(p, DocumentKind.WORK_REPORT, id=p.name[:4]) for p in sorted((DATA / "reports").glob("*.txt"))],
)  # fmt: skip
def test_the_test_documents_are_recognised(path: Path, kind: DocumentKind) -> None:
    # the folders hold plan outlines, task division plans and national work reports; the kind
    # comes from the text (extract_document reads the plan title first, as here)
    document = read_document(path, max_bytes=10**7)
    anonymous = replace(document, source=replace(document.source, path="x.txt"))
    if kind.is_annual:  # the kind is under test here, not the year: give it
        assert extract_document(anonymous, year=int(path.name[:4])).kind.kind is kind
    else:
        assert extract_document(anonymous).kind.kind is kind
