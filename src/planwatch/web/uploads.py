"""Reading an uploaded file without trusting its size."""

from __future__ import annotations

from fastapi import UploadFile

from planwatch.errors import InvalidInput

CHUNK = 1024 * 1024


async def read_upload(
    file: UploadFile, max_bytes: int, *, too_large: type[InvalidInput] = InvalidInput
) -> bytes:
    """The upload's bytes; refused as soon as it passes ``max_bytes``, before it is all read.

    ``too_large`` is the error raised then: evidence files pass FileTooLarge (a 413).
    """
    chunks: list[bytes] = []
    size = 0
    while chunk := await file.read(CHUNK):
        size += len(chunk)
        if size > max_bytes:
            name = file.filename or "上传的文件"
            raise too_large(f"{name}: 文件超过 {max_bytes / 1024 / 1024:.1f} MB 上限")
        chunks.append(chunk)
    return b"".join(chunks)
