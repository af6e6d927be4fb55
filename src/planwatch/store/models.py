"""Tables of the planwatch database (SQLAlchemy 2 typed declarative models).

A plan has versions (each an imported document, identified by its sha256); a version has
outline nodes. Indicators belong to the plan (they survive a new version) and carry their
targets; observations are append-only revisions, the newest per indicator and year being
the current value. Every change a person makes is also written to ``audit_log``.
"""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    DateTime,
    ForeignKey,
    Integer,
    MetaData,
    Numeric,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

# Stable constraint names, so migrations read the same on SQLite and PostgreSQL.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

# Values are kept exactly: 20 digits, 6 after the point, enough for 元 totals and rates.
Amount = Numeric(26, 6, asdecimal=True)


def utcnow() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Plan(Base):
    __tablename__ = "plan"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(200), unique=True)  # region + period, or the title
    title: Mapped[str | None] = mapped_column(String(300))
    region: Mapped[str | None] = mapped_column(String(100))
    level: Mapped[str | None] = mapped_column(String(10))
    period_start: Mapped[int | None] = mapped_column(Integer)
    period_end: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    versions: Mapped[list[PlanVersion]] = relationship(
        back_populates="plan", order_by="PlanVersion.number", cascade="all, delete-orphan"
    )
    indicators: Mapped[list[IndicatorRecord]] = relationship(
        back_populates="plan", order_by="IndicatorRecord.position", cascade="all, delete-orphan"
    )


class PlanVersion(Base):
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
    imported_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    plan: Mapped[Plan] = relationship(back_populates="versions")
    nodes: Mapped[list[OutlineNodeRecord]] = relationship(
        back_populates="version", order_by="OutlineNodeRecord.start", cascade="all, delete-orphan"
    )


class OutlineNodeRecord(Base):
    __tablename__ = "outline_node"
    __table_args__ = (UniqueConstraint("version_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("plan_version.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(100))  # the outline id, "p5.c16.s2"
    parent_key: Mapped[str | None] = mapped_column(String(100))
    kind: Mapped[str] = mapped_column(String(20))
    label: Mapped[str] = mapped_column(String(50))
    number: Mapped[int | None] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(500))
    line: Mapped[int] = mapped_column(Integer)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)

    version: Mapped[PlanVersion] = relationship(back_populates="nodes")


class Department(Base):
    __tablename__ = "department"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)


class IndicatorRecord(Base):
    __tablename__ = "indicator"
    __table_args__ = (UniqueConstraint("plan_id", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id", ondelete="CASCADE"))
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
    source_node: Mapped[str | None] = mapped_column(String(100))
    source_line: Mapped[int | None] = mapped_column(Integer)
    source_start: Mapped[int | None] = mapped_column(Integer)
    source_end: Mapped[int | None] = mapped_column(Integer)
    sentence: Mapped[str | None] = mapped_column(Text)

    plan: Mapped[Plan] = relationship(back_populates="indicators")
    department: Mapped[Department | None] = relationship()
    targets: Mapped[list[TargetRecord]] = relationship(
        back_populates="indicator", order_by="TargetRecord.stretch", cascade="all, delete-orphan"
    )
    observations: Mapped[list[ObservationRecord]] = relationship(
        back_populates="indicator",
        order_by="(ObservationRecord.year, ObservationRecord.revision)",
        cascade="all, delete-orphan",
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
    __table_args__ = (UniqueConstraint("indicator_id", "year", "revision"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    indicator_id: Mapped[int] = mapped_column(ForeignKey("indicator.id", ondelete="CASCADE"))
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

    indicator: Mapped[IndicatorRecord] = relationship(back_populates="observations")


class ProgressNote(Base):
    """Why an indicator stands where it does in a year, and what is being done (原因与措施)."""

    __tablename__ = "progress_note"
    __table_args__ = (UniqueConstraint("indicator_id", "year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    indicator_id: Mapped[int] = mapped_column(ForeignKey("indicator.id", ondelete="CASCADE"))
    year: Mapped[int] = mapped_column(Integer)
    reason: Mapped[str] = mapped_column(Text, default="")
    measures: Mapped[str] = mapped_column(Text, default="")
    recorded_by: Mapped[str] = mapped_column(String(100), default="")
    recorded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    indicator: Mapped[IndicatorRecord] = relationship(back_populates="notes")


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
    """A person who signs in: administrator, department editor or viewer (docs/security.md).

    Only the argon2 hash of the password is kept; an editor belongs to a department and may
    change only that department's indicators.
    """

    __tablename__ = "app_user"
    __table_args__ = (
        CheckConstraint("role IN ('admin', 'editor', 'viewer')", name="role"),
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
