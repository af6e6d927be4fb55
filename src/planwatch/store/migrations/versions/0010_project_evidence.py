"""evidence files of a major project's progress reports

Revision ID: 0010
Revises: 0009

One new table, like evidence_file (task reports): a file (pdf, image, docx) attached to a
project_report, kept in the database with its sha256; the same file twice on one report is
refused by a unique constraint.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "project_evidence_file",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "report_id",
            sa.Integer(),
            sa.ForeignKey("project_report.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("filename", sa.String(200), nullable=False),
        sa.Column("media_type", sa.String(100), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.Column("uploaded_by", sa.String(100), nullable=False),
        sa.Column("uploaded_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("report_id", "sha256"),
    )
    op.create_index("ix_project_evidence_file_report_id", "project_evidence_file", ["report_id"])


def downgrade() -> None:
    op.drop_index("ix_project_evidence_file_report_id", table_name="project_evidence_file")
    op.drop_table("project_evidence_file")
