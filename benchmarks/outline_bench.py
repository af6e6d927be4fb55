"""How fast planwatch reads a plan's outline: normal form + headings + tree + metadata.

Follows services.extraction: normal form, rejoined wrapped lines, outline, metadata.
Prints characters per second on the bundled sample (about 41,000 characters) and on the
sample concatenated 100 times (about 4.1 million characters, one long plan with 3,100
chapters), best of several runs so that a busy machine does not distort the figure.

    .venv/bin/python benchmarks/outline_bench.py
"""

from __future__ import annotations

import platform
import time

from planwatch.extract.metadata import read_plan_meta
from planwatch.extract.normalize import normalize
from planwatch.extract.outline import build_outline
from planwatch.extract.wrapping import join_wrapped_lines
from planwatch.samples import sample_path


def read_outline(text: str) -> int:
    lines = normalize(text)
    outline, _ = build_outline(join_wrapped_lines(lines))
    read_plan_meta(lines, outline.body_start)
    return sum(1 for _ in outline.walk())


def best_time(text: str, runs: int) -> tuple[float, int]:
    best, nodes = float("inf"), 0
    for _ in range(runs):
        started = time.perf_counter()
        nodes = read_outline(text)
        best = min(best, time.perf_counter() - started)
    return best, nodes


def main() -> None:
    sample = sample_path().read_text(encoding="utf-8")
    print(
        f"machine: {platform.processor() or platform.machine()}, Python {platform.python_version()}"
    )
    for name, text, runs in (("sample", sample, 20), ("sample x100", sample * 100, 3)):
        seconds, nodes = best_time(text, runs)
        print(
            f"{name:<12} {len(text):>10,} chars  {nodes:>6,} nodes  "
            f"{seconds * 1000:>9.1f} ms  {len(text) / seconds / 1e6:>6.2f} M chars/s"
        )


if __name__ == "__main__":
    main()
