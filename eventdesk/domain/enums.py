"""The closed vocabularies of an event, stored by their string value.

String values (not ints) keep exported files, JSON output and the database readable, and
let an older eventdesk show an unknown value instead of crashing on it.
"""

from __future__ import annotations

from enum import StrEnum

from eventdesk.i18n import C_, pgettext


class TicketType(StrEnum):
    VISITOR = "visitor"
    EXHIBITOR = "exhibitor"
    SPEAKER = "speaker"
    ORGANISER = "organiser"
    PRESS = "press"

    @property
    def label(self) -> str:
        """The ticket type in the current language: a badge prints it in its wearer's."""
        return pgettext("ticket type", _TICKET_LABELS[self])


_TICKET_LABELS = {
    TicketType.VISITOR: C_("ticket type", "Visitor"),
    TicketType.EXHIBITOR: C_("ticket type", "Exhibitor staff"),
    TicketType.SPEAKER: C_("ticket type", "Speaker"),
    TicketType.ORGANISER: C_("ticket type", "Organiser"),
    TicketType.PRESS: C_("ticket type", "Press"),
}


class AttendeeStatus(StrEnum):
    REGISTERED = "registered"
    CANCELLED = "cancelled"


class Degree(StrEnum):
    BSC = "BSc"
    MSC = "MSc"
    PHD = "PhD"
    POSTDOC = "Postdoc"
    MD = "MD"
    OTHER = "Other"

    @property
    def label(self) -> str:
        """The degree as people read it: the titles are international, "Other" is a word."""
        return pgettext("degree", "Other") if self is Degree.OTHER else self.value


def degree_label(value: str) -> str:
    """A stored degree in the current language; a value this version does not know stays as stored."""
    try:
        return Degree(value).label
    except ValueError:
        return value


class ScanVerdict(StrEnum):
    """What the door says about a scanned code; the check-in desk fills in the rules."""

    ADMITTED = "admitted"
    ALREADY_ADMITTED = "already_admitted"
    UNKNOWN = "unknown"
    FORGED = "forged"
    OTHER_EVENT = "other_event"
    CANCELLED = "cancelled"
    REVOKED = "revoked"
    UNDONE = "undone"
