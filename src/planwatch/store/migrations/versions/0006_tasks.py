"""tasks: managed departments, responsible units, tasks, progress reports, review workflow

Revision ID: 0006
Revises: 0005

Carries a database forward with nothing lost:

- departments become a managed list (a kind: 部门, 镇街 or 上级机关; aliases beside them);
  a department named like a town or street (…镇, …乡, …街道) becomes a 镇街;
- each indicator's department becomes its lead unit (``indicator_unit``, role ``lead``);
- observations and progress notes get a review state — every existing one is approved, as
  it was public already — and a version number for stale-form checks;
- the user role ``reviewer`` (the planning bureau's reviewer) is allowed;
- new tables: tasks with their units and milestones, progress reports with evidence files,
  and locked years.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

REVIEW_CHECK = "review_state IN ('draft', 'submitted', 'returned', 'approved')"
TOWN_ENDINGS = ("镇", "乡", "街道", "街道办事处", "街道办")


def upgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    exact = sa.String(40) if sqlite else sa.Numeric(26, 6)
    with op.batch_alter_table("department") as batch:
        batch.add_column(sa.Column("kind", sa.String(10), nullable=False, server_default="部门"))
        batch.create_check_constraint("kind", "kind IN ('部门', '镇街', '上级机关')")
    for table in ("observation", "progress_note"):
        with op.batch_alter_table(table) as batch:
            batch.add_column(
                sa.Column("review_state", sa.String(20), nullable=False, server_default="approved")
            )
            batch.add_column(
                sa.Column("review_comment", sa.String(500), nullable=False, server_default="")
            )
            batch.add_column(
                sa.Column("reviewed_by", sa.String(100), nullable=False, server_default="")
            )
            batch.add_column(sa.Column("reviewed_at", sa.DateTime(timezone=True), nullable=True))
            batch.add_column(sa.Column("version", sa.Integer(), nullable=False, server_default="1"))
            batch.create_check_constraint("review_state", REVIEW_CHECK)
    with op.batch_alter_table("app_user") as batch:
        batch.drop_constraint(op.f("ck_app_user_role"), type_="check")
        batch.create_check_constraint("role", "role IN ('admin', 'reviewer', 'editor', 'viewer')")
    _create_tables(exact)
    _carry_data(op.get_bind())


def _id() -> sa.Column[int]:
    return sa.Column("id", sa.Integer(), primary_key=True)


def _fk(
    column: str, target: str, ondelete: str | None = "CASCADE", null: bool = False
) -> sa.Column[int]:
    return sa.Column(column, sa.Integer(), sa.ForeignKey(target, ondelete=ondelete), nullable=null)


def _review_columns() -> list[sa.Column[object]]:
    return [
        sa.Column("review_state", sa.String(20), nullable=False),
        sa.Column("review_comment", sa.String(500), nullable=False),
        sa.Column("reviewed_by", sa.String(100), nullable=False),
        sa.Column("reviewed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
    ]


def _create_tables(exact: sa.types.TypeEngine[Any]) -> None:
    op.create_table(
        "department_alias",
        _id(),
        _fk("department_id", "department.id"),
        sa.Column("name", sa.String(100), nullable=False, unique=True),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.CheckConstraint("kind IN ('alias', 'abbreviation')", name="kind"),
    )
    op.create_table(
        "indicator_unit",
        _id(),
        _fk("indicator_id", "indicator.id"),
        _fk("department_id", "department.id"),
        sa.Column("role", sa.String(10), nullable=False),
        sa.UniqueConstraint("indicator_id", "department_id"),
        sa.CheckConstraint("role IN ('lead', 'co')", name="role"),
    )
    op.create_table(
        "task",
        _id(),
        _fk("plan_id", "plan.id"),
        sa.Column("code", sa.String(20), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(500), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("category", sa.String(20), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("origin", sa.String(20), nullable=False),
        sa.Column("node_key", sa.String(300), nullable=True),
        sa.Column("chapter", sa.String(300), nullable=True),
        _fk("indicator_id", "indicator.id", "SET NULL", null=True),
        sa.Column("deadline_year", sa.Integer(), nullable=True),
        sa.Column("deadline_text", sa.String(100), nullable=False),
        sa.Column("score", exact, nullable=True),
        sa.Column("source_line", sa.Integer(), nullable=True),
        sa.Column("source_start", sa.Integer(), nullable=True),
        sa.Column("source_end", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("plan_id", "code"),
        sa.CheckConstraint("status IN ('proposed', 'confirmed', 'rejected')", name="status"),
    )
    op.create_table(
        "task_unit",
        _id(),
        _fk("task_id", "task.id"),
        _fk("department_id", "department.id"),
        sa.Column("role", sa.String(10), nullable=False),
        sa.UniqueConstraint("task_id", "department_id"),
        sa.CheckConstraint("role IN ('lead', 'co')", name="role"),
    )
    op.create_table(
        "task_milestone",
        _id(),
        _fk("task_id", "task.id"),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("target", sa.Text(), nullable=False),
        sa.UniqueConstraint("task_id", "year"),
    )
    op.create_table(
        "progress_report",
        _id(),
        _fk("task_id", "task.id"),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("period", sa.String(4), nullable=False),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("narrative", sa.Text(), nullable=False),
        sa.Column("figures", sa.JSON(), nullable=False),
        sa.Column("recorded_by", sa.String(100), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        *_review_columns(),
        sa.UniqueConstraint("task_id", "year", "period"),
        sa.CheckConstraint("period IN ('Q1', 'Q2', 'Q3', 'Q4', 'H1', 'H2', 'Y')", name="period"),
        sa.CheckConstraint("status IN ('未启动', '推进中', '已完成', '滞后')", name="status"),
        sa.CheckConstraint(REVIEW_CHECK, name="review_state"),
    )
    op.create_table(
        "evidence_file",
        _id(),
        _fk("report_id", "progress_report.id"),
        sa.Column("filename", sa.String(200), nullable=False),
        sa.Column("media_type", sa.String(100), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.Column("uploaded_by", sa.String(100), nullable=False),
        sa.Column("uploaded_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("report_id", "sha256"),
    )
    op.create_index("ix_evidence_file_report_id", "evidence_file", ["report_id"])
    op.create_table(
        "year_lock",
        _id(),
        _fk("plan_id", "plan.id"),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("locked_by", sa.String(100), nullable=False),
        sa.Column("locked_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("plan_id", "year"),
    )


def _carry_data(bind: sa.Connection) -> None:
    meta = sa.MetaData()
    department = sa.Table("department", meta, autoload_with=bind)
    indicator = sa.Table("indicator", meta, autoload_with=bind)
    unit = sa.Table("indicator_unit", meta, autoload_with=bind)
    for row in bind.execute(sa.select(department.c.id, department.c.name)).all():
        if row.name.endswith(TOWN_ENDINGS):
            bind.execute(department.update().where(department.c.id == row.id).values(kind="镇街"))
    leads = bind.execute(
        sa.select(indicator.c.id, indicator.c.department_id).where(
            indicator.c.department_id.is_not(None)
        )
    ).all()
    if leads:
        bind.execute(
            unit.insert(),
            [{"indicator_id": i, "department_id": d, "role": "lead"} for i, d in leads],
        )


def downgrade() -> None:
    raise NotImplementedError("planwatch does not downgrade a database; restore a backup")
