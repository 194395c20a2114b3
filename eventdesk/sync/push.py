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

import dataclasses
import uuid
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, Engine, delete, func, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlmodel import SQLModel

from eventdesk.domain.event import utc_now
from eventdesk.persistence.sync_tables import AttendeeEdit, LeadMerge, SyncChange, SyncDesk, SyncOutbox
from eventdesk.persistence.tables import (
    Attendee,
    BadgePrint,
    Company,
    ExportAudit,
    ExternalCode,
    Lead,
    Scan,
)
from eventdesk.sync import outbox

BATCH = 2_000
_EDIT_NAMESPACE = uuid.UUID("5b0a3f3e-5d0e-4c55-9a55-3c1f1b9e0d13")
_NEVER = datetime.min.replace(tzinfo=UTC)
_NAME_FIELDS = {"given_name", "family_name", "email", "organisation"}
_EDITED_AT = "_edited_at"


@dataclass
class PushReport:
    scans: int = 0
    walk_ins: int = 0
    edits: int = 0
    edits_kept_as_history: int = 0
    # Other rows the hub took, by table (companies, badge prints, leads; deleted leads too).
    rows: dict[str, int] = dataclasses.field(default_factory=dict)

    @property
    def total(self) -> int:
        return self.scans + self.walk_ins + self.edits + sum(self.rows.values())


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
    # Whole rows by table (`outbox.ROW_TABLES`), as the desk has them now; removed rows' ids.
    rows: dict[str, list[dict[str, Any]]] = dataclasses.field(default_factory=dict)
    gone: dict[str, list[Any]] = dataclasses.field(default_factory=dict)


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
    return _Batch(walk_ins, edits, scans, _read_rows(conn, items), _gone_rows(conn, items))


def _read_rows(conn: Connection, items: list[Any]) -> dict[str, list[dict[str, Any]]]:
    """Each changed row once, as it is now (ten re-scans of one lead send it once), with the
    time of its last change at this desk (`_edited_at`, from the outbox)."""
    found: dict[str, list[dict[str, Any]]] = {}
    for name in outbox.ROW_TABLES:
        table = SQLModel.metadata.tables[name]
        edited = {str(i["row_key"]): i["created_at"] for i in items if i["kind"] == outbox.ROW + name}
        if not edited:
            continue
        typed = sorted(int(k) if name != "lead" else k for k in edited)
        found[name] = [
            {**r, _EDITED_AT: _parse_time(edited[str(r["id"])])}
            for r in conn.execute(select(table).where(table.c.id.in_(typed))).mappings()
        ]
    return found


def _gone_rows(conn: Connection, items: list[Any]) -> dict[str, list[Any]]:
    """Rows removed at this desk and still gone now: a deletion undone before it was sent
    (the row is back, and goes up as made) deletes nothing on the hub."""
    gone: dict[str, list[Any]] = {}
    for name in outbox.GONE_TABLES:
        table = SQLModel.metadata.tables[name]
        keys = {str(i["row_key"]) for i in items if i["kind"] == outbox.GONE + name}
        typed = sorted(int(k) if name != "lead" else k for k in keys)
        back = (
            set(conn.execute(select(table.c.id).where(table.c.id.in_(typed))).scalars()) if typed else set()
        )
        if set(typed) - back:
            gone[name] = [k for k in typed if k not in back]
    return gone


def _remaining_after(local: Engine, seq: int) -> tuple[int, int]:
    with local.connect() as conn:
        rows = dict(
            conn.execute(
                select(SyncOutbox.kind, func.count()).where(SyncOutbox.seq > seq).group_by(SyncOutbox.kind)
            ).all()
        )
    return outbox.split_counts(rows)


def _send(hub: Connection, batch: _Batch, *, desk_number: int, report: PushReport) -> None:
    attendee_table = Attendee.__table__  # type: ignore[attr-defined]
    scan_table = Scan.__table__  # type: ignore[attr-defined]
    _send_companies(hub, batch.rows.get("company", []), report)
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
    _send_codes(hub, batch.rows.get("external_code", []), batch.gone.get("external_code", []), report)
    _send_badge_prints(hub, batch.rows.get("badge_print", []), report)
    _send_leads(hub, batch.rows.get("lead", []), batch.gone.get("lead", []), report)
    _send_audit(hub, batch.rows.get("export_audit", []), report)
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
                "reason_message": statement.excluded.reason_message,
                "offline": True,
            },
            where=scan_table.c.verdict != statement.excluded.verdict,
        )
        hub.execute(statement, rows)  # executemany: psycopg sends the rows in pipelined batches
        report.scans += len(rows)
    # Last, so the scans above keep their person until the deletion clears it (as on the desk).
    for name, word in (("attendee", "attendee removed"), ("company", "company removed")):
        table = SQLModel.metadata.tables[name]
        if batch.gone.get(name):
            removed = hub.execute(delete(table).where(table.c.id.in_(batch.gone[name])).returning(table.c.id))
            _count(report, word, len(removed.all()))


