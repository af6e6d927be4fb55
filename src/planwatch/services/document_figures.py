"""Use case: figures read from a bulletin or report, matched to a plan's series, then written.

:func:`read_figures` extracts the document (services/extraction.py) and turns its quantities
into a review table: each past result (a ``baseline`` quantity) matched to the series of one
of the plan's indicators — a level to the indicator's series, a published growth rate
(比上年增长) to the growth-rate series of the same catalogue entry, kept apart — with its value
converted to the series' unit; each target of the document's year matched to an indicator
as its annual target. Nothing is written until :func:`confirm_figures`, which writes the
rows that can be written as pending data (待审核) of the review workflow, each with the
document and its span. A figure that matches two series, or none, is listed and never
written; a value that differs from an approved one is written only when asked to.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from decimal import Decimal
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import Session

from planwatch.assess.annual import AnnualGoal
from planwatch.domain.document import Document, DocumentFormat, DocumentKind, Source
from planwatch.domain.quantity import Quantity
from planwatch.errors import InvalidInput
from planwatch.extract.aliases import canonical_name
from planwatch.extract.document_kind import KIND_NAMES
from planwatch.extract.vocabulary import Vocabulary
from planwatch.services.annual import RATE_UNIT, rate_series
from planwatch.services.annual_targets import (
    Span,
    TargetEntry,
    add_annual_target,
    convert,
    current_target,
    describe,
)
from planwatch.services.catalogue import series_for
from planwatch.services.extraction import extract_document
from planwatch.services.observations import Revision, add_series_value, newest_revisions
from planwatch.services.review import require_unlocked
from planwatch.store.models import (
    CatalogueAlias,
    IndicatorRecord,
    ObservationRecord,
    ObservationSource,
    Plan,
    Series,
    SourceDocument,
)

# The region a title names before its year: "泸州市龙马潭区2023年国民经济和社会发展统计公报".
TITLE_REGION = re.compile(
    r"""^ \s* (?P<region> [\u4e00-\u9fff]{1,20}? (?:省|自治区|市|自治州|州|盟|地区|区|县|旗|国) )
        \s* (?:19|20)\d{2} \s* 年                 # its year
    """,
    re.VERBOSE,
)
KIND_LABELS = {"bulletin": "统计公报", "work_report": "政府工作报告", "plan_report": "计划报告"}
# The extraction's document kinds as the review table names them.
KINDS = {
    DocumentKind.STATISTICAL_BULLETIN: "bulletin",
    DocumentKind.WORK_REPORT: "work_report",
    DocumentKind.ANNUAL_PLAN_REPORT: "plan_report",
}
TITLE_LINES = 5
# Words a bulletin puts before an indicator's name: "全年实现地区生产总值", "年末常住人口".
LEADING_WORDS = (
    "全年",
    "年末",
    "年底",
    "实现",
    "完成",
    "全区",
    "全市",
    "全县",
    "全省",
    "全国",
    "全州",
    "全旗",
    "累计",
    "其中",
)
# A growth rate read without its subject: "比上年增长6.1%" names "比上" or nothing.
SUBJECTLESS = re.compile(r"^(?:比上年?|同比|较上年|增长|比|)$")


class FigureState(StrEnum):
    """What a row of the review table will do on confirmation; the label is shown."""

    NEW = "new"
    UNCHANGED = "unchanged"
    CONFLICT = "conflict"
    AMBIGUOUS = "ambiguous"
    UNMATCHED = "unmatched"
    SKIPPED = "skipped"

    @property
    def label(self) -> str:
        return {
            "new": "新增",
            "unchanged": "已有相同值",
            "conflict": "与已审核值不一致",
            "ambiguous": "匹配到多个系列",
            "unmatched": "未匹配",
            "skipped": "不导入",
        }[self.value]


@dataclass(frozen=True, slots=True)
class Figure:
    """One row of the review table."""

    number: int
    role: str  # "observation" (a past result) or "annual_target"
    quantity: Quantity
    name: str  # the indicator's name as resolved from the text
    year: int
    growth_rate: bool
    state: FigureState
    reason: str = ""
    indicator_id: int | None = None
    code: str = ""
    series_label: str = ""  # "I005 地区生产总值(亿元)" or "… 增长率(%)"
    value: Decimal | None = None  # in the series' (or target's) unit
    unit: str = ""
    stored: Decimal | None = None  # the approved value it conflicts with or repeats
    candidates: tuple[str, ...] = ()
    target_text: str = ""

    @property
    def writable(self) -> bool:
        return self.state in (FigureState.NEW, FigureState.CONFLICT)


@dataclass(frozen=True, slots=True)
class DocumentReading:
    """A document read against a plan: its facts and the review table."""

    document: Document
    plan_id: int
    year: int
    kind: str
    region: str | None
    figures: tuple[Figure, ...]

    @property
    def kind_label(self) -> str:
        return KIND_LABELS.get(self.kind, "文件")

    def counts(self) -> dict[FigureState, int]:
        found = dict.fromkeys(FigureState, 0)
        for figure in self.figures:
            found[figure.state] += 1
        return found


@dataclass(slots=True)
class Confirmation:
    """What :func:`confirm_figures` wrote."""

    observations: int = 0
    targets: int = 0
    conflicts_written: int = 0
    conflicts_kept: int = 0
    not_written: list[Figure] = field(default_factory=list)


def document_region(text: str) -> str | None:
    """The region the title names before its year, or None.

    >>> document_region("泸州市龙马潭区2023年国民经济和社会发展统计公报")
    '泸州市龙马潭区'
    >>> document_region("2024年政府工作报告") is None
    True
    """
    for line in [line for line in text.splitlines() if line.strip()][:TITLE_LINES]:
        match = TITLE_REGION.match(line)
        if match and any(word in line for word in ("公报", "报告", "计划", "草案")):
            return match.group("region")
    return None


def bare_name(name: str) -> str:
    """The indicator's name without a bulletin's leading words.

    >>> bare_name("全年实现地区生产总值"), bare_name("年末常住人口城镇化率")
    ('地区生产总值', '常住人口城镇化率')
    """
    bare = name.strip()
    changed = True
    while changed:
        changed = False
        for word in LEADING_WORDS:
            if bare.startswith(word) and len(bare) > len(word) + 1:
                bare, changed = bare[len(word) :], True
    return bare


def same_region(plan_region: str | None, document_region: str | None) -> bool:
    """Whether a document's region is the plan's (泸州市江阳区 is 江阳区).

    >>> same_region("江阳区", "泸州市江阳区"), same_region("江阳区", "龙马潭区")
    (True, False)
    """
    if not plan_region or not document_region:
        return True
    return plan_region in document_region or document_region in plan_region


def _is_rate(q: Quantity) -> bool:
    return q.growth_rate or (q.change is not None and q.unit == "%")


def _subjects(quantities: tuple[Quantity, ...]) -> list[str]:
    """Each quantity's indicator name; a subjectless rate takes the figure before it in the
    same sentence ("地区生产总值512.3亿元,比上年增长6.1%")."""
    names: list[str] = []
    for index, q in enumerate(quantities):
        name = bare_name(q.indicator)
        if SUBJECTLESS.match(name) and index and quantities[index - 1].sentence == q.sentence:
            name = names[index - 1]
        names.append(name)
    return names


def _indicators_named(session: Session, plan: Plan, name: str) -> list[IndicatorRecord]:
    """The plan's indicators that denote ``name`` (same catalogue entry, or same name)."""
    wanted = {canonical_name(name), name}
    alias = session.scalars(select(CatalogueAlias).where(CatalogueAlias.name.in_(wanted))).first()
    entry_id = alias.catalogue_id if alias else None
    found = []
    for indicator in plan.indicators:
        series = indicator.series
        if (series is not None and series.catalogue_id == entry_id) or canonical_name(
            indicator.name
        ) in wanted:
            found.append(indicator)
    return found


