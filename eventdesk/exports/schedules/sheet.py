"""What a schedule printout shows, as plain records the services fill in."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from eventdesk.i18n import current_language, gettext
from eventdesk.i18n.formats import format_weekday_date


@dataclass(frozen=True)
class SheetSlot:
    index: int
    start: datetime
    """Local wall-clock time in the event's time zone (aware)."""
    end: datetime

    @property
    def label(self) -> str:
        return f"{self.start:%H:%M}–{self.end:%H:%M}"


@dataclass(frozen=True)
class SheetBreak:
    start: datetime
    end: datetime
    label: str

    @property
    def times(self) -> str:
        return f"{self.start:%H:%M}–{self.end:%H:%M}"


@dataclass(frozen=True)
class ScheduleSheet:
    """The event and the schedule version every page is stamped with."""

    event_name: str
    venue: str
    version: int
    generated_at: datetime
    """Local time in the event's time zone."""
    slots: tuple[SheetSlot, ...]
    breaks: tuple[SheetBreak, ...] = ()
    edited_at: datetime | None = None
    language: str = "en"
    """The event's language: pages for someone without a language of their own use it."""

    @property
    def day(self) -> str:
        """The day in the language being printed ("lundi 7 décembre 2026")."""
        return format_weekday_date(self.slots[0].start.date(), current_language()) if self.slots else ""

    @property
    def stamp(self) -> str:
        if self.edited_at is not None:
            return gettext(
                "Schedule version {version} · generated {generated} · edited {edited}",
                version=self.version,
                generated=self.generated_at,
                edited=self.edited_at,
            )
        return gettext(
            "Schedule version {version} · generated {generated}",
            version=self.version,
            generated=self.generated_at,
        )

    def timeline(self, slot_indexes: set[int]) -> list[SheetSlot | SheetBreak]:
        """The given slots with the breaks that fall between the first and the last, in time order."""
        chosen = [s for s in self.slots if s.index in slot_indexes]
        if not chosen:
            return []
        first, last = chosen[0].start, chosen[-1].end
        breaks = [b for b in self.breaks if first <= b.start and b.end <= last]
        return sorted([*chosen, *breaks], key=lambda item: item.start)


@dataclass(frozen=True)
class PersonMeeting:
    slot: int
    table: int
    company: str
    booth: str
    why: tuple[str, ...] = ()


@dataclass(frozen=True)
class PersonSheet:
    attendee_id: int
    name: str
    degree: str = ""
    field_of_work: str = ""
    meetings: tuple[PersonMeeting, ...] = ()
    qr_token: str | None = None
    """The person's badge token, printed as a QR so the page also works at the door."""
    language: str = ""
    """The attendee's own language; empty: the event's."""


@dataclass(frozen=True)
class CompanyMeeting:
    slot: int
    table: int
    attendee: str
    degree: str = ""
    field_of_work: str = ""
    interests: tuple[str, ...] = ()


@dataclass(frozen=True)
class CompanySheet:
    company_id: int
    name: str
    booth: str
    tables: int
    meetings: tuple[CompanyMeeting, ...] = field(default=())


@dataclass(frozen=True)
class GridColumn:
    company_id: int
    company: str
    booth: str
    table: int
