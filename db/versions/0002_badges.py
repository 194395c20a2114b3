"""Badges: which badge (attendee and version) was printed, when, and on which layout.

Revision ID: 0002_badges
Revises: 0001
Create Date: 2026-11-21 06:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002_badges"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "badge_print",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("attendee_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("printed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("layout", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(
            ["attendee_id"],
            ["attendee.id"],
            name=op.f("fk_badge_print_attendee_id_attendee"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_badge_print")),
    )
    with op.batch_alter_table("badge_print", schema=None) as batch_op:
        batch_op.create_index("ix_badge_print_attendee_version", ["attendee_id", "version"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("badge_print", schema=None) as batch_op:
        batch_op.drop_index("ix_badge_print_attendee_version")
    op.drop_table("badge_print")
