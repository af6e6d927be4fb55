"""Every write a person makes is recorded: who, when, what, before and after."""

from __future__ import annotations

from sqlalchemy.orm import Session

from planwatch.store.models import AuditEntry


def record(
    session: Session,
    actor: str,
    action: str,
    entity: str,
    entity_id: int | None,
    before: dict[str, object] | None,
    after: dict[str, object] | None,
) -> None:
    """Add one audit entry to the session's transaction (it commits or rolls back with it)."""
    session.add(
        AuditEntry(
            actor=actor,
            action=action,
            entity=entity,
            entity_id=entity_id,
            before=before,
            after=after,
        )
    )
