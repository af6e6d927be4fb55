"""A small cache of plan overviews, so a page that nothing has changed is not recomputed.

An overview depends on the plan's records, the as-of year and the thresholds. Every write
planwatch makes is recorded in the audit log, so the newest audit entry's id stamps the state
of the data: a write anywhere gives a new stamp and the next request computes afresh. Each
web worker keeps its own cache; the stamp comes from the shared database, so workers never
serve data older than the last write they can see.
"""

from __future__ import annotations

import threading
from collections import OrderedDict

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from planwatch.assess.annual import AnnualRules
from planwatch.assess.thresholds import Thresholds
from planwatch.services.overview import PlanOverview, plan_overview
from planwatch.store.models import AuditEntry

Key = tuple[int, int | None, tuple[tuple[str, str], ...], int, bool]


class OverviewCache:
    """Least-recently-used overviews, keyed by plan, as-of year, thresholds and data stamp."""

    def __init__(self, size: int = 128) -> None:
        self.size = size
        self._items: OrderedDict[Key, PlanOverview] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def overview(
        self,
        session: Session,
        plan_id: int,
        as_of: int | None,
        thresholds: Thresholds,
        pending: bool = False,
        annual_rules: AnnualRules | None = None,
    ) -> PlanOverview:
        stamp = session.scalar(select(func.max(AuditEntry.id))) or 0
        limits = tuple(sorted(thresholds.as_mapping().items()))
        rules = annual_rules or AnnualRules()
        key: Key = (plan_id, as_of, (*limits, ("annual", str(rules))), stamp, pending)
        with self._lock:
            found = self._items.get(key)
            if found is not None:
                self._items.move_to_end(key)
                self.hits += 1
                return found
        computed = plan_overview(
            session, str(plan_id), as_of, thresholds, pending=pending, annual_rules=rules
        )
        with self._lock:
            self.misses += 1
            self._items[key] = computed
            while len(self._items) > self.size:
                self._items.popitem(last=False)
        return computed
