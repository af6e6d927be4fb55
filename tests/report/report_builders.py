"""A small hand-built PlanOverview with every case a report must show, and the sample's."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal as D
from pathlib import Path

from planwatch.assess import Thresholds, assess, summarize
from planwatch.domain.indicator import Attribute, Indicator, Observation, Target, TargetKind
from planwatch.services.overview import IndicatorView, Note, PlanOverview, Revision, plan_overview
from planwatch.services.sample import load_sample
from planwatch.settings import Settings
from planwatch.store.database import Database

PERIOD = (2021, 2025)
AS_OF = 2022
RECORDED = datetime(2023, 3, 15, 9, 0, tzinfo=UTC)


def view(
    number: int,
    indicator: Indicator,
    observations: tuple[Observation, ...],
    notes: tuple[Note, ...] = (),
    department: str | None = None,
) -> IndicatorView:
    code = f"I{number:03d}"
    assessment = (
        assess(indicator, observations, AS_OF, Thresholds(), PERIOD) if indicator.targets else None
    )
    revisions = tuple(
        Revision(
            o.year,
            1,
            o.value,
            o.status.value,
            o.source,
            "",
            o.simulated,
            o.is_growth_rate,
            "统计局",
            RECORDED,
        )
        for o in observations
    )
    return IndicatorView(
        id=number, code=code, indicator=indicator, scope=None, confirmed=True, origin="text",
        department=department, chapter="第三章 主要目标", node=None, sentence=None,
        source_line=None, source_start=None, source_end=None, observations=observations,
        revisions=revisions, notes=notes, assessment=assessment,
    )  # fmt: skip


def water() -> IndicatorView:
    """Binding ceiling breached in 2022: 滞后, red; reasons and measures entered."""
    indicator = Indicator("用水总量", "亿立方米", TargetKind.CEILING, Attribute.BINDING,
                          targets=(Target(D("2.39"), 2025, "<="),))  # fmt: skip
    observed = (
        Observation(2021, D("2.2"), source="水务局"),
        Observation(2022, D("2.5"), source="水务局"),
    )
    note = Note(2022, "新建工业园区用水增加", "推进节水改造，实行用水定额管理", "水务局")
    return view(1, indicator, observed, (note,), department="区水务局")


def forest() -> IndicatorView:
    """Binding level far behind τ: P = 0.05/0.4 = 0.125 against τ = 0.4 → 滞后, red."""
    indicator = Indicator("森林覆盖率", "%", TargetKind.LEVEL, Attribute.BINDING,
                          baseline_year=2020, baseline_value=D("39.2"),
                          targets=(Target(D("39.6"), 2025),))  # fmt: skip
    return view(2, indicator, (Observation(2022, D("39.25"), source="林业局"),))


def gdp() -> IndicatorView:
    """The worked example of docs/assessment.md: 基本符合预期, green."""
    indicator = Indicator("地区生产总值", "亿元", TargetKind.LEVEL,
                          targets=(Target(D("1000"), 2025, ">"),
                                   Target(D("1200"), 2025, stretch=True)))  # fmt: skip
    observed = (Observation(2020, D("616.36"), source="统计公报"),
                Observation(2022, D("767.81"), source="统计公报"))  # fmt: skip
    return view(3, indicator, observed)


def tourism() -> IndicatorView:
    """A simulated value: P = 63/113 = 0.5575 against τ = 0.4 → 快于预期."""
    indicator = Indicator("旅游综合收入", "亿元", TargetKind.LEVEL, baseline_year=2020,
                          baseline_value=D("87"), targets=(Target(D("200"), 2025),))  # fmt: skip
    return view(4, indicator, (Observation(2022, D("150"), source="演示", simulated=True),))


def trade() -> IndicatorView:
    indicator = Indicator(
        "外贸进出口总额", "亿元", TargetKind.LEVEL, targets=(Target(D("20"), 2025),)
    )
    return view(5, indicator, ())


def industry() -> IndicatorView:
    """Data, no target: shown, not judged."""
    indicator = Indicator("第二产业增加值", "亿元", TargetKind.LEVEL)
    return view(6, indicator, (Observation(2022, D("407.55"), source="统计公报"),))


def overview(views: tuple[IndicatorView, ...] | None = None) -> PlanOverview:
    """The hand-built overview: binding first, as plan_overview orders them."""
    chosen = (
        views if views is not None else (water(), forest(), gdp(), tourism(), trade(), industry())
    )
    shown = [o for v in chosen for o in v.observations]
    return PlanOverview(
        plan_id=1, key="示例区 2021-2025", title="示例区国民经济和社会发展第十四个五年规划纲要",
        region="示例区", period=PERIOD, version=1, as_of=AS_OF, indicators=chosen,
        counts=summarize([v.assessment for v in chosen if v.assessment is not None]),
        thresholds=Thresholds(), sources=tuple(sorted({o.source for o in shown if o.source})),
        simulated=any(o.simulated for o in shown), data_until=RECORDED,
    )  # fmt: skip


def sample_overview(folder: Path, as_of: int | None = 2022) -> PlanOverview:
    """The bundled sample with its real observations, on an embedded SQLite file."""
    database = Database(f"sqlite:///{folder / 'sample.sqlite3'}")
    database.migrate()
    try:
        with database.session() as session:
            load_sample(session, Settings(), actor="样例")
        with database.session() as session:
            return plan_overview(session, None, as_of, Thresholds())
    finally:
        database.dispose()
