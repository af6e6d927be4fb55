"""Plan settings, adjustments and series: edit a plan, choose the default, record 规划调整."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path
from pydantic import BaseModel, Field

from planwatch.serialize import plain, plan_json
from planwatch.services.adjustments import (
    AdjustmentFacts,
    TargetChange,
    add_adjustment,
    adjustment_snapshot,
)
from planwatch.services.observations import find_indicator
from planwatch.services.plan_settings import PlanChanges, edit_plan, set_default_plan
from planwatch.services.series import series_view
from planwatch.services.users import require_admin
from planwatch.web.api.common import plan_or_404
from planwatch.web.deps import ReaderDep, SessionDep, WriterDep

router = APIRouter(tags=["plans"])
Id = Annotated[int, Path(ge=1, le=2**31 - 1)]
Year = Annotated[int, Field(ge=1949, le=2200)]
Amount = Annotated[Decimal, Field(allow_inf_nan=False, max_digits=26, decimal_places=6)]


class PlanUpdate(BaseModel):
    """Fields to change on a plan; omitted fields stay as they are."""

    title: str | None = Field(default=None, min_length=1, max_length=300)
    region: str | None = Field(default=None, min_length=1, max_length=100)
    level: Literal["国家", "省", "市", "县区", "乡镇"] | None = None
    parent: str | None = Field(default=None, min_length=1, max_length=100)


class TargetChangeIn(BaseModel):
    """A target an adjustment sets: indicator code, new value, optionally year and comparator."""

    indicator: str = Field(min_length=1, max_length=200)
    value: Amount
    year: Year | None = None
    comparator: Literal[">=", ">", "<=", "<", "="] | None = None
    stretch: bool = False


class AdjustmentCreate(BaseModel):
    """An approved adjustment (规划调整) and the targets it changes."""

    approved_by: str = Field(min_length=1, max_length=100)
    decided_on: date
    effective_year: Year
    document_number: str = Field(default="", max_length=100)
    proposed_by: str = Field(default="", max_length=100)
    reason: str = Field(default="", max_length=4000)
    changes: list[TargetChangeIn] = Field(min_length=1, max_length=500)


@router.patch("/plans/{plan_id}")
def update_plan(
    plan_id: Id, changes: PlanUpdate, session: SessionDep, user: WriterDep
) -> dict[str, Any]:
    """修改规划的标题、地区、级别、上级地区(管理员)。"""
    require_admin(user)
    plan = plan_or_404(session, plan_id)
    edit_plan(session, plan, PlanChanges(**changes.model_dump()), user.username)
    session.commit()
    return plan_json(plan)


@router.put("/plans/{plan_id}/default")
def make_default(plan_id: Id, session: SessionDep, user: WriterDep) -> dict[str, Any]:
    """设为默认规划(管理员):未指定规划时各页面和命令使用它。"""
    require_admin(user)
    plan = plan_or_404(session, plan_id)
    set_default_plan(session, plan, user.username)
    session.commit()
    return plan_json(plan)


@router.get("/plans/{plan_id}/adjustments")
def list_adjustments(plan_id: Id, session: SessionDep, _: ReaderDep) -> list[dict[str, Any]]:
    """规划的全部调整,每项目标调整前后的值。"""
    return [adjustment_snapshot(a) for a in plan_or_404(session, plan_id).adjustments]


@router.post("/plans/{plan_id}/adjustments", status_code=201)
def create_adjustment(
    plan_id: Id, body: AdjustmentCreate, session: SessionDep, user: WriterDep
) -> dict[str, Any]:
    """记录一次经批准的规划调整(管理员);有任何错误则不写入。"""
    require_admin(user)
    plan = plan_or_404(session, plan_id)
    changes = [
        TargetChange(find_indicator(plan, c.indicator), c.value, c.year, c.comparator, c.stretch)
        for c in body.changes
    ]
    facts = AdjustmentFacts(
        body.approved_by,
        body.decided_on,
        body.effective_year,
        body.document_number,
        body.proposed_by,
        body.reason,
    )
    adjustment = add_adjustment(session, plan, facts, changes, user.username)
    session.commit()
    return adjustment_snapshot(adjustment)


@router.get("/series/{series_id}")
def get_series(series_id: Id, session: SessionDep, _: ReaderDep) -> dict[str, Any]:
    """一个数据系列(地区 × 指标 × 单位):各年观测值与各规划的基期、目标。"""
    view = series_view(session, series_id)
    return {
        "id": view.id,
        "name": view.name,
        "aliases": list(view.aliases),
        "region": view.region,
        "scope": view.scope,
        "unit": view.unit,
        "observations": [
            {
                "year": o.year,
                "value": plain(o.value),
                "revision": o.revision,
                "status": o.status,
                "source": o.source,
                "is_growth_rate": o.is_growth_rate,
                "simulated": o.simulated,
            }
            for o in view.current
        ],
        "plans": [
            {
                "plan_id": s.plan_id,
                "plan": s.plan_key,
                "code": s.code,
                "name": s.name,
                "baseline": {"year": s.baseline_year, "value": plain(s.baseline_value)}
                if s.baseline_value is not None
                else None,
                "targets": [
                    {"year": y, "comparator": c, "value": plain(v), "stretch": st}
                    for y, c, v, st in s.targets
                ],
            }
            for s in view.plans
        ],
    }
