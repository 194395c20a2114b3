"""Exports made at desks reach the organiser's audit: `export_audit` joins the hub's feed.

A booth exporting its leads or a desk printing a list carries personal data out of the event
as much as the organiser's own export does; "Erase a person" must name those copies too
(GDPR Art. 17), so desks send their audit rows up and every desk pulls the others'.

Revision ID: 0012_sync_export_audit
Revises: 0011_scan_reason_message
Create Date: 2026-12-07 16:40:00
"""

from __future__ import annotations

from alembic import op

revision = "0012_sync_export_audit"
down_revision = "0011_scan_reason_message"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "CREATE TRIGGER eventdesk_feed_export_audit AFTER INSERT OR UPDATE OR DELETE ON export_audit "
            "FOR EACH ROW EXECUTE FUNCTION eventdesk_record_change()"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS eventdesk_feed_export_audit ON export_audit")
