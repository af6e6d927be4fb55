"""Chinese fonts: one for the charts (which must have CJK glyphs), and the ones a DOCX names.

Charts are drawn on this machine, so they need a CJK font installed here; without one they
would show boxes instead of characters, so :func:`chart_font` raises :class:`MissingFont`
instead. A DOCX only names its fonts, and the reader's Word draws them: it always names the
official-document ones (仿宋_GB2312 body, 黑体 level-1 headings, 楷体_GB2312 level-2 headings,
方正小标宋简体 title), whatever this machine has, and :attr:`DocumentFonts.fallbacks` notes the
ones not installed here (a PDF converted on this machine shows a substitute for them).
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from functools import cache

from planwatch.errors import PlanwatchError

log = logging.getLogger(__name__)

CHART_FONTS = (
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "Noto Serif CJK SC",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
    "Microsoft YaHei",
    "SimHei",
    "SimSun",
    "FangSong",
    "AR PL UMing CN",
    "AR PL UKai CN",
    "Noto Sans CJK TC",
    "Noto Sans CJK JP",
)
# Font files worth registering when matplotlib's cache predates their installation.
CJK_FILE = re.compile(r"cjk|wqy|wenquanyi|sourcehan|simhei|simsun|simfang|msyh|uming|ukai", re.I)
INSTALL_HINT = "请安装中文字体后重试(Debian/Ubuntu:apt-get install fonts-noto-cjk)"


class MissingFont(PlanwatchError):
    """No CJK font is installed: charts cannot be drawn without boxes instead of characters."""


@dataclass(frozen=True, slots=True)
class Role:
    """A font a DOCX names for one role: the official name first, with the names it is
    installed under; ``fallback`` is what a machine without it is likely to show."""

    name: str  # what the role is, for the message
    official: tuple[tuple[str, tuple[str, ...]], ...]  # (name in the DOCX, installed names)
    fallback: str


ROLES = {
    "body": Role(
        "正文仿宋",
        (
            ("仿宋_GB2312", ("仿宋_GB2312", "FangSong_GB2312")),
            ("仿宋", ("仿宋", "FangSong", "STFangsong", "FZFangSong-Z02S")),
        ),
        "Noto Serif CJK SC",
    ),
    "heading": Role("一级标题黑体", (("黑体", ("黑体", "SimHei", "STHeiti")),), "Noto Sans CJK SC"),
    "subheading": Role(
        "二级标题楷体",
        (
            ("楷体_GB2312", ("楷体_GB2312", "KaiTi_GB2312")),
            ("楷体", ("楷体", "KaiTi", "STKaiti", "AR PL UKai CN")),
        ),
        "Noto Serif CJK SC",
    ),
    "title": Role(
        "标题小标宋",
        (
            ("方正小标宋简体", ("方正小标宋简体", "FZXiaoBiaoSong-B05S")),
            ("华文中宋", ("华文中宋", "STZhongsong")),
            ("宋体", ("宋体", "SimSun")),
        ),
        "Noto Serif CJK SC",
    ),
}


@dataclass(frozen=True, slots=True)
class DocumentFonts:
    """The east-Asian font names a DOCX uses, and a note for each role that fell back."""

    body: str
    heading: str
    subheading: str
    title: str
    latin: str = "Times New Roman"
    fallbacks: tuple[str, ...] = ()


@cache
def installed_families() -> frozenset[str]:
    """Font family names matplotlib finds on this machine, read once per process.

    When matplotlib's cached font list has no CJK family (it may predate the installation of
    fonts-noto-cjk), the system's CJK font files are registered and the list read again.
    """
    from matplotlib import font_manager

    families = frozenset(entry.name for entry in font_manager.fontManager.ttflist)
    if _first_chart_font(families) is not None:
        return families
    for path in font_manager.findSystemFonts():
        if CJK_FILE.search(path):
            try:
                font_manager.fontManager.addfont(path)
            except (OSError, RuntimeError, ValueError) as error:
                log.debug("skipping font %s: %s", path, error)
    return frozenset(entry.name for entry in font_manager.fontManager.ttflist)


def _first_chart_font(families: frozenset[str]) -> str | None:
    return next((name for name in CHART_FONTS if name in families), None)


def chart_font(families: frozenset[str] | None = None) -> str:
    """The CJK family the charts use; :class:`MissingFont` when there is none.

    >>> chart_font(frozenset({"DejaVu Sans", "Noto Sans CJK SC"}))
    'Noto Sans CJK SC'
    """
    name = _first_chart_font(families if families is not None else installed_families())
    if name is None:
        raise MissingFont(f"找不到中文字体,无法绘制图表(图中文字会显示为方框)。{INSTALL_HINT}")
    return name


def document_fonts(families: frozenset[str] | None = None) -> DocumentFonts:
    """The official fonts, always; a note for each one not installed on this machine.

    >>> fonts = document_fonts(frozenset({"FangSong_GB2312", "SimHei"}))
    >>> fonts.body, fonts.heading, fonts.subheading, fonts.title
    ('仿宋_GB2312', '黑体', '楷体_GB2312', '方正小标宋简体')
    >>> fonts.fallbacks[0].startswith("本机未安装二级标题楷体字体(楷体_GB2312),文档仍指定该字体")
    True
    """
    found = families if families is not None else installed_families()
    chosen: dict[str, str] = {}
    notes: list[str] = []
    for key, role in ROLES.items():
        official, names = role.official[0]
        chosen[key] = official
        if not set(names) & found:
            notes.append(
                f"本机未安装{role.name}字体({official}),文档仍指定该字体,"
                f"本机转换的 PDF 以 {role.fallback} 代替"
            )
    return DocumentFonts(fallbacks=tuple(notes), **chosen)
