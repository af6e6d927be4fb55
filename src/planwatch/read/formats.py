"""Tell a document's format from its content, with the file extension only as a tiebreaker.

Content wins: a ``.docx`` file that holds plain text is read as text, and a ``.txt`` file
that holds an HTML page is read as HTML. The extension decides only where the content
cannot: an HTML fragment without ``<html>`` or ``<body>`` in a ``.html`` file, and which
message to give when the content is not text at all.
"""

import io
import logging
import re
import zipfile

from planwatch.domain.document import DocumentFormat
from planwatch.errors import UnreadableDocument
from planwatch.read.docx import ZIP_ERRORS
from planwatch.read.encoding import NOT_TEXT, bom_encoding

logger = logging.getLogger(__name__)

SUFFIX_FORMATS: dict[str, DocumentFormat] = {
    ".txt": DocumentFormat.TXT,
    ".text": DocumentFormat.TXT,
    ".md": DocumentFormat.TXT,
    ".docx": DocumentFormat.DOCX,
    ".pdf": DocumentFormat.PDF,
    ".html": DocumentFormat.HTML,
    ".htm": DocumentFormat.HTML,
}
SUPPORTED = "支持 .txt .docx .pdf .html"
LEGACY_OFFICE = "不支持旧版 Office 格式（.doc/.xls），请另存为 .docx 后再读取"

_ZIP_MAGIC = b"PK\x03\x04"
_PDF_MAGIC = b"%PDF-"
_PDF_HEADER_WINDOW = 1024  # PDF readers accept junk before the header, up to 1 KB
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy .doc / .xls / .ppt
_SNIFF_BYTES = 4096
_BODY_TAG = re.compile(rb"<body[\s>]", re.IGNORECASE)
# Folders that name the Office application of an Open XML package.
_OFFICE_FOLDERS = {"xl/": "Excel 工作簿（.xlsx）", "ppt/": "PowerPoint 演示文稿（.pptx）"}


def detect_format(data: bytes, suffix: str, name: str) -> DocumentFormat:
    """The format ``data`` is in; raise UnreadableDocument for a type planwatch cannot read.

    >>> detect_format(b"%PDF-1.7 ...", ".txt", "plan.txt")
    <DocumentFormat.PDF: 'pdf'>
    >>> detect_format("<html><body>规划</body></html>".encode(), "", "plan")
    <DocumentFormat.HTML: 'html'>
    >>> detect_format("第一章".encode(), ".docx", "plan.docx")
    <DocumentFormat.TXT: 'txt'>
    """
    suffix = suffix.lower()
    if data.startswith(_ZIP_MAGIC):
        found = _zip_format(data, suffix, name)
    elif _PDF_MAGIC in data[:_PDF_HEADER_WINDOW]:
        found = DocumentFormat.PDF
    elif data.startswith(_OLE_MAGIC):
        raise UnreadableDocument(name, LEGACY_OFFICE)
    elif _looks_like_html(data, suffix):
        found = DocumentFormat.HTML
    else:
        found = DocumentFormat.TXT
    expected = SUFFIX_FORMATS.get(suffix)
    if expected is not None and expected is not found:
        logger.warning("%s: extension %s, but the content is %s", name, suffix, found.value)
    return found


def not_text_problem(suffix: str) -> str:
    """What to tell the user when content without a known signature does not decode as text.

    >>> not_text_problem(".xyz")
    '不支持的文件类型 .xyz（支持 .txt .docx .pdf .html）'
    """
    suffix = suffix.lower()
    if suffix and suffix not in SUFFIX_FORMATS:
        return f"不支持的文件类型 {suffix}（{SUPPORTED}）"
    if suffix in (".docx", ".pdf"):
        kind = suffix[1:].upper()
        return f"扩展名是 {suffix}，但内容不是 {kind} 文件，也不是文本（文件可能已损坏）"
    return NOT_TEXT


def _zip_format(data: bytes, suffix: str, name: str) -> DocumentFormat:
    """DOCX for a Word package, or for any damaged archive that looks like one."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = archive.namelist()
    except (*ZIP_ERRORS, ValueError):
        if suffix == ".docx" or b"word/" in data:
            return DocumentFormat.DOCX  # the DOCX reader names the damage
        raise UnreadableDocument(name, "ZIP 压缩文件已损坏，也不是可识别的 DOCX 文档") from None
    if suffix == ".docx" or any(member.startswith("word/") for member in names):
        return DocumentFormat.DOCX
    for folder, kind in _OFFICE_FOLDERS.items():
        if any(member.startswith(folder) for member in names):
            raise UnreadableDocument(name, f"不支持的文件类型：{kind}（{SUPPORTED}）")
    raise UnreadableDocument(name, f"不支持的文件类型：ZIP 压缩包，不是 DOCX 文档（{SUPPORTED}）")


def _looks_like_html(data: bytes, suffix: str) -> bool:
    encoding = bom_encoding(data)
    if encoding in ("utf-16", "utf-32"):
        head = data[: _SNIFF_BYTES * 2].decode(encoding, errors="ignore")
    else:  # every ASCII-compatible encoding spells the tags the same way
        head = data[:_SNIFF_BYTES].decode("latin-1")
    head = head.lstrip("\ufeff\xef\xbb\xbf \t\r\n\f").lower()
    if head.startswith(("<!doctype html", "<html")):
        return True
    if head.startswith("<?xml") and "<html" in head:  # XHTML
        return True
    if suffix in (".html", ".htm") and head.startswith("<"):
        return True
    return "<body" in head or _BODY_TAG.search(data) is not None
