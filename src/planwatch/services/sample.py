"""Use case: the bundled sample — the Jiangyang plan and the real values sourced for it.

The observations file (``data/samples/jiangyang-observations.csv``) lists values found in
official and press sources, each with its source and confidence. Rows of the plan's own
region become observations of the matching indicator (synonyms allowed: 地区生产总值 is the
plan's GDP); a value with no target in the plan becomes a monitoring-only indicator; rows
about another region (the city above) are left for plan alignment and only counted.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from importlib import resources

from sqlalchemy.orm import Session

from planwatch.extract.aliases import canonical_name, same_name
from planwatch.extract.vocabulary import load_vocabulary
from planwatch.read import read_document
from planwatch.samples import sample_path
from planwatch.services.indicators import new_indicator
from planwatch.services.observations import add_observation
from planwatch.services.plans import ImportOutcome, get_plan, import_plan
from planwatch.services.search import reindex_plan
from planwatch.services.tables import Table, parse_table
from planwatch.settings import Settings
from planwatch.store.models import IndicatorRecord, Plan

OBSERVATIONS_NAME = "jiangyang-observations.csv"
CONFIDENCE = {"high": "高", "medium": "中", "low": "低"}


@dataclass(frozen=True, slots=True)
class SampleOutcome:
    plan: ImportOutcome
    observations_added: int
    other_region_rows: int


def sample_observations() -> Table:
    data = (resources.files("planwatch") / "data" / "samples" / OBSERVATIONS_NAME).read_bytes()
    return parse_table(data, OBSERVATIONS_NAME)


def load_sample(session: Session, settings: Settings, actor: str) -> SampleOutcome:
    """Import the sample plan and its sourced observations (idempotent)."""
    document = read_document(sample_path(), max_bytes=settings.max_document_bytes)
    outcome = import_plan(
        session,
        document,
        actor,
        max_chars=settings.max_extract_chars,
        vocabulary=load_vocabulary(settings.vocabulary_file),
    )
    plan = get_plan(session, outcome.plan_key)
    table = sample_observations()
    columns = {name: table.header.index(name) for name in table.header}
    added = other = 0
    for _, row in table.numbered_rows():
        if row[columns["region"]] != plan.region_name:
            other += 1
            continue
        indicator = _indicator_for(session, plan, row[columns["indicator"]], row[columns["unit"]])
        source = (
            f"{row[columns['source']]}(可信度:{CONFIDENCE.get(row[columns['confidence']], '')})"
        )
        observation = add_observation(
            session,
            indicator,
            int(row[columns["year"]]),
            Decimal(row[columns["value"]]),
            actor,
            status="final",
            source=source,
            note=row[columns["note"]],
        )
        added += observation is not None
    reindex_plan(session, plan)
    return SampleOutcome(outcome, added, other)


def _same_unit(a: str, b: str) -> bool:
    """万人次 and 万人次/年 count the same thing: a level per year."""
    return a.removesuffix("/年") == b.removesuffix("/年")


def _indicator_for(session: Session, plan: Plan, name: str, unit: str) -> IndicatorRecord:
    for indicator in plan.indicators:
        if same_name(indicator.name, name) and _same_unit(indicator.unit, unit):
            return indicator
    indicator = new_indicator(session, plan, canonical_name(name), unit)
    indicator.origin = "data"
    indicator.kind = "level"
    return indicator
