"""Tables of the planwatch database (SQLAlchemy 2 typed declarative models).

Statistics belong to a region and an indicator, not to a plan: a ``Series`` is a region × a
catalogue indicator × a unit, and holds the observations (append-only revisions, the newest
per year being the current value). A plan belongs to a region and has versions (each an
imported document, identified by its sha256) with their extraction stored: outline nodes
with stable keys and every quantity with its span. A plan's indicators link to series and
carry the targets in force when the plan was adopted; approved adjustments (规划调整) change
them from an effective year on. Every change a person makes is also written to
``audit_log``. docs/data.md draws the model.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    LargeBinary,
    MetaData,
    Numeric,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

# Stable constraint names, so migrations read the same on SQLite and PostgreSQL.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class ExactDecimal(TypeDecorator[Decimal]):
    """A decimal kept exactly on both databases: NUMERIC(26, 6) on PostgreSQL, text on SQLite.

    SQLite has no decimal type: a NUMERIC column stores a REAL, so 1234567890123.456789 came
    back as …4568 and a re-import saw a changed value. Text keeps every digit.
    """

    impl = Numeric(26, 6, asdecimal=True)
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> Any:
        if dialect.name == "sqlite":
            return dialect.type_descriptor(String(40))
        return dialect.type_descriptor(Numeric(26, 6, asdecimal=True))

    def process_bind_param(self, value: Decimal | None, dialect: Dialect) -> Any:
        if value is None:
            return None
        exact = Decimal(value).quantize(Decimal("0.000001"))
        return format(exact, "f") if dialect.name == "sqlite" else exact

    def process_result_value(self, value: Any, dialect: Dialect) -> Decimal | None:
        """The stored value as written: 20.000000 → 20, 616.360000 → 616.36, 1E+3 → 1000."""
        if value is None:
            return None
        exact = Decimal(str(value)).normalize()
        return exact.quantize(Decimal(1)) if exact == exact.to_integral_value() else exact


# Values are kept exactly: 20 digits, 6 after the point, enough for 元 totals and rates.
Amount = ExactDecimal()


# The states of the review workflow, as a CHECK constraint (docs/tasks.md).
REVIEW_CHECK = "review_state IN ('draft', 'submitted', 'returned', 'approved')"


def utcnow() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Region(Base):
    """An administrative region: 国家, 省, 市, 县区 or 乡镇, inside its parent."""

    __tablename__ = "region"
    __table_args__ = (
        CheckConstraint("level IN ('国家', '省', '市', '县区', '乡镇')", name="level"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    level: Mapped[str] = mapped_column(String(10))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("region.id", ondelete="SET NULL"))

    parent: Mapped[Region | None] = relationship(remote_side="Region.id")


class CatalogueIndicator(Base):
    """An indicator as statistics know it, whatever plan names it: 地区生产总值 (GDP, 生产总值…).

    Qualifiers are part of the identity: 人均地区生产总值 is another entry than 地区生产总值.
    """

    __tablename__ = "catalogue_indicator"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    unit_family: Mapped[str] = mapped_column(String(20), default="")  # 元, %, 人 … (base unit)
    definition: Mapped[str] = mapped_column(Text, default="")

    aliases: Mapped[list[CatalogueAlias]] = relationship(
        back_populates="entry", cascade="all, delete-orphan", order_by="CatalogueAlias.name"
    )


class CatalogueAlias(Base):
    """Another name of a catalogue indicator (GDP for 地区生产总值); unique across entries."""

    __tablename__ = "catalogue_alias"

    id: Mapped[int] = mapped_column(primary_key=True)
    catalogue_id: Mapped[int] = mapped_column(
        ForeignKey("catalogue_indicator.id", ondelete="CASCADE")
    )
    name: Mapped[str] = mapped_column(String(200), unique=True)

    entry: Mapped[CatalogueIndicator] = relationship(back_populates="aliases")


class Series(Base):
    """The statistics of one indicator of one region in one unit, across every plan."""

    __tablename__ = "series"
    __table_args__ = (UniqueConstraint("region_id", "catalogue_id", "unit", "scope"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    # None when the region is unknown (a plan imported before regions existed, without one)
    region_id: Mapped[int | None] = mapped_column(ForeignKey("region.id", ondelete="CASCADE"))
    catalogue_id: Mapped[int] = mapped_column(ForeignKey("catalogue_indicator.id"))
    unit: Mapped[str] = mapped_column(String(30))
    scope: Mapped[str] = mapped_column(String(100), default="")  # "" = the whole region

    region: Mapped[Region | None] = relationship()
    catalogue: Mapped[CatalogueIndicator] = relationship()
    observations: Mapped[list[ObservationRecord]] = relationship(
        back_populates="series",
        order_by="(ObservationRecord.year, ObservationRecord.revision)",
        cascade="all, delete-orphan",
    )


class Plan(Base):
    __tablename__ = "plan"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(200), unique=True)  # region + period, or the title
    title: Mapped[str | None] = mapped_column(String(300))
    region_id: Mapped[int | None] = mapped_column(ForeignKey("region.id", ondelete="SET NULL"))
    period_start: Mapped[int | None] = mapped_column(Integer)
    period_end: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    region: Mapped[Region | None] = relationship()
    versions: Mapped[list[PlanVersion]] = relationship(
        back_populates="plan", order_by="PlanVersion.number", cascade="all, delete-orphan"
    )
    indicators: Mapped[list[IndicatorRecord]] = relationship(
        back_populates="plan", order_by="IndicatorRecord.position", cascade="all, delete-orphan"
    )
    adjustments: Mapped[list[Adjustment]] = relationship(
        back_populates="plan", order_by="Adjustment.effective_year", cascade="all, delete-orphan"
    )

    @property
    def region_name(self) -> str | None:
        return self.region.name if self.region else None

    @property
    def level(self) -> str | None:
        return self.region.level if self.region else None


class PlanVersion(Base):
    """One document of a plan (the outline as adopted, a mid-term update …) and its extraction."""

    __tablename__ = "plan_version"
    __table_args__ = (
        UniqueConstraint("plan_id", "number"),
        UniqueConstraint("plan_id", "sha256"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id", ondelete="CASCADE"))
    number: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    source_path: Mapped[str] = mapped_column(String(500))
    format: Mapped[str] = mapped_column(String(10))
    encoding: Mapped[str] = mapped_column(String(20))
    text: Mapped[str] = mapped_column(Text, deferred=True)  # loaded when read, not with the row
    status: Mapped[str] = mapped_column(String(20), default="draft")  # draft / confirmed
    title: Mapped[str | None] = mapped_column(String(300))  # as the document states it
    adopted_on: Mapped[date | None] = mapped_column(Date)  # adopted, or updated
    approved_by: Mapped[str | None] = mapped_column(String(100))  # 区人民代表大会 …
    issues: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    imported_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    plan: Mapped[Plan] = relationship(back_populates="versions")
    nodes: Mapped[list[OutlineNodeRecord]] = relationship(
        back_populates="version", order_by="OutlineNodeRecord.start", cascade="all, delete-orphan"
    )
    quantities: Mapped[list[QuantityRecord]] = relationship(
        back_populates="version", order_by="QuantityRecord.start", cascade="all, delete-orphan"
    )


class OutlineNodeRecord(Base):
    """A heading of a version; ``key`` is stable across versions (kind and title, not position)."""

    __tablename__ = "outline_node"
    __table_args__ = (UniqueConstraint("version_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("plan_version.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(300))  # stable: "chapter:建设现代产业体系"
    path: Mapped[str] = mapped_column(String(100))  # positional, as extracted: "p5.c16.s2"
    parent_key: Mapped[str | None] = mapped_column(String(300))
    kind: Mapped[str] = mapped_column(String(20))
    label: Mapped[str] = mapped_column(String(50))
    number: Mapped[int | None] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(500))
    line: Mapped[int] = mapped_column(Integer)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)

    version: Mapped[PlanVersion] = relationship(back_populates="nodes")


class QuantityRecord(Base):
    """A target or baseline (or a qualitative target) as a version's text states it."""

    __tablename__ = "quantity"

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(
        ForeignKey("plan_version.id", ondelete="CASCADE"), index=True
    )
    indicator_id: Mapped[int | None] = mapped_column(
        ForeignKey("indicator.id", ondelete="SET NULL"), index=True
    )
    kind: Mapped[str] = mapped_column(String(20))  # target / baseline / qualitative
    name: Mapped[str] = mapped_column(String(200))  # the indicator's name as written
    scope: Mapped[str] = mapped_column(String(100), default="")
    value: Mapped[Decimal | None] = mapped_column(Amount)
    unit: Mapped[str] = mapped_column(String(30), default="")
    base_value: Mapped[Decimal | None] = mapped_column(Amount)
    base_unit: Mapped[str] = mapped_column(String(30), default="")
    comparator: Mapped[str] = mapped_column(String(2), default="=")
    year: Mapped[int | None] = mapped_column(Integer)
    cumulative: Mapped[bool] = mapped_column(Boolean, default=False)
    growth_rate: Mapped[bool] = mapped_column(Boolean, default=False)
    stretch: Mapped[bool] = mapped_column(Boolean, default=False)
    change: Mapped[str | None] = mapped_column(String(10))
    text: Mapped[str] = mapped_column(Text)
    line: Mapped[int] = mapped_column(Integer)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    sentence: Mapped[str] = mapped_column(Text, default="")
    node_key: Mapped[str | None] = mapped_column(String(300))  # stable key of its outline node

    version: Mapped[PlanVersion] = relationship(back_populates="quantities")
    indicator: Mapped[IndicatorRecord | None] = relationship()


