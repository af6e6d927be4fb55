"""indicator metadata (definition, 口径, source, frequency, contact) and confirmed entry checks

Revision ID: 0009
Revises: 0008

Columns only, every one with a default, so existing rows stay valid: the indicator page
shows the metadata an SDG-style indicator page carries; an observation keeps which
plausibility checks (range, sign, jump, unit slip) the person who entered it confirmed.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

_INDICATOR = (
    ("definition", sa.Text()),
    ("measure_note", sa.Text()),
    ("data_source", sa.String(300)),
    ("frequency", sa.String(20)),
    ("contact", sa.String(200)),
)


def upgrade() -> None:
    with op.batch_alter_table("indicator") as batch:
        for name, kind in _INDICATOR:
            batch.add_column(sa.Column(name, kind, nullable=False, server_default=""))
    with op.batch_alter_table("observation") as batch:
        batch.add_column(
            sa.Column("confirmed_checks", sa.String(200), nullable=False, server_default="")
        )


def downgrade() -> None:
    with op.batch_alter_table("observation") as batch:
        batch.drop_column("confirmed_checks")
    with op.batch_alter_table("indicator") as batch:
        for name, _ in reversed(_INDICATOR):
            batch.drop_column(name)
