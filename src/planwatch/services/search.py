"""Use case: find plan text and indicators by any Chinese phrase (docs/web.md)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from planwatch.store.models import IndicatorRecord, Plan
from planwatch.store.search import Hit, replace_entries, search

MAX_QUERY = 100


@dataclass(frozen=True, slots=True)
class SearchResult:
    plan_id: int
    plan_key: str
    kind: str  # text / indicator
    ref: str  # the line number, or the indicator code
    title: str
    snippet: str


def reindex_plan(session: Session, plan: Plan) -> None:
    """Make the newest version's text and the plan's indicators searchable."""
    entries: list[dict[str, object]] = []
    for indicator in plan.indicators:
        body = " ".join(
            filter(
                None,
                [
                    indicator.name,
                    *_aliases(indicator),
                    indicator.scope,
                    indicator.unit,
                    indicator.department.name if indicator.department else None,
                ],
            )
        )
        entries.append(
            dict(
                plan_id=plan.id,
                kind="indicator",
                ref=indicator.code,
                title=indicator.name,
                body=body,
                position=indicator.position,
            )
        )
    if plan.versions:
        for number, line in enumerate(plan.versions[-1].text.splitlines(), start=1):
            if line.strip():
                entries.append(
                    dict(
                        plan_id=plan.id,
                        kind="text",
                        ref=str(number),
                        title=f"第{number}行",
                        body=line.strip(),
                        position=number,
                    )
                )
    replace_entries(session, plan.id, entries)


def _aliases(indicator: IndicatorRecord) -> list[str]:
    """The catalogue's other names of the indicator: 地区生产总值 finds the one named GDP."""
    if indicator.series is None:
        return []
    entry = indicator.series.catalogue
    return [n for n in (entry.name, *(a.name for a in entry.aliases)) if n != indicator.name]


def snippet(body: str, query: str, width: int = 60) -> str:
    """The part of ``body`` around the first occurrence of ``query``.

    >>> snippet("甲" * 100 + "森林覆盖率" + "乙" * 100, "森林", 10)
    '…甲甲甲甲甲森林覆盖率乙乙…'
    """
    at = body.lower().find(query.lower())
    if at < 0 or len(body) <= width:
        return body[:width] + ("…" if len(body) > width else "")
    start = max(0, at - width // 2)
    end = min(len(body), at + len(query) + width // 2)
    return ("…" if start else "") + body[start:end] + ("…" if end < len(body) else "")


def find(session: Session, query: str, limit: int = 50) -> list[SearchResult]:
    """Search every plan; the query is cut to a reasonable length."""
    query = query.strip()[:MAX_QUERY]
    hits: list[Hit] = search(session, query, limit)
    keys = {plan.id: plan.key for plan in session.query(Plan).all()} if hits else {}
    return [
        SearchResult(
            h.plan_id, keys.get(h.plan_id, ""), h.kind, h.ref, h.title, snippet(h.body, query)
        )
        for h in hits
    ]
