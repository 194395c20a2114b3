"""Desk replicas: the hub's change feed and desk registry, the desk outbox, edit history.

On PostgreSQL a trigger numbers every write to the replicated tables in `sync_change`. It
takes one transaction-scoped advisory lock before it draws the number, so numbers are handed
out in commit order: a desk that has read change N has seen every change below N (a plain
sequence would let a slow transaction commit change 5 after a desk already moved past 6).

Revision ID: 0006_sync
Revises: 0005_languages
Create Date: 2026-12-07 11:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006_sync"
down_revision = "0005_languages"
branch_labels = None
depends_on = None

# The tables a desk replica keeps (their primary key is `id`).
REPLICATED = ("event", "company", "attendee", "external_code", "badge_print", "scan")
FEED_LOCK = 720_513  # pg_advisory_xact_lock key: one writer at a time draws change numbers
# The attendee fields desks merge one by one; an edit made on the hub itself is recorded with
# its time too, so a desk's older offline edit cannot overwrite the organiser's newer one.
MERGED = (
    "given_name", "family_name", "email", "phone", "organisation", "job_title", "degree",
    "field_of_work", "interests", "ticket_type", "status", "consent_share", "company_id", "badge_version",
)  # fmt: skip


def upgrade() -> None:
    op.create_table(
        "sync_desk",
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("joined_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_contact", sa.DateTime(timezone=True), nullable=True),
        sa.Column("unsent_scans", sa.Integer(), nullable=False),
        sa.Column("unsent_edits", sa.Integer(), nullable=False),
        sa.Column("may_print", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("number", name=op.f("pk_sync_desk")),
    )
    with op.batch_alter_table("sync_desk", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_sync_desk_name"), ["name"], unique=False)
    op.create_table(
        "sync_change",
        sa.Column(
            "seq", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), autoincrement=True, nullable=False
        ),
        sa.Column("table_name", sa.String(), nullable=False),
        sa.Column("row_key", sa.String(), nullable=False),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_sync_change")),
    )
    op.create_table(
        "sync_outbox",
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("row_key", sa.String(), nullable=False),
        sa.Column("before", sa.JSON(), nullable=True),
        sa.Column("created_at", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_sync_outbox")),
    )
    op.create_table(
        "sync_replica",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("join_code", sa.String(), nullable=False),
        sa.Column("hub_url", sa.String(), nullable=False),
        sa.Column("connect_args", sa.JSON(), nullable=False),
        sa.Column("certificate_pem", sa.String(), nullable=False),
        sa.Column("desk_name", sa.String(), nullable=False),
        sa.Column("desk_number", sa.Integer(), nullable=False),
        sa.Column("cursor", sa.BigInteger(), nullable=False),
        sa.Column("joined_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_sync_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("offline_since", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_replica")),
    )
    op.create_table(
        "attendee_edit",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("attendee_id", sa.Integer(), nullable=False),
        sa.Column("field", sa.String(), nullable=False),
        sa.Column("value", sa.JSON(), nullable=True),
        sa.Column("previous", sa.JSON(), nullable=True),
        sa.Column("edited_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("desk", sa.String(), nullable=False),
        sa.Column("applied", sa.Boolean(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["attendee_id"],
            ["attendee.id"],
            name=op.f("fk_attendee_edit_attendee_id_attendee"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attendee_edit")),
    )
    with op.batch_alter_table("attendee_edit", schema=None) as batch_op:
        batch_op.create_index("ix_attendee_edit_attendee_field", ["attendee_id", "field"], unique=False)
    with op.batch_alter_table("scan", schema=None) as batch_op:
        batch_op.add_column(sa.Column("offline", sa.Boolean(), nullable=False, server_default=sa.false()))

    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            f"""
            CREATE FUNCTION eventdesk_record_change() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                PERFORM pg_advisory_xact_lock({FEED_LOCK});
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
        for table in REPLICATED:
            op.execute(
                f"CREATE TRIGGER eventdesk_feed_{table} AFTER INSERT OR UPDATE OR DELETE ON {table} "
                "FOR EACH ROW EXECUTE FUNCTION eventdesk_record_change()"
            )
        fields = ", ".join(f"'{name}'" for name in MERGED)
        op.execute(
            f"""
            CREATE FUNCTION eventdesk_record_hub_edit() RETURNS trigger LANGUAGE plpgsql AS $$
            DECLARE
                before jsonb := to_jsonb(OLD);
                after jsonb := to_jsonb(NEW);
                name text;
            BEGIN
                -- A desk's merged push records its own edits, with the desk's time.
                IF coalesce(current_setting('eventdesk.merging', true), '') = 'on' THEN
                    RETURN NEW;
                END IF;
                FOREACH name IN ARRAY ARRAY[{fields}] LOOP
                    IF before -> name IS DISTINCT FROM after -> name THEN
                        INSERT INTO attendee_edit
                            (id, attendee_id, field, value, previous, edited_at, desk, applied, recorded_at)
                        VALUES (gen_random_uuid()::text, NEW.id, name, (after -> name)::json,
                                (before -> name)::json, now(), '', true, now());
                    END IF;
                END LOOP;
                RETURN NEW;
            END $$
            """
        )
        op.execute(
            "CREATE TRIGGER eventdesk_hub_edit AFTER UPDATE ON attendee "
            "FOR EACH ROW EXECUTE FUNCTION eventdesk_record_hub_edit()"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS eventdesk_hub_edit ON attendee")
        op.execute("DROP FUNCTION IF EXISTS eventdesk_record_hub_edit()")
        for table in REPLICATED:
            op.execute(f"DROP TRIGGER IF EXISTS eventdesk_feed_{table} ON {table}")
        op.execute("DROP FUNCTION IF EXISTS eventdesk_record_change()")
    with op.batch_alter_table("scan", schema=None) as batch_op:
        batch_op.drop_column("offline")
    with op.batch_alter_table("attendee_edit", schema=None) as batch_op:
        batch_op.drop_index("ix_attendee_edit_attendee_field")
    op.drop_table("attendee_edit")
    op.drop_table("sync_replica")
    op.drop_table("sync_outbox")
    op.drop_table("sync_change")
    with op.batch_alter_table("sync_desk", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_sync_desk_name"))
    op.drop_table("sync_desk")