def _approved_value(session: Session, series: Series | None, year: int) -> Decimal | None:
    if series is None:
        return None
    query = select(ObservationRecord).where(
        ObservationRecord.series_id == series.id,
        ObservationRecord.year == year,
        ObservationRecord.review_state == "approved",
    )
    newest = newest_revisions(session.scalars(query))
    return newest[0].value if newest else None


def read_figures(
    session: Session,
    plan: Plan,
    document: Document,
    *,
    year: int | None = None,
    kind: DocumentKind | None = None,
    allow_other_region: bool = False,
    max_chars: int | None = None,
    vocabulary: Vocabulary | None = None,
) -> DocumentReading:
    """Extract ``document`` and match its figures to ``plan``; writes nothing.

    The extraction recognises the kind (``kind`` overrides it) and reads the document's year
    (``year`` overrides it), and dates every figure against it (docs/extraction.md, "Years
    from the document"). Raises :class:`~planwatch.errors.DocumentYearUnknown` when the year
    cannot be read (pass ``year``), InvalidInput for a document of another kind or about
    another region than the plan's (unless ``allow_other_region``).
    """
    extraction = extract_document(
        document, max_chars=max_chars, kind=kind, year=year, vocabulary=vocabulary
    )
    doc_year = extraction.document_year
    if doc_year is None:  # a plan outline or a task division plan: no year's figures
        raise InvalidInput(
            f"{document.source.path}: 文档识别为{KIND_NAMES[extraction.kind.kind]}"
            f"({extraction.kind.evidence}),不是统计公报、政府工作报告或计划报告;"
            "确是其中之一请用 --kind 指定"
        )
    region = extraction.plan.region or document_region(extraction.text.text)
    if not allow_other_region and not same_region(plan.region_name, region):
        raise InvalidInput(
            f"{document.source.path}: 文件是「{region}」的,规划「{plan.key}」属于"
            f"「{plan.region_name}」;确属本地区请用 --other-region 确认"
        )
    quantities = extraction.findings.quantities
    kind_name = KINDS[extraction.kind.kind]
    names = _subjects(quantities)
    figures = []
    for number, (q, name) in enumerate(zip(quantities, names, strict=True), start=1):
        figures.append(_figure(session, plan, number, q, name, doc_year, kind_name))
    return DocumentReading(document, plan.id, doc_year, kind_name, region, tuple(figures))


