"""Speed of `planwatch corpus` against --jobs.

Input: the 47 national government work reports (../shared/corpus/, 3.0 MB of UTF-8), copied
``COPIES`` times into a temporary folder with one distinguishing line each (so no sha256
repeats and nothing is skipped). Runs the command in a fresh process with --jobs 1 and
--jobs 2 into a new JSONL file and prints wall time and MB/s (process start included).

    .venv/bin/python benchmarks/corpus_speed.py [copies]
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[2] / "shared/corpus/national-gov-work-reports"
PLANWATCH = Path(sys.executable).with_name("planwatch")


def main(copies: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        size = 0
        for copy in range(copies):
            for report in sorted(CORPUS.glob("*.txt")):
                text = report.read_text(encoding="utf-8") + f"\n副本{copy}\n"
                target = root / "in" / f"{copy}-{report.name}"
                target.parent.mkdir(exist_ok=True)
                target.write_text(text, encoding="utf-8")
                size += target.stat().st_size
        print(f"input: {copies} x 47 reports, {size / 1e6:.1f} MB; machine: 2 shared cores")
        for jobs in (1, 2):
            out = root / f"out-{jobs}.jsonl"
            start = time.perf_counter()
            command = [str(PLANWATCH), "corpus", str(root / "in"), "--out", str(out)]
            subprocess.run([*command, "--jobs", str(jobs)], check=True, capture_output=True)
            elapsed = time.perf_counter() - start
            print(f"--jobs {jobs}: {elapsed:.1f} s, {size / 1e6 / elapsed:.2f} MB/s")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 4)