def _count(report: PushReport, name: str, n: int) -> None:
    if n:
        report.rows[name] = report.rows.get(name, 0) + n


def _send_companies(hub: Connection, rows: list[dict[str, Any]], report: PushReport) -> None:
    """A company made or edited at the desk; of two edits of one company the later wins (whole
    row — a company is edited in one dialog, not field by field at the doors)."""
    table = Company.__table__  # type: ignore[attr-defined]
    for row in rows:
        if _hub_changed_later(hub, "company", row):
            continue
        values = {k: v for k, v in row.items() if k != _EDITED_AT}
        statement = pg_insert(table).values(values)
        statement = statement.on_conflict_do_update(
            index_elements=["id"],
            set_={c.name: statement.excluded[c.name] for c in table.c if c.name not in ("id", "created_at")},
        )
        hub.execute(statement)
        _count(report, "company", 1)


def _hub_changed_later(hub: Connection, name: str, row: dict[str, Any]) -> bool:
    """Whether the hub changed this row after the desk did (by the hub's change feed, the one
    clock every write on the hub goes through). Then the hub's row stays, and is put back in
    the feed so the desk, which kept its own while the edit was unsent, pulls it again."""
    changed = hub.execute(
        select(func.max(SyncChange.changed_at)).where(
            SyncChange.table_name == name, SyncChange.row_key == str(row["id"])
        )
    ).scalar()
    if changed is None or row[_EDITED_AT] >= changed:
        return False
    table = SQLModel.metadata.tables[name]
    hub.execute(update(table).where(table.c.id == row["id"]).values(id=table.c.id))
    return True


def _send_codes(hub: Connection, rows: list[dict[str, Any]], gone: list[int], report: PushReport) -> None:
    """A person's ticket codes set at the desk. A code is one person's: when another desk gave
    the same code to someone else first, that stands (the pull then takes this desk's back)."""
    table = ExternalCode.__table__  # type: ignore[attr-defined]
    if gone:
        removed = hub.execute(delete(table).where(table.c.id.in_(gone)).returning(table.c.id)).all()
        _count(report, "ticket code removed", len(removed))
    people = _existing(hub, Attendee.__table__, {r["attendee_id"] for r in rows})  # type: ignore[attr-defined]
    for row in rows:
        values = {k: v for k, v in row.items() if k != _EDITED_AT}
        taken = hub.execute(
            select(table.c.id).where(
                table.c.platform == values["platform"],
                table.c.code == values["code"],
                table.c.id != values["id"],
            )
        ).first()
        if values["attendee_id"] not in people or taken is not None:
            continue
        statement = pg_insert(table).values(values)
        statement = statement.on_conflict_do_update(
            index_elements=["id"],
            set_={c: statement.excluded[c] for c in ("attendee_id", "platform", "code")},
        )
        hub.execute(statement)
        _count(report, "ticket code", 1)


def _send_audit(hub: Connection, rows: list[dict[str, Any]], report: PushReport) -> None:
    """An export made at the desk, for the organiser's record of every copy of personal data."""
    table = ExportAudit.__table__  # type: ignore[attr-defined]
    kept = [{k: v for k, v in r.items() if k != _EDITED_AT} for r in rows]
    if kept:
        done = hub.execute(
            pg_insert(table).on_conflict_do_nothing(index_elements=["id"]).returning(table.c.id), kept
        ).all()
        _count(report, "export", len(done))


def _send_badge_prints(hub: Connection, rows: list[dict[str, Any]], report: PushReport) -> None:
    """Prints carry ids from the desk's own range, so a print sent twice is stored once; a print
    of someone deleted on the hub meanwhile has nobody to belong to and is dropped."""
    if not rows:
        return
    table = BadgePrint.__table__  # type: ignore[attr-defined]
    people = _existing(hub, Attendee.__table__, {r["attendee_id"] for r in rows})  # type: ignore[attr-defined]
    kept = [{k: v for k, v in r.items() if k != _EDITED_AT} for r in rows if r["attendee_id"] in people]
    if kept:
        done = hub.execute(
            pg_insert(table).on_conflict_do_nothing(index_elements=["id"]).returning(table.c.id), kept
        ).all()
        _count(report, "badge_print", len(done))


