"""Use case: the indicator catalogue and the series that hold statistics (docs/data.md).

A catalogue entry is an indicator as statistics know it (地区生产总值), whatever a plan
calls it (GDP, 生产总值, 全区地区生产总值); its aliases come from ``vocab/aliases.yaml`` and
from people. A series is a region × a catalogue entry × a unit (× a scope narrower than the
region, such as a park): every plan of that region that states the indicator shares it, so
the 14th plan's final values are the 15th plan's baselines.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from planwatch.extract.aliases import canonical_name, synonyms
from planwatch.extract.units import read_unit
from planwatch.store.models import CatalogueAlias, CatalogueIndicator, Region, Series

_WHOLE_REGION_MAX = 3  # 全区, 全市, 全省: the whole region, not a narrower scope


def unit_family(unit: str) -> str:
    """The base unit a unit measures in: 亿元 → 元, 万人 → 人, % → %.

    >>> unit_family("亿元"), unit_family("万亩"), unit_family("%")
    ('元', '亩', '%')
    """
    reading = read_unit(unit)
    return (reading.base if reading and reading.unit else unit)[:20]


def series_scope(scope: str | None) -> str:
    """The scope a series is kept for: "" for the whole region (全区, 全市 …), else the scope.

    >>> series_scope("全区"), series_scope(None), series_scope("江南科技产业园")
    ('', '', '江南科技产业园')
    """
    if not scope or (scope.startswith("全") and len(scope) <= _WHOLE_REGION_MAX):
        return ""
    return scope


def catalogue_entry(session: Session, name: str, unit: str) -> CatalogueIndicator:
    """The catalogue entry an indicator name denotes, created (with its synonyms) on first use."""
    canonical = canonical_name(name)
    alias = session.scalars(
        select(CatalogueAlias).where(CatalogueAlias.name.in_({canonical, name.strip()}))
    ).first()
    if alias is not None:
        return alias.entry
    entry = session.scalars(
        select(CatalogueIndicator).where(CatalogueIndicator.name == canonical)
    ).first()
    if entry is None:
        entry = CatalogueIndicator(name=canonical, unit_family=unit_family(unit), definition="")
        taken = set(
            session.scalars(
                select(CatalogueAlias.name).where(CatalogueAlias.name.in_(synonyms(canonical)))
            )
        )
        entry.aliases = [
            CatalogueAlias(name=n) for n in dict.fromkeys((canonical, *synonyms(canonical)))
            if n not in taken
        ]  # fmt: skip
        session.add(entry)
        session.flush()
    return entry


def series_for(
    session: Session, region: Region | None, name: str, unit: str, scope: str | None
) -> Series:
    """The series of an indicator name in a region, created on first use.

    Without a known region the series is the plan's own (a new one each time it is asked
    for from a new indicator), so statistics of two unknown regions never mix.
    """
    entry = catalogue_entry(session, name, unit)
    narrowed = series_scope(scope)
    if region is not None:
        found = session.scalars(
            select(Series).where(
                Series.region_id == region.id,
                Series.catalogue_id == entry.id,
                Series.unit == unit,
                Series.scope == narrowed,
            )
        ).first()
        if found is not None:
            return found
    series = Series(region=region, catalogue=entry, unit=unit, scope=narrowed)
    session.add(series)
    session.flush()
    return series
