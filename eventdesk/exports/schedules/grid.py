"""The organiser's master grid: slots down, tables across, landscape, with the column
headers on every page, then an alphabetical index of people → time, company and table.

Tables are split into groups that fit a page across; a group whose slots do not fit a page
down continues on the next page under the same headers.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import BinaryIO

from reportlab.pdfgen.canvas import Canvas

from eventdesk.domain.progress import NO_PROGRESS, Progress
from eventdesk.domain.text import fold
from eventdesk.exports.pdf_common import pdf_canvas
from eventdesk.exports.schedules.page import (
    BAND,
    INK,
    LANDSCAPE,
    MARGIN,
    MUTED,
    RULE,
    fill,
    footer,
)
from eventdesk.exports.schedules.sheet import GridColumn, ScheduleSheet, SheetBreak, SheetSlot
from eventdesk.exports.schedules.text import bold, draw, draw_set_text, lines_within
from eventdesk.i18n import gettext, using_language

TIME_COLUMN = 56.0
MIN_COLUMN = 82.0
HEADER_ROW = 30.0
MIN_ROW, MAX_ROW, BREAK_ROW = 18.0, 34.0, 12.0
INDEX_COLUMNS = 3
INDEX_LINE = 10.0

Cells = Mapping[tuple[int, int, int], tuple[int, str]]
"""(slot index, company id, table number) → (attendee id, name): two people may share a name."""


def write_master_grid(
    target: str | BinaryIO,
    sheet: ScheduleSheet,
    columns: Sequence[GridColumn],
    cells: Cells,
    *,
    progress: Progress = NO_PROGRESS,
) -> int:
    """The grid and the index, in the event's language; returns the number of pages."""
    with using_language(sheet.language):
        return _write_master_grid(target, sheet, columns, cells, progress=progress)


def _write_master_grid(
    target: str | BinaryIO,
    sheet: ScheduleSheet,
    columns: Sequence[GridColumn],
    cells: Cells,
    *,
    progress: Progress,
) -> int:
    canvas = pdf_canvas(
        target, page_size=LANDSCAPE, title=gettext("{event} — master schedule", event=sheet.event_name)
    )
    width, _height = LANDSCAPE
    per_page = max(1, int((width - 2 * MARGIN - TIME_COLUMN) // MIN_COLUMN))
    groups = [columns[i : i + per_page] for i in range(0, len(columns), per_page)] or [[]]
    pages = 0
    for n, group in enumerate(groups):
        progress.report(n, len(groups) + 1, gettext("Master grid"))
        pages += _grid_pages(canvas, sheet, list(group), cells, pages)
    progress.report(len(groups), len(groups) + 1, gettext("Index of people"))
    pages += _index_pages(canvas, sheet, columns, cells, pages)
    canvas.save()
    progress.report(len(groups) + 1, len(groups) + 1, gettext("Master grid"))
    return pages


def _page_title(canvas: Canvas, sheet: ScheduleSheet, title: str) -> float:
    width, height = LANDSCAPE
    top = height - MARGIN
    draw(canvas, f"{sheet.event_name} — {title}", MARGIN, top - 12, size=13, width=width * 0.6, chain=bold())
    fill(canvas, MUTED)
    draw(canvas, f"{sheet.day} · {sheet.stamp}", MARGIN, top - 26, size=8, width=width - 2 * MARGIN)
    fill(canvas, INK)
    return top - 36


def _grid_pages(
    canvas: Canvas, sheet: ScheduleSheet, group: list[GridColumn], cells: Cells, before: int
) -> int:
    width, _height = LANDSCAPE
    column = (width - 2 * MARGIN - TIME_COLUMN) / max(1, len(group))
    timeline = sheet.timeline({s.index for s in sheet.slots})
    slots = sum(1 for item in timeline if isinstance(item, SheetSlot))
    breaks = len(timeline) - slots
    pages = 1
    y = _grid_header(canvas, sheet, group, column)
    room = y - MARGIN - 12 - breaks * BREAK_ROW
    row = max(MIN_ROW, min(MAX_ROW, room / max(1, slots)))
    for item in timeline:
        needed = BREAK_ROW if isinstance(item, SheetBreak) else row
        if y - needed < MARGIN + 8:
            footer(canvas, sheet, LANDSCAPE, gettext("page {n}", n=before + pages))
            canvas.showPage()
            pages += 1
            y = _grid_header(canvas, sheet, group, column)
        if isinstance(item, SheetBreak):
            fill(canvas, BAND)
            canvas.rect(MARGIN, y - BREAK_ROW, width - 2 * MARGIN, BREAK_ROW, stroke=0, fill=1)
            fill(canvas, MUTED)
            draw(canvas, f"{item.times}  {item.label}", MARGIN + 2, y - 8.5, size=7, width=300, chain=bold())
            fill(canvas, INK)
            y -= BREAK_ROW
            continue
        draw(canvas, item.label, MARGIN + 2, y - 10, size=7.5, width=TIME_COLUMN - 4, chain=bold())
        for n, col in enumerate(group):
            cell = cells.get((item.index, col.company_id, col.table))
            if cell:
                name = cell[1]
                x = MARGIN + TIME_COLUMN + n * column + 3
                draw(
                    canvas,
                    name,
                    x,
                    y - 10,
                    size=7.5,
                    width=column - 6,
                    max_lines=2 if row >= 24 else 1,
                    leading=1.1,
                )
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.4)
        canvas.line(MARGIN, y - row, width - MARGIN, y - row)
        y -= row
    _column_rules(canvas, group, column, y)
    footer(canvas, sheet, LANDSCAPE, gettext("page {n}", n=before + pages))
    canvas.showPage()
    return pages


def _grid_header(canvas: Canvas, sheet: ScheduleSheet, group: list[GridColumn], column: float) -> float:
    y = _page_title(canvas, sheet, gettext("master schedule"))
    fill(canvas, MUTED)
    draw(canvas, gettext("Time").upper(), MARGIN + 2, y - 12, size=7, width=TIME_COLUMN, chain=bold())
    fill(canvas, INK)
    for n, col in enumerate(group):
        x = MARGIN + TIME_COLUMN + n * column + 3
        draw(
            canvas,
            col.company,
            x,
            y - 10,
            size=7.5,
            width=column - 6,
            chain=bold(),
            max_lines=2,
            leading=1.05,
        )
        fill(canvas, MUTED)
        where = gettext("Table {table}", table=col.table) + (f" · {col.booth}" if col.booth else "")
        draw(canvas, where, x, y - HEADER_ROW + 4, size=6.5, width=column - 6)
        fill(canvas, INK)
    canvas.setStrokeColor(INK)
    canvas.setLineWidth(0.8)
    canvas.line(MARGIN, y - HEADER_ROW, LANDSCAPE[0] - MARGIN, y - HEADER_ROW)
    return y - HEADER_ROW


def _column_rules(canvas: Canvas, group: list[GridColumn], column: float, bottom: float) -> None:
    _width, height = LANDSCAPE
    top = height - MARGIN - 36
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.4)
    for n in range(len(group)):
        x = MARGIN + TIME_COLUMN + n * column
        canvas.line(x, top, x, bottom)


