"""One A4 page per attendee with meetings: when, which table, whom, and why them.

The badge QR sits in the corner so the same sheet gets its holder through the door; the
version and generation time tell a person with two printouts which one is current.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import BinaryIO

from reportlab.pdfgen.canvas import Canvas

from eventdesk.domain.enums import degree_label
from eventdesk.domain.progress import NO_PROGRESS, Progress
from eventdesk.exports.badges.qr import qr_path
from eventdesk.exports.schedules.page import (
    BAND,
    INK,
    MARGIN,
    MUTED,
    PORTRAIT,
    RULE,
    fill,
    footer,
    write_pages,
)
from eventdesk.exports.schedules.sheet import PersonMeeting, PersonSheet, ScheduleSheet, SheetBreak, SheetSlot
from eventdesk.exports.schedules.text import bold, draw
from eventdesk.i18n import gettext, ngettext, using_language

QR_SIDE = 92.0
ROW = 36.0
BREAK_ROW = 20.0
COLUMNS = {"time": 0.0, "where": 74.0, "company": 158.0, "why": 340.0}


def write_attendee_schedules(
    target: str | BinaryIO,
    sheet: ScheduleSheet,
    people: Sequence[PersonSheet],
    *,
    progress: Progress = NO_PROGRESS,
) -> int:
    """Pages for everyone in `people` who has a meeting; returns the number of pages."""
    with using_language(sheet.language):
        title = gettext("{event} — personal schedules", event=sheet.event_name)
        step = gettext("Personal schedules")
    return write_pages(
        target,
        title=title,
        items=people,
        draw_item=lambda canvas, person: _in_language(canvas, sheet, person) if person.meetings else 0,
        step=step,
        progress=progress,
        report_every=100,
    )


def _in_language(canvas: Canvas, sheet: ScheduleSheet, person: PersonSheet) -> int:
    """The page in the attendee's language where they have one, else in the event's."""
    with using_language(person.language or sheet.language):
        return _person(canvas, sheet, person)


def _person(canvas: Canvas, sheet: ScheduleSheet, person: PersonSheet) -> int:
    width, height = PORTRAIT
    left, right = MARGIN, width - MARGIN
    top = height - MARGIN
    text_width = right - left - (QR_SIDE + 12 if person.qr_token else 0)

    fill(canvas, MUTED)
    draw(canvas, f"{sheet.event_name} · {sheet.day}", left, top - 9, size=9.5, width=text_width)
    if sheet.venue:
        draw(canvas, sheet.venue, left, top - 22, size=9.5, width=text_width)
    fill(canvas, INK)
    used = draw(canvas, person.name, left, top - 52, size=22, width=text_width, chain=bold(), max_lines=2)
    y = top - 52 - (used - 1) * 26
    detail = " · ".join(p for p in (degree_label(person.degree), person.field_of_work) if p)
    if detail:
        draw(canvas, detail, left, y - 17, size=10.5, width=text_width)
    fill(canvas, MUTED)
    draw(canvas, sheet.stamp, left, y - 32, size=8, width=text_width)
    fill(canvas, INK)
    if person.qr_token:
        qr_y = top - QR_SIDE
        canvas.addLiteral(qr_path(person.qr_token).placed(right - QR_SIDE, qr_y, QR_SIDE))
        fill(canvas, MUTED)
        draw(canvas, gettext("Badge code"), right - QR_SIDE + 22, qr_y - 6, size=7, width=QR_SIDE)
        fill(canvas, INK)
    y = min(y - 48, top - QR_SIDE - 22)

    meetings = {m.slot: m for m in person.meetings}
    pages = 1
    y = _header(canvas, left, right, y)
    for item in sheet.timeline(set(meetings)):
        needed = BREAK_ROW if isinstance(item, SheetBreak) else ROW
        if y - needed < MARGIN + 20:
            footer(canvas, sheet, PORTRAIT, gettext("{name} · continued overleaf", name=person.name))
            canvas.showPage()
            pages += 1
            y = _header(canvas, left, right, height - MARGIN - 10)
        if isinstance(item, SheetBreak):
            y = _break_row(canvas, item, left, right, y)
        else:
            y = _meeting_row(canvas, item, meetings[item.index], left, right, y)
    fill(canvas, MUTED)
    draw(
        canvas,
        gettext("Please be at the table a few minutes early; tables are marked with the company's booth."),
        left,
        y - 16,
        size=8.5,
        width=right - left,
    )
    footer(canvas, sheet, PORTRAIT, ngettext("{n} meeting", "{n} meetings", len(meetings)))
    canvas.showPage()
    return pages


def _header(canvas: Canvas, left: float, right: float, y: float) -> float:
    fill(canvas, MUTED)
    for label, key in (
        (gettext("Time"), "time"),
        (gettext("Table"), "where"),
        (gettext("Company"), "company"),
        (gettext("Why you match"), "why"),
    ):
        draw(canvas, label.upper(), left + COLUMNS[key], y, size=7.5, width=150, chain=bold())
    fill(canvas, INK)
    canvas.setStrokeColor(INK)
    canvas.setLineWidth(0.8)
    canvas.line(left, y - 5, right, y - 5)
    return y - 5


def _meeting_row(
    canvas: Canvas, slot: SheetSlot, meeting: PersonMeeting, left: float, right: float, y: float
) -> float:
    base = y - 15
    draw(canvas, slot.label, left + COLUMNS["time"], base, size=11, width=72, chain=bold())
    draw(
        canvas,
        gettext("Table {table}", table=meeting.table),
        left + COLUMNS["where"],
        base,
        size=11,
        width=82,
        chain=bold(),
    )
    if meeting.booth:
        fill(canvas, MUTED)
        draw(
            canvas,
            gettext("Booth {booth}", booth=meeting.booth),
            left + COLUMNS["where"],
            base - 12,
            size=8.5,
            width=82,
        )
        fill(canvas, INK)
    draw(
        canvas,
        meeting.company,
        left + COLUMNS["company"],
        base,
        size=11,
        width=COLUMNS["why"] - COLUMNS["company"] - 8,
        chain=bold(),
        max_lines=2,
        leading=1.1,
    )
    if meeting.why:
        draw(
            canvas,
            gettext("Shared interests: {tags}", tags=", ".join(meeting.why)),
            left + COLUMNS["why"],
            base + 1,
            size=8.5,
            width=right - left - COLUMNS["why"],
            max_lines=3,
            leading=1.15,
        )
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.5)
    canvas.line(left, y - ROW, right, y - ROW)
    return y - ROW


def _break_row(canvas: Canvas, item: SheetBreak, left: float, right: float, y: float) -> float:
    fill(canvas, BAND)
    canvas.rect(left, y - BREAK_ROW, right - left, BREAK_ROW, stroke=0, fill=1)
    fill(canvas, MUTED)
    draw(canvas, item.times, left + COLUMNS["time"], y - 13.5, size=9, width=72)
    draw(canvas, item.label, left + COLUMNS["where"], y - 13.5, size=9, width=300, chain=bold())
    fill(canvas, INK)
    return y - BREAK_ROW