def _send_leads(hub: Connection, rows: list[dict[str, Any]], gone: list[str], report: PushReport) -> None:
    """A booth's leads: the later edit of one lead wins; a person that two booth laptops of one
    company scanned offline becomes one lead (one per company and person), visits added up."""
    table = Lead.__table__  # type: ignore[attr-defined]
    if gone:
        removed = hub.execute(delete(table).where(table.c.id.in_(gone)).returning(table.c.id)).all()
        _count(report, "lead removed", len(removed))
    companies = _existing(hub, Company.__table__, {r["company_id"] for r in rows})  # type: ignore[attr-defined]
    people = _existing(hub, Attendee.__table__, {r["attendee_id"] for r in rows})  # type: ignore[attr-defined]
    sent = 0
    for row in rows:
        if row["company_id"] not in companies:
            continue  # the company was deleted on the hub: its leads went with it
        if _hub_changed_later(hub, "lead", row):
            continue
        edited_at = row[_EDITED_AT]
        row = {k: v for k, v in row.items() if k != _EDITED_AT}
        row["attendee_id"] = row["attendee_id"] if row["attendee_id"] in people else None
        twin = None
        if row["attendee_id"] is not None:
            twin = (
                hub.execute(
                    select(table)
                    .where(
                        table.c.company_id == row["company_id"],
                        table.c.attendee_id == row["attendee_id"],
                        table.c.id != row["id"],
                    )
                    .with_for_update()
                )
                .mappings()
                .first()
            )
        if twin is not None:
            sent += _merge_lead(hub, dict(twin), row, edited_at=edited_at)
            continue
        statement = pg_insert(table).values(row)
        statement = statement.on_conflict_do_update(
            index_elements=["id"],
            set_={c.name: statement.excluded[c.name] for c in table.c if c.name != "id"},
        )
        sent += len(hub.execute(statement.returning(table.c.id)).all())
    _count(report, "lead", sent)


def _merge_lead(
    hub: Connection, hub_lead: dict[str, Any], desk_lead: dict[str, Any], *, edited_at: datetime
) -> int:
    """Fold a desk's lead into the hub's lead of the same company and person.

    How many of the desk lead's visits were already added is kept (`lead_merge`), so sending it
    again — a desk killed before it forgot the batch, or a re-scan at that desk before it pulled
    the hub's lead — adds only the visits that are new, never one twice.
    """
    merge_table = LeadMerge.__table__  # type: ignore[attr-defined]
    counted = hub.execute(
        select(merge_table.c.visits).where(merge_table.c.id == desk_lead["id"]).with_for_update()
    ).scalar()
    new_visits = desk_lead["visits"] - (counted or 0)
    desk_is_later = not _hub_changed_later(hub, "lead", {"id": hub_lead["id"], _EDITED_AT: edited_at})
    notes = hub_lead["notes"]
    if desk_lead["notes"] and desk_lead["notes"] not in notes:
        notes = f"{notes}\n{desk_lead['notes']}" if notes else desk_lead["notes"]
    values = {
        "visits": hub_lead["visits"] + max(0, new_visits),
        "rating": (desk_lead["rating"] if desk_is_later else "") or hub_lead["rating"] or desk_lead["rating"],
        "notes": notes,
        "tags": list(dict.fromkeys([*(hub_lead["tags"] or []), *(desk_lead["tags"] or [])])),
        "staff": hub_lead["staff"] or desk_lead["staff"],
        "captured_at": min(hub_lead["captured_at"], desk_lead["captured_at"]),
        "last_seen_at": max(hub_lead["last_seen_at"], desk_lead["last_seen_at"]),
        "updated_at": max(hub_lead["updated_at"], desk_lead["updated_at"]),
    }
    if counted is not None and new_visits <= 0 and all(values[k] == hub_lead[k] for k in values):
        return 0  # sent before, nothing new in it
    statement = pg_insert(merge_table).values(
        id=desk_lead["id"], into=hub_lead["id"], visits=desk_lead["visits"], merged_at=utc_now()
    )
    hub.execute(
        statement.on_conflict_do_update(index_elements=["id"], set_={"visits": statement.excluded.visits})
    )
    table = Lead.__table__  # type: ignore[attr-defined]
    hub.execute(update(table).where(table.c.id == hub_lead["id"]).values(**values))
    return 1


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
        # "Old" is what the desk changed from (what its volunteer saw), so a person's history
        # reads as each desk's own change even when another desk's value arrived in between.
        previous = _norm(field, before[field]) if field in before else hub_row[field]
        hub.execute(
            pg_insert(AttendeeEdit.__table__).values(  # type: ignore[attr-defined]
                id=edit_id, attendee_id=person, field=field, value=value, previous=previous,
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
    if "consent_share" in values:  # where the winning answer came from, and when
        values.update({f: _aware(current[f]) for f in outbox.CONSENT_FIELDS})
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


def _aware(value: Any) -> Any:
    """SQLite gives times back without their zone; eventdesk stores them in UTC."""
    if isinstance(value, datetime) and value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value


def _parse_time(stamp: str) -> datetime:
    return datetime.fromisoformat(stamp) if stamp else utc_now()
