"""The scan log keeps each reason as a message (source text and values), not as a sentence.

A reason stored as the sentence the deciding desk showed, in that desk's language, left a
mixed-language log: the same screen read "Welcome." beside "Bienvenue." and "Velkommen.".
`reason_message` holds the message as JSON (eventdesk.i18n.stored) so every reader renders
it in their own language; `reason` keeps the English sentence for exports and for readers
that do not know the column. Rows from before stay as they were and are shown as written.

Revision ID: 0011_scan_reason_message
Revises: 0010_attendee_counts
Create Date: 2026-12-07 15:15:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011_scan_reason_message"
down_revision = "0010_attendee_counts"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A plain ADD COLUMN (no batch copy): the scan table keeps its triggers and its rows in place.
    op.add_column("scan", sa.Column("reason_message", sa.String(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("scan", schema=None) as batch_op:
        batch_op.drop_column("reason_message")
