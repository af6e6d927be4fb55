"""Time and peak memory of the whole extraction against input size (issue 15).

Input: the sample plan repeated 1×, 4×, 16× and 64×, and each pathological shape of issue
15 at three sizes growing fourfold: one line of "…达到1000亿元," clauses, the same clauses
one a line ending in "," (a wrapped paragraph), the same clauses ending in "。", a plan
with a heading numbered 第100000000章, and 1 MB-class lines of digits, of dot leaders and of
a Chinese numeral. Each run is a fresh process that extracts the text once (after warming
the vocabulary on a tiny text) and reports wall time and the growth of its peak resident
memory (ru_maxrss) over the warmed interpreter. Time is CPU time (the
machine is shared, so wall time is noisy). Linear growth shows as a steady time and
memory per character down each table.

    .venv/bin/python benchmarks/extract_scaling.py [--quick]
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

SAMPLE = (
    Path(__file__).resolve().parent.parent / "src/planwatch/data/samples/jiangyang-14th-2022.txt"
)
CLAUSE = "全区地区生产总值达到1000亿元,"

SHAPES: dict[str, Callable[[int], str]] = {
    "sample": lambda n: SAMPLE.read_text(encoding="utf-8") * n,
    "clauses on one line": lambda n: CLAUSE * (2500 * n),
    "clauses, one a line, ending in ,": lambda n: (CLAUSE + "\n") * (2500 * n),
    "clauses ending in 。": lambda n: CLAUSE.replace(",", "。") * (2500 * n),
    "heading 第100000000章": lambda n: (
        "第一章 总体\n第100000000章 结束\n" + "正文。\n" * (1000 * n)
    ),
    "a line of digits": lambda n: "第一章 总体\n" + "1" * (20_000 * n),
    "a line of dot leaders": lambda n: "第一章 总体\n" + "." * (20_000 * n) + "3",
    "a line of 一": lambda n: "第一章 总体\n" + "一" * (20_000 * n),
}
SIZES = {"sample": (1, 4, 16, 64)}
DEFAULT_SIZES = (1, 4, 16)


def child(shape: str, factor: int) -> None:
    """Run one extraction in this process and print its figures as JSON."""
    from planwatch.domain.document import Document, DocumentFormat, Source
    from planwatch.services.extraction import extract_document

    def document(text: str) -> Document:
        return Document(text, Source("bench.txt", "0" * 64, DocumentFormat.TXT, "utf-8", len(text)))

    extract_document(document("第一章 总体\n到2025年,全区生产总值达到20亿元。"))  # warm
    text = SHAPES[shape](factor)
    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.process_time()  # CPU time: the machine is shared, wall time is noisy
    result = extract_document(document(text))
    elapsed = time.process_time() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - base
    figures = {
        "chars": len(text),
        "seconds": elapsed,
        "peak_mb": peak / 1024,
        "quantities": len(result.findings.quantities),
        "issues": len(result.issues),
    }
    print(json.dumps(figures))


def main(quick: bool) -> None:
    print("machine: 2 cores shared; s = CPU seconds; peak = growth of max RSS after warming")
    for shape in SHAPES:
        sizes = SIZES.get(shape, DEFAULT_SIZES)
        if quick:
            sizes = sizes[:2]
        print(f"\n{shape}")
        print(f"{'×':>4} {'chars':>10} {'s':>7} {'µs/char':>8} {'peak MB':>8} {'B/char':>7} "
              f"{'quantities':>10} {'issues':>6}")  # fmt: skip
        for factor in sizes:
            out = subprocess.run(
                [sys.executable, __file__, "--child", shape, str(factor)],
                check=True,
                capture_output=True,
                text=True,
            ).stdout
            f = json.loads(out.strip().splitlines()[-1])
            per_char = f["seconds"] / f["chars"] * 1e6
            bytes_per_char = f["peak_mb"] * 1024 * 1024 / f["chars"]
            print(f"{factor:>4} {f['chars']:>10,} {f['seconds']:>7.2f} {per_char:>8.2f} "
                  f"{f['peak_mb']:>8.1f} {bytes_per_char:>7.0f} {f['quantities']:>10,} "
                  f"{f['issues']:>6,}")  # fmt: skip


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--child":
        child(sys.argv[2], int(sys.argv[3]))
    else:
        main(quick="--quick" in sys.argv)
