"""Joining: a desk's own SQLite copy of the hub's event, and what it keeps about the hub.

The replica is an ordinary event document (the window, the kiosk and every CLI command open
it as they open any event) plus a `sync_replica` row — the hub's address, login and pinned
certificate, this desk's name and number, the cursor in the hub's change feed — and the
outbox triggers. It holds attendees, companies, ticket codes, badge prints (so a replaced
badge is refused), scans (so "already checked in" holds offline), leads, people's edit
history, the schedule, and the event's public key; the signing key only when the join code
lets desks print badges.

Walk-ins are made at desks while offline and must never collide with the hub's ids or another
desk's, because the id is the badge serial printed in the QR code and cannot change after.
Each desk gets a number at join and its walk-ins take ids from its own range (the attendee
table in a replica is AUTOINCREMENT, its sequence started at the range), so no id is ever
renumbered.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Connection, insert, select, text, update
from sqlalchemy.exc import OperationalError
from sqlmodel import SQLModel

from eventdesk.domain.errors import EventdeskError, EventFileError
from eventdesk.domain.event import utc_now
from eventdesk.i18n import _
from eventdesk.persistence.document import EventDocument, remove_sqlite_files
from eventdesk.persistence.sync_tables import DESK_ID_BASE, DESK_ID_SPAN, SyncDesk, SyncReplica
from eventdesk.persistence.tables import Event
from eventdesk.sync import outbox
from eventdesk.sync.connect import verify_hub
from eventdesk.sync.join_code import JoinCode
from eventdesk.sync.link import check_hub_schema, hub_engine

COPY_BATCH = 5_000
# Below this transaction id every transaction that can write this event's change feed has
# finished (committed or not). Transaction ids are shared by every database of a server, so the
# oldest running one may be another database's — an organiser's existing PostgreSQL runs other
# work too, and its long transaction must not hold every desk back. Only ids positively seen in
# another database (`pg_stat_activity`) are passed over; an id that just finished, or one this
# role may not see, still counts, so the horizon is never past an unfinished writer of the feed.
FEED_HORIZON = """
    SELECT coalesce(
        (SELECT min(x::text::bigint)
           FROM pg_snapshot_xip(pg_current_snapshot()) AS x
          WHERE mod(x::text::bigint, 4294967296) NOT IN (
                SELECT backend_xid::text::bigint FROM pg_stat_activity
                 WHERE backend_xid IS NOT NULL AND datname IS DISTINCT FROM current_database())),
        pg_snapshot_xmax(pg_current_snapshot())::text::bigint)
