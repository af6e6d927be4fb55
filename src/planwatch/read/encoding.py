"""Decode the bytes of a plain-text document, detecting the encoding instead of assuming it.

Detection order: byte-order mark → NUL bytes (UTF-16 without BOM, else binary) → strict UTF-8
→ strict GB18030, Big5 and UTF-16, scored by how many of their characters are common hanzi →
charset-normalizer. The text is never rewritten: line endings stay as they are and only a BOM
is dropped, so ``data.decode(encoding) == text`` holds for the codec name returned.
"""

import codecs
import logging
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache

import charset_normalizer

from planwatch.errors import UnreadableDocument

logger = logging.getLogger(__name__)

NOT_TEXT = "不是可识别的文本编码（可能是二进制文件）"

# Longest first: the UTF-32-LE mark begins with the UTF-16-LE one.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Tried when UTF-8 fails, scored by hanzi_score; on equal scores the earlier one wins.
# UTF-16 text of hanzi only has no NUL bytes to give it away, so it competes here too,
# but only with a high score: pairs of ASCII bytes read as UTF-16 make CJK characters.
_CJK_CANDIDATES = ("gb18030", "big5", "utf-16-le", "utf-16-be")
_CHINESE = frozenset({"gb18030", "big5"})
_MIN_UTF16_SCORE = 0.6
# Share of characters that may be unassigned, private-use or non-whitespace controls
# before the decoded text counts as binary data.
_MAX_ODD_SHARE = 0.05
_TEXT_CONTROLS = frozenset("\t\n\r\f\v\x1c\x1d\x1e\x85")
_ODD_CATEGORIES = frozenset({"Cc", "Cn", "Co", "Cs"})
# Binary data and mojibake show themselves early; judging a prefix keeps huge texts fast.
_JUDGED_CHARS = 200_000
# A few stray NUL bytes in UTF-8 text (a bad export) do not make it UTF-16 or binary.
_MAX_STRAY_NUL_SHARE = 0.01
# Lead bytes of UTF-8 sequences and the length of the sequence each begins.
_UTF8_LEADS = ((0xC2, 0xDF, 2), (0xE0, 0xEF, 3), (0xF0, 0xF4, 4))
# Codecs that Python knows but no document is written in; "undefined" and "punycode"
# raise plain UnicodeError rather than decode.
_NOT_DOCUMENT_CODECS = frozenset(
    {"undefined", "punycode", "idna", "unicode-escape", "raw-unicode-escape", "utf-7"}
)
# Control characters that are not text layout: "\x01", NUL, DEL, C1 controls but NEL.
# Replaced by a space each, so every offset stays where it was.
_STRAY_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1b\x1f\x7f-\x84\x86-\x9f]")


@dataclass(frozen=True, slots=True)
class DecodedText:
    """Text decoded from bytes, with the Python codec name that decodes them exactly.

    ``cut_bytes`` counts the bytes of an incomplete character at the very end (a file
    truncated in the middle of a UTF-8 sequence), left out of ``text``.
    """

    text: str
    encoding: str
    cut_bytes: int = field(default=0, repr=False)


def document_codec(label: str) -> str | None:
    """The Python codec name for an encoding label, if documents are written in it.

    >>> document_codec("GBK"), document_codec("undefined"), document_codec("base64")
    ('gbk', None, None)
    """
    try:
        info = codecs.lookup(label)
    except (LookupError, ValueError):  # ValueError: a label with NUL in it
        return None
    if not getattr(info, "_is_text_encoding", True) or info.name in _NOT_DOCUMENT_CODECS:
        return None
    return info.name


def replace_controls(text: str) -> tuple[str, int]:
    """``text`` with each stray control character replaced by one space, and how many.

    Tab, line breaks, form feed and NEL are layout and stay; offsets do not move.

    >>> replace_controls("森林\\x00覆盖率\\x01\\n")
    ('森林 覆盖率 \\n', 2)
    """
    return _STRAY_CONTROL.subn(" ", text)


