"""`planwatch corpus`: extract the quantities of many plan documents into one table.

A process pool runs the pure extraction (``services.extraction.corpus_rows``) over the
documents (with ``--jobs 1`` this process runs it, one document after another); the parent
hashes each file first and skips those whose sha256 is already in the output, so an
interrupted run resumes where it stopped. A file that cannot be read is one ``error`` row and
one line in the summary; the run goes on. Rows are written as each document finishes (JSONL
and CSV are appended to; Parquet, which cannot be appended to, is rewritten once at the end
and needs the optional dependency ``planwatch[parquet]``).
"""

from __future__ import annotations

import csv
import hashlib
import json
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import nullcontext
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn

from planwatch.cli.app import fail, settings
from planwatch.services.extraction import CORPUS_COLUMNS, corpus_rows
from planwatch.settings import Settings

SUFFIXES = (".txt", ".docx", ".pdf", ".html", ".htm")
FORMATS = (".jsonl", ".csv", ".parquet")


@dataclass(slots=True)
class Tally:
    files: int = 0
    skipped: int = 0
    megabytes: float = 0.0
    quantities: int = 0
    errors: int = 0


def documents(paths: Sequence[Path]) -> list[Path]:
    """The plan files named, folders searched recursively, in a stable order.

    >>> documents([])
    []
    """
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob("*") if p.suffix.lower() in SUFFIXES))
        else:
            found.append(path)
    return found


def done_hashes(out: Path) -> set[str]:
    """sha256 of the documents an earlier run wrote (``document`` rows), to skip them."""
    if not out.exists():
        return set()
    rows: Iterator[dict[str, Any]]
    if out.suffix == ".jsonl":
        with out.open(encoding="utf-8") as file:
            rows = iter([json.loads(line) for line in file if line.strip()])
    elif out.suffix == ".csv":
        with out.open(encoding="utf-8", newline="") as file:
            rows = iter(list(csv.DictReader(file)))
    else:
        rows = iter(_parquet().read_table(out).to_pylist())
    return {str(row["sha256"]) for row in rows if row.get("record") == "document"}


def _parquet() -> Any:
    try:
        import pyarrow.parquet  # type: ignore[import-not-found]
    except ImportError:
        fail("写入 Parquet 需要可选依赖 pyarrow:pip install 'planwatch[parquet]'")
    return pyarrow.parquet


class Writer:
    """Rows appended to a JSONL or CSV file as they come; Parquet gathered and written last."""

    def __init__(self, out: Path) -> None:
        self.out = out
        self.pending: list[dict[str, Any]] = []
        if out.suffix == ".parquet":
            _parquet()
            if out.exists():
                self.pending = _parquet().read_table(out).to_pylist()
        elif out.suffix == ".csv" and not out.exists():
            with out.open("w", encoding="utf-8", newline="") as file:
                csv.DictWriter(file, CORPUS_COLUMNS).writeheader()

    def write(self, rows: list[dict[str, Any]]) -> None:
        if self.out.suffix == ".parquet":
            self.pending.extend(rows)
        elif self.out.suffix == ".jsonl":
            with self.out.open("a", encoding="utf-8") as file:
                file.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
        else:
            with self.out.open("a", encoding="utf-8", newline="") as file:
                csv.DictWriter(file, CORPUS_COLUMNS).writerows(rows)

    def close(self) -> None:
        if self.out.suffix == ".parquet":
            pyarrow = __import__("pyarrow")
            table = pyarrow.Table.from_pylist(
                [{c: _text(r.get(c)) for c in CORPUS_COLUMNS} for r in self.pending]
            )
            temporary = self.out.with_suffix(".parquet.partial")
            _parquet().write_table(table, temporary)
            temporary.replace(self.out)  # never a half-written file


def _text(value: object) -> str | None:
    return None if value is None else str(value)


def _results(
    pool: ProcessPoolExecutor | None, paths: list[Path], current: Settings
) -> Iterator[tuple[Path, list[dict[str, Any]]]]:
    """Each document's rows, in order: from the pool's workers, or one by one in this process
    with ``--jobs 1`` (a forked worker reads about a third slower than the parent would)."""
    if pool is None:
        for path in paths:
            yield path, corpus_rows(path, current)
        return
    futures: list[Future[list[dict[str, Any]]]] = [
        pool.submit(corpus_rows, path, current) for path in paths
    ]
    for path, future in zip(paths, futures, strict=True):
        yield path, future.result()


def corpus(
    paths: Annotated[
        list[Path], typer.Argument(help="规划文件或文件夹(递归查找 .txt .docx .pdf .html)。")
    ],
    out: Annotated[Path, typer.Option("--out", help="输出文件:.jsonl、.csv 或 .parquet。")],
    jobs: Annotated[int, typer.Option("--jobs", min=1, help="并行进程数。")] = 1,
) -> None:
    """批量提取多份规划的目标与基期值,写入一个表格;可中断后续跑(按 sha256 跳过已完成的文档)。"""
    if out.suffix not in FORMATS:
        fail(f"{out}: 输出文件须为 .jsonl、.csv 或 .parquet")
    current = settings()
    files = documents(paths)
    done = done_hashes(out)
    writer = Writer(out)
    tally, failures = Tally(), []
    todo: list[tuple[Path, str]] = []
    for path in files:
        try:
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
        except OSError as error:
            failures.append(f"{path}: 无法读取文件({error.strerror or error})")
            tally.errors += 1
            continue
        if digest in done:
            tally.skipped += 1
        else:
            todo.append((path, digest))
    total_mb = sum(p.stat().st_size for p, _ in todo) / 1e6
    columns = (TextColumn("{task.description}"), BarColumn(), TextColumn("{task.fields[info]}"),
               TimeRemainingColumn())  # fmt: skip
    with (
        Progress(*columns, transient=False) as progress,
        ProcessPoolExecutor(max_workers=jobs) if jobs > 1 else nullcontext() as pool,
    ):
        task = progress.add_task("提取", total=total_mb or 1, info="")
        for path, rows in _results(pool, [path for path, _ in todo], current):
            writer.write(rows)
            size = path.stat().st_size / 1e6
            tally.files += 1
            tally.megabytes += size
            tally.quantities += sum(1 for r in rows if r["record"] == "quantity")
            for row in rows:
                if row["record"] == "error":
                    tally.errors += 1
                    failures.append(str(row["message"]))
            info = (f"{tally.files}/{len(todo)} 个文件  {tally.megabytes:.1f}/{total_mb:.1f} MB  "
                    f"{tally.quantities} 个数值  {tally.errors} 个错误")  # fmt: skip
            progress.update(task, advance=size, info=info)
    writer.close()
    for line in failures:
        typer.echo(f"错误  {line}", err=True)
    typer.echo(
        f"完成:处理 {tally.files} 个文件({tally.megabytes:.1f} MB),跳过已完成 {tally.skipped} 个,"
        f"提取 {tally.quantities} 个数值,{tally.errors} 个文件出错;结果写入 {out}"
    )


def register(app: typer.Typer) -> None:
    app.command()(corpus)