def index_entries(
    sheet: ScheduleSheet, columns: Sequence[GridColumn], cells: Cells
) -> list[tuple[str, list[str]]]:
    """(name, ["10:20  Company, table 2", …]) by name, accents ignored; namesakes kept apart."""
    company_of = {(c.company_id, c.table): c for c in columns}
    slot_of = {s.index: s for s in sheet.slots}
    people: dict[tuple[int, str], list[tuple[int, str]]] = {}
    for (slot, company_id, table), person in cells.items():
        col = company_of.get((company_id, table))
        where = (
            gettext("{company}, table {table}", company=col.company, table=table)
            if col
            else gettext("table {table}", table=table)
        )
        people.setdefault(person, []).append((slot, f"{slot_of[slot].start:%H:%M}  {where}"))
    ordered = sorted(people.items(), key=lambda item: (fold(item[0][1]), item[0][1], item[0][0]))
    return [(name, [text for _slot, text in sorted(meetings)]) for (_id, name), meetings in ordered]


def _index_pages(
    canvas: Canvas, sheet: ScheduleSheet, columns: Sequence[GridColumn], cells: Cells, before: int
) -> int:
    """Alphabetical by name (accents ignored): where each person has to be, and when."""
    width, _height = LANDSCAPE
    entries = index_entries(sheet, columns, cells)
    col_width = (width - 2 * MARGIN) / INDEX_COLUMNS
    pages = 0
    column, y, top = INDEX_COLUMNS, 0.0, 0.0
    for name, meetings in entries:
        name_lines = lines_within(name, bold(), 8, col_width - 10, max_lines=2)
        needed = INDEX_LINE * (len(meetings) + len(name_lines)) + 4
        if column >= INDEX_COLUMNS or y - needed < MARGIN + 8:
            column += 1
            if column >= INDEX_COLUMNS:
                if pages:
                    footer(canvas, sheet, LANDSCAPE, gettext("page {n}", n=before + pages))
                    canvas.showPage()
                pages += 1
                top = _page_title(
                    canvas,
                    sheet,
                    gettext("index of people (continued)") if pages > 1 else gettext("index of people"),
                )
                column = 0
            y = top - 6
        x = MARGIN + column * col_width
        for line in name_lines:
            draw_set_text(canvas, line, x, y - 8, 8)
            y -= INDEX_LINE
        fill(canvas, MUTED)
        for text in meetings:
            draw(canvas, text, x + 8, y - 8, size=7.5, width=col_width - 18)
            y -= INDEX_LINE
        fill(canvas, INK)
        y -= 4
    if pages:
        footer(canvas, sheet, LANDSCAPE, gettext("page {n}", n=before + pages))
        canvas.showPage()
    return pages
