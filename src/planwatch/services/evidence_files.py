"""Evidence files (证明材料) shared by task and project progress reports.

The type is read from the content, not the name (pdf, png/jpeg/gif images, docx); the size
is limited (``Settings.max_evidence_bytes``); the file is kept with its sha256.
"""

from __future__ import annotations

import hashlib
import io
import zipfile
from dataclasses import dataclass

from planwatch.errors import FileTooLarge, InvalidInput

FILENAME_MAX_LENGTH = 200
# Magic numbers of the types evidence may have, checked against the content, not the name.
SIGNATURES = (
    (b"%PDF-", "application/pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
)
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@dataclass(frozen=True, slots=True)
class CheckedFile:
    """An evidence file that passed the checks: its clean name, type, size and sha256."""

    name: str
    media_type: str
    size: int
    sha256: str


def media_type(filename: str, data: bytes) -> str:
    """The type of an evidence file from its content; another type is InvalidInput.

    >>> media_type("a.pdf", b"%PDF-1.7 ..."), media_type("x.png", b"\\x89PNG\\r\\n\\x1a\\n...")
    ('application/pdf', 'image/png')
    """
    for magic, kind in SIGNATURES:
        if data.startswith(magic):
            return kind
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                if "word/document.xml" in archive.namelist():
                    return DOCX
        except zipfile.BadZipFile:
            pass
    raise InvalidInput(f"{filename}: 证明材料只能是 PDF、图片(PNG、JPEG、GIF)或 DOCX 文件")


def check_file(filename: str, data: bytes, max_bytes: int) -> CheckedFile:
    """Name, type, size and sha256 of an upload; InvalidInput (FileTooLarge) naming the file.

    >>> check_file("C:\\\\材料\\\\a.pdf", b"%PDF-1", 10).name
    'a.pdf'
    """
    name = (filename or "").strip().replace("\\", "/").rsplit("/", 1)[-1] or "证明材料"
    if len(name) > FILENAME_MAX_LENGTH:
        raise InvalidInput(f"文件名不能超过 {FILENAME_MAX_LENGTH} 个字符")
    if not data:
        raise InvalidInput(f"{name}: 文件为空")
    if len(data) > max_bytes:
        raise FileTooLarge(f"{name}: 文件大小 {len(data)} 字节,超过上限 {max_bytes} 字节")
    kind = media_type(name, data)
    return CheckedFile(name, kind, len(data), hashlib.sha256(data).hexdigest())
