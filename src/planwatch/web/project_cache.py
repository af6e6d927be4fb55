"""Judged project lists kept while nothing is written, like the overview cache (cache.py).

A list depends on the plan's register and reports, the date judged on and the thresholds;
every write is in the audit log, so the newest audit id stamps the data. Filters are applied
to the cached list on each request.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from planwatch.assess.projects import ProjectThresholds
from planwatch.services.project_views import (
    ProjectFilters,
    ProjectList,
    all_projects,
    as_of_date,
    filter_projects,
)
from planwatch.store.models import AuditEntry, Plan

Key = tuple[int, date, str, int]


class ProjectListCache:
    """Least-recently-used judged lists, keyed by plan, date, thresholds and data stamp."""

    def __init__(self, size: int = 32) -> None:
        self.size = size
        self._items: OrderedDict[Key, ProjectList] = OrderedDict()
        self._lock = threading.Lock()

    def listing(
        self, session: Session, plan: Plan, thresholds: ProjectThresholds, filters: ProjectFilters
    ) -> ProjectList:
        as_of = as_of_date(filters.year, date.today())
        stamp = session.scalar(select(func.max(AuditEntry.id))) or 0
        key: Key = (
            plan.id,
            as_of,
            repr(thresholds),
            stamp,
        )  # a frozen dataclass: repr is its value
        with self._lock:
            found = self._items.get(key)
            if found is not None:
                self._items.move_to_end(key)
        if found is None:
            found = all_projects(session, plan, thresholds, as_of)
            with self._lock:
                self._items[key] = found
                while len(self._items) > self.size:
                    self._items.popitem(last=False)
        return filter_projects(found, filters)
