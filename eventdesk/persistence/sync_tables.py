"""The tables that let several desks share one event: the hub's change feed and desk
registry, a desk replica's outbox and its link to the hub, and the edit history both keep.

On the hub (PostgreSQL) triggers fill `sync_change` for every written row of the tables desks
replicate (migration 0006), so a desk pulls "everything after my cursor" whoever wrote it: a
desk's push, the organiser's window on the hub, an import. In a replica (SQLite) triggers made
at join time fill `sync_outbox` for every scan, walk-in and edit made at that desk. Both
tables exist in every event document so one schema serves the file, the hub and the replica.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, BigInteger, Column, Index, Integer
from sqlmodel import Field, SQLModel

from eventdesk.domain.event import utc_now

# Attendee ids from here up belong to desks' walk-ins, a range of DESK_ID_SPAN per desk number.
DESK_ID_BASE = 1_000_000_000
DESK_ID_SPAN = 1_000_000  # walk-ins per desk; desk numbers up to 1,147 fit a 32-bit id


class SyncDesk(SQLModel, table=True):
    """A desk that joined the hub; `number` picks the range of attendee ids its walk-ins get."""

    __tablename__ = "sync_desk"

    number: int | None = Field(default=None, primary_key=True)
    name: str = Field(index=True)
    joined_at: datetime = Field(default_factory=utc_now)
    last_contact: datetime | None = None
    unsent_scans: int = 0
    unsent_edits: int = 0
    may_print: bool = False


class SyncChange(SQLModel, table=True):
    """One written row on the hub and the transaction that wrote it (migration 0008).

    Desks pull by `txid`, below the oldest transaction still running on the hub: all of those
    have finished, so no change can appear behind a desk's cursor later.
    """

    __tablename__ = "sync_change"
    __table_args__ = (Index("ix_sync_change_txid", "txid"),)

    # BIGSERIAL on the hub; in SQLite files (where the table stays empty) a rowid alias.
    seq: int | None = Field(
        default=None,
        sa_column=Column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True),
    )
    table_name: str
    row_key: str
    changed_at: datetime = Field(default_factory=utc_now)
    txid: int = Field(default=0, sa_column=Column(BigInteger, nullable=False, server_default="0"))


class SyncOutbox(SQLModel, table=True):
    """At a desk: one scan, walk-in or edit not yet acknowledged by the hub.

    `before` holds an edited attendee's values before the edit, so the push sends only the
    fields the desk changed and the hub can merge them field by field.
    """

    __tablename__ = "sync_outbox"

    seq: int | None = Field(default=None, primary_key=True)
    kind: str
    row_key: str
    before: dict[str, object] | None = Field(default=None, sa_column=Column(JSON, nullable=True))
    created_at: str = ""


class SyncReplica(SQLModel, table=True):
    """Present (one row) only in a desk replica: which hub, which desk, how far it has pulled."""

    __tablename__ = "sync_replica"

    id: int | None = Field(default=None, primary_key=True)
    join_code: str
    hub_url: str
    connect_args: dict[str, object] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    certificate_pem: str = ""
    desk_name: str
    desk_number: int
    # The hub transaction id below which this desk has every change (see SyncChange).
    cursor: int = Field(default=0, sa_column=Column(BigInteger, nullable=False, default=0))
    joined_at: datetime = Field(default_factory=utc_now)
    last_sync_at: datetime | None = None
    offline_since: datetime | None = None


class AttendeeEdit(SQLModel, table=True):
    """One field of a person changed at a desk: the value, the one before, and whether it won.

    Two desks that edit a person offline both send their edits; the later one (by its desk's
    time) wins per field, and the other stays here as history (`applied` false), never lost.
    """

    __tablename__ = "attendee_edit"
    __table_args__ = (Index("ix_attendee_edit_attendee_field", "attendee_id", "field"),)

    id: str = Field(primary_key=True, max_length=36)
    attendee_id: int = Field(foreign_key="attendee.id", ondelete="CASCADE")
    field: str
    value: object = Field(default=None, sa_column=Column(JSON, nullable=True))
    previous: object = Field(default=None, sa_column=Column(JSON, nullable=True))
    edited_at: datetime
    desk: str = ""
    applied: bool = True
    recorded_at: datetime = Field(default_factory=utc_now)


class LeadMerge(SQLModel, table=True):
    """On the hub: a desk's lead folded into the hub's lead of the same company and person.

    Two booth laptops of one company that scan a person offline each make a lead; the hub
    keeps one per company and person, and remembers how many of the desk lead's visits it
    added, so the same lead sent again adds only what is new.
    """

    __tablename__ = "lead_merge"

    id: str = Field(primary_key=True, max_length=36)
    into: str = Field(max_length=36)
    visits: int = 0
    merged_at: datetime = Field(default_factory=utc_now)
