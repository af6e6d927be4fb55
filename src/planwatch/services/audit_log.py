"""Use case: read the audit log with filters, and export it as CSV."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from planwatch.store.models import AuditEntry

MAX_ENTRIES = 5000
CSV_HEADER = ["时间", "操作人", "操作", "对象", "对象编号", "修改前", "修改后"]


@dataclass(frozen=True, slots=True)
class AuditFilter:
    """Which entries to show; empty fields filter nothing. Dates are UTC days, inclusive."""

    actor: str = ""
    action: str = ""
    entity: str = ""
    since: date | None = None
    until: date | None = None


def audit_entries(
    session: Session, wanted: AuditFilter, limit: int = MAX_ENTRIES
) -> list[AuditEntry]:
    """The newest entries first that match every filter given."""
    query = select(AuditEntry)
    if wanted.actor.strip():
        query = query.where(AuditEntry.actor == wanted.actor.strip())
    if wanted.action.strip():
        query = query.where(AuditEntry.action == wanted.action.strip())
    if wanted.entity.strip():
        query = query.where(AuditEntry.entity == wanted.entity.strip())
    if wanted.since is not None:
        query = query.where(AuditEntry.at >= datetime.combine(wanted.since, time(), UTC))
    if wanted.until is not None:
        end = datetime.combine(wanted.until + timedelta(days=1), time(), UTC)
        query = query.where(AuditEntry.at < end)
    query = query.order_by(AuditEntry.id.desc()).limit(limit)
    return list(session.scalars(query))


def audit_csv(entries: list[AuditEntry]) -> str:
    """The entries as CSV text (UTF-8 with a BOM when written, for Excel).

    >>> audit_csv([]).splitlines()
    ['时间,操作人,操作,对象,对象编号,修改前,修改后']
    """
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    for entry in entries:
        writer.writerow(
            [
                entry.at.isoformat(),
                entry.actor,
                entry.action,
                entry.entity,
                entry.entity_id if entry.entity_id is not None else "",
                json.dumps(entry.before, ensure_ascii=False) if entry.before else "",
                json.dumps(entry.after, ensure_ascii=False) if entry.after else "",
            ]
        )
    return out.getvalue()
