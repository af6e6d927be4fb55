"""projects: the register of major projects (重大项目) with plans by year, reports, milestones

Revision ID: 0007
Revises: 0006

New tables only (nothing existing changes): ``project`` linked to a plan, its 专栏 box and
chapter (stable outline keys) and its responsible department; ``project_year_plan``
(年度计划投资), ``project_report`` (investment completed and 形象进度 per period),
``project_milestone`` (planned and actual dates) and ``project_rating`` (delivery
confidence set by a person, with a reason).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def _cascade(
    table: str, column: str, referred: str, ondelete: str | None = "CASCADE"
) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column], [f"{referred}.id"], name=f"fk_{table}_{column}_{referred}", ondelete=ondelete
    )


def upgrade() -> None:
    exact = sa.String(40) if op.get_bind().dialect.name == "sqlite" else sa.Numeric(26, 6)
    op.create_table(
        "project",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(30), nullable=False),
        sa.Column("name", sa.String(300), nullable=False),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("location", sa.String(200), nullable=False),
        sa.Column("nature", sa.String(10), nullable=False),
        sa.Column("period_text", sa.String(100), nullable=False),
        sa.Column("start_on", sa.Date(), nullable=False),
        sa.Column("end_on", sa.Date(), nullable=False),
        sa.Column("total_investment", exact, nullable=False),
        sa.Column("plan_investment", exact, nullable=True),
        sa.Column("funding_source", sa.String(200), nullable=False),
        sa.Column("owner", sa.String(200), nullable=False),
        sa.Column("department_id", sa.Integer(), nullable=True),
        sa.Column("version_id", sa.Integer(), nullable=True),
        sa.Column("box_key", sa.String(300), nullable=True),
        sa.Column("chapter_key", sa.String(300), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("origin", sa.String(20), nullable=False),
        sa.Column("recorded_by", sa.String(100), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("start_on <= end_on", name="ck_project_period"),
        _cascade("project", "plan_id", "plan"),
        _cascade("project", "department_id", "department", None),
        _cascade("project", "version_id", "plan_version", "SET NULL"),
        sa.PrimaryKeyConstraint("id", name="pk_project"),
        sa.UniqueConstraint("plan_id", "code", name="uq_project_plan_id_code"),
        sa.UniqueConstraint("plan_id", "name", name="uq_project_plan_id_name"),
    )
    op.create_index("ix_project_plan_id", "project", ["plan_id"])
    op.create_table(
        "project_year_plan",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("amount", exact, nullable=False),
        _cascade("project_year_plan", "project_id", "project"),
        sa.PrimaryKeyConstraint("id", name="pk_project_year_plan"),
        sa.UniqueConstraint("project_id", "year", name="uq_project_year_plan_project_id_year"),
    )
    op.create_table(
        "project_report",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("period", sa.String(10), nullable=False),
        sa.Column("period_end", sa.Date(), nullable=False),
        sa.Column("completed", exact, nullable=False),
        sa.Column("cumulative", exact, nullable=False),
        sa.Column("progress", sa.Text(), nullable=False),
        sa.Column("evidence", sa.JSON(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("recorded_by", sa.String(100), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        _cascade("project_report", "project_id", "project"),
        sa.PrimaryKeyConstraint("id", name="pk_project_report"),
        sa.UniqueConstraint("project_id", "period", name="uq_project_report_project_id_period"),
    )
    op.create_table(
        "project_milestone",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("planned_on", sa.Date(), nullable=True),
        sa.Column("actual_on", sa.Date(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.CheckConstraint(
            "kind IN ('approvals', 'start', 'structure', 'completion', 'operation')",
            name="ck_project_milestone_kind",
        ),
        _cascade("project_milestone", "project_id", "project"),
        sa.PrimaryKeyConstraint("id", name="pk_project_milestone"),
        sa.UniqueConstraint("project_id", "kind", name="uq_project_milestone_project_id_kind"),
    )
    op.create_table(
        "project_rating",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("rating", sa.String(10), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("rated_by", sa.String(100), nullable=False),
        sa.Column("rated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "rating IN ('绿', '绿黄', '黄', '黄红', '红')", name="ck_project_rating_rating"
        ),
        _cascade("project_rating", "project_id", "project"),
        sa.PrimaryKeyConstraint("id", name="pk_project_rating"),
    )


def downgrade() -> None:
    raise NotImplementedError("planwatch does not downgrade a database; restore a backup")
