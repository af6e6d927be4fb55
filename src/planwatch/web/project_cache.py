"""Judged project lists kept across writes, brought up to date from the audit log.

A list depends on the plan's register and reports, the date judged on and the thresholds.
Every write is in the audit log, so the newest audit id stamps the data. When the stamp has
moved since a list was judged, the entries written since say what changed:

- nothing a project list shows (a value, a task report, a sign-in): the list stands;
- some projects (``project`` entries: a progress report, a milestone, a rating): only those
  (and those of the ``LATE_COMMITS`` entries before) are read and judged again
  (``rejudged``), a few queries instead of the whole register;
- the register, the plan or the departments (``project_register``, ``plan``, ``department``
  entries), a project entry without an id, or more than ``REJUDGE_MAX`` projects: the whole
  list is judged again.

Filters are applied to the cached list on each request. A list whose stamp has not moved is
served as it is: a write committed late under an older audit id shows at the next write.
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
    rejudged,
)
from planwatch.store.models import AuditEntry, Plan

Key = tuple[int, date, str]  # plan, date judged on, thresholds
PROJECT = "project"
WHOLE_LIST = frozenset({"project_register", "plan", "department"})
REJUDGE_MAX = 200  # more changed projects than this: judging all is as quick
# Audit ids are taken when a transaction writes, not when it commits: on PostgreSQL an entry
# may become visible after a higher one. Project entries this far below the stamp a list was
# judged at are looked at again, so a late commit is not missed (re-judging is idempotent).
LATE_COMMITS = 50


class ProjectListCache:
    """Least-recently-used judged lists with the audit stamp they are current at."""

    def __init__(self, size: int = 32) -> None:
        self.size = size
        self._items: OrderedDict[Key, tuple[int, ProjectList]] = OrderedDict()
        self._lock = threading.Lock()

    def listing(
        self, session: Session, plan: Plan, thresholds: ProjectThresholds, filters: ProjectFilters
    ) -> ProjectList:
        as_of = as_of_date(filters.year, date.today())
        stamp = session.scalar(select(func.max(AuditEntry.id))) or 0
        key: Key = (plan.id, as_of, repr(thresholds))  # a frozen dataclass: repr is its value
        with self._lock:
            cached = self._items.get(key)
            if cached is not None:
                self._items.move_to_end(key)
        if cached is None or cached[0] > stamp:
            found = all_projects(session, plan, thresholds, as_of)
        elif cached[0] == stamp:
            found = cached[1]
        else:
            found = self._brought_up(session, plan, thresholds, cached, stamp)
        with self._lock:
            self._items[key] = (stamp, found)
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)
        return filter_projects(found, filters)

    @staticmethod
    def _brought_up(
        session: Session,
        plan: Plan,
        thresholds: ProjectThresholds,
        cached: tuple[int, ProjectList],
        stamp: int,
    ) -> ProjectList:
        since, listing = cached
        entries = session.execute(
            select(AuditEntry.id, AuditEntry.entity, AuditEntry.entity_id).where(
                AuditEntry.id > since - LATE_COMMITS,
                AuditEntry.id <= stamp,
                AuditEntry.entity.in_([PROJECT, *WHOLE_LIST]),
            )
        ).all()
        new = [(entity, entity_id) for id_, entity, entity_id in entries if id_ > since]
        if any(entity in WHOLE_LIST or entity_id is None for entity, entity_id in new):
            return all_projects(session, plan, thresholds, listing.as_of)
        changed = {i for _, entity, i in entries if entity == PROJECT and i is not None}
        if not changed:
            return listing
        if len(changed) > REJUDGE_MAX:
            return all_projects(session, plan, thresholds, listing.as_of)
        return rejudged(session, plan, thresholds, listing, changed)
