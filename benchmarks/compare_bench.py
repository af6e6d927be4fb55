"""How fast the comparison core runs: outline keys and diff, target diff, alignment, continuity.

Inputs: the bundled sample plan (161 outline nodes) against itself with a chapter inserted;
a synthetic outline of 20 parts × 10 chapters × 10 sections (2,220 nodes) against a version
with a chapter inserted and every seventh section reworded; 2,000 targets against a version
with every fifth value changed; 500 × 500 targets aligned over 500 confirmed pairs and
proposed; 10,000 stated values against 10,000 observations. Prints the best of five runs.

    .venv/bin/python benchmarks/compare_bench.py
"""

from __future__ import annotations

import platform
import time
from collections.abc import Callable
from decimal import Decimal

from planwatch.compare.alignment import align, propose_pairs
from planwatch.compare.continuity import compare_baselines
from planwatch.compare.outline_diff import diff_outline
from planwatch.compare.outline_keys import node_refs
from planwatch.compare.target_diff import diff_targets
from planwatch.domain.comparison import (
    NodeRef,
    ObservedValue,
    SeriesPair,
    StatedValue,
    TargetRef,
)
from planwatch.domain.indicator import Attribute, TargetKind
from planwatch.domain.outline import NodeKind
from planwatch.extract.normalize import normalize
from planwatch.extract.outline import build_outline
from planwatch.samples import sample_path


def best(run: Callable[[], object], times: int = 5) -> float:
    """Best wall-clock seconds of ``times`` runs."""
    results = []
    for _ in range(times):
        start = time.perf_counter()
        run()
        results.append(time.perf_counter() - start)
    return min(results)


def synthetic(inserted: bool) -> list[NodeRef]:
    nodes: list[NodeRef] = []
    chapter = 0
    for p in range(20):
        part = f"part:第{p}篇推进高质量发展的重点任务"
        nodes.append(NodeRef(part, NodeKind.PART, f"第{p + 1}篇", p + 1, part[5:], None, p))
        chapters = [f"第{p}篇第{c}章建设现代化产业体系" for c in range(10)]
        if inserted and p == 0:
            chapters.insert(0, "新增的一章全面推进数字化转型")
        for order, title in enumerate(chapters):
            chapter += 1
            key = f"chapter:{title}"
            nodes.append(NodeRef(key, NodeKind.CHAPTER, f"第{chapter}章", chapter, title, part,
                                 order))
            for s in range(10 if "新增" not in title else 0):
                words = f"{title}第{s}节加快培育新兴产业集群"
                if inserted and (chapter + s) % 7 == 0:
                    words = words.replace("加快培育", "大力培育")
                nodes.append(NodeRef(f"section:{words}", NodeKind.SECTION, f"第{s + 1}节",
                                     s + 1, words, key, s))
    return nodes


def target(series: str, value: int, indicator: str = "森林覆盖率", unit: str = "%",
           kind: TargetKind = TargetKind.LEVEL) -> TargetRef:
    return TargetRef(series, indicator, unit, Decimal(value), 2025, ">=", kind,
                     Attribute.BINDING, False, None, "", None)


def show(label: str, run: Callable[[], object]) -> None:
    print(f"{label:<44} {best(run) * 1000:8.2f} ms")


def main() -> None:
    print(f"machine: {platform.machine()}, Python {platform.python_version()}")
    text = sample_path().read_text(encoding="utf-8")
    heading = "第五章深度融入区域开放合作"
    changed = text.replace(heading, f"第五章 新增一章\n{heading}")
    outline, _ = build_outline(normalize(text))
    other, _ = build_outline(normalize(changed))
    old_refs, new_refs = node_refs(outline.nodes, text), node_refs(other.nodes, changed)
    show("sample keys (161 nodes)", lambda: node_refs(outline.nodes, text))
    show("sample outline diff", lambda: diff_outline(old_refs, new_refs))
    old_big, new_big = synthetic(False), synthetic(True)
    changes = diff_outline(old_big, new_big)
    show(f"synthetic diff ({len(old_big)} → {len(new_big)} nodes, {len(changes)} changes)",
         lambda: diff_outline(old_big, new_big))
    old_t = [target(f"s{i}", i) for i in range(2000)]
    new_t = [target(f"s{i}", i + (1 if i % 5 == 0 else 0)) for i in range(2000)]
    show("target diff (2,000 targets)", lambda: diff_targets(old_t, new_t))
    lower = [target(f"d{i}", 40, f"指标{i}率") for i in range(500)]
    upper = [target(f"c{i}", 45, f"全市指标{i}率") for i in range(500)]
    pairs = [SeriesPair(f"d{i}", f"c{i}") for i in range(500)]
    show("align (500 pairs)", lambda: align(lower, upper, pairs))
    show("propose pairs (500 × 500)", lambda: propose_pairs(lower, upper))
    stated = [StatedValue(f"s{i}", 2025, Decimal("616.4"), "亿元", "", None) for i in range(10000)]
    seen = [ObservedValue(f"s{i}", 2025, Decimal("616.36"), "亿元") for i in range(10000)]
    show("continuity (10,000 values)", lambda: compare_baselines(stated, seen))


if __name__ == "__main__":
    main()
