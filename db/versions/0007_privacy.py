"""Privacy: retention and anonymisation dates, consent origin, erasure, export audit, retired keys.

Revision ID: 0007_privacy
Revises: 0006_sync
Create Date: 2026-12-07 11:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007_privacy"
down_revision = "0006_sync"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("event", schema=None) as batch_op:
        batch_op.add_column(sa.Column("retention_until", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("anonymised_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("key_replaced_at", sa.DateTime(timezone=True), nullable=True))
    with op.batch_alter_table("attendee", schema=None) as batch_op:
        batch_op.add_column(sa.Column("consent_origin", sa.String(), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("consent_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("erased_at", sa.DateTime(timezone=True), nullable=True))
    op.create_table(
        "export_audit",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("made_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("desk", sa.String(), nullable=False),
        sa.Column("people", sa.Integer(), nullable=False),
        sa.Column("file_name", sa.String(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=True),
        sa.Column("attendee_ids", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_export_audit")),
    )
    with op.batch_alter_table("export_audit", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_export_audit_kind"), ["kind"], unique=False)
    op.create_table(
        "retired_key",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("public_key", sa.LargeBinary(), nullable=False),
        sa.Column("retired_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_retired_key")),
    )


def downgrade() -> None:
    op.drop_table("retired_key")
    with op.batch_alter_table("export_audit", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_export_audit_kind"))
    op.drop_table("export_audit")
    with op.batch_alter_table("attendee", schema=None) as batch_op:
        batch_op.drop_column("erased_at")
        batch_op.drop_column("consent_at")
        batch_op.drop_column("consent_origin")
    with op.batch_alter_table("event", schema=None) as batch_op:
        batch_op.drop_column("key_replaced_at")
        batch_op.drop_column("anonymised_at")
        batch_op.drop_column("retention_until")
