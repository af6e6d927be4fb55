"""Figures read from a bulletin or report: matched to the plan's series, reviewed, written only
on confirmation as pending data with their document and span, on both databases.

The texts state their years ("2023年,…"), so the tests hold before and after the reading side
anchors 今年/去年 to the document's year.
"""

from decimal import Decimal

import pytest

from document_builders import build_docx, build_pdf
from planwatch.domain.document import Document
from planwatch.errors import InvalidInput
from planwatch.read import read_bytes
from planwatch.services.annual_targets import current_target
from planwatch.services.catalogue import series_for
from planwatch.services.document_figures import (
    FigureState,
    confirm_figures,
    read_figures,
)
from planwatch.services.observations import add_observation, find_indicator
from planwatch.services.plans import get_plan
from planwatch.services.sample import load_sample
from planwatch.settings import Settings
from planwatch.store.database import Database
from planwatch.store.models import (
    IndicatorRecord,
    ObservationRecord,
    ObservationSource,
    SourceDocument,
)

BULLETIN = """泸州市江阳区2023年国民经济和社会发展统计公报
江阳区统计局
2023年,全区实现地区生产总值8123000万元,比上年增长6.1%。
2023年,全区社会消费品零售总额482亿元,比上年增长9.2%。
2023年,城市建成区面积90平方公里。
"""
REPORT = """江阳区2024年政府工作报告
2023年,全区实现地区生产总值812.3亿元,比上年增长6.1%。
今年工作的主要预期目标是:城镇新增就业1.1万人以上;社会消费品零售总额达到520亿元。
"""


def document(text: str, name: str = "公报.txt") -> Document:
    return read_bytes(text.encode("utf-8"), name=name, max_bytes=1 << 20)


@pytest.fixture
def loaded(database: Database) -> Database:
    with database.session() as session:
        load_sample(session, Settings(), actor="样例")
    return database


def test_the_review_table_matches_levels_and_rates_apart(loaded: Database) -> None:
    with loaded.session() as session:
        plan = get_plan(session, None)
        reading = read_figures(session, plan, document(BULLETIN))
        assert (reading.year, reading.kind, reading.region) == (2023, "bulletin", "泸州市江阳区")
        rows = [(f.code, f.growth_rate, f.value, f.unit, f.state) for f in reading.figures]
        # 8123000 万元 = 812.3 亿元 (÷ 10000); the growth rates go to the % series, apart
        assert rows == [
            ("I005", False, Decimal("812.3"), "亿元", FigureState.NEW),
            ("I005", True, Decimal("6.1"), "%", FigureState.NEW),
            ("I011", False, Decimal(482), "亿元", FigureState.NEW),
            ("I011", True, Decimal("9.2"), "%", FigureState.NEW),
            ("", False, None, "", FigureState.UNMATCHED),  # 城市建成区面积: no such indicator
        ]
        assert reading.figures[0].quantity.sentence.startswith("2023年,全区实现地区生产总值")
        assert session.query(ObservationRecord).filter_by(year=2023).count() == 0


def test_confirmation_writes_pending_values_with_their_span(loaded: Database) -> None:
    with loaded.session() as session:
        plan = get_plan(session, None)
        doc = document(BULLETIN)
        reading = read_figures(session, plan, doc)
        outcome = confirm_figures(session, plan, reading, "统计局")
        assert (outcome.observations, outcome.targets) == (4, 0)
        gdp = find_indicator(plan, "GDP")
        written = session.query(ObservationRecord).filter_by(series_id=gdp.series_id, year=2023)
        level = written.one()
        assert (level.value, level.review_state, level.is_growth_rate) == (
            Decimal("812.3"), "submitted", False)  # fmt: skip
        source = session.get(ObservationSource, level.id)
        assert source is not None and source.line == 3
        start, end = source.start, source.end
        assert doc.text[start:end] == "8123000万元"
        rate = session.query(ObservationRecord).filter_by(year=2023, is_growth_rate=True).all()
        assert sorted(o.value for o in rate) == [Decimal("6.1"), Decimal("9.2")]
        assert {o.series.unit for o in rate} == {"%"}
        assert session.query(SourceDocument).one().kind == "bulletin"
        # reading it again: every value is already there (pending), nothing new
        again = read_figures(session, plan, doc)
        assert {f.state for f in again.figures if f.code} == {FigureState.UNCHANGED}
        assert confirm_figures(session, plan, again, "统计局").observations == 0


def test_a_conflict_with_an_approved_value_is_kept_unless_replaced(loaded: Database) -> None:
    with loaded.session() as session:
        plan = get_plan(session, None)
        gdp = find_indicator(plan, "GDP")
        add_observation(session, gdp, 2023, Decimal(800), "规划科")  # approved
        reading = read_figures(session, plan, document(BULLETIN))
        first = reading.figures[0]
        assert (first.state, first.stored) == (FigureState.CONFLICT, Decimal(800))
        kept = confirm_figures(session, plan, reading, "统计局")
        assert kept.conflicts_kept == 1 and kept.observations == 3
        values = [o.value for o in gdp.series.observations if o.year == 2023]
        assert values == [Decimal(800)]
        replaced = confirm_figures(session, plan, reading, "统计局", replace_conflicts=True)
        assert replaced.conflicts_written == 1
        session.expire(gdp.series, ["observations"])
        newest = max(
            (o for o in gdp.series.observations if o.year == 2023), key=lambda o: o.revision
        )
        # a new pending revision; the approved 800 stays the public value until it is approved
        assert (newest.revision, newest.value, newest.review_state) == (
            2, Decimal("812.3"), "submitted")  # fmt: skip


