"""The review workflow: submit, return, resubmit, approve; own work; locks; stale forms."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import select

from planwatch.assess.thresholds import Thresholds
from planwatch.errors import Conflict, Forbidden, InvalidInput, YearLocked
from planwatch.services.department_list import find_department
from planwatch.services.observations import add_observation, find_indicator
from planwatch.services.overview import plan_overview
from planwatch.services.plans import get_plan
from planwatch.services.review import (
    approve,
    lock_year,
    pending_observations,
    return_,
    submissions_of,
    submit,
    unlock_year,
)
from planwatch.services.sample import load_sample
from planwatch.settings import Settings
from planwatch.store.database import Database
from planwatch.store.models import AuditEntry, ObservationRecord, UserRecord


@pytest.fixture
def site(database: Database) -> Database:
    with database.session() as session:
        load_sample(session, Settings(), actor="样例")
        statistics = find_department(session, "区统计局", create=True)
        find_indicator(get_plan(session, None), "GDP").department = statistics
        session.add_all(
            [
                UserRecord(username="tongji", password_hash="x", role="editor",
                           department=statistics),
                UserRecord(username="shenhe", password_hash="x", role="reviewer"),
                UserRecord(username="shenhe2", password_hash="x", role="reviewer"),
                UserRecord(username="guihua", password_hash="x", role="admin"),
            ]
        )  # fmt: skip
    return database


def user(session: object, name: str) -> UserRecord:
    found: UserRecord = session.scalars(  # type: ignore[attr-defined]
        select(UserRecord).where(UserRecord.username == name)
    ).one()
    return found


def gdp_2023(database: Database) -> tuple[Decimal | None, tuple[int, ...]]:
    """GDP's 2023 value as the public overview shows it, and the years shown pending."""
    with database.session() as session:
        view = plan_overview(session, None, 2023, Thresholds()).indicator("I005")
        assert view is not None
        shown = {o.year: o.value for o in view.observations}
        pending = plan_overview(session, None, 2023, Thresholds(), pending=True).indicator("I005")
        assert pending is not None
        return shown.get(2023), pending.pending_years


def enter(database: Database, value: str) -> int:
    with database.session() as session:
        gdp = find_indicator(get_plan(session, None), "GDP")
        added = add_observation(session, gdp, 2023, Decimal(value), "tongji", review="submitted")
        assert added is not None
        return added.id


def test_submit_return_resubmit_approve(site: Database) -> None:
    first = enter(site, "90.0")  # a slip: 90 for 900
    assert gdp_2023(site) == (None, (2023,))  # not public; shown as pending where allowed
    with site.session() as session:
        assert [o.id for o in pending_observations(session)] == [first]
        item = session.get(ObservationRecord, first)
        assert item is not None
        return_(session, item, user(session, "shenhe"), "数值少了一位,请核对", 1)
    with site.session() as session:
        (returned,) = submissions_of(session, "tongji")
        assert (returned.review_state, returned.review_comment, returned.version) == (
            "returned",
            "数值少了一位,请核对",
            2,
        )
    assert gdp_2023(site) == (None, ())  # a returned value is nobody's but its author's
    second = enter(site, "900")  # the fix: a new revision, submitted
    with site.session() as session:
        item = session.get(ObservationRecord, second)
        assert item is not None and item.revision == 2
        approve(session, item, user(session, "shenhe"), 1)
    assert gdp_2023(site) == (Decimal("900"), ())
    with site.session() as session:
        actions = session.scalars(
            select(AuditEntry.action).where(AuditEntry.entity == "observation")
        ).all()
        assert list(actions) == ["return", "approve"]


def test_one_may_not_review_ones_own(site: Database) -> None:
    with site.session() as session:
        gdp = find_indicator(get_plan(session, None), "GDP")
        item = add_observation(session, gdp, 2023, Decimal("900"), "shenhe", review="submitted")
        assert item is not None
        with pytest.raises(Forbidden, match="不能审核自己提交的数据"):
            approve(session, item, user(session, "shenhe"), 1)
        with pytest.raises(Forbidden, match="只有审核员或管理员"):
            approve(session, item, user(session, "tongji"), 1)


def test_only_submitted_records_are_decided_and_comments_are_needed(site: Database) -> None:
    first = enter(site, "900")
    with site.session() as session:
        item = session.get(ObservationRecord, first)
        assert item is not None
        with pytest.raises(InvalidInput, match="需要填写意见"):
            return_(session, item, user(session, "shenhe"), "  ", 1)
        approve(session, item, user(session, "shenhe"), 1)
        with pytest.raises(InvalidInput, match="只有待审核的记录可以审核"):
            approve(session, item, user(session, "shenhe2"), 2)
        with pytest.raises(InvalidInput, match="只有草稿或已退回的记录可以提交"):
            submit(session, item, user(session, "tongji"), 2)


def test_a_stale_form_is_refused_not_overwritten(site: Database) -> None:
    first = enter(site, "900")
    with site.session() as session:
        item = session.get(ObservationRecord, first)
        assert item is not None
        return_(session, item, user(session, "shenhe"), "请附来源", 1)  # version 1 → 2
    with site.session() as session:
        item = session.get(ObservationRecord, first)
        assert item is not None
        with pytest.raises(Conflict, match="已被他人修改"):
            submit(session, item, user(session, "tongji"), 1)  # opened before the return
    with site.session() as session:
        item = session.get(ObservationRecord, first)
        assert item is not None and (item.review_state, item.version) == ("returned", 2)


def test_two_reviewers_at_once_one_wins(site: Database) -> None:
    first = enter(site, "900")
    one, two = site.new_session(), site.new_session()
    try:
        a, b = one.get(ObservationRecord, first), two.get(ObservationRecord, first)
        assert a is not None and b is not None and a.version == b.version == 1
        approve(one, a, user(one, "shenhe"), 1)
        one.commit()
        with pytest.raises(Conflict):
            return_(two, b, user(two, "shenhe2"), "退回", 1)  # read version 1, now 2
    finally:
        one.close()
        two.close()
    with site.session() as session:
        item = session.get(ObservationRecord, first)
        assert item is not None and (item.review_state, item.reviewed_by) == (
            "approved",
            "shenhe",
        )


def test_a_locked_year_changes_only_after_an_audited_unlock(site: Database) -> None:
    first = enter(site, "900")
    with site.session() as session:
        plan = get_plan(session, None)
        with pytest.raises(Forbidden, match="只有管理员"):
            lock_year(session, plan, 2023, user(session, "shenhe"))
        lock_year(session, plan, 2023, user(session, "guihua"))
    with site.session() as session, pytest.raises(YearLocked, match="2023 年已由 guihua 锁定"):
        item = session.get(ObservationRecord, first)
        assert item is not None
        approve(session, item, user(session, "shenhe"), 1)
    with pytest.raises(YearLocked):
        enter(site, "901")
    with site.session() as session:
        plan = get_plan(session, None)
        with pytest.raises(InvalidInput, match="解锁需要填写原因"):
            unlock_year(session, plan, 2023, user(session, "guihua"), "")
        unlock_year(session, plan, 2023, user(session, "guihua"), "统计局更正年报")
    with site.session() as session:
        item = session.get(ObservationRecord, first)
        assert item is not None
        approve(session, item, user(session, "shenhe"), 1)
        entry = session.scalars(select(AuditEntry).where(AuditEntry.action == "unlock")).one()
        assert entry.after == {"year": 2023, "reason": "统计局更正年报"}
