"""What goes up: the desk's outbox to the hub, idempotently, in one hub transaction per batch.

Like libpretixsync's upload queue, every item carries its own identity, so sending it twice
is harmless: a scan keeps the UUID it got at the desk (`ON CONFLICT DO NOTHING`), a walk-in
its desk-range id, an edit a UUID made from (desk, outbox position, field). The outbox rows
are deleted only after the hub committed; a desk killed between the two sends the batch again
and the hub stores nothing twice.

A late offline admission of someone already inside is stored as it happened (the person is
in the hall); the double admission is derived from the scan log (`sync.desks`), so it cannot
be missed. Edits are merged field by field: a field the desk changed is taken when the desk
changed it later than the hub's value was set, otherwise the desk's value is kept as history
(`attendee_edit`, applied false) — never silently dropped.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, Engine, delete, func, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert

from eventdesk.domain.event import utc_now
from eventdesk.persistence.sync_tables import AttendeeEdit, SyncDesk, SyncOutbox
from eventdesk.persistence.tables import Attendee, Company, Scan
from eventdesk.sync import outbox

BATCH = 2_000
_EDIT_NAMESPACE = uuid.UUID("5b0a3f3e-5d0e-4c55-9a55-3c1f1b9e0d13")
_NEVER = datetime.min.replace(tzinfo=UTC)
_NAME_FIELDS = {"given_name", "family_name", "email", "organisation"}


@dataclass
class PushReport:
    scans: int = 0
    walk_ins: int = 0
    edits: int = 0
    edits_kept_as_history: int = 0

    @property
    def total(self) -> int:
        return self.scans + self.walk_ins + self.edits


def push(local: Engine, hub_engine: Engine, *, desk_number: int) -> PushReport:
    """Send the whole outbox, batch by batch; returns what the hub took."""
    report = PushReport()
    while True:
        with local.connect() as conn:
            items = conn.execute(select(SyncOutbox).order_by(SyncOutbox.seq).limit(BATCH)).mappings().all()
            if not items:
                break
            batch = _read_batch(conn, items)
        with hub_engine.begin() as hub:
            _send(hub, batch, desk_number=desk_number, report=report)
            remaining = _remaining_after(local, items[-1]["seq"])
            hub.execute(
                update(SyncDesk)
                .where(SyncDesk.number == desk_number)
                .values(last_contact=utc_now(), unsent_scans=remaining[0], unsent_edits=remaining[1])
            )
        # Only after the hub committed: a crash in between sends this batch again, harmlessly.
        forget_sent(local, items[-1]["seq"])
    return report


def forget_sent(local: Engine, last_seq: int) -> None:
    with local.begin() as conn:
        conn.execute(delete(SyncOutbox).where(SyncOutbox.seq <= last_seq))


def report_contact(local: Engine, hub_engine: Engine, *, desk_number: int) -> None:
    with local.connect() as conn:
        scans, edits = outbox.unsent_counts(conn)
    with hub_engine.begin() as hub:
        hub.execute(
            update(SyncDesk)
            .where(SyncDesk.number == desk_number)
            .values(last_contact=utc_now(), unsent_scans=scans, unsent_edits=edits)
        )


@dataclass
class _Batch:
    walk_ins: list[dict[str, Any]]
    edits: list[tuple[int, datetime, dict[str, Any], dict[str, Any], dict[str, Any]]]
    scans: list[dict[str, Any]]


def _read_batch(conn: Connection, items: list[Any]) -> _Batch:
    attendee_table = Attendee.__table__  # type: ignore[attr-defined]
    scan_table = Scan.__table__  # type: ignore[attr-defined]
    wanted = {int(i["row_key"]) for i in items if i["kind"] in (outbox.WALK_IN, outbox.EDIT)}
    current = {
        row["id"]: dict(row)
        for row in conn.execute(select(attendee_table).where(attendee_table.c.id.in_(wanted))).mappings()
    }
    walk_ins = [
        current[int(i["row_key"])]
        for i in items
        if i["kind"] == outbox.WALK_IN and int(i["row_key"]) in current
    ]
    # Consecutive edits of one person: each edit's "after" is the next one's "before".
    by_person: dict[int, list[Any]] = defaultdict(list)
    for item in items:
        if item["kind"] == outbox.EDIT:
            by_person[int(item["row_key"])].append(item)
    edits = []
    for person, chain in by_person.items():
        if person not in current:
            continue
        for n, item in enumerate(chain):
            after = dict(chain[n + 1]["before"]) if n + 1 < len(chain) else current[person]
            edits.append(
                (
                    item["seq"],
                    _parse_time(item["created_at"]),
                    dict(item["before"] or {}),
                    after,
                    current[person],
                )
            )
    scan_ids = [i["row_key"] for i in items if i["kind"] == outbox.SCAN]
    scans = [
        dict(r) for r in conn.execute(select(scan_table).where(scan_table.c.id.in_(scan_ids))).mappings()
    ]
    return _Batch(walk_ins, edits, scans)


def _remaining_after(local: Engine, seq: int) -> tuple[int, int]:
    with local.connect() as conn:
        rows = dict(
            conn.execute(
                select(SyncOutbox.kind, func.count()).where(SyncOutbox.seq > seq).group_by(SyncOutbox.kind)
            ).all()
        )
    return int(rows.get(outbox.SCAN, 0)), int(rows.get(outbox.WALK_IN, 0) + rows.get(outbox.EDIT, 0))


def _send(hub: Connection, batch: _Batch, *, desk_number: int, report: PushReport) -> None:
    attendee_table = Attendee.__table__  # type: ignore[attr-defined]
    scan_table = Scan.__table__  # type: ignore[attr-defined]
    if batch.walk_ins:
        companies = _existing(hub, Company.__table__, {r["company_id"] for r in batch.walk_ins})  # type: ignore[attr-defined]
        rows = [
            {**r, "company_id": r["company_id"] if r["company_id"] in companies else None}
            for r in batch.walk_ins
        ]
        done = hub.execute(
            pg_insert(attendee_table)
            .values(rows)
            .on_conflict_do_nothing(index_elements=["id"])
            .returning(attendee_table.c.id)
        ).all()
        report.walk_ins += len(done)
    for seq, when, before, after, current in batch.edits:
        applied, kept = _merge_edit(
            hub, seq=seq, when=when, before=before, after=after, current=current, desk_number=desk_number
        )
        report.edits += applied
        report.edits_kept_as_history += kept
    if batch.scans:
        people = _existing(hub, attendee_table, {r["attendee_id"] for r in batch.scans})
        # Every queued scan was judged by the replica (the hub's own decisions never enter the
        # outbox), so each is marked offline here, whatever the local flag says yet.
        rows = [
            {**r, "attendee_id": r["attendee_id"] if r["attendee_id"] in people else None, "offline": True}
            for r in batch.scans
        ]
        statement = pg_insert(scan_table)
        # The same UUID already on the hub: the hub decided it online but the answer came
        # too late, and the desk decided offline. What the person was told stands.
        statement = statement.on_conflict_do_update(
            index_elements=["id"],
            set_={
                "verdict": statement.excluded.verdict,
                "reason": statement.excluded.reason,
                "offline": True,
            },
            where=scan_table.c.verdict != statement.excluded.verdict,
        )
        hub.execute(statement, rows)  # executemany: psycopg sends the rows in pipelined batches
        report.scans += len(rows)


def _existing(hub: Connection, table: Any, ids: set[Any]) -> set[Any]:
    ids.discard(None)
    if not ids:
        return set()
    return set(hub.execute(select(table.c.id).where(table.c.id.in_(ids))).scalars())


def _merge_edit(
    hub: Connection,
    *,
    seq: int,
    when: datetime,
    before: dict[str, Any],
    after: dict[str, Any],
    current: dict[str, Any],
    desk_number: int,
) -> tuple[int, int]:
    """Apply one desk edit field by field; (fields applied, fields kept as history only)."""
    table = Attendee.__table__  # type: ignore[attr-defined]
    person = current["id"]
    changed = [f for f in outbox.MERGED_FIELDS if _norm(f, before.get(f)) != _norm(f, after.get(f))]
    if not changed:
        return 0, 0
    hub_row = hub.execute(select(table).where(table.c.id == person).with_for_update()).mappings().first()
    if hub_row is None:  # deleted on the hub meanwhile: nothing to merge into
        return 0, 0
    # The hub's own edit trigger stands aside: this merge records the desk's edits itself.
    hub.exec_driver_sql("SET LOCAL eventdesk.merging = 'on'")
    desk = hub.execute(select(SyncDesk.name).where(SyncDesk.number == desk_number)).scalar() or ""
    values: dict[str, Any] = {}
    applied = kept = 0
    for field in changed:
        edit_id = str(uuid.uuid5(_EDIT_NAMESPACE, f"{desk_number}:{seq}:{field}"))
        if hub.execute(select(AttendeeEdit.id).where(AttendeeEdit.id == edit_id)).first():
            continue  # this edit reached the hub before; a resend changes nothing
        value = _norm(field, after.get(field))
        wins = when >= _time_of_hub_value(hub, person, field, hub_row)
        hub.execute(
            pg_insert(AttendeeEdit.__table__).values(  # type: ignore[attr-defined]
                id=edit_id, attendee_id=person, field=field, value=value, previous=hub_row[field],
                edited_at=when, desk=desk, applied=wins, recorded_at=utc_now(),
            )
        )  # fmt: skip
        if wins:
            values[field] = value
            applied += 1
        else:
            kept += 1
    if values.keys() & _NAME_FIELDS:
        values.update({f: current[f] for f in outbox.DERIVED_FIELDS})
    if values.get("company_id") is not None and not _existing(hub, Company.__table__, {values["company_id"]}):  # type: ignore[attr-defined]
        values["company_id"] = None
    # An update even when the desk's values lost: it puts the person in the change feed, so
    # the desk pulls the hub's values back instead of keeping its own.
    hub.execute(
        update(table).where(table.c.id == person).values(**(values or {"updated_at": table.c.updated_at}))
    )
    return applied, kept


def _time_of_hub_value(hub: Connection, person: int, field: str, hub_row: Any) -> datetime:
    """When the hub's current value of the field was set: by the last edit recorded for it (a
    desk's merged push, or the hub's trigger for edits made on the hub); a value nobody has
    edited since the event was set up counts as oldest, so any desk edit beats it."""
    last = hub.execute(
        select(AttendeeEdit.value, AttendeeEdit.edited_at)
        .where(AttendeeEdit.attendee_id == person, AttendeeEdit.field == field, AttendeeEdit.applied)
        .order_by(AttendeeEdit.edited_at.desc())
        .limit(1)
    ).first()
    return last.edited_at if last is not None else _NEVER


def _norm(field: str, value: Any) -> Any:
    if field == "consent_share":
        return bool(value)
    if field == "interests":
        return list(value or [])
    return value


def _parse_time(stamp: str) -> datetime:
    return datetime.fromisoformat(stamp) if stamp else utc_now()
