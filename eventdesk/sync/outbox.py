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
    "language",
)
# Follow the fields they are derived from (sent along when any of these wins).
DERIVED_FIELDS = ("email_key", "search_text")
# Where a consent answer came from and when: they go with `consent_share` when it wins.
CONSENT_FIELDS = ("consent_origin", "consent_at")

SCAN = "scan"
WALK_IN = "attendee_new"
EDIT = "attendee_edit"
# Whole rows a desk makes or changes besides people and scans: a company edited at the desk,
# a person's ticket codes, a badge printed (or reprinted) there, a lead scanned at a booth,
# an export of personal data made there (the organiser's audit must name every copy).
# Sent as they are now; of two edits of one row the later wins (push.py), nothing is doubled.
ROW = "row:"
GONE = "gone:"
ROW_TABLES = ("company", "external_code", "badge_print", "lead", "export_audit")
# Rows a desk removes: a person or company deleted there, a ticket code taken off a person, a
# lead deleted at the booth.
GONE_TABLES = ("company", "attendee", "external_code", "lead")

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
    *(
        f"""CREATE TRIGGER IF NOT EXISTS sync_outbox_{table}_{event.lower()} AFTER {event} ON {table}
            WHEN {_NOT_APPLYING}
            BEGIN INSERT INTO sync_outbox (kind, row_key, created_at)
                  VALUES ('{ROW}{table}', NEW.id, {_NOW}); END"""
        for table in ROW_TABLES
        for event in ("INSERT", "UPDATE")
    ),
    *(
        f"""CREATE TRIGGER IF NOT EXISTS sync_outbox_{table}_delete AFTER DELETE ON {table}
            WHEN {_NOT_APPLYING}
            BEGIN INSERT INTO sync_outbox (kind, row_key, created_at)
                  VALUES ('{GONE}{table}', OLD.id, {_NOW}); END"""
        for table in GONE_TABLES
    ),
)
# The edit trigger's body changed (the `language` field): an older replica's is replaced.
_REPLACED = ("sync_outbox_edit",)


def install_triggers(conn: Connection) -> None:
    """Idempotent: run at join and whenever a replica is opened (a table rebuilt by a
    migration loses its triggers; this puts them back before anything is written)."""
    for name in _REPLACED:
        sql = conn.exec_driver_sql(
            "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?", (name,)
        ).scalar()
        if sql is not None and _before_json() not in sql:
            conn.exec_driver_sql(f"DROP TRIGGER {name}")
    for statement in TRIGGERS:
        conn.exec_driver_sql(statement)


def begin_applying(conn: Connection) -> None:
    conn.exec_driver_sql("INSERT INTO sync_applying (one) VALUES (1)")


def end_applying(conn: Connection) -> None:
    conn.exec_driver_sql("DELETE FROM sync_applying")


def unsent_counts(conn: Connection) -> tuple[int, int]:
    """(scans, everything else: walk-ins, edits, prints, leads) still waiting to reach the hub."""
    rows = dict(conn.execute(select(SyncOutbox.kind, func.count()).group_by(SyncOutbox.kind)).all())
    return split_counts(rows)


def split_counts(rows: dict[str, int]) -> tuple[int, int]:
    scans = int(rows.get(SCAN, 0))
    return scans, int(sum(rows.values())) - scans
