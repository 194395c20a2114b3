"""The exhibitor's list, one table at a time: who comes when, what they studied and like,
boxes to tick (attended / no-show) and room for notes — filled in with a pen at the booth,
then typed back in as the meeting's status."""

from __future__ import annotations

from collections.abc import Sequence
from typing import BinaryIO

from reportlab.pdfgen.canvas import Canvas

from eventdesk.domain.enums import degree_label
from eventdesk.domain.progress import NO_PROGRESS, Progress
from eventdesk.exports.schedules.page import (
    BAND,
    INK,
    MARGIN,
    MUTED,
    PORTRAIT,
    RULE,
    fill,
    footer,
    heading,
    tick_box,
    write_pages,
)
from eventdesk.exports.schedules.sheet import (
    CompanyMeeting,
    CompanySheet,
    ScheduleSheet,
    SheetBreak,
    SheetSlot,
)
from eventdesk.exports.schedules.text import bold, draw
from eventdesk.i18n import N_, gettext, using_language

# Column x offsets from the left margin, and their widths.
COLUMNS = (
    (N_("Time"), 0.0, 50.0),
    (N_("Attendee"), 52.0, 108.0),
    (N_("Degree · field"), 162.0, 82.0),
    (N_("Interests"), 246.0, 104.0),
    (N_("Attended"), 352.0, 42.0),
    (N_("No-show"), 396.0, 38.0),
    (N_("Notes"), 436.0, 75.0),
)
MIN_ROW, MAX_ROW, BREAK_ROW = 28.0, 40.0, 16.0


def write_company_schedules(
    target: str | BinaryIO,
    sheet: ScheduleSheet,
    companies: Sequence[CompanySheet],
    *,
    progress: Progress = NO_PROGRESS,
) -> int:
    """A page (or more) per table of every company, in the event's language; returns the number of pages."""
    with using_language(sheet.language):
        return write_pages(
            target,
            title=gettext("{event} — company schedules", event=sheet.event_name),
            items=companies,
            draw_item=lambda canvas, company: sum(
                _table(canvas, sheet, company, table) for table in range(1, company.tables + 1)
            ),
            step=gettext("Company schedules"),
            progress=progress,
        )


def _table(canvas: Canvas, sheet: ScheduleSheet, company: CompanySheet, table: int) -> int:
    width, height = PORTRAIT
    left, right = MARGIN, width - MARGIN
    by_slot = {m.slot: m for m in company.meetings if m.table == table}
    timeline = sheet.timeline({s.index for s in sheet.slots})
    slots = sum(1 for item in timeline if isinstance(item, SheetSlot))
    breaks = len(timeline) - slots
    where = (
        gettext(
            "Table {table} of {count} · Booth {booth}", table=table, count=company.tables, booth=company.booth
        )
        if company.booth
        else gettext("Table {table} of {count}", table=table, count=company.tables)
    )
    pages = 1
    y = _page_top(canvas, sheet, company, where, left, right, height)
    room = y - (MARGIN + 18) - breaks * BREAK_ROW
    row = max(MIN_ROW, min(MAX_ROW, room / max(1, slots)))
    for item in timeline:
        needed = BREAK_ROW if isinstance(item, SheetBreak) else row
        if y - needed < MARGIN + 14:
            footer(
                canvas,
                sheet,
                PORTRAIT,
                gettext("{company} · {where} · continued", company=company.name, where=where),
            )
            canvas.showPage()
            pages += 1
            y = _page_top(
                canvas, sheet, company, gettext("{where} (continued)", where=where), left, right, height
            )
        if isinstance(item, SheetBreak):
            fill(canvas, BAND)
            canvas.rect(left, y - BREAK_ROW, right - left, BREAK_ROW, stroke=0, fill=1)
            fill(canvas, MUTED)
            draw(canvas, f"{item.times}  {item.label}", left + 2, y - 11, size=8, width=300, chain=bold())
            fill(canvas, INK)
            y -= BREAK_ROW
        else:
            y = _row(canvas, item, by_slot.get(item.index), left, right, y, row)
    footer(canvas, sheet, PORTRAIT, f"{company.name} · {where}")
    canvas.showPage()
    return pages


def _page_top(
    canvas: Canvas,
    sheet: ScheduleSheet,
    company: CompanySheet,
    where: str,
    left: float,
    right: float,
    height: float,
) -> float:
    y = heading(canvas, sheet, company.name, left, height - MARGIN - 8, right - left)
    fill(canvas, MUTED)
    draw(canvas, f"{where} · {sheet.day}", left, y - 6, size=9.5, width=right - left)
    draw(canvas, sheet.stamp, left, y - 19, size=8, width=right - left)
    y -= 38
    for label, x, w in COLUMNS:
        draw(canvas, gettext(label).upper(), left + x, y, size=7, width=w, chain=bold())
    fill(canvas, INK)
    canvas.setStrokeColor(INK)
    canvas.setLineWidth(0.8)
    canvas.line(left, y - 5, right, y - 5)
    return y - 5


def _row(
    canvas: Canvas,
    slot: SheetSlot,
    meeting: CompanyMeeting | None,
    left: float,
    right: float,
    y: float,
    row: float,
) -> float:
    base = y - 12
    cols = {label: (x, w) for label, x, w in COLUMNS}
    draw(canvas, slot.label, left, base, size=8.5, width=cols["Time"][1], chain=bold())
    if meeting is None:
        fill(canvas, MUTED)
        draw(
            canvas, gettext("—  free"), left + cols["Attendee"][0], base, size=8.5, width=cols["Attendee"][1]
        )
        fill(canvas, INK)
    else:
        lines = max(1, int((row - 8) // 10))
        x, w = cols["Attendee"]
        draw(
            canvas,
            meeting.attendee,
            left + x,
            base,
            size=9,
            width=w - 4,
            chain=bold(),
            max_lines=2,
            leading=1.1,
        )
        x, w = cols["Degree · field"]
        detail = " · ".join(p for p in (degree_label(meeting.degree), meeting.field_of_work) if p)
        draw(canvas, detail, left + x, base, size=7.5, width=w - 4, max_lines=lines, leading=1.15)
        x, w = cols["Interests"]
        draw(
            canvas,
            ", ".join(meeting.interests),
            left + x,
            base,
            size=7.5,
            width=w - 4,
            max_lines=lines,
            leading=1.15,
        )
        for label in ("Attended", "No-show"):
            x, _w = cols[label]
            tick_box(canvas, left + x + 10, base - 2)
    x, w = cols["Notes"]
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.4)
    canvas.setDash(1, 2)
    for k in range(1, max(1, int(row // 13)) + 1):
        line_y = y - k * 13 + 2
        if line_y > y - row + 2:
            canvas.line(left + x, line_y, right, line_y)
    canvas.setDash()
    canvas.setLineWidth(0.5)
    canvas.line(left, y - row, right, y - row)
    return y - row
