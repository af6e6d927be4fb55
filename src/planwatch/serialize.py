"""PlanOverview and its parts as JSON: one renderer for the API and ``planwatch assess``."""

from __future__ import annotations

from decimal import Decimal
from enum import Enum
from typing import Any

from planwatch.domain.assessment import Assessment
from planwatch.domain.comparison import NodeRef, TargetRef
from planwatch.domain.indicator import Indicator
from planwatch.services.alignment import Alignment
from planwatch.services.annual import AnnualView
from planwatch.services.continuity import Continuity
from planwatch.services.diff import VersionDiff
from planwatch.services.extraction import json_number
from planwatch.services.overview import IndicatorView, PlanOverview
from planwatch.store.models import IndicatorRecord, Plan


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
        "series_id": view.series_id,
        "assessment": assessment_json(view.assessment) if view.assessment else None,
        "adjustments": [
            {
                "approved_by": a.approved_by,
                "document_number": a.document_number,
                "decided_on": a.decided_on.isoformat(),
                "effective_year": a.effective_year,
                "reason": a.reason,
                "stretch": a.stretch,
                "from": {"value": plain(a.old[0]), "year": a.old[1], "comparator": a.old[2]},
                "to": {"value": plain(a.new[0]), "year": a.new[1], "comparator": a.new[2]},
                "in_force": a.in_force,
            }
            for a in view.adjustments
        ],
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
                "pending": r.review_state != "approved",
                "confirmed_checks": [c for c in r.confirmed_checks.split(",") if c],
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


def annual_json(view: AnnualView) -> dict[str, Any]:
    """An annual target (年度目标) with its verdict: 完成 / 未完成 / 无数据 and the gap."""
    result = view.assessment
    return {
        "code": view.code,
        "year": view.year,
        "comparator": view.goal.comparator,
        "value": plain(view.goal.value),
        "unit": view.goal.unit,
        "growth_rate": view.goal.growth_rate,
        "approximate": view.goal.approximate,
        "target": view.target,
        "source": view.source,
        "sentence": view.sentence,
        "status": result.status.value,
        "label": result.status.label,
        "actual": plain(result.actual),
        "basis": result.basis,
        "gap": plain(result.gap),
        "tolerance": plain(result.tolerance),
        "formula": result.formula,
    }


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
        "annual_targets": [annual_json(view) for view in overview.annual],
    }


def plan_json(plan: Plan) -> dict[str, Any]:
    return {
        "id": plan.id,
        "key": plan.key,
        "title": plan.title,
        "region": plan.region_name,
        "level": plan.level,
        "parent_region": plan.region.parent.name if plan.region and plan.region.parent else None,
        "period": [plan.period_start, plan.period_end] if plan.period_start else None,
        "versions": [
            {
                "number": v.number,
                "sha256": v.sha256,
                "format": v.format,
                "status": v.status,
                "title": v.title,
                "adopted_on": v.adopted_on.isoformat() if v.adopted_on else None,
                "approved_by": v.approved_by,
                "imported_at": v.imported_at.isoformat(),
            }
            for v in plan.versions
        ],
        "indicators": len(plan.indicators),
    }


def _node(ref: NodeRef | None) -> dict[str, Any] | None:
    if ref is None:
        return None
    return {
        "key": ref.key,
        "kind": ref.kind.value,
        "label": ref.label,
        "number": ref.number,
        "title": ref.title,
        "parent": ref.parent_key,
    }


def target_ref_json(ref: TargetRef | None) -> dict[str, Any] | None:
    if ref is None:
        return None
    return {
        "series": ref.series,
        "indicator": ref.indicator,
        "unit": ref.unit,
        "value": plain(ref.value),
        "year": ref.year,
        "comparator": ref.comparator,
        "kind": ref.kind.value,
        "attribute": ref.attribute.value if ref.attribute else None,
        "stretch": ref.stretch,
        "change": ref.change.value if ref.change else None,
        "sentence": ref.sentence,
        "line": ref.line,
    }


def diff_json(diff: VersionDiff) -> dict[str, Any]:
    """A version diff as ``planwatch diff --format json`` and the API give it."""
    return {
        "from": {"plan": diff.old_plan.key, "version": diff.old.number},
        "to": {"plan": diff.new_plan.key, "version": diff.new.number},
        "relatedness": {"score": diff.relatedness.score, "message": diff.relatedness.message},
        "outline": [
            {
                "change": c.kind.value,
                "label": c.kind.label,
                "old": _node(c.old),
                "new": _node(c.new),
                "message": c.message,
            }
            for c in diff.outline
        ],
        "renumbered": [
            {
                "kind": r.kind.value,
                "first": r.first,
                "last": r.last,
                "shift": r.shift,
                "count": r.count,
                "message": r.message,
            }
            for r in diff.renumbered
        ],
        "targets": [
            {
                "change": c.kind.value,
                "label": c.kind.label,
                "series": c.series,
                "stretch": c.stretch,
                "old": target_ref_json(c.old),
                "new": target_ref_json(c.new),
                "fields": [
                    {"field": f.field, "before": plain(f.before), "after": plain(f.after)}
                    for f in c.fields
                ],
                "message": c.message,
            }
            for c in diff.targets
        ],
    }


def continuity_json(result: Continuity) -> dict[str, Any]:
    """Base-year values of a plan against its region's series (``planwatch continuity``)."""
    return {
        "plan": result.plan.key,
        "previous": result.previous.key if result.previous else None,
        "base_year": result.base_year,
        "rows": [
            {
                "status": row.status.value,
                "label": row.status.label,
                "stated": {
                    "series": row.stated.series,
                    "year": row.stated.year,
                    "value": plain(row.stated.value),
                    "unit": row.stated.unit,
                    "sentence": row.stated.sentence,
                    "line": row.stated.line,
                },
                "observed": {"value": plain(row.observed.value), "unit": row.observed.unit}
                if row.observed
                else None,
                "difference": plain(row.difference),
                "relative": plain(row.relative),
                "proposed": row.proposal is not None,
                "message": row.message,
            }
            for row in result.rows
        ],
    }


def _indicator_ref(indicator: IndicatorRecord) -> dict[str, Any]:
    return {"id": indicator.id, "code": indicator.code, "name": indicator.name,
            "unit": indicator.unit, "attribute": indicator.attribute}  # fmt: skip


def alignment_json(result: Alignment) -> dict[str, Any]:
    """A plan beside a plan above (``planwatch align``, the API)."""
    return {
        "plan": result.plan.key,
        "above": result.above.key,
        "pairs": [
            {
                "id": p.id,
                "lower": _indicator_ref(p.lower),
                "upper": _indicator_ref(p.upper),
                "status": p.status,
                "score": plain(p.score),
            }
            for p in result.pairs
        ],
        "rows": [
            {
                "verdict": row.verdict.value,
                "label": row.verdict.label,
                "lower": target_ref_json(row.lower),
                "upper": target_ref_json(row.upper),
                "margin": plain(row.margin),
                "share": plain(row.share),
                "message": row.message,
            }
            for row in result.rows
        ],
    }
