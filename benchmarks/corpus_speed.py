"""Speed of `planwatch corpus` against --jobs, and of the extraction per core.

Input: the 47 national government work reports (../shared/corpus/, 3.0 MB of UTF-8), copied
``COPIES`` times into a temporary folder with one distinguishing line each (so no sha256
repeats and nothing is skipped).

1. In this process, ``services.extraction.extract_file`` over the 47 reports (reading,
   decoding, normal form, outline, quantities, indicators): MB/s per CPU second, best of
   three runs — the per-core rate, which other work on the machine changes little.
2. The command in a fresh process with --jobs 1 and --jobs 2 into a new JSONL file: wall
   time (process start included) and the CPU seconds of the command and its workers
   (``RUSAGE_CHILDREN``), so MB per CPU second is shown beside MB per wall second.

The load average (``os.getloadavg``) is printed with each figure: the development machine's
two cores are shared with other engineers' work.

    .venv/bin/python benchmarks/corpus_speed.py [copies]
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from planwatch.services.extraction import extract_file
from planwatch.settings import Settings

CORPUS = Path(__file__).resolve().parents[2] / "shared/corpus/national-gov-work-reports"
PLANWATCH = Path(sys.executable).with_name("planwatch")


def _load() -> str:
    return "load {:.2f} {:.2f} {:.2f}".format(*os.getloadavg())


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def per_core() -> None:
    settings = Settings()
    reports = sorted(CORPUS.glob("*.txt"))
    size = sum(p.stat().st_size for p in reports) / 1e6
    extract_file(reports[0], settings)  # vocabulary caches
    best = float("inf")
    for _ in range(3):
        start = time.process_time()
        for report in reports:
            extract_file(report, settings)
        best = min(best, time.process_time() - start)
    print(f"extract_file, 47 reports ({size:.1f} MB): {best:.2f} CPU s, "
          f"{size / best:.2f} MB/s per core  [{_load()}]")  # fmt: skip


def command(copies: int) -> None:
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
        print(f"input: {copies} x 47 reports, {size / 1e6:.1f} MB; machine: {os.cpu_count()} cores")
        for jobs in (1, 2):
            out = root / f"out-{jobs}.jsonl"
            start, cpu = time.perf_counter(), _children_cpu()
            command = [str(PLANWATCH), "corpus", str(root / "in"), "--out", str(out)]
            subprocess.run([*command, "--jobs", str(jobs)], check=True, capture_output=True)
            elapsed, used = time.perf_counter() - start, _children_cpu() - cpu
            print(f"--jobs {jobs}: {elapsed:.1f} s wall, {size / 1e6 / elapsed:.2f} MB/s; "
                  f"{used:.1f} CPU s, {size / 1e6 / used:.2f} MB/CPU s  [{_load()}]")  # fmt: skip


if __name__ == "__main__":
    per_core()
    command(int(sys.argv[1]) if len(sys.argv) > 1 else 4)
