"""annual targets (年度目标) and the documents figures are read from

Revision ID: 0008
Revises: 0007

New tables only (nothing existing changes): ``source_document`` (a bulletin or report kept
with its text), ``observation_source`` (the document, line and span an observation revision
was read from) and ``annual_target`` (revisions of an indicator's target for one year, from a
document or a person, in the review workflow).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

REVIEW_CHECK = "review_state IN ('draft', 'submitted', 'returned', 'approved')"


def _key(
    table: str, column: str, referred: str, ondelete: str | None = "CASCADE"
) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column], [f"{referred}.id"], name=f"fk_{table}_{column}_{referred}", ondelete=ondelete
    )


def upgrade() -> None:
    exact = sa.String(40) if op.get_bind().dialect.name == "sqlite" else sa.Numeric(26, 6)
    op.create_table(
        "source_document",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("name", sa.String(300), nullable=False),
        sa.Column("format", sa.String(10), nullable=False),
        sa.Column("kind", sa.String(30), nullable=False),
        sa.Column("year", sa.Integer(), nullable=True),
        sa.Column("region", sa.String(100), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("recorded_by", sa.String(100), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_source_document"),
        sa.UniqueConstraint("sha256", name="uq_source_document_sha256"),
    )
    op.create_table(
        "observation_source",
        sa.Column("observation_id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("line", sa.Integer(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("sentence", sa.Text(), nullable=False),
        _key("observation_source", "observation_id", "observation"),
        _key("observation_source", "document_id", "source_document"),
        sa.PrimaryKeyConstraint("observation_id", name="pk_observation_source"),
    )
    op.create_index("ix_observation_source_document_id", "observation_source", ["document_id"])
    op.create_table(
        "annual_target",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("indicator_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("comparator", sa.String(2), nullable=False),
        sa.Column("value", exact, nullable=False),
        sa.Column("unit", sa.String(30), nullable=False),
        sa.Column("is_growth_rate", sa.Boolean(), nullable=False),
        sa.Column("approximate", sa.Boolean(), nullable=False),
        sa.Column("source", sa.String(500), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=True),
        sa.Column("line", sa.Integer(), nullable=True),
        sa.Column("start", sa.Integer(), nullable=True),
        sa.Column("end", sa.Integer(), nullable=True),
        sa.Column("sentence", sa.Text(), nullable=False),
        sa.Column("recorded_by", sa.String(100), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("review_state", sa.String(20), nullable=False),
        sa.Column("review_comment", sa.String(500), nullable=False),
        sa.Column("reviewed_by", sa.String(100), nullable=False),
        sa.Column("reviewed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint(REVIEW_CHECK, name="ck_annual_target_review_state"),
        sa.CheckConstraint(
            "comparator IN ('>=', '>', '<=', '<', '=')", name="ck_annual_target_comparator"
        ),
        _key("annual_target", "indicator_id", "indicator"),
        _key("annual_target", "document_id", "source_document", "SET NULL"),
        sa.PrimaryKeyConstraint("id", name="pk_annual_target"),
        sa.UniqueConstraint(
            "indicator_id", "year", "revision", name="uq_annual_target_indicator_id_year_revision"
        ),
    )
    op.create_index("ix_annual_target_indicator_id", "annual_target", ["indicator_id"])


def downgrade() -> None:
    raise NotImplementedError("planwatch does not downgrade a database; restore a backup")
