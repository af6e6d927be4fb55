"""Lookups the API routes share, each one place (get-or-404, overview, thresholds)."""

from __future__ import annotations

from typing import TypeVar

from sqlalchemy.orm import Session

from planwatch.assess.thresholds import Thresholds
from planwatch.errors import NotFound
from planwatch.services.annual import rules_of
from planwatch.services.overview import PlanOverview
from planwatch.settings import Settings
from planwatch.store.models import IndicatorRecord, Plan
from planwatch.web.cache import OverviewCache

Row = TypeVar("Row")


def thresholds(settings: Settings) -> Thresholds:
    return Thresholds.from_mapping(settings.thresholds)


def get_or_404(session: Session, model: type[Row], key: int, missing: str) -> Row:
    """The ``model`` row whose primary key is ``key``, else NotFound (a 404) saying ``missing``.

    The message is the caller's, whole, so that each kind keeps its own wording: e.g.
    ``get_or_404(session, Plan, 7, "规划 7 不存在")``.
    """
    found = session.get(model, key)
    if found is None:
        raise NotFound(missing)
    return found


def plan_or_404(session: Session, plan_id: int) -> Plan:
    return get_or_404(session, Plan, plan_id, f"规划 {plan_id} 不存在")


def indicator_or_404(session: Session, indicator_id: int) -> IndicatorRecord:
    return get_or_404(session, IndicatorRecord, indicator_id, f"指标 {indicator_id} 不存在")


def overview(session: Session, plan: Plan, as_of: int | None, settings: Settings) -> PlanOverview:
    """The plan's overview, from the app's cache while no write has happened since."""
    cache: OverviewCache = session.info["overview_cache"]
    return cache.overview(
        session, plan.id, as_of, thresholds(settings), settings.show_pending, rules_of(settings)
    )
