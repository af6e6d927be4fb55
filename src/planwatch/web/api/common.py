"""Lookups the API routes share, each one place (get-or-404, overview, thresholds)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from planwatch.assess.thresholds import Thresholds
from planwatch.errors import NotFound
from planwatch.services.annual import rules_of
from planwatch.services.overview import PlanOverview
from planwatch.settings import Settings
from planwatch.store.models import IndicatorRecord, Plan
from planwatch.web.cache import OverviewCache


def thresholds(settings: Settings) -> Thresholds:
    return Thresholds.from_mapping(settings.thresholds)


def plan_or_404(session: Session, plan_id: int) -> Plan:
    plan = session.get(Plan, plan_id)
    if plan is None:
        raise NotFound(f"规划 {plan_id} 不存在")
    return plan


def indicator_or_404(session: Session, indicator_id: int) -> IndicatorRecord:
    indicator = session.get(IndicatorRecord, indicator_id)
    if indicator is None:
        raise NotFound(f"指标 {indicator_id} 不存在")
    return indicator


def overview(session: Session, plan: Plan, as_of: int | None, settings: Settings) -> PlanOverview:
    """The plan's overview, from the app's cache while no write has happened since."""
    cache: OverviewCache = session.info["overview_cache"]
    return cache.overview(
        session, plan.id, as_of, thresholds(settings), settings.show_pending, rules_of(settings)
    )