class Department(Base):
    """A responsible unit: a department (部门), a town or street (镇街), a higher office (上级机关).

    The list is managed: a name a document writes is matched against the names and aliases
    (services/department_list.py), and an unknown one is a question, never a new row.
    """

    __tablename__ = "department"
    __table_args__ = (CheckConstraint("kind IN ('部门', '镇街', '上级机关')", name="kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    kind: Mapped[str] = mapped_column(String(10), default="部门", server_default="部门")

    aliases: Mapped[list[DepartmentAlias]] = relationship(
        back_populates="department", cascade="all, delete-orphan", order_by="DepartmentAlias.name"
    )


class DepartmentAlias(Base):
    """Another name of a department: an alias (区文广旅局) or an abbreviation (发改委)."""

    __tablename__ = "department_alias"
    __table_args__ = (CheckConstraint("kind IN ('alias', 'abbreviation')", name="kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    department_id: Mapped[int] = mapped_column(ForeignKey("department.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(100), unique=True)
    kind: Mapped[str] = mapped_column(String(20), default="alias")

    department: Mapped[Department] = relationship(back_populates="aliases")


class IndicatorRecord(Base):
    __tablename__ = "indicator"
    __table_args__ = (UniqueConstraint("plan_id", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id", ondelete="CASCADE"))
    series_id: Mapped[int | None] = mapped_column(ForeignKey("series.id"), index=True)
    code: Mapped[str] = mapped_column(String(20))  # stable per plan: "I01", "I02" …
    position: Mapped[int] = mapped_column(Integer, default=0)
    name: Mapped[str] = mapped_column(String(200))
    scope: Mapped[str | None] = mapped_column(String(100))  # 全区, or a park, company, town
    unit: Mapped[str] = mapped_column(String(30))
    attribute: Mapped[str] = mapped_column(String(20), default="expected")
    kind: Mapped[str] = mapped_column(String(20), default="level")
    direction: Mapped[str] = mapped_column(String(20), default="increase")
    baseline_year: Mapped[int | None] = mapped_column(Integer)
    baseline_value: Mapped[Decimal | None] = mapped_column(Amount)
    department_id: Mapped[int | None] = mapped_column(ForeignKey("department.id"))
    confirmed: Mapped[bool] = mapped_column(Boolean, default=False)
    origin: Mapped[str] = mapped_column(
        String(20), default="extracted"
    )  # extracted / table / manual
    # The name and unit as extracted: a re-import recognises the indicator by them even after
    # a person renamed it.
    extracted_key: Mapped[str | None] = mapped_column(String(250))
    source_version_id: Mapped[int | None] = mapped_column(
        ForeignKey("plan_version.id", ondelete="SET NULL")
    )
    source_node: Mapped[str | None] = mapped_column(String(300))  # stable outline key
    chapter: Mapped[str | None] = mapped_column(String(300))  # "第十章 标题", for grouping
    source_line: Mapped[int | None] = mapped_column(Integer)
    source_start: Mapped[int | None] = mapped_column(Integer)
    source_end: Mapped[int | None] = mapped_column(Integer)
    sentence: Mapped[str | None] = mapped_column(Text)
    # Metadata an indicator page shows (as on an SDG indicator page); "" when not known.
    definition: Mapped[str] = mapped_column(Text, default="", server_default="")  # 指标解释
    measure_note: Mapped[str] = mapped_column(Text, default="", server_default="")  # 统计口径
    data_source: Mapped[str] = mapped_column(String(300), default="", server_default="")
    frequency: Mapped[str] = mapped_column(String(20), default="", server_default="")  # 年度
    contact: Mapped[str] = mapped_column(String(200), default="", server_default="")

    plan: Mapped[Plan] = relationship(back_populates="indicators")
    series: Mapped[Series | None] = relationship()
    department: Mapped[Department | None] = relationship()
    targets: Mapped[list[TargetRecord]] = relationship(
        back_populates="indicator", order_by="TargetRecord.stretch", cascade="all, delete-orphan"
    )
    # The series' observations, read through the indicator; written through the series.
    observations: Mapped[list[ObservationRecord]] = relationship(
        primaryjoin="IndicatorRecord.series_id == foreign(ObservationRecord.series_id)",
        order_by="(ObservationRecord.year, ObservationRecord.revision)",
        viewonly=True,
    )
    notes: Mapped[list[ProgressNote]] = relationship(
        back_populates="indicator", order_by="ProgressNote.year", cascade="all, delete-orphan"
    )


class TargetRecord(Base):
    __tablename__ = "target"

    id: Mapped[int] = mapped_column(primary_key=True)
    indicator_id: Mapped[int] = mapped_column(ForeignKey("indicator.id", ondelete="CASCADE"))
    value: Mapped[Decimal] = mapped_column(Amount)
    year: Mapped[int] = mapped_column(Integer)
    comparator: Mapped[str] = mapped_column(String(2), default=">=")
    stretch: Mapped[bool] = mapped_column(Boolean, default=False)

    indicator: Mapped[IndicatorRecord] = relationship(back_populates="targets")


class ObservationRecord(Base):
    """One revision of one indicator's value for one year; revisions are never overwritten."""

    __tablename__ = "observation"
    __table_args__ = (
        UniqueConstraint("series_id", "year", "revision"),
        CheckConstraint(REVIEW_CHECK, name="review_state"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    series_id: Mapped[int] = mapped_column(ForeignKey("series.id", ondelete="CASCADE"))
    year: Mapped[int] = mapped_column(Integer)
    revision: Mapped[int] = mapped_column(Integer, default=1)
    value: Mapped[Decimal] = mapped_column(Amount)
    is_growth_rate: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[str] = mapped_column(String(20), default="final")  # preliminary/final/revised
    source: Mapped[str] = mapped_column(String(500), default="")
    note: Mapped[str] = mapped_column(String(500), default="")
    simulated: Mapped[bool] = mapped_column(Boolean, default=False)
    recorded_by: Mapped[str] = mapped_column(String(100), default="")
    recorded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    # The review workflow (docs/tasks.md): draft → submitted → approved, or returned.
    review_state: Mapped[str] = mapped_column(
        String(20), default="approved", server_default="approved"
    )
    review_comment: Mapped[str] = mapped_column(String(500), default="", server_default="")
    reviewed_by: Mapped[str] = mapped_column(String(100), default="", server_default="")
    reviewed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # Raised by every update; a form carries it, and a stale one is refused (409).
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    # The plausibility checks (services/entry_checks.py) whoever recorded it confirmed:
    # "jump,unit_slip"; "" when none applied.
    confirmed_checks: Mapped[str] = mapped_column(String(200), default="", server_default="")

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 - read once, by the mapper

    series: Mapped[Series] = relationship(back_populates="observations")


class ProgressNote(Base):
    """Why an indicator stands where it does in a year, and what is being done (原因与措施)."""

    __tablename__ = "progress_note"
    __table_args__ = (
        UniqueConstraint("indicator_id", "year"),
        CheckConstraint(REVIEW_CHECK, name="review_state"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    indicator_id: Mapped[int] = mapped_column(ForeignKey("indicator.id", ondelete="CASCADE"))
    year: Mapped[int] = mapped_column(Integer)
    reason: Mapped[str] = mapped_column(Text, default="")
    measures: Mapped[str] = mapped_column(Text, default="")
    recorded_by: Mapped[str] = mapped_column(String(100), default="")
    recorded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    # The review workflow (docs/tasks.md): draft → submitted → approved, or returned.
    review_state: Mapped[str] = mapped_column(
        String(20), default="approved", server_default="approved"
    )
    review_comment: Mapped[str] = mapped_column(String(500), default="", server_default="")
    reviewed_by: Mapped[str] = mapped_column(String(100), default="", server_default="")
    reviewed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # Raised by every update; a form carries it, and a stale one is refused (409).
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 - read once, by the mapper

    indicator: Mapped[IndicatorRecord] = relationship(back_populates="notes")


class Adjustment(Base):
    """An approved change of a plan's targets (规划调整), in force from ``effective_year``."""

    __tablename__ = "adjustment"

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id", ondelete="CASCADE"))
    proposed_by: Mapped[str] = mapped_column(String(100), default="")  # 区人民政府
    approved_by: Mapped[str] = mapped_column(String(100))  # 区人大常委会
    document_number: Mapped[str] = mapped_column(String(100), default="")  # 江人常〔2023〕5号
    decided_on: Mapped[date] = mapped_column(Date)
    effective_year: Mapped[int] = mapped_column(Integer)
    reason: Mapped[str] = mapped_column(Text, default="")
    recorded_by: Mapped[str] = mapped_column(String(100), default="")
    recorded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    plan: Mapped[Plan] = relationship(back_populates="adjustments")
    changes: Mapped[list[AdjustedTarget]] = relationship(
        back_populates="adjustment", cascade="all, delete-orphan", order_by="AdjustedTarget.id"
    )


class AdjustedTarget(Base):
    """One target an adjustment changes: the main (or 力争) target of one indicator."""

    __tablename__ = "adjusted_target"
    __table_args__ = (UniqueConstraint("adjustment_id", "indicator_id", "stretch"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    adjustment_id: Mapped[int] = mapped_column(ForeignKey("adjustment.id", ondelete="CASCADE"))
    indicator_id: Mapped[int] = mapped_column(ForeignKey("indicator.id", ondelete="CASCADE"))
    stretch: Mapped[bool] = mapped_column(Boolean, default=False)
    old_value: Mapped[Decimal] = mapped_column(Amount)
    old_year: Mapped[int] = mapped_column(Integer)
    old_comparator: Mapped[str] = mapped_column(String(2))
    value: Mapped[Decimal] = mapped_column(Amount)
    year: Mapped[int] = mapped_column(Integer)
    comparator: Mapped[str] = mapped_column(String(2))

    adjustment: Mapped[Adjustment] = relationship(back_populates="changes")
    indicator: Mapped[IndicatorRecord] = relationship()


class AlignmentPair(Base):
    """A plan's indicator and its counterpart in a plan above (规划衔接), proposed or confirmed."""

    __tablename__ = "alignment_pair"
    __table_args__ = (UniqueConstraint("lower_id", "upper_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    lower_id: Mapped[int] = mapped_column(ForeignKey("indicator.id", ondelete="CASCADE"))
    upper_id: Mapped[int] = mapped_column(ForeignKey("indicator.id", ondelete="CASCADE"))
    status: Mapped[str] = mapped_column(String(20), default="proposed")  # confirmed / rejected
    score: Mapped[Decimal] = mapped_column(Amount, default=Decimal(0))
    decided_by: Mapped[str] = mapped_column(String(100), default="")

    lower: Mapped[IndicatorRecord] = relationship(foreign_keys=[lower_id])
    upper: Mapped[IndicatorRecord] = relationship(foreign_keys=[upper_id])


class AppSetting(Base):
    """A setting an administrator changes at run time (the default plan)."""

    __tablename__ = "app_setting"

    key: Mapped[str] = mapped_column(String(50), primary_key=True)
    value: Mapped[str] = mapped_column(String(200))


class AuditEntry(Base):
    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    actor: Mapped[str] = mapped_column(String(100))
    action: Mapped[str] = mapped_column(String(50))
    entity: Mapped[str] = mapped_column(String(50))
    entity_id: Mapped[int | None] = mapped_column(Integer)
    before: Mapped[dict[str, object] | None] = mapped_column(JSON)
    after: Mapped[dict[str, object] | None] = mapped_column(JSON)


class UserRecord(Base):
    """A person who signs in: administrator, reviewer, department editor or viewer.

    docs/security.md describes the roles.

    Only the argon2 hash of the password is kept; an editor belongs to a department and may
    change only that department's indicators.
    """

    __tablename__ = "app_user"
    __table_args__ = (
        CheckConstraint("role IN ('admin', 'reviewer', 'editor', 'viewer')", name="role"),
        CheckConstraint("role <> 'editor' OR department_id IS NOT NULL", name="editor_department"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(50), unique=True)
    display_name: Mapped[str] = mapped_column(String(100), default="")
    password_hash: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(20))
    department_id: Mapped[int | None] = mapped_column(ForeignKey("department.id"))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    last_login_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    department: Mapped[Department | None] = relationship()


class SessionRecord(Base):
    """A signed-in browser session; the id is the sha256 of the cookie's token, never the token."""

    __tablename__ = "web_session"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("app_user.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    csrf_secret: Mapped[str] = mapped_column(String(64))

    user: Mapped[UserRecord] = relationship()


class IndicatorUnit(Base):
    """A unit responsible for an indicator: the lead (牵头) or a co-responsible unit (责任).

    ``IndicatorRecord.department`` stays the lead, whose editors enter the values; this table
    lists every unit, the lead included.
    """

    __tablename__ = "indicator_unit"
    __table_args__ = (
        UniqueConstraint("indicator_id", "department_id"),
        CheckConstraint("role IN ('lead', 'co')", name="role"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    indicator_id: Mapped[int] = mapped_column(ForeignKey("indicator.id", ondelete="CASCADE"))
    department_id: Mapped[int] = mapped_column(ForeignKey("department.id", ondelete="CASCADE"))
    role: Mapped[str] = mapped_column(String(10), default="co")

    indicator: Mapped[IndicatorRecord] = relationship()
    department: Mapped[Department] = relationship()


class TaskRecord(Base):
    """A task of a plan (重点任务): a 节, a measure paragraph, an indicator or an assignment.

    Proposed from the stored outline or a task division plan (任务分工方案), then confirmed
    or rejected by a person; ``score`` is how well an imported assignment matched.
    """

    __tablename__ = "task"
    __table_args__ = (
        UniqueConstraint("plan_id", "code"),
        CheckConstraint("status IN ('proposed', 'confirmed', 'rejected')", name="status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id", ondelete="CASCADE"))
    code: Mapped[str] = mapped_column(String(20))  # stable per plan: "T001" …
    position: Mapped[int] = mapped_column(Integer, default=0)
    title: Mapped[str] = mapped_column(String(500))
    text: Mapped[str] = mapped_column(Text, default="")
    category: Mapped[str] = mapped_column(String(20), default="section")  # section / measure …
    status: Mapped[str] = mapped_column(String(20), default="proposed")
    origin: Mapped[str] = mapped_column(String(20), default="outline")  # / assignment / manual
    node_key: Mapped[str | None] = mapped_column(String(300))  # stable outline key
    chapter: Mapped[str | None] = mapped_column(String(300))
    indicator_id: Mapped[int | None] = mapped_column(
        ForeignKey("indicator.id", ondelete="SET NULL")
    )
    deadline_year: Mapped[int | None] = mapped_column(Integer)
    deadline_text: Mapped[str] = mapped_column(String(100), default="")  # 2024年, 长期坚持
    score: Mapped[Decimal | None] = mapped_column(Amount)
    source_line: Mapped[int | None] = mapped_column(Integer)
    source_start: Mapped[int | None] = mapped_column(Integer)
    source_end: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    plan: Mapped[Plan] = relationship()
    indicator: Mapped[IndicatorRecord | None] = relationship()
    units: Mapped[list[TaskUnit]] = relationship(
        back_populates="task", cascade="all, delete-orphan", order_by="TaskUnit.id"
    )
    milestones: Mapped[list[TaskMilestone]] = relationship(
        back_populates="task", cascade="all, delete-orphan", order_by="TaskMilestone.year"
    )
    reports: Mapped[list[ProgressReport]] = relationship(
        back_populates="task",
        cascade="all, delete-orphan",
        order_by="(ProgressReport.year, ProgressReport.period)",
    )


class TaskUnit(Base):
    """A unit responsible for a task: the lead (牵头) or a co-responsible unit (责任)."""

    __tablename__ = "task_unit"
    __table_args__ = (
        UniqueConstraint("task_id", "department_id"),
        CheckConstraint("role IN ('lead', 'co')", name="role"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("task.id", ondelete="CASCADE"))
    department_id: Mapped[int] = mapped_column(ForeignKey("department.id", ondelete="CASCADE"))
    role: Mapped[str] = mapped_column(String(10), default="co")

    task: Mapped[TaskRecord] = relationship(back_populates="units")
    department: Mapped[Department] = relationship()


class TaskMilestone(Base):
    """What a task should have reached by the end of a year (年度目标)."""

    __tablename__ = "task_milestone"
    __table_args__ = (UniqueConstraint("task_id", "year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("task.id", ondelete="CASCADE"))
    year: Mapped[int] = mapped_column(Integer)
    target: Mapped[str] = mapped_column(Text)

    task: Mapped[TaskRecord] = relationship(back_populates="milestones")


class ProgressReport(Base):
    """A department's report on a task for a period (Q1…Q4, H1, H2, Y), under review."""

    __tablename__ = "progress_report"
    __table_args__ = (
        UniqueConstraint("task_id", "year", "period"),
        CheckConstraint("period IN ('Q1', 'Q2', 'Q3', 'Q4', 'H1', 'H2', 'Y')", name="period"),
        CheckConstraint("status IN ('未启动', '推进中', '已完成', '滞后')", name="status"),
        CheckConstraint(REVIEW_CHECK, name="review_state"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("task.id", ondelete="CASCADE"))
    year: Mapped[int] = mapped_column(Integer)
    period: Mapped[str] = mapped_column(String(4))
    status: Mapped[str] = mapped_column(String(10))
    narrative: Mapped[str] = mapped_column(Text, default="")
    figures: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    recorded_by: Mapped[str] = mapped_column(String(100), default="")
    recorded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    review_state: Mapped[str] = mapped_column(String(20), default="draft")
    review_comment: Mapped[str] = mapped_column(String(500), default="")
    reviewed_by: Mapped[str] = mapped_column(String(100), default="")
    reviewed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 - read once, by the mapper

    task: Mapped[TaskRecord] = relationship(back_populates="reports")
    evidence: Mapped[list[EvidenceFile]] = relationship(
        back_populates="report", cascade="all, delete-orphan", order_by="EvidenceFile.id"
    )


class EvidenceFile(Base):
    """A file attached to a progress report (pdf, image, docx), kept with its sha256."""

    __tablename__ = "evidence_file"
    __table_args__ = (UniqueConstraint("report_id", "sha256"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(
        ForeignKey("progress_report.id", ondelete="CASCADE"), index=True
    )
    filename: Mapped[str] = mapped_column(String(200))
    media_type: Mapped[str] = mapped_column(String(100))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    content: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)
    uploaded_by: Mapped[str] = mapped_column(String(100), default="")
    uploaded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    report: Mapped[ProgressReport] = relationship(back_populates="evidence")


class YearLock(Base):
    """A plan's year closed by an administrator: its data change only after an audited unlock."""

    __tablename__ = "year_lock"
    __table_args__ = (UniqueConstraint("plan_id", "year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id", ondelete="CASCADE"))
    year: Mapped[int] = mapped_column(Integer)
    locked_by: Mapped[str] = mapped_column(String(100))
    locked_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class ProjectRecord(Base):
    """A major project (重大项目) of a plan's register, linked to its 专栏 box and chapter.

    Amounts are in 万元 whatever unit the register used; the period is stored as dates (the
    first day of the start month, the last day of the end month) beside its text as written.
    """

    __tablename__ = "project"
    __table_args__ = (
        UniqueConstraint("plan_id", "code"),
        UniqueConstraint("plan_id", "name"),
        CheckConstraint("start_on <= end_on", name="period"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id", ondelete="CASCADE"), index=True)
    code: Mapped[str] = mapped_column(String(30))  # 序号 as the register writes it, or P001
    name: Mapped[str] = mapped_column(String(300))  # 项目名称
    content: Mapped[str] = mapped_column(Text, default="")  # 建设内容及规模
    location: Mapped[str] = mapped_column(String(200), default="")  # 建设地点
    nature: Mapped[str] = mapped_column(String(10), default="")  # 建设性质: 新建 / 续建
    period_text: Mapped[str] = mapped_column(String(100), default="")  # 2021年3月—2024年底
    start_on: Mapped[date] = mapped_column(Date)
    end_on: Mapped[date] = mapped_column(Date)
    total_investment: Mapped[Decimal] = mapped_column(Amount)  # 总投资, 万元
    plan_investment: Mapped[Decimal | None] = mapped_column(Amount)  # "十四五"计划投资, 万元
    funding_source: Mapped[str] = mapped_column(String(200), default="")  # 资金来源
    owner: Mapped[str] = mapped_column(String(200), default="")  # 业主单位
    department_id: Mapped[int | None] = mapped_column(ForeignKey("department.id"))  # 牵头单位
    version_id: Mapped[int | None] = mapped_column(
        ForeignKey("plan_version.id", ondelete="SET NULL")
    )
    box_key: Mapped[str | None] = mapped_column(String(300))  # stable key of its 专栏 node
    chapter_key: Mapped[str | None] = mapped_column(String(300))  # stable key of its chapter
    note: Mapped[str] = mapped_column(Text, default="")  # 备注
    origin: Mapped[str] = mapped_column(String(20), default="import")  # import / manual / text
    recorded_by: Mapped[str] = mapped_column(String(100), default="")
    recorded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    plan: Mapped[Plan] = relationship()
    department: Mapped[Department | None] = relationship()
    year_plans: Mapped[list[ProjectYearPlan]] = relationship(
        back_populates="project", order_by="ProjectYearPlan.year", cascade="all, delete-orphan"
    )
    reports: Mapped[list[ProjectReport]] = relationship(
        back_populates="project", order_by="ProjectReport.period_end", cascade="all, delete-orphan"
    )
    milestones: Mapped[list[ProjectMilestone]] = relationship(
        back_populates="project", order_by="ProjectMilestone.id", cascade="all, delete-orphan"
    )
    ratings: Mapped[list[ProjectRating]] = relationship(
        back_populates="project", order_by="ProjectRating.id", cascade="all, delete-orphan"
    )


class ProjectYearPlan(Base):
    """The investment a project plans to complete in one year (年度计划投资), in 万元."""

    __tablename__ = "project_year_plan"
    __table_args__ = (UniqueConstraint("project_id", "year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("project.id", ondelete="CASCADE"))
    year: Mapped[int] = mapped_column(Integer)
    amount: Mapped[Decimal] = mapped_column(Amount)

    project: Mapped[ProjectRecord] = relationship(back_populates="year_plans")


class ProjectReport(Base):
    """A progress report of one period (a month or a quarter): investment and 形象进度."""

    __tablename__ = "project_report"
    __table_args__ = (UniqueConstraint("project_id", "period"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("project.id", ondelete="CASCADE"))
    period: Mapped[str] = mapped_column(String(10))  # 2023-06 or 2023Q2
    period_end: Mapped[date] = mapped_column(Date)  # the period's last day
    completed: Mapped[Decimal] = mapped_column(Amount)  # 本期完成投资, 万元
    cumulative: Mapped[Decimal] = mapped_column(Amount)  # 累计完成投资, 万元
    progress: Mapped[str] = mapped_column(Text, default="")  # 形象进度
    evidence: Mapped[list[str]] = mapped_column(JSON, default=list)  # file names or links
    note: Mapped[str] = mapped_column(Text, default="")
    recorded_by: Mapped[str] = mapped_column(String(100), default="")
    recorded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    project: Mapped[ProjectRecord] = relationship(back_populates="reports")
    files: Mapped[list[ProjectEvidenceFile]] = relationship(
        back_populates="report", cascade="all, delete-orphan", order_by="ProjectEvidenceFile.id"
    )


class ProjectEvidenceFile(Base):
    """A file attached to a project's progress report (pdf, image, docx), with its sha256."""

    __tablename__ = "project_evidence_file"
    __table_args__ = (UniqueConstraint("report_id", "sha256"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(
        ForeignKey("project_report.id", ondelete="CASCADE"), index=True
    )
    filename: Mapped[str] = mapped_column(String(200))
    media_type: Mapped[str] = mapped_column(String(100))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    content: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)
    uploaded_by: Mapped[str] = mapped_column(String(100), default="")
    uploaded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    report: Mapped[ProjectReport] = relationship(back_populates="files")


class ProjectMilestone(Base):
    """A milestone (前期手续, 开工, 主体完工, 竣工, 投产) with its planned and actual dates."""

    __tablename__ = "project_milestone"
    __table_args__ = (
        UniqueConstraint("project_id", "kind"),
        CheckConstraint(
            "kind IN ('approvals', 'start', 'structure', 'completion', 'operation')", name="kind"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("project.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(20))
    planned_on: Mapped[date | None] = mapped_column(Date)
    actual_on: Mapped[date | None] = mapped_column(Date)
    note: Mapped[str] = mapped_column(Text, default="")

    project: Mapped[ProjectRecord] = relationship(back_populates="milestones")


class ProjectRating(Base):
    """A person's delivery confidence rating (绿 / 绿黄 / 黄 / 黄红 / 红) with a reason.

    Ratings are appended, never overwritten: the newest is the current one, the rest history.
    """

    __tablename__ = "project_rating"
    __table_args__ = (
        CheckConstraint("rating IN ('绿', '绿黄', '黄', '黄红', '红')", name="rating"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("project.id", ondelete="CASCADE"))
    rating: Mapped[str] = mapped_column(String(10))
    reason: Mapped[str] = mapped_column(Text)
    rated_by: Mapped[str] = mapped_column(String(100))
    rated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    project: Mapped[ProjectRecord] = relationship(back_populates="ratings")


class SourceDocument(Base):
    """A document figures were read from: a statistical bulletin, a work report (docs/data.md).

    Kept whole (its decoded text), so every value taken from it points at its sentence.
    """

    __tablename__ = "source_document"

    id: Mapped[int] = mapped_column(primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(300))
    format: Mapped[str] = mapped_column(String(10))
    kind: Mapped[str] = mapped_column(String(30), default="")  # bulletin, work_report …
    year: Mapped[int | None] = mapped_column(Integer)  # the year it anchors 今年 to
    region: Mapped[str | None] = mapped_column(String(100))
    text: Mapped[str] = mapped_column(Text, deferred=True)
    recorded_by: Mapped[str] = mapped_column(String(100), default="")
    recorded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class ObservationSource(Base):
    """Where in a document an observation revision was read: its sentence and span."""

    __tablename__ = "observation_source"

    observation_id: Mapped[int] = mapped_column(
        ForeignKey("observation.id", ondelete="CASCADE"), primary_key=True
    )
    document_id: Mapped[int] = mapped_column(
        ForeignKey("source_document.id", ondelete="CASCADE"), index=True
    )
    line: Mapped[int] = mapped_column(Integer)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    sentence: Mapped[str] = mapped_column(Text, default="")

    document: Mapped[SourceDocument] = relationship()


class AnnualTargetRecord(Base):
    """One revision of an indicator's target for one year (年度目标); never overwritten.

    The target comes from a document (``document_id`` and the span) or from a person
    (``source`` names who or what). It moves through the review workflow like an observation.
    """

    __tablename__ = "annual_target"
    __table_args__ = (
        UniqueConstraint("indicator_id", "year", "revision"),
        CheckConstraint(REVIEW_CHECK, name="review_state"),
        CheckConstraint("comparator IN ('>=', '>', '<=', '<', '=')", name="comparator"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    indicator_id: Mapped[int] = mapped_column(
        ForeignKey("indicator.id", ondelete="CASCADE"), index=True
    )
    year: Mapped[int] = mapped_column(Integer)
    revision: Mapped[int] = mapped_column(Integer, default=1)
    comparator: Mapped[str] = mapped_column(String(2), default=">=")
    value: Mapped[Decimal] = mapped_column(Amount)
    unit: Mapped[str] = mapped_column(String(30))
    is_growth_rate: Mapped[bool] = mapped_column(Boolean, default=False)
    approximate: Mapped[bool] = mapped_column(Boolean, default=False)  # 左右
    source: Mapped[str] = mapped_column(String(500), default="")
    document_id: Mapped[int | None] = mapped_column(
        ForeignKey("source_document.id", ondelete="SET NULL")
    )
    line: Mapped[int | None] = mapped_column(Integer)
    start: Mapped[int | None] = mapped_column(Integer)
    end: Mapped[int | None] = mapped_column(Integer)
    sentence: Mapped[str] = mapped_column(Text, default="")
    recorded_by: Mapped[str] = mapped_column(String(100), default="")
    recorded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    review_state: Mapped[str] = mapped_column(String(20), default="approved")
    review_comment: Mapped[str] = mapped_column(String(500), default="")
    reviewed_by: Mapped[str] = mapped_column(String(100), default="")
    reviewed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 - read once, by the mapper

    indicator: Mapped[IndicatorRecord] = relationship()
    document: Mapped[SourceDocument | None] = relationship()
