"""Reading an uploaded file without trusting its size."""

from __future__ import annotations

from fastapi import UploadFile

from planwatch.errors import InvalidInput

CHUNK = 1024 * 1024


async def read_upload(file: UploadFile, max_bytes: int) -> bytes:
    """The upload's bytes; refused as soon as it passes ``max_bytes``, before it is all read."""
    chunks: list[bytes] = []
    size = 0
    while chunk := await file.read(CHUNK):
        size += len(chunk)
        if size > max_bytes:
            name = file.filename or "上传的文件"
            raise InvalidInput(f"{name}: 文件超过 {max_bytes / 1024 / 1024:.1f} MB 上限")
        chunks.append(chunk)
    return b"".join(chunks)