def _figure(
    session: Session, plan: Plan, number: int, q: Quantity, name: str, doc_year: int, kind: str
) -> Figure:
    """One row of the review table. A bulletin states results only, of its own year; a
    report's undated result is of the past year (过去一年), its undated target of its own."""
    if q.kind == "target" and kind != "bulletin":
        year = q.year if q.year is not None else doc_year
    elif q.year is not None:
        year = q.year
    else:
        year = doc_year if kind in ("bulletin", "") else doc_year - 1
    rate = _is_rate(q)
    if q.kind == "target" and kind != "bulletin":
        role = "annual_target"
        if year != doc_year:
            return Figure(
                number,
                role,
                q,
                name,
                year,
                rate,
                FigureState.SKIPPED,
                f"{year} 年的目标,不是本年({doc_year} 年)目标",
            )
    else:
        role = "observation"
        if year > doc_year:
            return Figure(
                number,
                role,
                q,
                name,
                year,
                rate,
                FigureState.SKIPPED,
                f"{year} 年晚于文件年份 {doc_year}",
            )
    base = Figure(number, role, q, name, year, rate, FigureState.UNMATCHED)
    if q.cumulative or q.stretch or (q.change is not None and not rate):
        return replace(
            base, state=FigureState.SKIPPED, reason="累计值、力争值或变化量,不作为年度数值"
        )
    indicators = _indicators_named(session, plan, name)
    if role == "annual_target":
        return _target_figure(session, base, indicators)
    return _observation_figure(session, base, indicators)


def _value(q: Quantity, rate: bool) -> Decimal:
    if rate and q.change == "decrease":
        return -q.value
    return q.value


