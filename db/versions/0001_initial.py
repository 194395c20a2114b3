"""Initial schema: event, companies, attendees, their platform ticket codes, the scan log.

Revision ID: 0001
Revises: (none)
Create Date: 2026-11-21 05:48:54.271581
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:

    op.create_table(
        "company",
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("sector", sa.String(), nullable=False),
        sa.Column("booth", sa.String(), nullable=False),
        sa.Column("meeting_tables", sa.Integer(), nullable=False),
        sa.Column("hiring_tags", sa.JSON(), nullable=False),
        sa.Column("website", sa.String(), nullable=False),
        sa.Column("description", sa.String(), nullable=False),
        sa.Column("contact_name", sa.String(), nullable=False),
        sa.Column("contact_email", sa.String(), nullable=False),
        sa.Column("contact_phone", sa.String(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("logo", sa.LargeBinary(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_company")),
    )
    with op.batch_alter_table("company", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_company_name"), ["name"], unique=False)

    op.create_table(
        "event",
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("venue", sa.String(), nullable=False),
        sa.Column("starts_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ends_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("timezone", sa.String(), nullable=False),
        sa.Column("reentry_allowed", sa.Boolean(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=16), nullable=False),
        sa.Column("signing_key", sa.LargeBinary(), nullable=True),
        sa.Column("public_key", sa.LargeBinary(), nullable=False),
        sa.Column("logo", sa.LargeBinary(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_event")),
        sa.UniqueConstraint("code", name=op.f("uq_event_code")),
    )
    op.create_table(
        "attendee",
        sa.Column("given_name", sa.String(), nullable=False),
        sa.Column("family_name", sa.String(), nullable=False),
        sa.Column("email", sa.String(), nullable=True),
        sa.Column("phone", sa.String(), nullable=False),
        sa.Column("organisation", sa.String(), nullable=False),
        sa.Column("job_title", sa.String(), nullable=False),
        sa.Column("degree", sa.String(), nullable=False),
        sa.Column("field_of_work", sa.String(), nullable=False),
        sa.Column("interests", sa.JSON(), nullable=False),
        sa.Column("ticket_type", sa.String(), nullable=False),
        sa.Column("status", sa.String(), nullable=False),
        sa.Column("consent_share", sa.Boolean(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("email_key", sa.String(), nullable=True),
        sa.Column("search_text", sa.String(), nullable=False),
        sa.Column("badge_version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["company_id"],
            ["company.id"],
            name=op.f("fk_attendee_company_id_company"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attendee")),
    )
    with op.batch_alter_table("attendee", schema=None) as batch_op:
        batch_op.create_index("ix_attendee_company_id", ["company_id"], unique=False)
        batch_op.create_index("ix_attendee_email_key", ["email_key"], unique=False)
        batch_op.create_index("ix_attendee_family_given", ["family_name", "given_name"], unique=False)

    op.create_table(
        "external_code",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("attendee_id", sa.Integer(), nullable=False),
        sa.Column("platform", sa.String(), nullable=False),
        sa.Column("code", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(
            ["attendee_id"],
            ["attendee.id"],
            name=op.f("fk_external_code_attendee_id_attendee"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_external_code")),
        sa.UniqueConstraint("platform", "code", name="uq_external_code_platform_code"),
    )
    with op.batch_alter_table("external_code", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_external_code_attendee_id"), ["attendee_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_external_code_code"), ["code"], unique=False)

    op.create_table(
        "scan",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("scanned_text", sa.String(), nullable=False),
        sa.Column("verdict", sa.String(), nullable=False),
        sa.Column("attendee_id", sa.Integer(), nullable=True),
        sa.Column("desk", sa.String(), nullable=False),
        sa.Column("device_time", sa.DateTime(timezone=True), nullable=False),
        sa.Column("reason", sa.String(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["attendee_id"],
            ["attendee.id"],
            name=op.f("fk_scan_attendee_id_attendee"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_scan")),
    )
    with op.batch_alter_table("scan", schema=None) as batch_op:
        batch_op.create_index("ix_scan_attendee_time", ["attendee_id", "device_time"], unique=False)
        batch_op.create_index(batch_op.f("ix_scan_verdict"), ["verdict"], unique=False)


def downgrade() -> None:

    with op.batch_alter_table("scan", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_scan_verdict"))
        batch_op.drop_index("ix_scan_attendee_time")

    op.drop_table("scan")
    with op.batch_alter_table("external_code", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_external_code_code"))
        batch_op.drop_index(batch_op.f("ix_external_code_attendee_id"))

    op.drop_table("external_code")
    with op.batch_alter_table("attendee", schema=None) as batch_op:
        batch_op.drop_index("ix_attendee_family_given")
        batch_op.drop_index("ix_attendee_email_key")
        batch_op.drop_index("ix_attendee_company_id")

    op.drop_table("attendee")
    op.drop_table("event")
    with op.batch_alter_table("company", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_company_name"))

    op.drop_table("company")
