"""Hostile and damaged input becomes issues with their line, never an exception (issue 15)."""

from __future__ import annotations

import pytest

from planwatch.domain.outline import Outline
from planwatch.domain.plan import PlanMeta
from planwatch.extract import quantities as quantities_module
from planwatch.extract.context import SENTENCE_MAX
from planwatch.extract.normalize import normalize
from planwatch.extract.outline import build_outline
from planwatch.extract.quantities import find_quantities

PLAN = PlanMeta("某区规划", "某区", (2021, 2025), None, "县区")


def findings(text: str) -> tuple[list[tuple[str, object]], list[tuple[str, int | None]]]:
    found = find_quantities(normalize(text), Outline((), 0), PLAN)
    return (
        [(q.indicator, q.base_value) for q in found.quantities],
        [(i.code, i.line) for i in found.issues],
    )


@pytest.mark.parametrize(
    ("text", "quantities", "issues"),
    [
        pytest.param(
            "第一句。\n全区GDP达到" + "1" * 30 + "亿元。",
            [],
            [("number_too_long", 2)],
            id="thirty-digits",
        ),
        pytest.param(
            "全区GDP达到100000000000000亿元。",  # 1e14 亿元 = 1e22 元
            [],
            [("value_out_of_range", 1)],
            id="1e22-base-units",
        ),
        pytest.param(
            "全区GDP达到99999999999亿元。",  # 9.9999999999e18 元: below 1e20
            [("GDP", 9999999999900000000)],
            [],
            id="just-below-the-limit",
        ),
        # a ratio followed by its noun qualifies the noun (a map scale), as "10亿元以上企业"
        pytest.param("完成1:10,000地形图测绘。", [], [], id="map-scale-not-a-ratio"),
        pytest.param("完成1：10，000地形图测绘。", [], [], id="map-scale-full-width"),
        # OCR garbage: 1085 is no year of the genre (1800–2199) and no duration a plan states;
        # "00" after "36即" is a number with a leading zero glued to a character after digits.
        pytest.param("新建铁路1085年。", [], [("garbled_number", 1)], id="ocr-year-1085"),
        pytest.param(
            "钢产量达到36即00万吨。",
            [],
            [("unknown_unit", 1), ("garbled_number", 1)],
            id="ocr-digits-36-ji-00",
        ),
        pytest.param(
            "全区GDP达到20亿元," * 50,  # 50 clauses of 11 characters: 550, one sentence
            [("GDP", 2000000000)] * 50,
            [],
            id="long-but-one-sentence",
        ),
    ],
)
def test_hostile_numbers(text: str, quantities: list[object], issues: list[object]) -> None:
    assert findings(text) == (quantities, issues)


def test_an_over_long_sentence_is_read_in_pieces_and_reported_once() -> None:
    clause = "全区GDP达到20亿元,"  # 11 characters
    count = 3 * SENTENCE_MAX // len(clause)
    found, issues = findings("前言。\n" + clause * count)
    assert found == [("GDP", 2000000000)] * count
    assert issues == [("long_sentence", 2)]


def test_an_error_in_one_sentence_is_an_issue_and_the_rest_is_read(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    real = quantities_module.find_mentions

    def fragile(text: str, start: int = 0, end: int | None = None):  # type: ignore[no-untyped-def]
        if "坏" in text[start:end]:
            raise ArithmeticError("injected")
        return real(text, start, end)

    monkeypatch.setattr(quantities_module, "find_mentions", fragile)
    found, issues = findings("全区GDP达到20亿元。\n坏句子达到5亿元。\n森林覆盖率达到40%。")
    assert found == [("GDP", 2000000000), ("森林覆盖率", 40)]
    assert issues == [("sentence_failed", 2)]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        pytest.param("第一章 甲\n第三章 乙", "第三章之前缺少编号2", id="one"),
        pytest.param("第一章 甲\n第四章 乙", "第四章之前缺少编号2、3", id="two"),
        pytest.param(
            "第一章 甲\n第100000000章 乙",
            "第100000000章之前缺少编号2至99999999（共99999998个）",
            id="a-hundred-million",
        ),
    ],
)
def test_a_numbering_gap_is_one_issue_never_an_enumeration(text: str, message: str) -> None:
    _, issues = build_outline(normalize(text))
    assert [(i.code, i.message, i.line) for i in issues] == [("skipped_number", message, 2)]
