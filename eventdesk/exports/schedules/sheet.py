"""What a schedule printout shows, as plain records the services fill in."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


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

    @property
    def day(self) -> str:
        return f"{self.slots[0].start:%A %d %B %Y}" if self.slots else ""

    @property
    def stamp(self) -> str:
        text = f"Schedule version {self.version} · generated {self.generated_at:%d %b %Y %H:%M}"
        if self.edited_at is not None:
            text += f" · edited {self.edited_at:%d %b %H:%M}"
        return text

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
