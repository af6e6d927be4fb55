"""Projects as JSON (API, ``--format json``) and as an export sheet: one shape for both."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from planwatch.assess.projects import ProjectJudgement
from planwatch.services.project_detail import ProjectDetail
from planwatch.services.project_views import ProjectList, ProjectRow

EXPORT_HEADER = ["序号", "项目名称", "牵头单位", "所属专栏", "所在章", "建设起止年限",
                 "总投资(万元)", "年度计划投资(万元)", "年内完成(万元)", "累计完成(万元)",
                 "投资进度", "时间进度", "状态", "灯号", "交付信心", "判断依据"]  # fmt: skip


def amount(value: Decimal | None) -> str | None:
    """An amount as text without trailing zeros (JSON keeps decimals exact as strings).

    >>> amount(Decimal("850000.000000")), amount(None)
    ('850000', None)
    """
    if value is None:
        return None
    text = format(value.normalize(), "f")
    return text


def judgement_json(judged: ProjectJudgement) -> dict[str, Any]:
    return {
        "as_of": judged.as_of.isoformat(),
        "status": judged.status.value,
        "status_label": judged.status.label,
        "light": judged.light.value,
        "cumulative": amount(judged.cumulative),
        "investment_share": amount(judged.investment_share),
        "time_share": amount(judged.time_share.quantize(Decimal("0.0001"))),
        "year_plan": amount(judged.year_plan),
        "year_completed": amount(judged.year_completed),
        "overdue_milestones": [m.kind.value for m in judged.overdue],
        "delayed_start": judged.delayed_start,
        "signals": [
            {"code": s.code, "light": s.light.value, "formula": s.formula} for s in judged.signals
        ],
    }


def row_json(row: ProjectRow) -> dict[str, Any]:
    return {
        "id": row.id, "code": row.code, "name": row.name, "department": row.department or None,
        "box": {"key": row.box_key, "title": row.box} if row.box_key else None,
        "chapter": {"key": row.chapter_key, "title": row.chapter} if row.chapter_key else None,
        "period": row.period_text, "total_investment": amount(row.total),
        "confidence": {"rating": row.rating, "reason": row.rating_reason} if row.rating else None,
        "judgement": judgement_json(row.judgement),
    }  # fmt: skip


def list_json(listing: ProjectList) -> dict[str, Any]:
    totals = listing.totals
    return {
        "plan_id": listing.plan_id,
        "as_of": listing.as_of.isoformat(),
        "unit": "万元",
        "totals": {
            "count": totals.count, "total_investment": amount(totals.total),
            "cumulative": amount(totals.cumulative), "year_plan": amount(totals.year_plan),
            "year_completed": amount(totals.year_completed),
            "lights": {k.value: v for k, v in totals.lights.items()},
            "statuses": {k.value: v for k, v in totals.statuses.items()},
        },
        "projects": [row_json(r) for r in listing.rows],
    }  # fmt: skip


def detail_json(detail: ProjectDetail) -> dict[str, Any]:
    record = detail.record
    return {
        "id": record.id, "code": record.code, "name": record.name, "content": record.content,
        "location": record.location, "nature": record.nature, "period": record.period_text,
        "start": record.start_on.isoformat(), "end": record.end_on.isoformat(),
        "total_investment": amount(record.total_investment),
        "plan_investment": amount(record.plan_investment), "funding_source": record.funding_source,
        "owner": record.owner, "department": record.department.name if record.department else None,
        "box": detail.box or None, "chapter": detail.chapter or None, "note": record.note,
        "unit": "万元",
        "judgement": judgement_json(detail.judgement),
        "years": [{"year": y.year, "planned": amount(y.planned), "completed": amount(y.completed)}
                  for y in detail.years],
        "reports": [{"period": r.period, "period_end": r.period_end.isoformat(),
                     "completed": amount(r.completed), "cumulative": amount(r.cumulative),
                     "progress": r.progress, "note": r.note, "evidence": r.evidence,
                     "recorded_by": r.recorded_by} for r in detail.reports],
        "milestones": [{"kind": m.kind.value, "label": m.kind.label,
                        "planned": m.planned.isoformat() if m.planned else None,
                        "actual": m.actual.isoformat() if m.actual else None}
                       for m in detail.milestones],
        "ratings": [{"rating": r.rating, "reason": r.reason, "rated_by": r.rated_by,
                     "rated_at": r.rated_at.isoformat()} for r in detail.ratings],
    }  # fmt: skip


def export_rows(listing: ProjectList) -> list[list[object]]:
    """The export sheet's rows (EXPORT_HEADER), amounts as numbers Excel can sum."""
    rows: list[list[object]] = []
    for r in listing.rows:
        j = r.judgement
        rows.append([
            r.code, r.name, r.department, r.box, r.chapter, r.period_text, _number(r.total),
            _number(j.year_plan), _number(j.year_completed), _number(j.cumulative),
            _share(j.investment_share), _share(j.time_share), j.status.label, j.light.label,
            r.rating or "", j.formula,
        ])  # fmt: skip
    return rows


def _number(value: Decimal | None) -> object:
    if value is None:
        return ""
    return int(value) if value == value.to_integral_value() else float(value)


def _share(value: Decimal | None) -> str:
    return "" if value is None else f"{(value * 100).quantize(Decimal('0.1'))}%"
