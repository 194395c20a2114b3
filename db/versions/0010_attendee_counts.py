"""An index the dashboard's counts are read from, instead of three scans of the attendee table.

The dashboard counts attendees by status, by ticket type and by consent each time an event
opens. Without an index each count read every page of the attendee table (names, e-mails,
interests: most of the file); a protected file had to decrypt and authenticate all of them
first. The counts are now read from this small covering index.

Revision ID: 0010_attendee_counts
Revises: 0009_sync_desk_rows
Create Date: 2026-12-07 15:20:00
"""

from __future__ import annotations

from alembic import op

revision = "0010_attendee_counts"
down_revision = "0009_sync_desk_rows"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(
        "ix_attendee_status_ticket_consent", "attendee", ["status", "ticket_type", "consent_share"]
    )


def downgrade() -> None:
    op.drop_index("ix_attendee_status_ticket_consent", table_name="attendee")
