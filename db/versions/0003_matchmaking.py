"""Matchmaking: setup, wishes, availability windows, meetings and schedule runs.

Revision ID: 0003_matchmaking
Revises: 0002_badges
Create Date: 2026-11-21 06:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003_matchmaking"
down_revision = "0002_badges"
branch_labels = None
depends_on = None


def _fk(table: str, column: str, target: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column], [f"{target}.id"], name=op.f(f"fk_{table}_{column}_{target}"), ondelete="CASCADE"
    )


def upgrade() -> None:
    op.create_table(
        "matchmaking_setup",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("first_start", sa.DateTime(timezone=True), nullable=False),
        sa.Column("meeting_minutes", sa.Integer(), nullable=False),
        sa.Column("gap_minutes", sa.Integer(), nullable=False),
        sa.Column("slot_count", sa.Integer(), nullable=False),
        sa.Column("breaks", sa.JSON(), nullable=False),
        sa.Column("max_meetings", sa.Integer(), nullable=False),
        sa.Column("tables_override", sa.Integer(), nullable=True),
        sa.Column("tags_only", sa.JSON(), nullable=False),
        sa.Column("tags_ignored", sa.JSON(), nullable=False),
        sa.Column("weights", sa.JSON(), nullable=False),
        sa.Column("objective", sa.String(), nullable=False),
        sa.Column("score_mode", sa.String(), nullable=False),
        sa.Column("candidates_per_attendee", sa.Integer(), nullable=False),
        sa.Column("seed", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_matchmaking_setup")),
    )
    op.create_table(
        "wish",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("attendee_id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("side", sa.String(), nullable=False),
        sa.Column("score", sa.Float(), nullable=True),
        sa.Column("rank", sa.Integer(), nullable=True),
        sa.Column("must", sa.Boolean(), nullable=False),
        sa.Column("never", sa.Boolean(), nullable=False),
        _fk("wish", "attendee_id", "attendee"),
        _fk("wish", "company_id", "company"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_wish")),
        sa.UniqueConstraint("attendee_id", "company_id", "side", name="uq_wish_attendee_company_side"),
    )
    with op.batch_alter_table("wish", schema=None) as batch_op:
        batch_op.create_index("ix_wish_company_id", ["company_id"], unique=False)
    op.create_table(
        "availability",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("attendee_id", sa.Integer(), nullable=True),
        sa.Column("company_id", sa.Integer(), nullable=True),
        sa.Column("available_from", sa.DateTime(timezone=True), nullable=False),
        sa.Column("available_to", sa.DateTime(timezone=True), nullable=False),
        _fk("availability", "attendee_id", "attendee"),
        _fk("availability", "company_id", "company"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_availability")),
    )
    with op.batch_alter_table("availability", schema=None) as batch_op:
        batch_op.create_index("ix_availability_attendee_id", ["attendee_id"], unique=False)
        batch_op.create_index("ix_availability_company_id", ["company_id"], unique=False)
    op.create_table(
        "meeting",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("attendee_id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("table_number", sa.Integer(), nullable=False),
        sa.Column("slot_index", sa.Integer(), nullable=False),
        sa.Column("starts_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ends_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("locked", sa.Boolean(), nullable=False),
        sa.Column("printed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("status", sa.String(), nullable=False),
        sa.Column("note", sa.String(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        _fk("meeting", "attendee_id", "attendee"),
        _fk("meeting", "company_id", "company"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meeting")),
    )
    with op.batch_alter_table("meeting", schema=None) as batch_op:
        batch_op.create_index("ix_meeting_attendee_id", ["attendee_id"], unique=False)
        batch_op.create_index(
            "ix_meeting_slot_company_table", ["slot_index", "company_id", "table_number"], unique=False
        )
    op.create_table(
        "schedule_run",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("generated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("edited_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("objective", sa.String(), nullable=False),
        sa.Column("score_mode", sa.String(), nullable=False),
        sa.Column("figures", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_schedule_run")),
        sa.UniqueConstraint("version", name=op.f("uq_schedule_run_version")),
    )


def downgrade() -> None:
    op.drop_table("schedule_run")
    with op.batch_alter_table("meeting", schema=None) as batch_op:
        batch_op.drop_index("ix_meeting_slot_company_table")
        batch_op.drop_index("ix_meeting_attendee_id")
    op.drop_table("meeting")
    with op.batch_alter_table("availability", schema=None) as batch_op:
        batch_op.drop_index("ix_availability_company_id")
        batch_op.drop_index("ix_availability_attendee_id")
    op.drop_table("availability")
    with op.batch_alter_table("wish", schema=None) as batch_op:
        batch_op.drop_index("ix_wish_company_id")
    op.drop_table("wish")
    op.drop_table("matchmaking_setup")
