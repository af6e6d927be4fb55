"""The vocabulary is checked on loading: shapes, labels and words with two roles (issue 11)."""

from __future__ import annotations

import subprocess
import sys
from importlib import resources
from typing import Any

import pytest
import yaml

from planwatch.extract.vocabulary import VocabularyError, parse_vocabulary, vocabulary


def package_words() -> dict[str, Any]:
    text = resources.files("planwatch.extract").joinpath("vocab", "words.yaml").read_text("utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    return data


def test_the_package_vocabulary_loads_and_says_which_role_wins() -> None:
    v = vocabulary()
    # 力争 is listed as a stretch marker and as a filler; precedence puts stretch first.
    assert (v.right_roles["力争"], v.right_roles["总计"], v.right_roles["各"]) == (
        "stretch", "cumulative", "distributes",
    )  # fmt: skip
    assert v.comparators["突破"] == ">" and v.tails["左右"] == "=" and v.scope_aliases["我国"] == "全国"


def test_nothing_reads_the_vocabulary_at_import_time() -> None:
    code = (
        "import planwatch.services.extraction, planwatch.extract.vocabulary as v;"
        "print(v.vocabulary.cache_info().currsize)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "0"


def with_change(**changes: Any) -> dict[str, Any]:
    data = package_words()
    data.update(changes)
    return data


@pytest.mark.parametrize(
    ("data", "message"),
    [
        pytest.param(
            with_change(stretch=["力争", "争取", "努力达到", "确保"]),
            "“确保”有多个角色（filler、stretch），须写明先后",
            id="two-roles-without-precedence",
        ),
        pytest.param(
            with_change(precedence={**package_words()["precedence"], "达到": ["comparator"]}),
            "“达到”只有一个角色，无须写明先后",
            id="stale-precedence",
        ),
        pytest.param(
            with_change(tails={"大于": ["以上"]}),
            "tails：标签“大于”不是",
            id="unknown-tail-label",
        ),
        pytest.param(with_change(fillers=[]), "fillers：应为非空的词语列表", id="empty-list"),
        pytest.param(with_change(labels=["专栏", 3]), "labels：“3”不是词语", id="not-a-word"),
        pytest.param(
            with_change(changes={"increase": ["提高"], "decrease": ["提高"]}),
            "“提高”同时属于“increase”和“decrease”",
            id="one-word-two-labels",
        ),
    ],
)
def test_a_bad_vocabulary_is_refused_with_the_key_and_word(data: Any, message: str) -> None:
    with pytest.raises(VocabularyError, match=message):
        parse_vocabulary(data, "test.yaml")
