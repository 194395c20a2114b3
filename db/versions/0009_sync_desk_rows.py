"""Everything a desk makes reaches the other desks: leads and edit history in the change feed.

0006 fed the hub's change feed from the tables desks replicated for the door. A desk also
scans leads at booths and its people's edit history is shown at every desk, so `lead` and
`attendee_edit` join the feed. The hub's own edits record their time for the `language`
field too, which desks now merge like the others. `lead_merge` remembers a desk's lead that
the hub folded into its lead of the same company and person (one lead per company and person).

Revision ID: 0009_sync_desk_rows
Revises: 0008_sync_feed_xid
Create Date: 2026-12-07 15:20:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009_sync_desk_rows"
down_revision = "0008_sync_feed_xid"
branch_labels = None
depends_on = None

FED = ("lead", "attendee_edit")
MERGED = (
    "given_name", "family_name", "email", "phone", "organisation", "job_title", "degree",
    "field_of_work", "interests", "ticket_type", "status", "consent_share", "company_id", "badge_version",
)  # fmt: skip


def _hub_edit_function(fields: tuple[str, ...]) -> str:
    names = ", ".join(f"'{name}'" for name in fields)
    return f"""
        CREATE OR REPLACE FUNCTION eventdesk_record_hub_edit() RETURNS trigger LANGUAGE plpgsql AS $$
        DECLARE
            before jsonb := to_jsonb(OLD);
            after jsonb := to_jsonb(NEW);
            name text;
        BEGIN
            -- A desk's merged push records its own edits, with the desk's time.
            IF coalesce(current_setting('eventdesk.merging', true), '') = 'on' THEN
                RETURN NEW;
            END IF;
            FOREACH name IN ARRAY ARRAY[{names}] LOOP
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


def upgrade() -> None:
    op.create_table(
        "lead_merge",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("into", sa.String(length=36), nullable=False),
        sa.Column("visits", sa.Integer(), nullable=False),
        sa.Column("merged_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lead_merge")),
    )
    if op.get_bind().dialect.name == "postgresql":
        for table in FED:
            op.execute(
                f"CREATE TRIGGER eventdesk_feed_{table} AFTER INSERT OR UPDATE OR DELETE ON {table} "
                "FOR EACH ROW EXECUTE FUNCTION eventdesk_record_change()"
            )
        op.execute(_hub_edit_function((*MERGED, "language")))


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(_hub_edit_function(MERGED))
        for table in FED:
            op.execute(f"DROP TRIGGER IF EXISTS eventdesk_feed_{table} ON {table}")
    op.drop_table("lead_merge")
