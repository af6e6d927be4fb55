"""Files of a few bytes that look like the start of a UTF-8 character never crash the
reader: they are decoded (some other encoding fits them) or refused as unreadable."""

from __future__ import annotations

from pathlib import Path

import pytest

from planwatch.errors import UnreadableDocument
from planwatch.read import read_document


@pytest.mark.parametrize("data", [b"\xff", b"\xe8", b"\xe8\xa7", b"\xf0\x9f\x98"], ids=repr)
def test_a_tiny_file_is_read_or_refused(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "plan.txt"
    path.write_bytes(data)
    try:
        document = read_document(path, max_bytes=1024)
    except UnreadableDocument as error:
        assert str(error).startswith(str(path))
    else:
        assert 0 < len(document.text) <= len(data)