def bom_encoding(data: bytes) -> str | None:
    """The codec a byte-order mark at the start of ``data`` calls for, if any.

    >>> bom_encoding(b"\\xef\\xbb\\xbf\\xe7\\xac\\xac"), bom_encoding(b"plain")
    ('utf-8-sig', None)
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding
    return None


def decode_text(data: bytes, name: str) -> DecodedText:
    """Decode ``data``, detecting its encoding; raise UnreadableDocument for binary data.

    >>> decode_text("第一章 总体要求\\r\\n".encode("gb18030"), "plan.txt")
    DecodedText(text='第一章 总体要求\\r\\n', encoding='gb18030')
    >>> cut = decode_text("森林覆盖率".encode()[:-1], "cut.txt")
    >>> cut.text, cut.encoding, cut.cut_bytes
    ('森林覆盖', 'utf-8', 2)
    """
    cut = _utf8_cut(data)
    if cut:
        text = data[:-cut].decode("utf-8")
        if looks_like_text(text):
            logger.debug("%s: UTF-8 cut inside its last character (%d bytes)", name, cut)
            return DecodedText(text, "utf-8", cut)
    encoding = _detect(data, name)
    try:
        text = data.decode(encoding)
    except (UnicodeError, LookupError, ValueError) as error:
        logger.debug("%s: %s cannot decode the data: %s", name, encoding, error)
        raise UnreadableDocument(name, NOT_TEXT) from error
    if not looks_like_text(text):
        raise UnreadableDocument(name, NOT_TEXT)
    logger.debug("%s: decoded as %s", name, encoding)
    return DecodedText(text, encoding)


def decodes_strictly(data: bytes, encoding: str) -> bool:
    """Whether ``encoding`` decodes ``data`` without any error.

    >>> decodes_strictly(b"\\xff", "utf-8"), decodes_strictly("规划".encode(), "utf-8")
    (False, True)
    >>> decodes_strictly(b"abc", "undefined"), decodes_strictly(b"abc", "punycode")
    (False, False)
    """
    if document_codec(encoding) is None:
        return False
    try:
        data.decode(encoding)
    except (UnicodeError, LookupError, ValueError):  # "undefined" raises a plain UnicodeError
        return False
    return True


def looks_like_text(text: str) -> bool:
    """Whether few enough characters are controls, unassigned or private-use ones (in a prefix).

    >>> looks_like_text("到2025年\\n"), looks_like_text("\\x01\\x02\\x03a")
    (True, False)
    """
    sample = text[:_JUDGED_CHARS]
    # one category look-up per distinct character, then a count of the few odd ones
    odd_chars = [
        char
        for char in set(sample)
        if char not in _TEXT_CONTROLS and unicodedata.category(char) in _ODD_CATEGORIES
    ]
    odd = sum(sample.count(char) for char in odd_chars)
    return odd <= _MAX_ODD_SHARE * len(sample)


def hanzi_score(text: str) -> float:
    """Share of non-ASCII characters that are common hanzi or CJK punctuation (in a prefix).

    Text decoded with the wrong East Asian codec turns into rare characters, symbols and
    private-use code points, so it scores far lower than the right decoding.

    >>> hanzi_score("全区外贸进出口总额达到20亿元。"), hanzi_score("ASCII only")
    (1.0, 0.0)
    """
    common = _common_characters()
    wide = [char for char in text[:_JUDGED_CHARS] if ord(char) > 0x7F and not char.isspace()]
    if not wide:
        return 0.0
    return sum(1 for char in wide if char in common) / len(wide)


def _detect(data: bytes, name: str) -> str:
    """The codec name to decode ``data`` with."""
    if encoding := bom_encoding(data):
        return encoding
    if b"\x00" in data:
        if data.count(0) <= _MAX_STRAY_NUL_SHARE * len(data) and decodes_strictly(data, "utf-8"):
            return "utf-8"
        return _utf16_without_bom(data, name)
    if decodes_strictly(data, "utf-8"):
        return "utf-8"
    scored = []
    for rank, encoding in enumerate(_CJK_CANDIDATES):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        score = hanzi_score(text)
        if looks_like_text(text) and (score >= _MIN_UTF16_SCORE or encoding in _CHINESE):
            scored.append((score, -rank, encoding))
    if scored:
        return max(scored)[2]
    return _charset_normalizer_guess(data, name)


def _utf8_cut(data: bytes) -> int:
    """Bytes of an incomplete UTF-8 character at the end of otherwise valid UTF-8, or 0.

    >>> _utf8_cut("规划".encode()[:-1]), _utf8_cut("规划".encode()), _utf8_cut(b"\\xff\\xe8")
    (2, 0, 0)
    >>> _utf8_cut(b"\\xff"), _utf8_cut(b"\\xe8\\xa7")  # shorter than the cut looked at
    (0, 0)
    """
    if not data or data[-1] < 0x80 or decodes_strictly(data, "utf-8"):
        return 0
    for cut in range(1, min(3, len(data)) + 1):
        lead = data[-cut]
        needs = (
            2
            if 0xC2 <= lead <= 0xDF
            else 3
            if 0xE0 <= lead <= 0xEF
            else 4
            if 0xF0 <= lead <= 0xF4
            else 0
        )
        if needs:
            if cut < needs and decodes_strictly(data[:-cut], "utf-8") and data[:-cut].strip():
                return cut
            return 0
    return 0


def _utf16_without_bom(data: bytes, name: str) -> str:
    """The UTF-16 byte order that reads ``data`` as text; binary data when neither does.

    The right order decodes to common hanzi, the wrong one to rare characters. Without hanzi
    to judge by, the NUL bytes decide: ASCII characters put them on the high-byte side.
    """
    if len(data) % 2:
        raise UnreadableDocument(name, NOT_TEXT)
    high_byte_nuls = {"utf-16-le": data[1::2].count(0), "utf-16-be": data[0::2].count(0)}
    scored = []
    for encoding, nuls in high_byte_nuls.items():
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if looks_like_text(text):
            scored.append((hanzi_score(text), nuls, encoding))
    if not scored:
        raise UnreadableDocument(name, NOT_TEXT)
    return max(scored)[2]


def _charset_normalizer_guess(data: bytes, name: str) -> str:
    best = charset_normalizer.from_bytes(data).best()
    if best is None:
        raise UnreadableDocument(name, NOT_TEXT)
    encoding = codecs.lookup(best.encoding).name
    logger.info("%s: no UTF or Chinese encoding fits; charset-normalizer says %s", name, encoding)
    return encoding


@cache
def _common_characters() -> frozenset[str]:
    """GB2312 level-1 hanzi, Big5 frequent hanzi, and the punctuation rows of both."""
    gb2312 = range(0xA1, 0xFF)
    big5 = [*range(0x40, 0x7F), *range(0xA1, 0xFF)]
    return frozenset(
        _decode_pairs("gb2312", range(0xB0, 0xD8), gb2312)
        | _decode_pairs("gb2312", (0xA1, 0xA3), gb2312)
        | _decode_pairs("big5", range(0xA4, 0xC7), big5)
        | _decode_pairs("big5", (0xA1,), big5)
    )


def _decode_pairs(encoding: str, leads: Iterable[int], trails: Iterable[int]) -> set[str]:
    trail_bytes = list(trails)
    chars: set[str] = set()
    for lead in leads:
        for trail in trail_bytes:
            try:
                chars.add(bytes((lead, trail)).decode(encoding))
            except UnicodeDecodeError:
                continue
    return chars
