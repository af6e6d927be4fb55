"""The vocabulary is passed in at the extraction's entry point, not fetched (issue 11).

A region's plans use a verb the package does not know ("攀升至"): with the words added in a
vocabulary file the same sentence reads a clean name and a comparator; without it, the verb
stays in the name. Each extraction reads only the vocabulary it was given, threads included.
"""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from typer.testing import CliRunner

from planwatch.cli import app
from planwatch.domain.document import Document, DocumentFormat, Source
from planwatch.extract.metadata import read_plan_meta
from planwatch.extract.normalize import normalize
from planwatch.extract.vocabulary import (
    VocabularyError,
    current_vocabulary,
    load_vocabulary,
    merge_words,
    parse_vocabulary,
    using_vocabulary,
    vocabulary,
)
from planwatch.services.extraction import extract_document

PLAN = (
    "某某县国民经济和社会发展第十五个五年规划纲要\n第一章 主要目标\n"
    "到2030年,全县工业增加值攀升至 300 亿元,森林覆盖率攀升至 65%。\n"
)
EXTRA = 'comparators:\n  ">=": [攀升至]\n'


def document(text: str = PLAN) -> Document:
    return Document(text, Source("plan.txt", "0" * 64, DocumentFormat.TXT, "utf-8", len(text)))


def names(extraction_vocabulary: object = None) -> list[tuple[str, str]]:
    found = extract_document(document(), vocabulary=extraction_vocabulary)  # type: ignore[arg-type]
    return [(q.indicator, q.comparator) for q in found.findings.quantities]


def regional() -> object:
    return parse_vocabulary(merge_words(vocabulary().raw, {"comparators": {">=": ["攀升至"]}}, "x"))


def test_a_word_added_to_the_vocabulary_changes_the_reading_only_where_passed() -> None:
    assert names() == [("工业增加值攀升至", ">="), ("森林覆盖率攀升至", ">=")]
    assert names(regional()) == [("工业增加值", ">="), ("森林覆盖率", ">=")]
    assert names() == [("工业增加值攀升至", ">="), ("森林覆盖率攀升至", ">=")]  # nothing kept


def test_concurrent_extractions_each_read_their_own_vocabulary() -> None:
    words = regional()
    with ThreadPoolExecutor(4) as pool:
        results = list(pool.map(lambda i: names(words if i % 2 else None), range(16)))
    assert all(
        r[0][0] == ("工业增加值" if i % 2 else "工业增加值攀升至") for i, r in enumerate(results)
    )


def test_the_current_vocabulary_is_restored_after_a_failed_extraction() -> None:
    words = regional()
    with pytest.raises(RuntimeError), using_vocabulary(words):  # type: ignore[arg-type]
        assert current_vocabulary() is words
        raise RuntimeError("a rule failed")
    assert current_vocabulary() is vocabulary()


def test_the_level_of_a_region_comes_from_the_vocabulary() -> None:
    def level(title: str) -> str | None:
        return read_plan_meta(normalize(title + "\n第一章 总体要求\n"), len(title) + 1).level

    assert [level(t) for t in ("某某自治区国民经济和社会发展第十四个五年规划纲要",
                               "某某旗国民经济和社会发展第十四个五年规划纲要",
                               "某某街道国民经济和社会发展第十四个五年规划纲要")] == ["省", "县区", "乡镇"]  # fmt: skip
    extra = {"level_suffixes": {"乡镇": ["苏木"]}}
    with using_vocabulary(parse_vocabulary(merge_words(vocabulary().raw, extra, "x"))):
        assert level("某某苏木国民经济和社会发展第十四个五年规划纲要") == "乡镇"
    assert level("某某苏木国民经济和社会发展第十四个五年规划纲要") is None


def test_a_vocabulary_file_merges_over_the_package_words(tmp_path: Path) -> None:
    path = tmp_path / "words.yaml"
    path.write_text(EXTRA, encoding="utf-8")
    words = load_vocabulary(path)
    assert words.comparators["攀升至"] == ">=" and words.comparators["达到"] == ">="
    assert load_vocabulary(path) is words  # read once per file and modification
    assert load_vocabulary(None) is vocabulary()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("comparators: [攀升至]\n", "comparators：应为映射"),
        ("rising_verbs: [攀升至]\n", "rising_verbs：不是词表的键"),
        ('comparators: {">=": [攀升至]\n', "不是有效的 YAML"),
        ('comparators:\n  ">>": [攀升至]\n', "标签“>>”不是"),
        ("- 攀升至\n", "（全文）：应为键值映射"),
    ],
)
def test_a_bad_vocabulary_file_names_the_file_and_what_is_wrong(
    tmp_path: Path, content: str, message: str
) -> None:
    path = tmp_path / "words.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(VocabularyError) as raised:
        load_vocabulary(path)
    assert str(path) in str(raised.value) and message in str(raised.value)


def test_a_missing_vocabulary_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(VocabularyError, match="无法读取"):
        load_vocabulary(tmp_path / "missing.yaml")


def test_the_cli_reads_the_vocabulary_file_of_the_settings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plan, words = tmp_path / "plan.txt", tmp_path / "words.yaml"
    plan.write_text(PLAN, encoding="utf-8")
    words.write_text(EXTRA, encoding="utf-8")
    runner = CliRunner()
    before = json.loads(runner.invoke(app, ["extract", str(plan)]).stdout)
    monkeypatch.setenv("PLANWATCH_VOCABULARY_FILE", str(words))
    after = json.loads(runner.invoke(app, ["extract", str(plan)]).stdout)
    assert next(q["indicator"] for q in before["quantities"]) == "工业增加值攀升至"
    assert next(q["indicator"] for q in after["quantities"]) == "工业增加值"
    words.write_text("comparators: [攀升至]\n", encoding="utf-8")
    failed = runner.invoke(app, ["extract", str(plan)])
    assert failed.exit_code == 2 and str(words) in failed.stderr and failed.stdout == ""
