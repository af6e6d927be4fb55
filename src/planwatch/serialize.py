"""PlanOverview and its parts as JSON: one renderer for the API and ``planwatch assess``."""

from __future__ import annotations

from decimal import Decimal
from enum import Enum
from typing import Any

from planwatch.domain.assessment import Assessment
from planwatch.domain.indicator import Indicator
from planwatch.services.extraction import json_number
from planwatch.services.overview import IndicatorView, PlanOverview
from planwatch.store.models import Plan


def plain(value: Any) -> Any:
    """Decimals as JSON numbers, enums as their values, containers recursively."""
    if isinstance(value, Decimal):
        return json_number(value) if value.is_finite() else None
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    return value


ASSESSMENT_FIELDS = (
    "time_share",
    "progress",
    "observed_growth",
    "required_growth",
    "growth_ratio",
    "growth_verdict",
    "projected_value",
    "projected_linear",
    "will_meet",
    "required_growth_remaining",
    "headroom",
    "breach_year",
    "cumulative_sum",
    "required_per_year",
    "will_meet_stretch",
    "simulated",
    "evaluation_year",
    "current",
    "gap",
    "reason",
    "data_year",
    "data_label",
)


def assessment_json(a: Assessment) -> dict[str, Any]:
    return {
        "as_of": a.as_of,
        "status": a.status.value,
        "light": a.light.value,
        "latest": {"year": a.latest.year, "value": plain(a.latest.value)} if a.latest else None,
        **{name: plain(getattr(a, name)) for name in ASSESSMENT_FIELDS},
        "formula": a.formula,
        "inputs": dict(a.inputs),
        "thresholds": dict(a.thresholds),
        "notes": list(a.notes),
        "baseline_used": {
            "year": a.baseline_year,
            "value": plain(a.baseline_value),
            "origin": a.baseline_origin,
        },
    }


def indicator_json(indicator: Indicator) -> dict[str, Any]:
    return {
        "name": indicator.name,
        "unit": indicator.unit,
        "kind": indicator.kind.value,
        "attribute": indicator.attribute.value,
        "direction": indicator.direction.value,
        "baseline": {"year": indicator.baseline_year, "value": plain(indicator.baseline_value)}
        if indicator.baseline_value is not None
        else None,
        "targets": [
            {
                "value": plain(t.value),
                "year": t.year,
                "comparator": t.comparator,
                "stretch": t.stretch,
            }
            for t in indicator.targets
        ],
    }


def view_json(view: IndicatorView, *, full: bool) -> dict[str, Any]:
    """An indicator with its assessment; ``full`` adds data, revisions and notes."""
    out: dict[str, Any] = {
        "id": view.id,
        "code": view.code,
        **indicator_json(view.indicator),
        "scope": view.scope,
        "department": view.department,
        "confirmed": view.confirmed,
        "origin": view.origin,
        "chapter": view.chapter,
        "assessment": assessment_json(view.assessment) if view.assessment else None,
    }
    if full:
        out["source"] = {
            "node": view.node,
            "line": view.source_line,
            "start": view.source_start,
            "end": view.source_end,
            "sentence": view.sentence,
        }
        out["observations"] = [
            {
                "year": o.year,
                "value": plain(o.value),
                "status": o.status.value,
                "is_growth_rate": o.is_growth_rate,
                "source": o.source,
                "simulated": o.simulated,
            }
            for o in view.observations
        ]
        out["revisions"] = [
            {
                "year": r.year,
                "revision": r.revision,
                "value": plain(r.value),
                "status": r.status,
                "source": r.source,
                "note": r.note,
                "simulated": r.simulated,
                "recorded_by": r.recorded_by,
                "recorded_at": r.recorded_at.isoformat(),
            }
            for r in view.revisions
        ]
        out["notes"] = [
            {
                "year": n.year,
                "reason": n.reason,
                "measures": n.measures,
                "recorded_by": n.recorded_by,
            }
            for n in view.notes
        ]
    return out


def overview_json(overview: PlanOverview) -> dict[str, Any]:
    return {
        "plan": {
            "id": overview.plan_id,
            "key": overview.key,
            "title": overview.title,
            "region": overview.region,
            "period": list(overview.period) if overview.period else None,
            "version": overview.version,
        },
        "as_of": overview.as_of,
        "counts": {status.value: count for status, count in overview.counts.items()},
        "simulated": overview.simulated,
        "sources": list(overview.sources),
        "data_until": overview.data_until.isoformat() if overview.data_until else None,
        "thresholds": overview.thresholds.as_mapping(),
        "indicators": [view_json(view, full=False) for view in overview.indicators],
    }


def plan_json(plan: Plan) -> dict[str, Any]:
    return {
        "id": plan.id,
        "key": plan.key,
        "title": plan.title,
        "region": plan.region,
        "level": plan.level,
        "period": [plan.period_start, plan.period_end] if plan.period_start else None,
        "versions": [
            {
                "number": v.number,
                "sha256": v.sha256,
                "format": v.format,
                "status": v.status,
                "imported_at": v.imported_at.isoformat(),
            }
            for v in plan.versions
        ],
        "indicators": len(plan.indicators),
    }