def _target_figure(session: Session, base: Figure, indicators: list[IndicatorRecord]) -> Figure:
    q = base.quantity
    fits = [
        i for i in indicators if base.growth_rate or convert(q.value, q.unit, i.unit) is not None
    ]
    if not fits:
        return replace(base, reason="规划中没有对应的指标" if not indicators else "单位不能换算")
    if len(fits) > 1:
        return replace(
            base,
            state=FigureState.AMBIGUOUS,
            reason="匹配到多项指标,未写入",
            candidates=tuple(f"{i.code} {i.name}" for i in fits),
        )
    indicator = fits[0]
    comparator: str = q.comparator
    if base.growth_rate and q.change == "decrease":
        comparator = {">=": "<=", ">": "<", "<=": ">=", "<": ">"}.get(comparator, comparator)
    entry = TargetEntry(
        base.year,
        comparator,
        _value(q, base.growth_rate),
        "%" if base.growth_rate else q.unit,
        base.growth_rate,
        q.approximate,
    )
    current = current_target(indicator, base.year, session)
    same = current is not None and (
        current.comparator,
        current.value,
        current.unit,
        current.is_growth_rate,
        current.approximate,
    ) == (entry.comparator, entry.value, entry.unit, entry.growth_rate, entry.approximate)
    approved = current is not None and current.review_state == "approved"
    state = (
        FigureState.UNCHANGED if same else (FigureState.CONFLICT if approved else FigureState.NEW)
    )
    return replace(
        base,
        state=state,
        indicator_id=indicator.id,
        code=indicator.code,
        series_label=f"{indicator.code} {indicator.name} 年度目标",
        value=entry.value,
        unit=entry.unit,
        stored=current.value if current else None,
        target_text=f"{comparator}|{int(entry.approximate)}",
        reason="已有不同的年度目标" if state is FigureState.CONFLICT else "",
    )


def _observation_figure(
    session: Session, base: Figure, indicators: list[IndicatorRecord]
) -> Figure:
    q = base.quantity
    choices: dict[tuple[int, bool], tuple[IndicatorRecord, str, Decimal]] = {}
    for indicator in indicators:
        series = indicator.series
        if series is None:
            continue
        own_rate = indicator.kind == "growth_rate"  # its series holds rates, not levels
        if base.growth_rate:
            if own_rate and series.unit == RATE_UNIT:
                choices[(series.id, True)] = (indicator, f"{indicator.name}(%)", _value(q, True))
            elif series.unit != RATE_UNIT and series.region_id is not None:
                # the level's growth-rate series (one a rate indicator may already read), or
                # one created on confirmation: keyed by the level series' id, negated
                found = rate_series(session, series)
                key = (found.id, True) if found else (-series.id, True)
                choices.setdefault(key, (indicator, f"{indicator.name} 增长率(%)", _value(q, True)))
        elif indicator.kind != "growth_rate":
            converted = convert(q.value, q.unit, series.unit)
            if converted is not None:
                choices[(series.id, False)] = (
                    indicator,
                    f"{indicator.name}({series.unit})",
                    converted,
                )
    if not choices:
        reason = "规划中没有对应的指标" if not indicators else "单位不能换算或口径不符"
        return replace(base, reason=reason)
    if len(choices) > 1:
        return replace(
            base,
            state=FigureState.AMBIGUOUS,
            reason="匹配到多个数据系列,未写入",
            candidates=tuple(f"{i.code} {label}" for i, label, _ in choices.values()),
        )
    indicator, label, value = next(iter(choices.values()))
    series = indicator.series
    if base.growth_rate and series is not None and series.unit != RATE_UNIT:
        target = rate_series(session, series)
    else:
        target = series
    stored = _approved_value(session, target, base.year)
    newest = newest_revisions(
        o for o in (target.observations if target else []) if o.year == base.year
    )
    if newest and newest[0].value == value and newest[0].is_growth_rate == base.growth_rate:
        state = FigureState.UNCHANGED
    elif stored is None:
        state = FigureState.NEW
    else:
        state = FigureState.UNCHANGED if stored == value else FigureState.CONFLICT
    return replace(
        base,
        state=state,
        indicator_id=indicator.id,
        code=indicator.code,
        series_label=f"{indicator.code} {label}",
        value=value,
        unit=RATE_UNIT if base.growth_rate else (series.unit if series else q.unit),
        stored=stored,
        reason="与已审核值不一致" if state is FigureState.CONFLICT else "",
    )


def document_from(record: SourceDocument) -> Document:
    """The stored document as read again (its text decoded once, at upload)."""
    source = Source(
        record.name, record.sha256, DocumentFormat(record.format), "utf-8", len(record.text)
    )
    return Document(record.text, source)


