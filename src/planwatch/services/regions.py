"""Use case: regions — 国家, 省, 市, 县区, 乡镇 — set on import and edited by people.

A plan's region is proposed from its title (泸州市江阳区 → 县区) and may be given outright
(``--region``, ``--level``, ``--parent``). Nothing is guessed silently: an unknown level, a
level that contradicts the name or the region already stored, or a parent that is not a
higher level is refused with a message naming the region.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from planwatch.errors import InvalidInput
from planwatch.extract.metadata import region_level
from planwatch.store.models import Region

LEVELS = ("国家", "省", "市", "县区", "乡镇")  # from the top down
LEVEL_WORDS = {
    "国家": "国家", "全国": "国家", "nation": "国家",
    "省": "省", "省级": "省", "自治区": "省", "直辖市": "省", "province": "省",
    "市": "市", "市级": "市", "地级市": "市", "州": "市", "city": "市",
    "县区": "县区", "县": "县区", "区": "县区", "县级": "县区", "county": "县区",
    "乡镇": "乡镇", "乡": "乡镇", "镇": "乡镇", "街道": "乡镇", "town": "乡镇",
}  # fmt: skip


def level_word(text: str) -> str:
    """A level as people write it, in the stored vocabulary.

    >>> level_word("省级"), level_word("county")
    ('省', '县区')
    """
    level = LEVEL_WORDS.get(text.strip())
    if level is None:
        raise InvalidInput(f"地区级别「{text}」无法识别,应为 {'、'.join(LEVELS)} 之一")
    return level


def resolve_region(
    session: Session,
    name: str,
    level: str | None = None,
    parent: str | None = None,
) -> Region:
    """The region of that name, created when new; checks level and parent against it."""
    name = name.strip()
    if not name or len(name) > 100:
        raise InvalidInput(f"地区名称「{name}」无效")
    wanted = level_word(level) if level else None
    found = session.scalars(select(Region).where(Region.name == name)).first()
    if found is not None:
        if wanted and wanted != found.level:
            raise InvalidInput(f"地区「{name}」已登记为{found.level}级,与指定的「{wanted}」矛盾")
        if parent is not None:
            _set_parent(session, found, parent)
        return found
    named = region_level(name)
    if wanted is None and named is None:
        raise InvalidInput(f"无法从名称判断地区「{name}」的级别,请用 --level 指定")
    if wanted and named and wanted != named and not _plausible(name, wanted):
        raise InvalidInput(f"地区「{name}」的名称像{named}级,与指定的「{wanted}」矛盾")
    region = Region(name=name, level=wanted or named or "")
    session.add(region)
    if parent is not None:
        _set_parent(session, region, parent)
    session.flush()
    return region


def _plausible(name: str, level: str) -> bool:
    """Names that do not tell their level: 重庆市 is a province-level city, 某某州 a city."""
    return level in ("省", "市") and name.endswith("市")


def _set_parent(session: Session, region: Region, parent_name: str) -> None:
    parent = resolve_region(session, parent_name)
    if parent.id is not None and parent.id == region.id:
        raise InvalidInput(f"地区「{region.name}」不能是自己的上级")
    if LEVELS.index(parent.level) >= LEVELS.index(region.level):
        raise InvalidInput(
            f"上级地区「{parent.name}」({parent.level})的级别不高于「{region.name}」({region.level})"
        )
    region.parent = parent


def ancestors(region: Region) -> list[Region]:
    """The region's parents, nearest first (a cycle stops the walk)."""
    out: list[Region] = []
    current = region.parent
    while current is not None and current not in out and current is not region:
        out.append(current)
        current = current.parent
    return out
