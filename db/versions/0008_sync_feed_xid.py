"""The hub's change feed ordered by transaction id instead of a global lock.

0006 numbered changes under one advisory lock so that numbers followed commit order; that
lock made every writing transaction on the hub wait for the one before it, so a desk pushing
a thousand queued scans held up every other desk's online verdict. Now each change records
its transaction id (`pg_current_xact_id()`), and a desk pulls the changes of transactions
below the oldest one still running (`pg_snapshot_xmin`): those are all finished, so nothing
can commit behind the desk's cursor later, and writers no longer wait for each other.

Revision ID: 0008_sync_feed_xid
Revises: 0007_privacy
Create Date: 2026-12-07 12:05:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008_sync_feed_xid"
down_revision = "0007_privacy"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("sync_change", schema=None) as batch_op:
        batch_op.add_column(sa.Column("txid", sa.BigInteger(), nullable=False, server_default="0"))
        batch_op.create_index("ix_sync_change_txid", ["txid"], unique=False)
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            """
            CREATE OR REPLACE FUNCTION eventdesk_record_change() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF TG_OP = 'DELETE' THEN
                    INSERT INTO sync_change (table_name, row_key, changed_at, txid)
                        VALUES (TG_TABLE_NAME, OLD.id::text, now(), pg_current_xact_id()::text::bigint);
                    RETURN OLD;
                END IF;
                INSERT INTO sync_change (table_name, row_key, changed_at, txid)
                    VALUES (TG_TABLE_NAME, NEW.id::text, now(), pg_current_xact_id()::text::bigint);
                RETURN NEW;
            END $$
            """
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            """
            CREATE OR REPLACE FUNCTION eventdesk_record_change() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                PERFORM pg_advisory_xact_lock(720513);
                IF TG_OP = 'DELETE' THEN
                    INSERT INTO sync_change (table_name, row_key, changed_at)
                        VALUES (TG_TABLE_NAME, OLD.id::text, now());
                    RETURN OLD;
                END IF;
                INSERT INTO sync_change (table_name, row_key, changed_at)
                    VALUES (TG_TABLE_NAME, NEW.id::text, now());
                RETURN NEW;
            END $$
            """
        )
    with op.batch_alter_table("sync_change", schema=None) as batch_op:
        batch_op.drop_index("ix_sync_change_txid")
        batch_op.drop_column("txid")
