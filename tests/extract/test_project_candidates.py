"""Candidates for the project register from a box's text: name and total investment (万元)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from planwatch.extract.project_candidates import find_candidates


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("建设松溪至临江高速公路项目,总投资85亿元。", [("松溪至临江高速公路项目", "850000")]),
        ("实施县城环线改造工程,总投资12.5亿元;", [("县城环线改造工程", "125000")]),
        ("推进松溪港作业区二期项目建设,总投资3.2亿元", [("松溪港作业区二期项目", "32000")]),
        ("新建县人民医院综合楼项目,总投资8000万元。", [("县人民医院综合楼项目", "8000")]),
        ("加快推进G353江阳段改建工程(总投资约6亿元)", [("G353江阳段改建工程", "60000")]),
        ("建设智慧物流产业园,项目总投资20亿元", [("智慧物流产业园", "200000")]),
        ("建设县体育中心。", []),
        ("全区固定资产投资总额达到500亿元。", []),
        ("建设A港项目,总投资1亿元;建设B站工程,总投资0.5亿元。",
         [("A港项目", "10000"), ("B站工程", "5000")]),
    ],
    ids=["yi", "decimal-yi", "trailing-jianshe", "wan", "bracketed-about", "xiangmu-zongtouzi",
         "no-amount", "not-a-project", "two-in-one-sentence"],
)  # fmt: skip
def test_candidates(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(c.name, c.total) for c in find_candidates(text)] == [
        (name, Decimal(total)) for name, total in expected
    ]


def test_spans_point_into_the_text() -> None:
    text = "专栏1\n实施县城环线改造工程,总投资12.5亿元"
    (found,) = find_candidates(text[4:], offset=4)
    assert text[found.start : found.end] == found.text == "实施县城环线改造工程,总投资12.5亿元"


@pytest.mark.xfail(strict=True, reason="a list of projects sharing one total is not split")
def test_a_list_sharing_one_total() -> None:
    found = find_candidates("建设甲大桥、乙大桥等项目,总投资30亿元")
    assert [c.name for c in found] == ["甲大桥", "乙大桥"]