"""
# Hub-only or file-only tables a replica does not take.
NOT_COPIED = {"sync_desk", "sync_change", "sync_outbox", "sync_replica", "lead_merge", "kit_info"}
# Tables whose rows a desk adds with a number for a key: from the desk's own range, so no
# desk's row ever takes an id another desk (or the hub) gives out. A walk-in's id is its badge
# serial; a company's, a ticket code's, a print's and an audit row's only need not to collide.
DESK_NUMBERED = ("company", "attendee", "external_code", "badge_print", "export_audit")


class NotAReplicaError(EventdeskError):
    """The event is not a desk replica (it was not made by `eventdesk join`)."""


def desk_id_range(number: int) -> range:
    start = DESK_ID_BASE + number * DESK_ID_SPAN
    return range(start, start + DESK_ID_SPAN)


@dataclass(frozen=True)
class Joined:
    path: Path
    desk_name: str
    desk_number: int
    attendees: int
    cursor: int
    may_print: bool


def join(code_text: str, output: Path, *, desk_name: str, overwrite: bool = False) -> Joined:
    """Verify the hub, register this desk, copy the event into `output`; all or nothing."""
    desk_name = desk_name.strip()
    if not desk_name:
        raise EventdeskError(_("A desk needs a name, such as “Door A”."))
    code = JoinCode.decode(code_text)
    pins = output.expanduser().resolve().parent
    if not pins.is_dir():
        raise EventFileError(_("The folder {folder} does not exist.", folder=pins))
    url, args = verify_hub(code)
    pem = ""
    if "sslrootcert" in args:
        pem = Path(str(args.pop("sslrootcert"))).read_text()
    where = f"{code.host}:{code.port}"
    engine = hub_engine(url, args, pem)
    doc: EventDocument | None = None
    try:
        check_hub_schema(engine, where)
        doc = EventDocument.create_empty(output, overwrite=overwrite)
        with engine.connect() as hub:
            hub.exec_driver_sql("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            number = int(
                hub.execute(
                    insert(SyncDesk)
                    .values(name=desk_name, joined_at=utc_now(), unsent_scans=0, unsent_edits=0,
                            may_print=code.may_print_badges)
                    .returning(SyncDesk.number)
                ).scalar_one()
            )  # fmt: skip
            # One snapshot for the cursor and the rows: every transaction below its oldest
            # running one is in the copy, and the desk pulls the rest (see pull.py).
            cursor = int(hub.exec_driver_sql(FEED_HORIZON).scalar_one())
            with doc.engine.begin() as local:
                _make_walk_in_ids_local(local, number)
                attendees = _copy_tables(hub, local, keep_signing_key=code.may_print_badges)
                local.execute(
                    insert(SyncReplica).values(
                        join_code=code.encode(), hub_url=url, connect_args=args, certificate_pem=pem,
                        desk_name=desk_name, desk_number=number, cursor=cursor, joined_at=utc_now(),
                        last_sync_at=utc_now(),
                    )
                )  # fmt: skip
                outbox.install_triggers(local)
            hub.commit()  # the desk is registered only once its copy is complete
        final = doc.commit_new()
        final.close()
        doc = None
    except OperationalError as exc:
        _discard(doc, output)
        if "full" in str(exc.orig).lower():
            raise EventFileError(
                _(
                    "The disk of this desk is full; {file} was not made. Free some space and join again.",
                    file=output,
                )
            ) from exc
        raise
    except BaseException:
        _discard(doc, output)
        raise
    finally:
        engine.dispose()
    path = output.expanduser()
    if path.suffix != ".eventdesk":
        path = path.with_name(path.name + ".eventdesk")
    return Joined(path, desk_name, number, attendees, cursor, code.may_print_badges)


def _discard(doc: EventDocument | None, output: Path) -> None:
    """Nothing of a failed join stays, not even the `.part` a failed schema creation leaves."""
    if doc is not None:
        doc.discard_new()
    path = output.expanduser()
    if path.suffix != ".eventdesk":
        path = path.with_name(path.name + ".eventdesk")
    remove_sqlite_files(path.with_name(path.name + ".part"))


def _make_walk_in_ids_local(local: Connection, number: int) -> None:
    """Give every table a desk adds rows to by number its own id range at this desk."""
    for table in DESK_NUMBERED:
        _number_from_desk_range(local, table, number)


def _number_from_desk_range(local: Connection, table: str, number: int) -> None:
    """Rebuild the (still empty) table as AUTOINCREMENT, its sequence at this desk's range.

    The table's own DDL is kept (as Alembic made it) with the primary key written as a column
    constraint, the only form SQLite accepts AUTOINCREMENT in.
    """
    ddl = local.exec_driver_sql(
        "SELECT sql FROM sqlite_master WHERE type='table' AND name=?", (table,)
    ).scalar_one()
    indexes = list(
        local.exec_driver_sql(
            "SELECT sql FROM sqlite_master WHERE type='index' AND tbl_name=? AND sql IS NOT NULL", (table,)
        ).scalars()
    )
    rebuilt = re.sub(
        r"\bid INTEGER NOT NULL,", "id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,", ddl, count=1
    )
    # The table constraint goes, with the comma that joined it to its neighbour.
    rebuilt = re.sub(rf"CONSTRAINT pk_{table} PRIMARY KEY \(id\),\s*", "", rebuilt, count=1)
    rebuilt = re.sub(rf",\s*CONSTRAINT pk_{table} PRIMARY KEY \(id\)\s*\)\s*$", "\n)", rebuilt, count=1)
    if "AUTOINCREMENT" not in rebuilt or f"pk_{table}" in rebuilt:
        raise RuntimeError(f"unexpected {table} table definition: {ddl}")
    local.exec_driver_sql(f"DROP TABLE {table}")
    local.exec_driver_sql(rebuilt)
    for index in indexes:
        local.exec_driver_sql(index)
    local.execute(
        text("INSERT INTO sqlite_sequence (name, seq) VALUES (:name, :seq)"),
        {"name": table, "seq": desk_id_range(number).start - 1},
    )


def _copy_tables(hub: Connection, local: Connection, *, keep_signing_key: bool) -> int:
    attendees = 0
    for table in SQLModel.metadata.sorted_tables:
        if table.name in NOT_COPIED:
            continue
        result = hub.execution_options(yield_per=COPY_BATCH).execute(select(table))
        for chunk in result.mappings().partitions(COPY_BATCH):
            rows = [dict(row) for row in chunk]
            if table.name == "event" and not keep_signing_key:
                for row in rows:
                    row["signing_key"] = None
            if table.name == "attendee":
                attendees += len(rows)
            local.execute(insert(table), rows)
    return attendees


# --- an open replica -----------------------------------------------------------------------


@dataclass(frozen=True)
class ReplicaInfo:
    join_code: str
    hub_url: str
    connect_args: dict[str, object]
    certificate_pem: str
    desk_name: str
    desk_number: int
    event_code: str


def replica_info(doc: EventDocument) -> ReplicaInfo | None:
    """The replica's link to its hub, or None for an ordinary event (a file or the hub itself)."""
    if not doc.is_sqlite:
        return None
    with doc.engine.connect() as conn:
        row = conn.execute(select(SyncReplica)).mappings().first()
        if row is None:
            return None
        event_code = conn.execute(select(Event.code)).scalar_one()
    return ReplicaInfo(
        join_code=row["join_code"],
        hub_url=row["hub_url"],
        connect_args=dict(row["connect_args"]),
        certificate_pem=row["certificate_pem"],
        desk_name=row["desk_name"],
        desk_number=row["desk_number"],
        event_code=event_code,
    )


def require_replica(doc: EventDocument) -> ReplicaInfo:
    info = replica_info(doc)
    if info is None:
        raise NotAReplicaError(
            _(
                "{event} is not a desk replica; make one with `eventdesk join CODE -o DESK.eventdesk`.",
                event=doc.display_location,
            )
        )
    with doc.engine.begin() as conn:
        outbox.install_triggers(conn)
    return info


def touch_replica(conn: Connection, **values: object) -> None:
    conn.execute(update(SyncReplica).values(**values))
