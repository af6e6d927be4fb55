"""Read a plan document (txt, docx, pdf, html) into decoded text, and nothing else.

Every offset other parts of planwatch report indexes ``Document.text``, so a reader never
rewrites the text it decodes: line endings and characters stay as they are; only a byte-order
mark is dropped. Anything wrong with the input becomes ``UnreadableDocument`` with a short
Simplified Chinese message; no library exception escapes for bad input.
"""

import hashlib
import logging
import stat
from pathlib import Path, PurePath

from planwatch.domain.document import Document, DocumentFormat, Source
from planwatch.domain.issue import Issue
from planwatch.errors import UnreadableDocument
from planwatch.read.docx import read_docx
from planwatch.read.encoding import DecodedText, decode_text, replace_controls
from planwatch.read.formats import detect_format, not_text_problem
from planwatch.read.html import read_html
from planwatch.read.pdf import read_pdf

__all__ = ["read_bytes", "read_document"]

logger = logging.getLogger(__name__)

EMPTY_FILE = "文件为空"
NO_TEXT = "文档中没有文字"


def read_document(path: Path, *, max_bytes: int) -> Document:
    """Read the document at ``path``; refuse files larger than ``max_bytes`` before reading.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     plan = Path(folder) / "plan.txt"
    ...     _ = plan.write_bytes("第一章 规划背景\\r\\n".encode("gb18030"))
    ...     document = read_document(plan, max_bytes=1024)
    >>> document.text, document.source.encoding, document.source.chars
    ('第一章 规划背景\\r\\n', 'gb18030', 10)
    """
    name = str(path)
    try:
        status = path.stat()
        if stat.S_ISDIR(status.st_mode):
            raise UnreadableDocument(name, "这是一个文件夹，不是文件")
        if not stat.S_ISREG(status.st_mode):  # a device or a pipe would never end or block
            raise UnreadableDocument(name, "不是普通文件（可能是设备或管道）")
        _check_size(status.st_size, max_bytes, name)
        with path.open("rb") as file:
            data = file.read(max_bytes + 1)  # the file may have grown since stat()
    except FileNotFoundError as error:
        raise UnreadableDocument(name, "文件不存在") from error
    except PermissionError as error:
        raise UnreadableDocument(name, "没有读取该文件的权限") from error
    except OSError as error:
        raise UnreadableDocument(name, f"无法读取文件（{error.strerror or error}）") from error
    _check_size(len(data), max_bytes, name)
    return _read(data, name)


def read_bytes(data: bytes, *, name: str, max_bytes: int) -> Document:
    """Read a document held in memory, e.g. an upload; ``name`` labels messages and the source.

    >>> read_bytes("<p>第一章</p>".encode(), name="plan.html", max_bytes=1024).source.format
    <DocumentFormat.HTML: 'html'>
    """
    _check_size(len(data), max_bytes, name)
    return _read(data, name)


def _read(data: bytes, name: str) -> Document:
    if not data:
        raise UnreadableDocument(name, EMPTY_FILE)
    suffix = PurePath(name).suffix.lower()
    format_ = detect_format(data, suffix, name)
    decoded = _decode(data, format_, suffix, name)
    text, replaced = replace_controls(decoded.text)
    if not text.strip():
        raise UnreadableDocument(name, NO_TEXT)
    source = Source(
        path=name,
        sha256=hashlib.sha256(data).hexdigest(),
        format=format_,
        encoding=decoded.encoding,
        chars=len(text),
    )
    logger.info("%s: read %s, %s, %d characters", name, format_.value, decoded.encoding,
                source.chars)  # fmt: skip
    return Document(text, source, _reading_issues(text, decoded.cut_bytes, replaced))


def _reading_issues(text: str, cut_bytes: int, replaced: int) -> tuple[Issue, ...]:
    """What decoding changed, as issues: a cut last character, replaced control characters.

    >>> [i.code for i in _reading_issues("a\\nb", 2, 1)]
    ['control_characters', 'truncated_text']
    """
    issues = []
    if replaced:
        issues.append(
            Issue("control_characters", f"文本中有 {replaced} 个控制字符,已替换为空格", line=None)
        )
    if cut_bytes:
        end = len(text)
        issues.append(
            Issue(
                "truncated_text",
                f"文件在最后一个字符中间被截断,末尾 {cut_bytes} 个字节无法解码,已忽略",
                line=text.count("\n") + 1,
                span=(end, end),
            )
        )
    return tuple(issues)


def _decode(data: bytes, format_: DocumentFormat, suffix: str, name: str) -> DecodedText:
    """The text of ``data``; ``encoding`` is empty for DOCX and PDF, whose container decides."""
    match format_:
        case DocumentFormat.DOCX:
            return DecodedText(read_docx(data, name), "")
        case DocumentFormat.PDF:
            return DecodedText(read_pdf(data, name), "")
        case DocumentFormat.HTML:
            return read_html(data, name)
        case DocumentFormat.TXT:
            try:
                return decode_text(data, name)
            except UnreadableDocument as error:
                raise UnreadableDocument(name, not_text_problem(suffix)) from error


def _check_size(size: int, max_bytes: int, name: str) -> None:
    if size > max_bytes:
        raise UnreadableDocument(
            name, f"文件大小 {_human_size(size)} 超过上限 {_human_size(max_bytes)}"
        )


def _human_size(size: int) -> str:
    """A byte count the way a user reads it.

    >>> _human_size(64_172_851), _human_size(52_428_800), _human_size(2048), _human_size(10)
    ('61.2 MB', '50.0 MB', '2.0 KB', '10 字节')
    """
    if size >= 1024 * 1024:
        return f"{size / 1024 / 1024:.1f} MB"
    if size >= 1024:
        return f"{size / 1024:.1f} KB"
    return f"{size} 字节"
