"""What comes down: every change on the hub after this desk's cursor, applied in one transaction.

The hub's feed says which rows changed (`sync_change`, numbered in commit order); the pull
reads those rows in the same snapshot, writes them into the replica (or deletes the ones gone
from the hub), and moves the cursor — all in one local transaction, so a desk killed in the
middle pulls the same changes again next time. A person with an edit still in this desk's
outbox is left as the desk has them until that edit has gone up (the hub then puts them back
in the feed with the merged values); so is a company, print or lead the desk has not sent yet.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, Engine, Integer, delete, select
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import SQLModel

from eventdesk.domain.event import utc_now
from eventdesk.persistence.sync_tables import SyncChange, SyncOutbox, SyncReplica
from eventdesk.sync import outbox
from eventdesk.sync.replica import FEED_HORIZON, touch_replica

# Parents before children, so foreign keys hold at every upsert; deletions go the other way.
PULLED = (
    "event", "company", "attendee", "external_code", "badge_print", "lead", "attendee_edit",
    "export_audit", "scan",
)  # fmt: skip
FEED_BATCH = 20_000
ROW_CHUNK = 900  # SQLite's bound-parameter limit is far above; keeps IN lists moderate
APPLY_CHUNK = 500  # rows per local transaction: a desk's own scan waits at most for one chunk


@dataclass
class PullReport:
    rows: dict[str, int] = field(default_factory=dict)
    deleted: int = 0
    cursor: int = 0
    # People written or removed here by this pull: the name search reloads just them.
    attendee_ids: set[int] = field(default_factory=set)

    @property
    def total(self) -> int:
        return sum(self.rows.values()) + self.deleted


def pull(local: Engine, hub_engine: Engine, *, keep_signing_key: bool = False) -> PullReport:
    """Every change of the hub's finished transactions that this desk has not had yet.

    The cursor is a transaction id: the desk has every change of the hub's transactions below
    it. Each pull reads, in one snapshot, the oldest transaction still running (`FEED_HORIZON`)
    and takes the changes of the transactions between the cursor and it — all finished, so
    none can commit behind the new cursor later (a sequence number could: a slow transaction
    commits change 5 after a desk has read 6).
    """
    report = PullReport()
    while True:
        with local.connect() as conn:
            cursor = int(conn.execute(select(SyncReplica.cursor)).scalar_one())
        with hub_engine.connect() as hub:
            hub.exec_driver_sql("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            horizon = int(hub.exec_driver_sql(FEED_HORIZON).scalar_one())
            changes = hub.execute(
                select(SyncChange.txid, SyncChange.table_name, SyncChange.row_key)
                .where(SyncChange.txid >= cursor, SyncChange.txid < horizon)
                .order_by(SyncChange.txid, SyncChange.seq)
                .limit(FEED_BATCH)
            ).all()
            complete = len(changes) < FEED_BATCH
            if complete:
                next_cursor = horizon
            elif changes[0].txid == changes[-1].txid:  # one huge transaction: take all of it
                txid = changes[0].txid
                changes = hub.execute(
                    select(SyncChange.txid, SyncChange.table_name, SyncChange.row_key).where(
                        SyncChange.txid == txid
                    )
                ).all()
                next_cursor = txid + 1
            else:  # stop before the last transaction, which may go on past the limit
                next_cursor = changes[-1].txid
                changes = [c for c in changes if c.txid < next_cursor]
            keys: dict[str, set[str]] = defaultdict(set)
            for change in changes:
                if change.table_name in PULLED:
                    keys[change.table_name].add(change.row_key)
            # Scans are append-only: one this desk has (its own, back from the hub) is not
            # fetched again — after a queue of 10,000 went up, that is most of the feed.
            if keys.get("scan"):
                keys["scan"] -= _scans_here(local, keys["scan"])
                if not keys["scan"]:
                    del keys["scan"]
            rows = {name: _fetch(hub, name, ids) for name, ids in keys.items()}
            hub.rollback()
        if not changes:
            report.cursor = next_cursor
            with local.begin() as conn:
                touch_replica(conn, cursor=next_cursor, last_sync_at=utc_now(), offline_since=None)
            if complete:
                break
            continue
        with local.connect() as conn:
            held = _pending(conn)
        # Applied in short transactions, so a scan at this desk never waits long for the write
        # lock; upserts are idempotent, and the cursor moves only in the last one, so a desk
        # killed in between applies the same changes again next time.
        for name in PULLED:
            if not keys.get(name):
                continue
            found = [r for r in rows[name] if r["id"] not in held.get(name, ())]
            if name == "event" and not keep_signing_key:
                found = [{k: v for k, v in r.items() if k != "signing_key"} for r in found]
            for start in range(0, len(found), APPLY_CHUNK):
                with local.begin() as conn:
                    outbox.begin_applying(conn)
                    chunk = found[start : start + APPLY_CHUNK]
                    if name in _NATURAL_KEYS:
                        chunk = _replace_twins(conn, name, chunk, held.get(name, set()))
                    _upsert(conn, name, chunk)
                    outbox.end_applying(conn)
            report.rows[name] = report.rows.get(name, 0) + len(found)
            if name == "attendee":
                report.attendee_ids.update(r["id"] for r in found)
        with local.begin() as conn:
            outbox.begin_applying(conn)
            for name in reversed(PULLED):
                gone = _gone(name, keys.get(name, set()), rows.get(name, [])) - held.get(name, set())
                if gone:
                    table = SQLModel.metadata.tables[name]
                    conn.execute(delete(table).where(table.c.id.in_(gone)))
                    report.deleted += len(gone)
                    if name == "attendee":
                        report.attendee_ids.update(gone)
            touch_replica(conn, cursor=next_cursor, last_sync_at=utc_now(), offline_since=None)
            outbox.end_applying(conn)
        report.cursor = next_cursor
        if complete:
            break
    return report


def _key_type(name: str) -> type:
    column = SQLModel.metadata.tables[name].c.id
    return int if isinstance(column.type, Integer) else str


def _fetch(hub: Connection, name: str, ids: set[str]) -> list[dict[str, Any]]:
    table = SQLModel.metadata.tables[name]
    typed = sorted(_key_type(name)(i) for i in ids)
    rows: list[dict[str, Any]] = []
    for start in range(0, len(typed), ROW_CHUNK):
        chunk = typed[start : start + ROW_CHUNK]
        rows.extend(dict(r) for r in hub.execute(select(table).where(table.c.id.in_(chunk))).mappings())
    return rows


def _gone(name: str, wanted: set[str], found: list[dict[str, Any]]) -> set[Any]:
    cast = _key_type(name)
    return {cast(k) for k in wanted} - {r["id"] for r in found}


def _upsert(conn: Connection, name: str, rows: list[dict[str, Any]]) -> None:
    if not rows:
        return
    table = SQLModel.metadata.tables[name]
    columns = list(rows[0])
    width = max(1, 30_000 // max(1, len(columns)))
    for start in range(0, len(rows), width):
        statement = sqlite_insert(table).values(rows[start : start + width])
        statement = statement.on_conflict_do_update(
            index_elements=["id"],
            set_={c: statement.excluded[c] for c in columns if c != "id"},
        )
        conn.execute(statement)


def _scans_here(local: Engine, ids: set[str]) -> set[str]:
    table = SQLModel.metadata.tables["scan"]
    found: set[str] = set()
    wanted = sorted(ids)
    with local.connect() as conn:
        for start in range(0, len(wanted), ROW_CHUNK):
            chunk = wanted[start : start + ROW_CHUNK]
            found.update(conn.execute(select(table.c.id).where(table.c.id.in_(chunk))).scalars())
    return found


def _pending(conn: Connection) -> dict[str, set[Any]]:
    """The rows, by table, with a change of this desk's still in the outbox: the pull leaves
    them as the desk has them until that change has gone up."""
    held: dict[str, set[Any]] = defaultdict(set)
    for kind, key in conn.execute(select(SyncOutbox.kind, SyncOutbox.row_key)).all():
        if kind in (outbox.EDIT, outbox.WALK_IN):
            held["attendee"].add(int(key))
        elif kind.startswith((outbox.ROW, outbox.GONE)):
            name = kind.split(":", 1)[1]
            held[name].add(_key_type(name)(key))
    return held


# Tables with a second unique key besides `id`: one lead per company and person, one owner per
# ticket code. A row the desk made offline may meet the hub's row of the same key.
_NATURAL_KEYS = {"lead": ("company_id", "attendee_id"), "external_code": ("platform", "code")}


def _replace_twins(
    conn: Connection, name: str, rows: list[dict[str, Any]], held: set[Any]
) -> list[dict[str, Any]]:
    """The hub's row replaces this desk's row of the same natural key (a lead the hub folded
    into its own, a ticket code another desk gave out first). While the desk's row still has a
    change waiting to go up, the hub's waits instead: it comes back settled after the push."""
    table = SQLModel.metadata.tables[name]
    columns = _NATURAL_KEYS[name]
    kept = []
    for row in rows:
        if any(row[c] is None for c in columns):
            kept.append(row)  # NULL never clashes (a lead of someone who did not share)
            continue
        twins = set(
            conn.execute(
                select(table.c.id).where(*(table.c[c] == row[c] for c in columns), table.c.id != row["id"])
            ).scalars()
        )
        if twins & held:
            continue
        if twins:
            conn.execute(delete(table).where(table.c.id.in_(twins)))
        kept.append(row)
    return kept
