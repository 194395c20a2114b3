"""The SQLModel tables of an event document.

Times are aware datetimes, returned in UTC (SQLModel refuses naive ones, which keeps a
wall-clock time from being stored by mistake); the event's `timezone` turns them into local
time for display. Lists of tags are JSON arrays so SQLite and PostgreSQL store them
alike. A schema change here needs an Alembic revision in `db/versions`.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Column, Index, LargeBinary, UniqueConstraint
from sqlmodel import Field, SQLModel

from eventdesk.domain.enums import AttendeeStatus, TicketType
from eventdesk.domain.event import utc_now

# Names that Alembic autogenerate and the kit/copy code rely on.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
SQLModel.metadata.naming_convention = NAMING_CONVENTION


class EventBase(SQLModel):
    name: str
    venue: str = ""
    starts_at: datetime
    ends_at: datetime
    timezone: str = "Europe/Amsterdam"
    reentry_allowed: bool = False
    # What is printed for an attendee without a language of their own (en, nl, fr, de, da, sv).
    language: str = "en"


class Event(EventBase, table=True):
    """The one row that says which event this document is.

    `code` is the short identifier written into badge tokens; the key pair signs them, and
    only the public half is needed at a door or in an exhibitor kit.
    """

    __tablename__ = "event"

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(max_length=16, unique=True)
    signing_key: bytes | None = Field(default=None, sa_column=Column(LargeBinary, nullable=True))
    public_key: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
    logo: bytes | None = Field(default=None, sa_column=Column(LargeBinary, nullable=True))
    created_at: datetime = Field(default_factory=utc_now)
    # Privacy (GDPR Art. 5): None means the default, 30 days after the event's last day.
    retention_until: datetime | None = None
    anonymised_at: datetime | None = None
    key_replaced_at: datetime | None = None


class CompanyBase(SQLModel):
    name: str = Field(index=True)
    sector: str = ""
    booth: str = ""
    meeting_tables: int = 1
    hiring_tags: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    website: str = ""
    description: str = ""
    contact_name: str = ""
    contact_email: str = ""
    contact_phone: str = ""


class Company(CompanyBase, table=True):
    __tablename__ = "company"

    id: int | None = Field(default=None, primary_key=True)
    logo: bytes | None = Field(default=None, sa_column=Column(LargeBinary, nullable=True))
    created_at: datetime = Field(default_factory=utc_now)
    updated_at: datetime = Field(default_factory=utc_now)


class AttendeeBase(SQLModel):
    given_name: str = ""
    family_name: str = ""
    email: str | None = None
    phone: str = ""
    organisation: str = ""
    job_title: str = ""
    degree: str = ""
    field_of_work: str = ""
    interests: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    ticket_type: str = TicketType.VISITOR.value
    status: str = AttendeeStatus.REGISTERED.value
    consent_share: bool = False
    # Where the consent (or its refusal) came from: "import:FILE:COLUMN", "walk-in:DESK", "edit".
    consent_origin: str = ""
    consent_at: datetime | None = None
    company_id: int | None = Field(default=None, foreign_key="company.id", ondelete="SET NULL")
    # The attendee's own language for what is printed for them; empty: the event's.
    language: str = ""


class Attendee(AttendeeBase, table=True):
    """A person with a ticket. Exhibitor staff are attendees linked to their company.

    `email_key` is the case-folded e-mail that imports merge on; `search_text` is the
    diacritic-free text the people search runs over. `badge_version` grows with every reprint
    so that an older badge can be told apart and refused.
    """

    __tablename__ = "attendee"
    __table_args__ = (
        Index("ix_attendee_email_key", "email_key"),
        Index("ix_attendee_company_id", "company_id"),
        Index("ix_attendee_family_given", "family_name", "given_name"),
        # The dashboard's counts (`services.events.event_stats`) read this, not the table.
        Index("ix_attendee_status_ticket_consent", "status", "ticket_type", "consent_share"),
    )

    id: int | None = Field(default=None, primary_key=True)
    email_key: str | None = None
    search_text: str = ""
    badge_version: int = 1
    erased_at: datetime | None = None
    created_at: datetime = Field(default_factory=utc_now)
    updated_at: datetime = Field(default_factory=utc_now)


class ExternalCode(SQLModel, table=True):
    """A ticket code from the platform that sold the ticket (barcode, secret, reference)."""

    __tablename__ = "external_code"
    __table_args__ = (UniqueConstraint("platform", "code", name="uq_external_code_platform_code"),)

    id: int | None = Field(default=None, primary_key=True)
    attendee_id: int = Field(foreign_key="attendee.id", ondelete="CASCADE", index=True)
    platform: str
    code: str = Field(index=True)


class Scan(SQLModel, table=True):
    """One scan at a desk, accepted or not: append-only, never updated.

    The UUID key lets logs recorded on separate desks (or kits) be merged without clashes;
    "checked in" is derived from these rows rather than stored on the attendee.
    """

    __tablename__ = "scan"
    __table_args__ = (Index("ix_scan_attendee_time", "attendee_id", "device_time"),)

    id: str = Field(primary_key=True, max_length=36)
    scanned_text: str
    verdict: str = Field(index=True)
    attendee_id: int | None = Field(default=None, foreign_key="attendee.id", ondelete="SET NULL")
    desk: str = ""
    device_time: datetime
    reason: str = ""
    # The reason as a message (eventdesk.i18n.stored), rendered in each reader's language;
    # None on rows from before 0011 and on reasons a volunteer typed (`reason` is shown then).
    reason_message: str | None = None
    recorded_at: datetime = Field(default_factory=utc_now)
    # Decided by a desk's replica because the hub did not answer within the budget.
    offline: bool = False


class BadgePrint(SQLModel, table=True):
    """One badge put into a PDF for printing: which version, when, and on which layout.

    "Not yet printed" means no row for the attendee's current `badge_version`. A reprint
    bumps the version and prints in one transaction, so the first print of version v + 1 is
    when badge v was replaced — what the door says when someone shows the old badge.
    """

    __tablename__ = "badge_print"
    __table_args__ = (Index("ix_badge_print_attendee_version", "attendee_id", "version"),)

    id: int | None = Field(default=None, primary_key=True)
    attendee_id: int = Field(foreign_key="attendee.id", ondelete="CASCADE")
    version: int
    printed_at: datetime = Field(default_factory=utc_now)
    layout: str = ""


class MatchmakingSetup(SQLModel, table=True):
    """The organiser's matchmaking choices; one row, kept between runs.

    Command-line overrides are written back here, so the next run (and the Matchmaking
    screen) starts from what was last used. `breaks` holds {"start", "end", "label"} with
    ISO 8601 UTC times; `weights` maps the score terms of `domain.matchmaking.scoring`.
    """

    __tablename__ = "matchmaking_setup"

    id: int | None = Field(default=None, primary_key=True)
    first_start: datetime
    meeting_minutes: int = 15
    gap_minutes: int = 5
    slot_count: int = 16
    breaks: list[dict[str, str]] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    max_meetings: int = 6
    tables_override: int | None = None
    tags_only: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    tags_ignored: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    weights: dict[str, float] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    objective: str = "fair"
    score_mode: str = "combined"
    candidates_per_attendee: int = 15
    seed: int = 0
    updated_at: datetime = Field(default_factory=utc_now)


class Wish(SQLModel, table=True):
    """An attendee's wish to meet a company (side "attendee") or a company's shortlisted
    attendee (side "company"): a rank, an imported score, must-meet or never-meet."""

    __tablename__ = "wish"
    __table_args__ = (
        UniqueConstraint("attendee_id", "company_id", "side", name="uq_wish_attendee_company_side"),
        Index("ix_wish_company_id", "company_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    attendee_id: int = Field(foreign_key="attendee.id", ondelete="CASCADE")
    company_id: int = Field(foreign_key="company.id", ondelete="CASCADE")
    side: str = "attendee"
    score: float | None = None
    rank: int | None = None
    must: bool = False
    never: bool = False


class Availability(SQLModel, table=True):
    """A window in which an attendee or a company can meet; none at all means all day."""

    __tablename__ = "availability"
    __table_args__ = (
        Index("ix_availability_attendee_id", "attendee_id"),
        Index("ix_availability_company_id", "company_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    attendee_id: int | None = Field(default=None, foreign_key="attendee.id", ondelete="CASCADE")
    company_id: int | None = Field(default=None, foreign_key="company.id", ondelete="CASCADE")
    available_from: datetime
    available_to: datetime


class Meeting(SQLModel, table=True):
    """One meeting of the current schedule.

    No unique constraints on (slot, table) or (slot, attendee): a swap passes through a
    state that would break them between two UPDATEs; the matchmaking validator guards the
    rules instead. `printed_at` is set when the attendee's schedule goes into a PDF, so
    re-planning knows what people already hold; `status` is the exhibitor's tick box.
    """

    __tablename__ = "meeting"
    __table_args__ = (
        Index("ix_meeting_slot_company_table", "slot_index", "company_id", "table_number"),
        Index("ix_meeting_attendee_id", "attendee_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    attendee_id: int = Field(foreign_key="attendee.id", ondelete="CASCADE")
    company_id: int = Field(foreign_key="company.id", ondelete="CASCADE")
    table_number: int
    slot_index: int
    starts_at: datetime
    ends_at: datetime
    score: float = 0.0
    locked: bool = False
    printed_at: datetime | None = None
    status: str = "scheduled"
    note: str = ""
    updated_at: datetime = Field(default_factory=utc_now)


class ScheduleRun(SQLModel, table=True):
    """One generation or re-plan of the schedule: its version (printed on every PDF), when,
    how, and the figures it reported (meetings, score, bound, people by meetings, …)."""

    __tablename__ = "schedule_run"

    id: int | None = Field(default=None, primary_key=True)
    version: int = Field(unique=True)
    kind: str = "generated"
    generated_at: datetime = Field(default_factory=utc_now)
    edited_at: datetime | None = None
    objective: str = "fair"
    score_mode: str = "combined"
    figures: dict[str, object] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))


class KitInfo(SQLModel, table=True):
    """Present (one row) only in an exhibitor kit: whose kit it is and which event it came from.

    A kit is an ordinary event document without the signing key and with only what the
    company may see; this row is how eventdesk (and a merge) tells it from the organiser's event.
    """

    __tablename__ = "kit_info"

    id: int | None = Field(default=None, primary_key=True)
    company_id: int = Field(foreign_key="company.id", ondelete="CASCADE")
    source_event_code: str = Field(max_length=16)
    made_at: datetime = Field(default_factory=utc_now)


class Lead(SQLModel, table=True):
    """A person a company met at its booth or in a meeting, with the staff's rating and notes.

    The UUID key lets leads captured in separate kits be merged into the organiser's event
    without clashes, and a second merge of the same kit change nothing. A lead without an
    attendee is a visit of someone who did not agree to share their details: in a kit there
    is nothing about them, not even their badge serial (a pseudonymous identifier). One lead
    per company and person, so a second scan reopens the first.
    """

    __tablename__ = "lead"
    __table_args__ = (
        UniqueConstraint("company_id", "attendee_id", name="uq_lead_company_attendee"),
        Index("ix_lead_company_captured", "company_id", "captured_at"),
    )

    id: str = Field(primary_key=True, max_length=36)
    company_id: int = Field(foreign_key="company.id", ondelete="CASCADE")
    attendee_id: int | None = Field(default=None, foreign_key="attendee.id", ondelete="SET NULL")
    source: str = "scan"
    staff: str = ""
    rating: str = ""
    notes: str = ""
    tags: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    visits: int = 1
    captured_at: datetime = Field(default_factory=utc_now)
    last_seen_at: datetime = Field(default_factory=utc_now)
    updated_at: datetime = Field(default_factory=utc_now)


class ExportAudit(SQLModel, table=True):
    """One output that carried personal data out of the event (GDPR Art. 30/32 accountability).

    `attendee_ids` lets "Erase this person" say which earlier copies (exhibitor kits above
    all) still hold them: those files are outside the event and the organiser must ask for them.
    """

    __tablename__ = "export_audit"

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(index=True)
    made_at: datetime = Field(default_factory=utc_now)
    desk: str = ""
    people: int = 0
    file_name: str = ""
    company_id: int | None = None
    attendee_ids: list[int] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))


class RetiredKey(SQLModel, table=True):
    """A badge public key that was replaced: the door tells its badges from forgeries."""

    __tablename__ = "retired_key"

    id: int | None = Field(default=None, primary_key=True)
    public_key: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
    retired_at: datetime = Field(default_factory=utc_now)


# The multi-desk tables share this metadata (Alembic, copying and "Save a copy" see them).
from eventdesk.persistence import sync_tables  # noqa: E402, F401
