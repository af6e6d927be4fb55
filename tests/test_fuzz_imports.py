"""Fuzzed data files through the CLI, on SQLite and PostgreSQL: mutated CSV and XLSX imports
of observations and of the main-indicator table. Every run ends in exit 0 (nothing on stderr) or exit 2 with one line
on stderr, and an import that fails leaves the database exactly as it was; after one that
succeeds, the plan still assesses.

Bounded for CI: a few dozen examples per shape, no deadline (hypothesis: derandomized, so a
failure reproduces).
"""

from __future__ import annotations

import io
import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook
from sqlalchemy import create_engine, func, select, text
from sqlalchemy.exc import OperationalError
from typer.testing import CliRunner

from planwatch.cli import app
from planwatch.store.models import AuditEntry, IndicatorRecord, ObservationRecord, TargetRecord

runner = CliRunner()
FUZZ = settings(
    max_examples=int(os.environ.get("PLANWATCH_FUZZ_EXAMPLES", "25")),
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

HEADER = [
    "指标编号",
    "指标名称",
    "单位",
    "年份",
    "数值",
    "口径",
    "状态",
    "来源",
    "备注",
    "模拟数据",
]
ROWS = [
    ["I005", "地区生产总值", "亿元", "2023", "880.5", "总量", "最终", "统计公报", "", ""],
    ["I005", "地区生产总值", "亿元", "2024", "930", "总量", "初步", "快报", "", ""],
    ["", "森林覆盖率", "%", "2023", "39.6", "", "最终", "林业局", "", ""],
]
# Cells an attacker or a careless user puts in a spreadsheet.
HOSTILE_CELLS = st.sampled_from(
    [
        "1e30", "1E+25", "-1e999999", "NaN", "Infinity", "1,2,3", "99999999999999999999.9999999",
        "0.0000000001", "\x00", "\x01名称", "=1+1", '=HYPERLINK("http://x")', "@SUM(A1)", "",
        "9223372036854775808", "二〇二三", "2023.5", "１２３", "森林\x00覆盖率", "\ufeff", "😀",
        "a" * 5000, "第100000000章",
    ]
)  # fmt: skip


def _csv(rows: list[list[str]]) -> bytes:
    lines = [",".join('"' + c.replace('"', '""') + '"' for c in row) for row in rows]
    return ("\n".join(lines) + "\n").encode("utf-8")


def _xlsx(rows: list[list[object]]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in rows:
        sheet.append([_xlsx_cell(cell) for cell in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _xlsx_cell(cell: object) -> object:
    if isinstance(cell, str):  # what openpyxl cannot write at all stands in as its repr
        return cell if all(c >= " " or c in "\t\n\r" for c in cell) else repr(cell)
    return cell


@st.composite
def mutated_rows(draw: st.DrawFn) -> list[list[str]]:
    rows = [list(HEADER), *(list(r) for r in ROWS)]
    for _ in range(draw(st.integers(0, 6))):
        row = draw(st.integers(0, len(rows) - 1))
        column = draw(st.integers(0, len(HEADER) - 1))
        rows[row][column] = draw(HOSTILE_CELLS | st.text(max_size=20))
    if draw(st.booleans()):
        rows.extend(rows[1:] * draw(st.integers(1, 3)))  # duplicated lines
    if draw(st.booleans()):
        rows = rows[: draw(st.integers(0, len(rows)))]
    return rows


@st.composite
def mutated_bytes(draw: st.DrawFn, base: bytes) -> bytes:
    data = bytearray(base)
    for _ in range(draw(st.integers(0, 8))):
        if not data:
            break
        position = draw(st.integers(0, len(data) - 1))
        data[position] = draw(st.integers(0, 255))  # a flipped byte
    if draw(st.booleans()):
        data = data[: draw(st.integers(0, len(data)))]  # truncated
    return bytes(data)


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def database(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """The sample plan in a database of each kind (PostgreSQL: a schema of its own)."""
    if request.param == "sqlite":
        yield from _with_sample(f"sqlite:///{tmp_path_factory.mktemp('fuzz') / 'pw.sqlite3'}")
    else:
        yield from _postgres_schema()


def _postgres_schema() -> Iterator[str]:
    """A schema of its own on the test server (as tests/conftest.py makes them), dropped after."""
    server = os.environ.get(
        "PLANWATCH_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
    )
    schema = f"fuzz_{uuid.uuid4().hex[:12]}"
    admin = create_engine(server)
    try:
        with admin.begin() as connection:
            connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    except OperationalError as error:
        admin.dispose()
        if os.environ.get("CI"):
            raise
        pytest.skip(f"PostgreSQL not reachable at {server}: {error}")
    try:
        yield from _with_sample(f"{server}?options=-csearch_path%3D{schema},public")
    finally:
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def _with_sample(url: str) -> Iterator[str]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PLANWATCH_DATABASE_URL", url)
        patch.setenv("PLANWATCH_USER", "规划科")
        result = runner.invoke(app, ["sample"])
        assert result.exit_code == 0, result.output
        yield url


def _snapshot(url: str) -> tuple[object, ...]:
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return tuple(
                connection.scalar(select(func.count()).select_from(table))
                for table in (ObservationRecord, AuditEntry, IndicatorRecord, TargetRecord)
            ) + tuple(connection.execute(select(IndicatorRecord.name, IndicatorRecord.unit)).all())
    finally:
        engine.dispose()


def _import(database: str, path: Path, *command: str) -> None:
    before = _snapshot(database)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PLANWATCH_DATABASE_URL", database)
        patch.setenv("PLANWATCH_USER", "规划科")
        result = runner.invoke(app, [*command, str(path)])
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    assert result.exit_code in (0, 2), result.output
    if result.exit_code == 2:
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("planwatch: "), result.stderr
        assert result.stdout == ""
        assert _snapshot(database) == before, "a failed import changed the database"
    else:
        assert result.stderr == ""
        with pytest.MonkeyPatch.context() as patch:  # whatever landed, the plan still assesses
            patch.setenv("PLANWATCH_DATABASE_URL", database)
            assessed = runner.invoke(app, ["assess", "--format", "json"])
        assert assessed.exit_code == 0, assessed.output


@FUZZ
@given(rows=mutated_rows(), kind=st.sampled_from(["csv", "xlsx"]))
def test_fuzzed_cells_of_an_observation_import(
    database: str, tmp_path: Path, rows: list[list[str]], kind: str
) -> None:
    path = tmp_path / f"data.{kind}"
    path.write_bytes(_csv(rows) if kind == "csv" else _xlsx(rows))  # type: ignore[arg-type]
    _import(database, path, "observe", "import")


@FUZZ
@given(data=mutated_bytes(_csv([HEADER, *ROWS])))
def test_fuzzed_bytes_of_a_csv_import(database: str, tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "data.csv"
    path.write_bytes(data)
    _import(database, path, "observe", "import")


@FUZZ
@given(data=mutated_bytes(_xlsx([HEADER, *ROWS])))  # type: ignore[list-item]
def test_fuzzed_bytes_of_an_xlsx_import(database: str, tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "data.xlsx"
    path.write_bytes(data)
    _import(database, path, "observe", "import")


TABLE = [
    ["指标", "单位", "2020年", "2025年", "属性"],
    ["地区生产总值", "亿元", "616.36", "900", "预期性"],
]


@FUZZ
@given(
    cells=st.lists(HOSTILE_CELLS | st.text(max_size=12), min_size=1, max_size=4),
    kind=st.sampled_from(["csv", "xlsx"]),
)
def test_fuzzed_main_indicator_table(
    database: str, tmp_path: Path, cells: list[str], kind: str
) -> None:
    rows = [list(TABLE[0]), list(TABLE[1])]
    for index, cell in enumerate(cells):
        rows[1][index % 5] = cell
    path = tmp_path / f"table.{kind}"
    path.write_bytes(_csv(rows) if kind == "csv" else _xlsx(rows))  # type: ignore[arg-type]
    _import(database, path, "indicator", "import-table")
