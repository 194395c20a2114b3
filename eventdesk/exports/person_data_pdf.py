"""A person's own data (GDPR Art. 15) as one readable A4 document.

The input is the plain nested mapping the JSON file holds, so the PDF and the JSON can never
say different things: sections are the mapping's top-level keys, each a table of label and
value, or of rows for lists (scans, meetings, leads, badge prints).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Spacer, Table

from eventdesk.domain.enums import ScanVerdict, TicketType
from eventdesk.domain.matchmaking.model import MeetingStatus
from eventdesk.exports.list_pdf import list_document, list_table_style, page_footer
from eventdesk.exports.pdf_common import BOLD, FONT
from eventdesk.i18n import C_, N_, gettext, pgettext, using_language
from eventdesk.i18n.formats import format_datetime

SECTION_TITLES = {
    "profile": N_("Profile"),
    "consent": N_("Consent to share your details with exhibitors"),
    "scans": N_("Scans of your badge at the door"),
    "meetings": N_("Your meetings"),
    "leads": N_("What exhibitors recorded about you"),
    "badge_prints": N_("Badges printed for you"),
    "exports": N_("Files of the organiser that contained your data"),
}

# The JSON's keys as the person reads them; a key without a label is shown as it is spelled.
LABELS = {
    "given_name": N_("Given name"),
    "family_name": N_("Family name"),
    "email": N_("E-mail"),
    "phone": N_("Phone"),
    "organisation": N_("Organisation"),
    "job_title": N_("Job title"),
    "degree": N_("Degree"),
    "field_of_work": N_("Field of work"),
    "interests": N_("Interests"),
    "ticket_type": N_("Ticket type"),
    "status": N_("Status"),
    "company": N_("Company"),
    "ticket_codes": N_("Ticket codes"),
    "registered_at": N_("Registered at"),
    "last_changed_at": N_("Last changed at"),
    "share_with_exhibitors": N_("Share with exhibitors"),
    "origin": N_("Origin"),
    "recorded_at": N_("Recorded at"),
    "when": N_("When"),
    "desk": N_("Desk"),
    "verdict": N_("Verdict"),
    "reason": N_("Reason"),
    "table": N_("Table"),
    "note": N_("Note"),
    "captured_at": N_("Captured at"),
    "rating": N_("Rating"),
    "notes": N_("Notes"),
    "tags": N_("Tags"),
    "version": N_("Version"),
    "printed_at": N_("Printed at"),
    "layout": N_("Layout"),
    "what": N_("What"),
    "for": N_("For"),
    "file": N_("File"),
}


# The stored vocabularies as the desk and the printed lists say them: the person read
# "visitor", "registered", "already_admitted" and "scheduled" as the database spells them.
# (section, key) → (gettext context or None, message) per stored value.
VALUE_LABELS: dict[tuple[str, str], dict[str, tuple[str | None, str]]] = {
    ("profile", "status"): {
        "registered": ("attendee status", C_("attendee status", "Registered")),
        "cancelled": ("attendee status", C_("attendee status", "Cancelled")),
    },
    ("scans", "verdict"): {
        ScanVerdict.ADMITTED: (None, N_("ADMITTED")),
        ScanVerdict.ALREADY_ADMITTED: (None, N_("ALREADY CHECKED IN")),
        ScanVerdict.UNKNOWN: (None, N_("UNKNOWN CODE")),
        ScanVerdict.FORGED: (None, N_("FORGED BADGE")),
        ScanVerdict.OTHER_EVENT: (None, N_("OTHER EVENT")),
        ScanVerdict.CANCELLED: (None, N_("TICKET CANCELLED")),
        ScanVerdict.REVOKED: (None, N_("BADGE REPLACED")),
        ScanVerdict.UNDONE: (None, N_("CHECK-IN UNDONE")),
    },
    ("meetings", "status"): {
        MeetingStatus.SCHEDULED: ("meeting status", C_("meeting status", "Scheduled")),
        MeetingStatus.ATTENDED: (None, N_("Attended")),
        MeetingStatus.NO_SHOW: (None, N_("No-show")),
    },
}


def _value(section: str, key: str, value: Any) -> Any:
    """`value` in words when it is one of a stored vocabulary; as it is otherwise."""
    if section == "profile" and key == "ticket_type" and value in {t.value for t in TicketType}:
        return TicketType(value).label
    labels = VALUE_LABELS.get((section, key), {})
    if isinstance(value, str) and value in labels:
        context, message = labels[value]
        return pgettext(context, message) if context else gettext(message)
    return value


# The keys whose values are moments (ISO 8601 in the event's time zone, as the JSON has them).
MOMENT_KEYS = frozenset(
    {"made_at", "registered_at", "last_changed_at", "recorded_at", "when", "captured_at", "printed_at"}
)


def _label(key: str) -> str:
    return gettext(LABELS[key]) if key in LABELS else key.replace("_", " ").capitalize()


def _moment(value: Any, language: str | None) -> str:
    """ "7 Dec 2026 14:05" (as `language` writes it) for the JSON's "2026-12-07T14:05:00+01:00":
    a person reads a date, not a timestamp; the time is the event's local time already."""
    if not isinstance(value, str) or not value:
        return _text(value)
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return value
    return format_datetime(moment, language)


