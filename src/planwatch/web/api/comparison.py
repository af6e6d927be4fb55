"""Comparisons of plans: version diff, continuity with the next plan, alignment with the plans
above (规划衔接), and people's decisions on alignment pairs."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path, Query
from pydantic import BaseModel, Field

from planwatch.serialize import alignment_json, continuity_json, diff_json
from planwatch.services.alignment import alignment, decide, propose
from planwatch.services.continuity import confirm_continuity, continuity
from planwatch.services.diff import diff_versions
from planwatch.services.users import require_admin
from planwatch.web.api.common import plan_or_404
from planwatch.web.deps import ReaderDep, SessionDep, WriterDep

router = APIRouter(tags=["comparison"])
Id = Annotated[int, Path(ge=1, le=2**31 - 1)]
VersionNumber = Annotated[int | None, Query(ge=1, le=10_000)]


class PairDecision(BaseModel):
    """A person's decision on a pair: the lower plan's indicator ↔ the higher plan's."""

    lower: str = Field(min_length=1, max_length=200)
    upper: str = Field(min_length=1, max_length=200)
    status: Literal["confirmed", "rejected"]


@router.get("/plans/{plan_id}/diff")
def get_diff(
    plan_id: Id,
    session: SessionDep,
    _: ReaderDep,
    from_: Annotated[int | None, Query(alias="from", ge=1, le=10_000)] = None,
    to: VersionNumber = None,
    against: Annotated[int | None, Query(ge=1, le=2**31 - 1)] = None,
) -> dict[str, Any]:
    """两个版本的差异:篇章节的增删、更名、调整位置,目标的增删与改变。"""
    plan = plan_or_404(session, plan_id)
    other = plan_or_404(session, against) if against is not None else None
    return diff_json(diff_versions(plan, from_, to, other))


@router.get("/plans/{plan_id}/continuity")
def get_continuity(plan_id: Id, session: SessionDep, _: ReaderDep) -> dict[str, Any]:
    """本规划所述基期值与数据系列中统计值的比较。"""
    return continuity_json(continuity(session, plan_or_404(session, plan_id)))


@router.post("/plans/{plan_id}/continuity/confirm")
def confirm(plan_id: Id, session: SessionDep, user: WriterDep) -> dict[str, Any]:
    """把缺少统计值的基期值写为观测值(管理员)。"""
    require_admin(user)
    written = confirm_continuity(session, plan_or_404(session, plan_id), user.username)
    session.commit()
    return {"written": written}


@router.get("/plans/{plan_id}/alignment")
def get_alignment(
    plan_id: Id,
    session: SessionDep,
    _: ReaderDep,
    above: Annotated[int, Query(ge=1, le=2**31 - 1)],
) -> dict[str, Any]:
    """规划衔接:本级与上级规划的指标对及逐项比较。"""
    plan, upper = plan_or_404(session, plan_id), plan_or_404(session, above)
    return alignment_json(alignment(session, plan, upper))


@router.post("/plans/{plan_id}/alignment/{above}/proposals")
def propose_alignment(
    plan_id: Id, above: Id, session: SessionDep, user: WriterDep
) -> dict[str, Any]:
    """按指标目录提出待确认的指标对(管理员)。"""
    require_admin(user)
    plan, upper = plan_or_404(session, plan_id), plan_or_404(session, above)
    added = propose(session, plan, upper, user.username)
    session.commit()
    return {"proposed": added, **alignment_json(alignment(session, plan, upper))}


@router.put("/plans/{plan_id}/alignment/{above}/pairs")
def decide_pair(
    plan_id: Id, above: Id, body: PairDecision, session: SessionDep, user: WriterDep
) -> dict[str, Any]:
    """确认或否定一个指标对(管理员)。"""
    require_admin(user)
    plan, upper = plan_or_404(session, plan_id), plan_or_404(session, above)
    decide(session, plan, upper, body.lower, body.upper, body.status, user.username)
    session.commit()
    return alignment_json(alignment(session, plan, upper))
