"""Departments and how their indicators are doing."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from planwatch.services.departments import department_summaries
from planwatch.web.api.common import overview, plan_or_404
from planwatch.web.deps import Id, ReaderDep, SessionDep, SettingsDep

router = APIRouter(tags=["departments"])


@router.get("/plans/{plan_id}/departments")
def departments(
    plan_id: Id,
    session: SessionDep,
    settings: SettingsDep,
    _: ReaderDep,
    as_of: Annotated[int | None, Query(ge=1949, le=2200)] = None,
) -> list[dict[str, Any]]:
    """每个牵头单位负责的指标及其状态数量。"""
    summaries = department_summaries(
        overview(session, plan_or_404(session, plan_id), as_of, settings)
    )
    return [
        {
            "department": s.name,
            "indicators": [v.code for v in s.indicators],
            "counts": {status.value: n for status, n in s.counts.items()},
        }
        for s in summaries
    ]
