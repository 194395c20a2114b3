"""An iCalendar file per attendee (RFC 5545, the icalendar library): one event per meeting.

Times carry the event's time zone (a TZID with its VTIMEZONE), so a phone abroad still shows
the meeting at the venue's wall-clock time. A meeting's UID is stable for the pair, so a
calendar that imports a newer version moves the meeting instead of adding a second one.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from icalendar import Calendar, Event

from eventdesk.domain.progress import NO_PROGRESS, Progress
from eventdesk.exports.schedules.sheet import PersonSheet, ScheduleSheet
from eventdesk.i18n import gettext, using_language

PRODUCT = "-//eventdesk//matchmaking schedule//EN"


def attendee_calendar(
    sheet: ScheduleSheet, person: PersonSheet, *, event_code: str, stamp: datetime
) -> bytes:
    """The attendee's meetings, worded in their language where they have one, else the event's."""
    with using_language(person.language or sheet.language):
        return _attendee_calendar(sheet, person, event_code=event_code, stamp=stamp)


def _attendee_calendar(
    sheet: ScheduleSheet, person: PersonSheet, *, event_code: str, stamp: datetime
) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", PRODUCT)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", gettext("{event} — meetings", event=sheet.event_name))
    slots = {s.index: s for s in sheet.slots}
    for meeting in sorted(person.meetings, key=lambda m: m.slot):
        slot = slots[meeting.slot]
        event = Event()
        event.add("uid", f"{event_code}-{person.attendee_id}-{_slug(meeting.company)}@eventdesk")
        event.add("dtstamp", stamp)
        event.add("dtstart", slot.start)
        event.add("dtend", slot.end)
        event.add("summary", gettext("Meeting with {company}", company=meeting.company))
        where = [sheet.venue] if sheet.venue else []
        if meeting.booth:
            where.append(gettext("booth {booth}", booth=meeting.booth))
        where.append(gettext("table {table}", table=meeting.table))
        event.add("location", ", ".join(where))
        description = [f"{sheet.event_name}: {sheet.stamp}."]
        if meeting.why:
            description.append(gettext("Shared interests: {tags}.", tags=", ".join(meeting.why)))
        event.add("description", "\n".join(description))
        event.add("sequence", sheet.version)
        calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()


def _slug(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^A-Za-z0-9]+", "-", plain).strip("-").lower() or "x"


def calendar_file_name(person: PersonSheet) -> str:
    return f"{_slug(person.name)}-{person.attendee_id}.ics"


def write_calendars(
    folder: Path,
    sheet: ScheduleSheet,
    people: Sequence[PersonSheet],
    *,
    event_code: str,
    stamp: datetime,
    progress: Progress = NO_PROGRESS,
) -> list[Path]:
    """One file per person with meetings, named after them (ASCII) and their id."""
    written = []
    for n, person in enumerate(people):
        if n % 200 == 0:
            progress.report(n, len(people), "Calendar files")
        if not person.meetings:
            continue
        path = folder / calendar_file_name(person)
        path.write_bytes(attendee_calendar(sheet, person, event_code=event_code, stamp=stamp))
        written.append(path)
    progress.report(len(people), len(people), "Calendar files")
    return written
