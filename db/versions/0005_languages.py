"""The event's language and each attendee's, for what is printed for them.

Revision ID: 0005_languages
Revises: 0004_leads
Create Date: 2026-12-07 12:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005_languages"
down_revision = "0004_leads"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # server_default fills the rows an older eventdesk wrote; batch mode for SQLite.
    with op.batch_alter_table("event") as batch:
        batch.add_column(sa.Column("language", sa.String(), nullable=False, server_default="en"))
    with op.batch_alter_table("attendee") as batch:
        batch.add_column(sa.Column("language", sa.String(), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("attendee") as batch:
        batch.drop_column("language")
    with op.batch_alter_table("event") as batch:
        batch.drop_column("language")