def stored_document(session: Session, reading: DocumentReading, actor: str) -> SourceDocument:
    """The document kept with its text (once per sha256)."""
    source = reading.document.source
    found = session.scalars(
        select(SourceDocument).where(SourceDocument.sha256 == source.sha256)
    ).first()
    if found is not None:
        return found
    document = SourceDocument(
        sha256=source.sha256,
        name=source.path.rsplit("/", 1)[-1][:300],
        format=source.format.value,
        kind=reading.kind,
        year=reading.year,
        region=reading.region,
        text=reading.document.text,
        recorded_by=actor,
    )
    session.add(document)
    session.flush()
    return document


def confirm_figures(
    session: Session,
    plan: Plan,
    reading: DocumentReading,
    actor: str,
    *,
    replace_conflicts: bool = False,
    review: str = "submitted",
    may_edit: Callable[[IndicatorRecord], bool] | None = None,
) -> Confirmation:
    """Write every writable row of the review table as pending data, with its provenance.

    A conflicting row is written (as a new revision, the approved value staying until the
    new one is approved) only with ``replace_conflicts``. ``may_edit`` (a callable on an
    indicator) limits what a department editor writes.
    """
    outcome = Confirmation()
    rows = [f for f in reading.figures if f.writable]
    if not rows:
        return outcome
    indicators = {i.id: i for i in plan.indicators}
    for figure in rows:
        require_unlocked(session, [plan.id], figure.year)
    document = stored_document(session, reading, actor)
    for figure in rows:
        indicator = indicators[figure.indicator_id or 0]
        if may_edit is not None and not may_edit(indicator):
            outcome.not_written.append(replace(figure, reason="无权修改该指标(不属于本部门)"))
            continue
        if figure.state is FigureState.CONFLICT and not replace_conflicts:
            outcome.conflicts_kept += 1
            outcome.not_written.append(figure)
            continue
        q = figure.quantity
        span = Span(q.line, q.start, q.end, q.sentence)
        assert figure.value is not None
        if figure.role == "annual_target":
            comparator, approximate = figure.target_text.split("|")
            written = add_annual_target(
                session,
                indicator,
                TargetEntry(
                    figure.year,
                    comparator,
                    figure.value,
                    figure.unit,
                    figure.growth_rate,
                    approximate == "1",
                    document.name,
                ),
                actor,
                review=review,
                document=document,
                span=span,
            )
            outcome.targets += written is not None
        else:
            series = _series_of(session, plan, indicator, figure.growth_rate)
            observation = add_series_value(
                session,
                series,
                figure.year,
                figure.value,
                actor,
                Revision(
                    status="final",
                    source=f"{document.name} 第{q.line}行",
                    note=q.sentence[:500],
                    is_growth_rate=figure.growth_rate,
                    review=review,
                ),
                label=indicator.name,
                audit=("indicator", indicator.id),
            )
            if observation is not None:
                session.add(
                    ObservationSource(
                        observation_id=observation.id,
                        document_id=document.id,
                        line=q.line,
                        start=q.start,
                        end=q.end,
                        sentence=q.sentence,
                    )
                )
                outcome.observations += 1
        outcome.conflicts_written += figure.state is FigureState.CONFLICT
    session.flush()
    return outcome


def _series_of(
    session: Session, plan: Plan, indicator: IndicatorRecord, growth_rate: bool
) -> Series:
    series = indicator.series
    if series is None:
        raise InvalidInput(f"指标 {indicator.code} 还没有数据系列")
    if not growth_rate or series.unit == RATE_UNIT:
        return series
    return rate_series(session, series) or series_for(
        session, plan.region, series.catalogue.name, RATE_UNIT, series.scope
    )


def target_text(figure: Figure) -> str:
    """How the review table shows an annual-target row: "增长 6.5% 左右"."""
    if figure.value is None:
        return ""
    comparator, approximate = (figure.target_text or ">=|0").split("|")
    goal = AnnualGoal(
        figure.year,
        comparator,  # type: ignore[arg-type]
        figure.value,
        figure.unit,
        figure.growth_rate,
        approximate == "1",
    )
    return describe(goal)
