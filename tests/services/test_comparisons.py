"""Version diff, continuity (14th → 15th) and alignment (规划衔接) over stored plans, on SQLite
and PostgreSQL. Expected changes are read off the edits each case makes by hand."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import func, select

from planwatch.domain.comparison import ContinuityStatus, Verdict
from planwatch.errors import InvalidInput, NotFound
from planwatch.read import read_document
from planwatch.samples import sample_path
from planwatch.services.alignment import alignment, decide, propose
from planwatch.services.continuity import confirm_continuity, continuity
from planwatch.services.diff import diff_versions
from planwatch.services.observations import add_observation
from planwatch.services.plans import RegionChoice, import_plan
from planwatch.store.database import Database
from planwatch.store.models import AlignmentPair, IndicatorRecord, ObservationRecord, Plan

PLANS = Path(__file__).parent.parent / "data" / "plans"
DISTRICT = (PLANS / "qinghe-district-14th.txt").read_text("utf-8")
SAMPLE = sample_path().read_text("utf-8")


def store(database: Database, tmp_path: Path, text: str, name: str, **region: str) -> int:
    path = tmp_path / name
    path.write_text(text, "utf-8")
    with database.session() as session:
        choice = RegionChoice(**region) if region else None
        return import_plan(
            session, read_document(path, max_bytes=1 << 22), "规划科", choice
        ).plan_id


def inserted_chapter(text: str) -> str:
    text = text.replace("第三章 保障措施", "第四章 保障措施").replace(
        "第二章 主要目标", "第三章 主要目标"
    )
    return text.replace(
        "第三章 主要目标", "第二章 深化改革开放\n\n全面深化改革。\n\n第三章 主要目标", 1
    )


CASES: dict[
    str, tuple[str, Callable[[str], str], list[tuple[str, str]], list[tuple[str, tuple[str, ...]]]]
] = {
    # id: (original, edit, outline changes (kind, title), target changes (kind, fields))
    "inserted-chapter": (DISTRICT, inserted_chapter, [("added", "深化改革开放")], []),
    "renamed-section": (
        SAMPLE,
        lambda t: t.replace("第二节面临形势", "第二节发展环境"),
        [("renamed", "发展环境")],
        [],
    ),
    "target-changed": (
        DISTRICT,
        lambda t: t.replace("地区生产总值达到800亿元", "地区生产总值达到850亿元"),
        [],
        [("changed", ("value",))],
    ),
    "target-removed": (
        DISTRICT,
        lambda t: t.replace("森林覆盖率达到40%。", ""),
        [],
        [("removed", ())],
    ),
    "target-comparator": (
        DISTRICT,
        lambda t: t.replace("常住人口城镇化率达到63%", "常住人口城镇化率超过63%"),
        [],
        [("changed", ("comparator",))],
    ),
}


@pytest.mark.parametrize("case", list(CASES), ids=list(CASES))
def test_version_diff(database: Database, tmp_path: Path, case: str) -> None:
    original, edit, outline, targets = CASES[case]
    plan_id = store(database, tmp_path, original, "v1.txt")
    assert store(database, tmp_path, edit(original), "v2.txt") == plan_id  # the next version
    with database.session() as session:
        plan = session.get(Plan, plan_id)
        assert plan is not None
        result = diff_versions(plan)
        assert (result.old.number, result.new.number) == (1, 2)
        assert [(c.kind.value, (c.new or c.old).title) for c in result.outline] == outline  # type: ignore[union-attr]
        assert [(c.kind.value, tuple(f.field for f in c.fields)) for c in result.targets] == targets
        if case == "inserted-chapter":  # 第二章 and 第三章 became 第三章 and 第四章: one run
            assert [(r.first, r.last, r.shift) for r in result.renumbered] == [(2, 3, 1)]
        if case == "target-changed":
            change = result.targets[0]
            assert change.old is not None and change.new is not None
            assert (change.old.value, change.new.value) == (Decimal(800), Decimal(850))


def test_diff_refuses_one_version_and_unrelated_plans(database: Database, tmp_path: Path) -> None:
    district = store(database, tmp_path, DISTRICT, "district.txt")
    sample = store(database, tmp_path, SAMPLE, "sample.txt")
    with database.session() as session:
        first, second = session.get(Plan, district), session.get(Plan, sample)
        assert first is not None and second is not None
        with pytest.raises(InvalidInput, match="只有一个版本"):
            diff_versions(first)
        with pytest.raises(InvalidInput, match="不是同一规划"):
            diff_versions(first, other=second)
        with pytest.raises(NotFound, match="没有第3版"):
            diff_versions(first, 1, 3)


def test_continuity_flags_differences_and_proposes_missing_values(
    database: Database, tmp_path: Path
) -> None:
    fourteenth = store(database, tmp_path, DISTRICT, "14.txt")
    fifteenth = store(
        database, tmp_path, (PLANS / "qinghe-district-15th.txt").read_text("utf-8"), "15.txt"
    )
    with database.session() as session:
        old = session.get(Plan, fourteenth)
        assert old is not None
        gdp = next(i for i in old.indicators if i.name == "地区生产总值" and i.unit == "亿元")
        add_observation(session, gdp, 2025, Decimal(805), "统计局")  # the 15th plan says 812
        forest = next(i for i in old.indicators if i.name == "森林覆盖率")
        add_observation(session, forest, 2025, Decimal("40.2"), "林业局")  # as the plan says
    with database.session() as session:
        new = session.get(Plan, fifteenth)
        assert new is not None
        result = continuity(session, new)
        assert result.base_year == 2025 and result.previous is not None
        assert result.previous.id == fourteenth
        statuses = {row.stated.series.split("|")[0]: row.status for row in result.rows}
        assert statuses == {
            "地区生产总值": ContinuityStatus.DIFFERS,
            "森林覆盖率": ContinuityStatus.MATCH,
            "常住人口城镇化率": ContinuityStatus.MISSING,
        }
        differs = next(r for r in result.rows if r.status is ContinuityStatus.DIFFERS)
        assert differs.difference == Decimal(7)  # 812 − 805
        written = confirm_continuity(session, new, "规划科")
        assert written == 1
    with database.session() as session:
        old = session.get(Plan, fourteenth)
        assert old is not None
        urban = next(i for i in old.indicators if i.name == "常住人口城镇化率")
        value = next(o for o in urban.observations if o.year == 2025)
        assert value.value == Decimal("62.5") and "第十五个五年规划" in value.source
        new = session.get(Plan, fifteenth)
        assert new is not None
        assert confirm_continuity(session, new, "规划科") == 0  # nothing left to write
        assert session.scalar(select(func.count()).select_from(ObservationRecord)) == 3


def test_alignment_of_a_district_with_its_city(database: Database, tmp_path: Path) -> None:
    city = store(
        database, tmp_path, (PLANS / "linjiang-city-14th.txt").read_text("utf-8"), "city.txt"
    )
    district = store(database, tmp_path, DISTRICT, "district.txt", parent="临江市")
    with database.session() as session:
        low, high = session.get(Plan, district), session.get(Plan, city)
        assert low is not None and high is not None
        assert propose(session, low, high, "规划科") >= 5
        assert propose(session, low, high, "规划科") == 0  # proposals are stored once

        def code(plan: Plan, name: str, unit: str) -> str:
            return next(i.code for i in plan.indicators if i.name == name and i.unit == unit)

        for name, unit in (("地区生产总值", "%"), ("单位地区生产总值能源消耗", "%"),
                           ("森林覆盖率", "%"), ("地区生产总值", "亿元")):  # fmt: skip
            decide(
                session,
                low,
                high,
                code(low, name, unit),
                code(high, name, unit),
                "confirmed",
                "规划科",
            )
        result = alignment(session, low, high)
    verdicts = {(row.lower.indicator, row.lower.unit): row for row in result.rows if row.lower}
    # 年均增长 7% against 6.5%: not weaker; 降低 13% against 14%: weaker; 40% against 45%: weaker
    assert verdicts[("地区生产总值", "%")].verdict is Verdict.CONSISTENT
    assert verdicts[("单位地区生产总值能源消耗", "%")].verdict is Verdict.WEAKER
    assert verdicts[("森林覆盖率", "%")].verdict is Verdict.WEAKER
    # a total: 800 of 4500 亿元 is 17.8 %, not a verdict on strength
    total = verdicts[("地区生产总值", "亿元")]
    assert total.verdict is Verdict.SHARE and total.share is not None
    assert round(total.share, 4) == Decimal("0.1778")
    assert sum(p.status == "confirmed" for p in result.pairs) == 4


def test_a_binding_indicator_above_without_a_counterpart(
    database: Database, tmp_path: Path
) -> None:
    province = store(
        database, tmp_path, (PLANS / "qingchuan-province-14th.txt").read_text("utf-8"), "p.txt"
    )
    city = store(
        database,
        tmp_path,
        (PLANS / "linjiang-city-14th.txt").read_text("utf-8"),
        "c.txt",
        parent="青川省",
    )
    with database.session() as session:
        high = session.get(Plan, province)
        assert high is not None
        land = next(i for i in high.indicators if i.name == "耕地保有量")
        land.attribute = "binding"
    with database.session() as session:
        low, high = session.get(Plan, city), session.get(Plan, province)
        assert low is not None and high is not None
        rows = alignment(session, low, high).rows
    missing = [r for r in rows if r.verdict is Verdict.MISSING_BELOW]
    assert [r.upper.indicator for r in missing if r.upper] == ["耕地保有量"]


@pytest.mark.parametrize(
    ("lower", "upper", "message"),
    [
        ("city", "district", "不是"),
        ("district", "district", "自身"),
        ("district", "other-city", "不是"),
    ],
    ids=["upside-down", "itself", "not-its-city"],
)
def test_alignment_refuses_a_plan_that_is_not_above(
    database: Database, tmp_path: Path, lower: str, upper: str, message: str
) -> None:
    ids = {
        "city": store(database, tmp_path, (PLANS / "linjiang-city-14th.txt").read_text("utf-8"), "c.txt"),
        "district": store(database, tmp_path, DISTRICT, "d.txt", parent="临江市"),
        "other-city": store(
            database, tmp_path,
            (PLANS / "linjiang-city-14th.txt").read_text("utf-8").replace("临江市", "川北市"), "o.txt",
        ),
    }  # fmt: skip
    with database.session() as session:
        low, high = session.get(Plan, ids[lower]), session.get(Plan, ids[upper])
        assert low is not None and high is not None
        with pytest.raises(InvalidInput, match=message):
            propose(session, low, high, "规划科")
    with database.session() as session:
        assert session.scalar(select(func.count()).select_from(AlignmentPair)) == 0
        assert session.scalar(select(func.count()).select_from(IndicatorRecord)) > 0