def _cell(key: str, value: Any, language: str | None) -> str:
    return _moment(value, language) if key in MOMENT_KEYS else _text(value)


def _text(value: Any) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return gettext("yes") if value else gettext("no")
    if isinstance(value, list):
        return ", ".join(str(v) for v in value) or "—"
    return str(value)


def write_person_data_pdf(*, path: Path, data: Mapping[str, Any]) -> None:
    """In the person's language (else the event's): `about.language` of the data."""
    language = data["about"].get("language")
    with using_language(language):
        _write(path, data, language)


def _write(path: Path, data: Mapping[str, Any], language: str | None) -> None:
    about = data["about"]
    pdf = list_document(
        path,
        page_size=A4,
        margin=16 * mm,
        bottom_margin=18 * mm,
        title=gettext("Personal data — {event}", event=about["event"]),
    )
    cell = ParagraphStyle("cell", fontName=FONT, fontSize=9, leading=11.5)
    head = ParagraphStyle("head", parent=cell, fontName=BOLD, textColor=colors.white)
    title = ParagraphStyle("title", fontName=BOLD, fontSize=16, leading=20, spaceAfter=2 * mm)
    section = ParagraphStyle("section", fontName=BOLD, fontSize=11.5, leading=15, spaceBefore=5 * mm)
    note = ParagraphStyle("note", parent=cell, textColor=colors.HexColor("#444444"), spaceAfter=2 * mm)

    def p(text: str, style: ParagraphStyle = cell) -> Paragraph:
        return Paragraph(escape(text), style)

    width = A4[0] - 32 * mm
    story: list[Any] = [
        p(gettext("Your personal data held by {event}", event=about["event"]), title),
        p(
            gettext(
                "Made {when} for attendee {id} under Art. 15 GDPR.",
                when=_moment(about["made_at"], language),
                id=str(about["attendee_id"]),
            )
            + " "
            + gettext(about["explanation"]),
            note,
        ),
    ]
    for key, heading in SECTION_TITLES.items():
        value = data.get(key)
        story.append(p(gettext(heading), section))
        if isinstance(value, Mapping):
            rows = [[p(_label(k)), p(_cell(k, _value(key, k, v), language))] for k, v in value.items()]
            table = Table(rows, colWidths=[width * 0.3, width * 0.7])
            table.setStyle(list_table_style(("BACKGROUND", (0, 0), (-1, 0), colors.white)))
            story.append(table)
        elif isinstance(value, Sequence) and value:
            columns = list(value[0].keys())
            rows = [[p(_label(c), head) for c in columns]]
            rows += [[p(_cell(c, _value(key, c, item.get(c)), language)) for c in columns] for item in value]
            table = Table(rows, colWidths=[width / len(columns)] * len(columns), repeatRows=1)
            table.setStyle(list_table_style())
            story.append(table)
        else:
            story.append(p(gettext("None."), note))
        story.append(Spacer(0, 1 * mm))
    footer = page_footer(
        gettext("Personal data — attendee {id}", id=str(about["attendee_id"])), y=10 * mm, size=8
    )
    pdf.build(story, onFirstPage=footer, onLaterPages=footer)
