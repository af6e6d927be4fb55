"""Speed of quantity extraction.

Input: the sample plan (src/planwatch/data/samples/jiangyang-14th-2022.txt) and a corpus of
the sample repeated to about 10 MB of UTF-8. Prints the time for the sample (best of 5),
the throughput of ``find_quantities`` over the corpus in MB/s (UTF-8 bytes; one process, one
core) and its ratio to a plain regular-expression scan for digits over the same normal-form
text, which is the floor. Normalisation is timed apart (it belongs to extract.normalize).

    .venv/bin/python benchmarks/extract_speed.py [target-MB]
"""

from __future__ import annotations

import os
import re
import sys
import time
from pathlib import Path

from planwatch.domain.outline import Outline
from planwatch.extract.metadata import read_plan_meta
from planwatch.extract.normalize import normalize
from planwatch.extract.outline import build_outline
from planwatch.extract.quantities import find_quantities

SAMPLE = (
    Path(__file__).resolve().parent.parent / "src/planwatch/data/samples/jiangyang-14th-2022.txt"
)
DIGITS = re.compile(r"\d+(?:\.\d+)?")


def best_of(runs: int, work: object) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    target_mb = float(sys.argv[1]) if len(sys.argv) > 1 else 10.0
    original = SAMPLE.read_text("utf-8")
    text = normalize(original)
    outline, _ = build_outline(text)
    plan = read_plan_meta(text, outline.body_start)
    find_quantities(text, outline, plan)  # warm the vocabulary caches
    sample_bytes = len(original.encode("utf-8"))
    sample_time = best_of(5, lambda: find_quantities(text, outline, plan))
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}")
    print(f"sample: {SAMPLE.name}, {len(original)} chars, {sample_bytes / 1e6:.3f} MB")
    print(f"sample find_quantities: {sample_time * 1000:.1f} ms (best of 5)")

    repeat = max(1, round(target_mb * 1e6 / sample_bytes))
    corpus_original = (original + "\n") * repeat
    corpus_bytes = len(corpus_original.encode("utf-8"))
    start = time.perf_counter()
    corpus = normalize(corpus_original)
    normalize_time = time.perf_counter() - start
    start = time.perf_counter()
    found = find_quantities(corpus, Outline((), 0), plan)
    extract_time = time.perf_counter() - start
    start = time.perf_counter()
    floor_count = sum(1 for _ in DIGITS.finditer(corpus.text))
    floor_time = time.perf_counter() - start
    mb = corpus_bytes / 1e6
    print(f"corpus: sample x{repeat} = {mb:.1f} MB")
    print(f"find_quantities: {extract_time:.2f} s, {mb / extract_time:.2f} MB/s, "
          f"{len(found.quantities)} quantities")  # fmt: skip
    print(f"normalize (for reference): {normalize_time:.2f} s, {mb / normalize_time:.2f} MB/s")
    print(
        f"digit regex floor: {floor_time:.3f} s, {mb / floor_time:.1f} MB/s, {floor_count} numbers"
    )
    print(f"ratio find_quantities / floor: {extract_time / floor_time:.0f}x")


if __name__ == "__main__":
    main()
