"""Use case: what people set on a plan — its title, region and level — and the default plan.

Changing a plan's region moves its indicators to the new region's series: the data of a
series used by this plan alone move with it; a series another plan shares is refused, since
its data belong to both.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from planwatch.errors import InvalidInput
from planwatch.services.audit import record
from planwatch.services.catalogue import series_for
from planwatch.services.plans import DEFAULT_PLAN
from planwatch.services.regions import resolve_region
from planwatch.store.models import AppSetting, IndicatorRecord, Plan, Region, Series


@dataclass(frozen=True, slots=True)
class PlanChanges:
    """Fields a person may set on a plan; None leaves a field as it is."""

    title: str | None = None
    region: str | None = None
    level: str | None = None
    parent: str | None = None


def plan_snapshot(plan: Plan) -> dict[str, object]:
    region = plan.region
    return {
        "key": plan.key,
        "title": plan.title,
        "region": region.name if region else None,
        "level": region.level if region else None,
        "parent": region.parent.name if region and region.parent else None,
    }


def edit_plan(session: Session, plan: Plan, changes: PlanChanges, actor: str) -> Plan:
    """Apply a person's changes to a plan; audited."""
    before = plan_snapshot(plan)
    if changes.title is not None:
        title = changes.title.strip()
        if not title or len(title) > 300:
            raise InvalidInput("规划标题不能为空,且不超过 300 字")
        plan.title = title
    if changes.region is not None or changes.level is not None or changes.parent is not None:
        name = changes.region or (plan.region.name if plan.region else None)
        if not name:
            raise InvalidInput(f"规划「{plan.key}」还没有地区,请同时给出地区名称")
        region = resolve_region(session, name, changes.level, changes.parent)
        if plan.region is None or region.id != plan.region.id:
            _move_series(session, plan, region)
            plan.region = region
    session.flush()
    record(session, actor, "edit", "plan", plan.id, before, plan_snapshot(plan))
    return plan


def _move_series(session: Session, plan: Plan, region: Region) -> None:
    for indicator in plan.indicators:
        old = indicator.series
        if old is None:
            continue
        sharing = session.scalar(
            select(func.count())
            .select_from(IndicatorRecord)
            .where(IndicatorRecord.series_id == old.id, IndicatorRecord.plan_id != plan.id)
        )
        if sharing and old.observations:
            raise InvalidInput(
                f"指标 {indicator.code}「{indicator.name}」的数据系列也属于其他规划,"
                "不能随本规划改换地区"
            )
        new = series_for(session, region, indicator.name, indicator.unit, indicator.scope)
        if new.id == old.id:
            continue
        taken = {(o.year, o.revision) for o in new.observations}
        for observation in list(old.observations):
            if (observation.year, observation.revision) in taken:
                raise InvalidInput(
                    f"地区「{region.name}」的「{indicator.name}」已有 "
                    f"{observation.year} 年数据,与本规划的数据冲突"
                )
            observation.series = new
        indicator.series = new
        session.flush()
        if not session.scalar(
            select(func.count())
            .select_from(IndicatorRecord)
            .where(IndicatorRecord.series_id == old.id)
        ):
            session.delete(session.get(Series, old.id))


def set_default_plan(session: Session, plan: Plan, actor: str) -> None:
    """Make ``plan`` the one every page and command shows when none is named."""
    setting = session.get(AppSetting, DEFAULT_PLAN)
    before: dict[str, object] | None = {"plan": setting.value} if setting else None
    if setting is None:
        setting = AppSetting(key=DEFAULT_PLAN, value=str(plan.id))
        session.add(setting)
    setting.value = str(plan.id)
    session.flush()
    record(session, actor, "default", "plan", plan.id, before, {"plan": str(plan.id)})