def test_a_figure_matching_two_series_is_listed_not_written(loaded: Database) -> None:
    with loaded.session() as session:
        plan = get_plan(session, None)
        other = series_for(session, plan.region, "地区生产总值", "万元", None)
        session.add(IndicatorRecord(plan_id=plan.id, code="I099", name="地区生产总值", unit="万元",
                                    series_id=other.id, position=99))  # fmt: skip
        session.flush()
        session.expire(plan, ["indicators"])
        reading = read_figures(session, plan, document(BULLETIN))
        first = reading.figures[0]
        assert first.state is FigureState.AMBIGUOUS and len(first.candidates) == 2
        confirm_figures(session, plan, reading, "统计局")
        assert not [o for o in other.observations if o.year == 2023]


def test_targets_of_the_document_year_become_pending_annual_targets(loaded: Database) -> None:
    with loaded.session() as session:
        plan = get_plan(session, None)
        reading = read_figures(session, plan, document(REPORT, "2024年政府工作报告.txt"))
        assert reading.year == 2024 and reading.kind == "work_report"
        targets = [f for f in reading.figures if f.role == "annual_target" and f.code]
        assert [(f.code, f.year, f.value, f.unit) for f in targets] == [
            ("I011", 2024, Decimal(520), "亿元")]  # fmt: skip
        outcome = confirm_figures(session, plan, reading, "规划科")
        assert outcome.targets == 1
        stored = current_target(find_indicator(plan, "I011"), 2024, session)
        assert stored is not None and stored.review_state == "submitted"
        assert stored.document is not None and "社会消费品零售总额达到520亿元" in stored.sentence
        assert REPORT[stored.start : stored.end] == "520亿元"


def test_a_document_without_a_year_asks_for_one(loaded: Database) -> None:
    text = "统计公报\n全区实现地区生产总值812.3亿元。\n"
    with loaded.session() as session:
        plan = get_plan(session, None)
        with pytest.raises(InvalidInput, match="--year"):
            read_figures(session, plan, document(text))
        assert read_figures(session, plan, document(text), year=2023).year == 2023


def test_another_regions_bulletin_is_refused_unless_allowed(loaded: Database) -> None:
    text = BULLETIN.replace("江阳区", "龙马潭区")
    with loaded.session() as session:
        plan = get_plan(session, None)
        with pytest.raises(InvalidInput, match="龙马潭区"):
            read_figures(session, plan, document(text))
        allowed = read_figures(session, plan, document(text), allow_other_region=True)
        assert allowed.region == "泸州市龙马潭区"


def test_a_bulletins_undated_figures_are_results_of_its_year(loaded: Database) -> None:
    # "全年…1.2万人" reads as a target without a year today; in a bulletin it is a 2023 result
    text = "泸州市江阳区2023年国民经济和社会发展统计公报\n全年社会消费品零售总额482亿元。\n"
    with loaded.session() as session:
        plan = get_plan(session, None)
        reading = read_figures(session, plan, document(text))
        assert [(f.role, f.year, f.code) for f in reading.figures] == [
            ("observation", 2023, "I011")]  # fmt: skip


@pytest.mark.parametrize("build", [build_docx, build_pdf], ids=["docx", "pdf"])
def test_a_bulletin_in_docx_or_pdf_reads_the_same(loaded: Database, build: object) -> None:
    data = build(BULLETIN.splitlines())  # type: ignore[operator]
    name = "公报.docx" if build is build_docx else "公报.pdf"
    with loaded.session() as session:
        plan = get_plan(session, None)
        reading = read_figures(session, plan, read_bytes(data, name=name, max_bytes=1 << 22))
        found = [(f.code, f.growth_rate, f.value) for f in reading.figures if f.code]
        # 8123000 万元 = 812.3 亿元, as in the text file
        assert ("I005", False, Decimal("812.3")) in found
        assert ("I011", True, Decimal("9.2")) in found


def test_a_rate_indicator_and_a_level_share_one_growth_series(loaded: Database) -> None:
    with loaded.session() as session:
        plan = get_plan(session, None)
        rates = series_for(session, plan.region, "地区生产总值", "%", None)
        session.add(IndicatorRecord(plan_id=plan.id, code="I098", name="地区生产总值增速",
                                    unit="%", kind="growth_rate", series_id=rates.id,
                                    position=98))  # fmt: skip
        session.flush()
        session.expire(plan, ["indicators"])
        reading = read_figures(session, plan, document(BULLETIN))
        rate = reading.figures[1]  # 比上年增长6.1%: the rate indicator's series, not two
        assert (rate.state, rate.code, rate.value) == (FigureState.NEW, "I098", Decimal("6.1"))
        confirm_figures(session, plan, reading, "统计局")
        session.expire(rates, ["observations"])
        assert [(o.year, o.value, o.is_growth_rate) for o in rates.observations] == [
            (2023, Decimal("6.1"), True)]  # fmt: skip


def test_a_work_reports_year_is_that_of_its_session(loaded: Database) -> None:
    text = ("政府工作报告\n——2024年1月10日在泸州市江阳区第十九届人民代表大会第四次会议上\n"
            "今年工作的主要预期目标是:社会消费品零售总额达到520亿元。\n")  # fmt: skip
    with loaded.session() as session:
        plan = get_plan(session, None)
        reading = read_figures(session, plan, document(text))
        assert (reading.year, reading.kind) == (2024, "work_report")
        assert [(f.role, f.year, f.code) for f in reading.figures] == [
            ("annual_target", 2024, "I011")]  # fmt: skip
