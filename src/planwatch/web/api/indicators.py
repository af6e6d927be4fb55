"""Indicators: read one with its assessment and history; edit; add observations and notes."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query
from pydantic import BaseModel, Field

from planwatch.serialize import annual_json, view_json
from planwatch.services.entry_checks import entry_rules
from planwatch.services.indicators import IndicatorChanges, edit_indicator
from planwatch.services.observations import STATUS_LABELS, add_observation, set_progress_note
from planwatch.services.review import entry_state
from planwatch.services.users import require_admin, require_edit
from planwatch.web.api.common import indicator_or_404, overview
from planwatch.web.deps import CleanText, Id, ReaderDep, SessionDep, SettingsDep, WriterDep

router = APIRouter(tags=["indicators"])
Year = Annotated[int, Field(ge=1949, le=2200)]
Amount = Annotated[Decimal, Field(allow_inf_nan=False, max_digits=26, decimal_places=6)]


class ObservationCreate(BaseModel):
    """A value for one year, in the indicator's unit (or a growth rate in %)."""

    year: Year
    value: Amount
    status: Literal["初步", "最终", "修订"] = "最终"
    source: CleanText = Field(default="", max_length=500)
    note: CleanText = Field(default="", max_length=500)
    is_growth_rate: bool = False
    simulated: bool = False
    confirm: bool = False
    """Save a value the entry checks question (range, sign, jump, unit slip); recorded."""


class NoteCreate(BaseModel):
    year: Year
    reason: CleanText = Field(default="", max_length=4000)
    measures: CleanText = Field(default="", max_length=4000)


class IndicatorUpdate(BaseModel):
    """Fields to change; omitted fields stay as they are."""

    name: CleanText | None = Field(default=None, min_length=1, max_length=200)
    unit: CleanText | None = Field(default=None, min_length=1, max_length=30)
    attribute: Literal["预期性", "约束性", "expected", "binding"] | None = None
    kind: (
        Literal[
            "level",
            "growth_rate",
            "cumulative",
            "ceiling",
            "floor",
            "change",
            "relational",
            "qualitative",
        ]
        | None
    ) = None
    direction: Literal["increase", "decrease"] | None = None
    baseline_year: Year | None = None
    baseline_value: Amount | None = None
    target_value: Amount | None = None
    target_year: Year | None = None
    comparator: Literal[">=", ">", "<=", "<", "="] | None = None
    stretch_value: Amount | None = None
    department: CleanText | None = Field(default=None, max_length=100)
    confirmed: bool | None = None
    definition: CleanText | None = Field(default=None, max_length=4000)
    measure_note: CleanText | None = Field(default=None, max_length=4000)
    data_source: CleanText | None = Field(default=None, max_length=300)
    frequency: CleanText | None = Field(default=None, max_length=20)
    contact: CleanText | None = Field(default=None, max_length=200)


def _view(
    session: SessionDep, settings: SettingsDep, indicator_id: Id, as_of: int | None
) -> dict[str, Any]:
    indicator = indicator_or_404(session, indicator_id)
    plan_overview = overview(session, indicator.plan, as_of, settings)
    view = plan_overview.indicator(indicator.code)
    assert view is not None  # the indicator belongs to the plan it was looked up in
    out = view_json(view, full=True)
    out["annual_targets"] = [annual_json(a) for a in plan_overview.annual_of(indicator.code)]
    return out


@router.get("/indicators/{indicator_id}")
def get_indicator(
    indicator_id: Id,
    session: SessionDep,
    settings: SettingsDep,
    _: ReaderDep,
    as_of: Annotated[int | None, Query(ge=1949, le=2200)] = None,
) -> dict[str, Any]:
    """一项指标:评估结果(含公式、输入、阈值)、各年数据、修订历史、原因与措施、出处。"""
    return _view(session, settings, indicator_id, as_of)


@router.patch("/indicators/{indicator_id}")
def update_indicator(
    indicator_id: Id,
    changes: IndicatorUpdate,
    session: SessionDep,
    settings: SettingsDep,
    user: WriterDep,
) -> dict[str, Any]:
    """修改并确认指标(管理员)。"""
    require_admin(user)
    indicator = indicator_or_404(session, indicator_id)
    edit_indicator(session, indicator, IndicatorChanges(**changes.model_dump()), user.username)
    session.commit()
    return _view(session, settings, indicator_id, None)


@router.post("/indicators/{indicator_id}/observations", status_code=201)
def create_observation(
    indicator_id: Id,
    body: ObservationCreate,
    session: SessionDep,
    settings: SettingsDep,
    user: WriterDep,
) -> dict[str, Any]:
    """录入一项观测值(管理员,或本部门的填报员);与当前值相同则不改动。

    超出范围、为负、变动超过阈值或疑似单位错位的数值返回 422(details 列出各项检查),
    确认无误时加 ``"confirm": true`` 重新提交,确认的检查项记入修订记录。
    """
    indicator = indicator_or_404(session, indicator_id)
    require_edit(user, indicator)
    added = add_observation(
        session,
        indicator,
        body.year,
        body.value,
        user.username,
        status=STATUS_LABELS[body.status],
        source=body.source,
        note=body.note,
        is_growth_rate=body.is_growth_rate,
        simulated=body.simulated,
        review=entry_state(user),
        checks=entry_rules(settings),
        confirm=body.confirm,
    )
    session.commit()
    # judged at the year just entered (within the period): the editor sees what it changed
    year = min(body.year, indicator.plan.period_end or body.year)
    return {
        "added": added is not None,
        "revision": added.revision if added else None,
        "indicator": _view(session, settings, indicator_id, year),
    }


@router.post("/indicators/{indicator_id}/notes", status_code=201)
def create_note(
    indicator_id: Id,
    body: NoteCreate,
    session: SessionDep,
    settings: SettingsDep,
    user: WriterDep,
) -> dict[str, Any]:
    """记录某年的原因与措施(管理员,或本部门的填报员)。"""
    indicator = indicator_or_404(session, indicator_id)
    require_edit(user, indicator)
    set_progress_note(session, indicator, body.year, body.reason, body.measures, user.username,
                      entry_state(user))  # fmt: skip
    session.commit()
    return _view(session, settings, indicator_id, None)
