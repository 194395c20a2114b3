"""The desk's outbox: every scan, walk-in and edit made here, queued until the hub has it.

The queue is filled by SQLite triggers rather than by each service, so nothing a desk writes
can slip past it — the check-in screen, the kiosk, a walk-in, the attendee dialog, a CLI
command on the replica all write through them. Rows the pull itself writes (others' changes)
must not be queued again: the pull holds a row in `sync_applying` for the length of its
transaction, and the triggers skip while it is there. SQLite has one writer at a time, so no
other connection's write can fall inside that window.
"""

from __future__ import annotations

from sqlalchemy import Connection, func, select

from eventdesk.persistence.sync_tables import SyncOutbox

# Attendee columns a desk may change; the hub merges them one by one (later edit wins).
MERGED_FIELDS = (
    "given_name",
    "family_name",
    "email",
    "phone",
    "organisation",
    "job_title",
    "degree",
    "field_of_work",
    "interests",
    "ticket_type",
    "status",
    "consent_share",
    "company_id",
    "badge_version",
)
# Follow the fields they are derived from (sent along when any of these wins).
DERIVED_FIELDS = ("email_key", "search_text")

SCAN = "scan"
WALK_IN = "attendee_new"
EDIT = "attendee_edit"

_NOW = "strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now')"
_NOT_APPLYING = "NOT EXISTS (SELECT 1 FROM sync_applying)"


def _before_json() -> str:
    parts = []
    for name in MERGED_FIELDS:
        value = f"json(OLD.{name})" if name == "interests" else f"OLD.{name}"
        parts.append(f"'{name}', {value}")
    return "json_object(" + ", ".join(parts) + ")"


TRIGGERS = (
    "CREATE TABLE IF NOT EXISTS sync_applying (one INTEGER)",
    f"""CREATE TRIGGER IF NOT EXISTS sync_outbox_scan AFTER INSERT ON scan WHEN {_NOT_APPLYING}
        BEGIN INSERT INTO sync_outbox (kind, row_key, created_at) VALUES ('{SCAN}', NEW.id, {_NOW}); END""",
    f"""CREATE TRIGGER IF NOT EXISTS sync_outbox_walk_in AFTER INSERT ON attendee WHEN {_NOT_APPLYING}
        BEGIN INSERT INTO sync_outbox (kind, row_key, created_at)
              VALUES ('{WALK_IN}', NEW.id, {_NOW}); END""",
    f"""CREATE TRIGGER IF NOT EXISTS sync_outbox_edit AFTER UPDATE ON attendee WHEN {_NOT_APPLYING}
        BEGIN INSERT INTO sync_outbox (kind, row_key, before, created_at)
              VALUES ('{EDIT}', NEW.id, {_before_json()}, {_NOW}); END""",
)


def install_triggers(conn: Connection) -> None:
    """Idempotent: run at join and whenever a replica is opened (a table rebuilt by a
    migration loses its triggers; this puts them back before anything is written)."""
    for statement in TRIGGERS:
        conn.exec_driver_sql(statement)


def begin_applying(conn: Connection) -> None:
    conn.exec_driver_sql("INSERT INTO sync_applying (one) VALUES (1)")


def end_applying(conn: Connection) -> None:
    conn.exec_driver_sql("DELETE FROM sync_applying")


def unsent_counts(conn: Connection) -> tuple[int, int]:
    """(scans, walk-ins and edits) still waiting to reach the hub."""
    rows = dict(conn.execute(select(SyncOutbox.kind, func.count()).group_by(SyncOutbox.kind)).all())
    return int(rows.get(SCAN, 0)), int(rows.get(WALK_IN, 0) + rows.get(EDIT, 0))
