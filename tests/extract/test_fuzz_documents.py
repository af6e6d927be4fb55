"""Mutated plan documents never give a traceback: `planwatch extract` ends in exit 0 with JSON,
or exit 2 with one line on stderr and nothing on stdout (issues 11 and 15).

The documents are excerpts of the bundled sample, mutated the ways damaged and hostile files
are: flipped bytes, truncation, duplicated and shuffled lines, giant numbers and heading
numbers. Bounded for CI: a few hundred examples in all, each a few kilobytes.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from planwatch.cli import app
from planwatch.samples import sample_path

runner = CliRunner()
SAMPLE_LINES = sample_path().read_text(encoding="utf-8").splitlines()
EXCERPT_LINES = 30
FUZZ = settings(
    max_examples=80,
    deadline=None,  # the machine is shared; speed is measured in benchmarks/, not here
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    derandomize=True,  # the same examples on every run, so a failure is reproducible
)


def run_extract(path: Path) -> None:
    """Run `planwatch extract` and check the outcome is one of the two allowed ones."""
    result = runner.invoke(app, ["extract", str(path)])
    assert result.exit_code in (0, 2), repr(result.exception)
    if result.exit_code == 0:
        assert result.stderr == ""
        assert set(json.loads(result.stdout)) >= {"source", "outline", "quantities", "issues"}
    else:
        assert result.stdout == ""
        assert len(result.stderr.strip().splitlines()) == 1, result.stderr


excerpts = st.builds(
    lambda start, size: SAMPLE_LINES[start : start + size],
    st.integers(0, len(SAMPLE_LINES) - 1),
    st.integers(1, EXCERPT_LINES),
)
giant_numbers = st.sampled_from(
    ["1" * 40 + "亿元", "1e30亿元", "9" * 28 + "元", "100000000000000000000万亿元",
     "0." + "0" * 40 + "1%", "第100000000章 结束", "第一百百百百百百章", "专栏99999999",
     "1:10,000地形图", "21,7%", "8 · 15", "36即00万吨", "〔" * 50 + "5", "…" * 500 + "3"]
)  # fmt: skip


MUTATIONS = ("duplicate", "shuffle", "splice", "insert")


def mutate_lines(lines: list[str], mutation: str, seed: int, giant: str) -> list[str]:
    """Duplicate, shuffle or splice a giant token into the lines."""
    rng = random.Random(seed)
    out = list(lines)
    if mutation == "duplicate":
        out = out + out[rng.randrange(len(out)) :]
    elif mutation == "shuffle":
        rng.shuffle(out)
    elif mutation == "splice":
        at = rng.randrange(len(out))
        out[at] = out[at][: len(out[at]) // 2] + giant + out[at][len(out[at]) // 2 :]
    else:
        out.insert(rng.randrange(len(out) + 1), giant)
    return out


@FUZZ
@given(
    lines=excerpts,
    mutation=st.sampled_from(MUTATIONS),
    seed=st.integers(0, 2**16),
    giant=giant_numbers,
)
def test_mutated_lines_never_crash(
    tmp_path: Path, lines: list[str], mutation: str, seed: int, giant: str
) -> None:
    path = tmp_path / "plan.txt"
    path.write_text("\n".join(mutate_lines(lines, mutation, seed, giant)), encoding="utf-8")
    run_extract(path)


@FUZZ
@given(
    lines=excerpts,
    flips=st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 255)), max_size=12),
    cut=st.integers(0, 10**6),
    encoding=st.sampled_from(["utf-8", "gb18030", "utf-16"]),
)
def test_flipped_and_truncated_bytes_never_crash(
    tmp_path: Path, lines: list[str], flips: list[tuple[int, int]], cut: int, encoding: str
) -> None:
    data = bytearray("\n".join(lines).encode(encoding))
    for position, byte in flips:
        data[position % len(data)] = byte
    path = tmp_path / "plan.txt"
    path.write_bytes(bytes(data[: max(1, cut % (len(data) + 1))]))
    run_extract(path)


PLAN_WORDS = [
    "第",
    "章",
    "节",
    "篇",
    "一、",
    "(一)",
    "专栏",
    "目录",
    "达到",
    "增长",
    "亿元",
    "%",
    "10",
    "2025年",
    "到",
    ",",
    "。",
    "\t",
    "\n",
    "……",
    "分别",
    "、",
    "由",
    "提高到",
    "∶",
    "[",
    "]",
    "〔",
    "以上",
    "左右",
    "力争",
    "1.",
    "(1)",
    "序言",
    "3-1",
]


@FUZZ
@given(
    parts=st.lists(st.sampled_from(PLAN_WORDS), max_size=200),
)
def test_shuffled_plan_words_never_crash(tmp_path: Path, parts: list[str]) -> None:
    path = tmp_path / "plan.txt"
    path.write_text("第一章 总体要求\n" + "".join(parts), encoding="utf-8")
    run_extract(path)


MEGABYTE_CHARS = 1_000_000 // 3  # a 1 MB line of UTF-8 Chinese


@pytest.mark.parametrize(
    "line",
    [
        pytest.param("全区地区生产总值达到1000亿元," * (MEGABYTE_CHARS // 15), id="clauses"),
        pytest.param("规划" * (MEGABYTE_CHARS // 2), id="no-number"),
        pytest.param("1" * MEGABYTE_CHARS, id="digits"),
        pytest.param("." * MEGABYTE_CHARS + "3", id="dot-leaders"),
        pytest.param("一" * MEGABYTE_CHARS, id="chinese-numeral"),
    ],
)
def test_one_megabyte_line_is_read(tmp_path: Path, line: str) -> None:
    path = tmp_path / "plan.txt"
    path.write_text("第一章 总体要求\n" + line + "\n", encoding="utf-8")
    run_extract(path)


def test_the_extraction_budget_ends_in_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PLANWATCH_MAX_EXTRACT_CHARS", "100")
    path = tmp_path / "plan.txt"
    path.write_text("第一章 总体要求\n" + "全区地区生产总值达到1000亿元。" * 10, encoding="utf-8")
    result = runner.invoke(app, ["extract", str(path)])
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr == (
        f"planwatch: {path}: 文档有 179 个字符，超过提取上限 100 个字符"
        "（PLANWATCH_MAX_EXTRACT_CHARS）\n"
    )
