"""A failure prints one line, `planwatch: …`, and nothing a library logged or warned first.

Run in a fresh process: pytest's own log handlers would hide what Python prints when no
handler is configured, which is the case this guards against.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

RUN = "import sys; from planwatch.cli import main; sys.argv[0] = 'planwatch'; main()"


@pytest.mark.parametrize(
    ("name", "data"),
    [
        pytest.param("plan.pdf", bytes(range(256)) * 16, id="pdf-extension-binary-content"),
        pytest.param("plan.docx", b"\x01\x02" * 3000, id="docx-extension-binary-content"),
    ],
)
def test_failure_output_is_one_line(tmp_path: Path, name: str, data: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    result = subprocess.run(
        [sys.executable, "-c", RUN, "extract", str(path)],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("planwatch: "), result.stderr
    assert result.stdout == ""
