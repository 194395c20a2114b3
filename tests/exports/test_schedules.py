"""Schedule printouts and exports, read back the way a person (or their phone) would."""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pypdfium2
import pytest
from icalendar import Calendar
from sqlalchemy import select

from eventdesk.domain.matchmaking.model import Break
from eventdesk.domain.progress import Progress
from eventdesk.domain.tokens import TokenStatus, check_token
from eventdesk.exports.schedules import (
    GridColumn,
    PersonSheet,
    ScheduleSheet,
    SheetSlot,
    write_attendee_schedules,
    write_company_schedules,
)
from eventdesk.exports.schedules.grid import index_entries
from eventdesk.persistence.document import EventDocument
from eventdesk.persistence.tables import Event
from eventdesk.services.matchmaking.exports import (
    PerWhat,
    ScheduleExportError,
    export_calendars,
    export_meetings_csv,
    export_schedule_pdf,
)
from eventdesk.services.matchmaking.plan import generate_schedule, matchmaking_settings, save_settings
from eventdesk.services.matchmaking.view import schedule_view
from tests.exports.badge_pdf_checks import assert_fonts_embedded, decode_pages, pdf_text, qpdf_check
from tests.factories import EventFactory
from tests.services.matchmaking.support import assert_stored_schedule_valid, stored_rows


@pytest.fixture
def doc(events: EventFactory) -> Iterator[EventDocument]:
    document = events.demo(attendees=150, companies=10, seed=12)
    settings = matchmaking_settings(doc=document)
    lunch_start = settings.first_start + timedelta(hours=2)
    save_settings(
        doc=document,
        settings=replace(
            settings, breaks=(Break(lunch_start, lunch_start + timedelta(minutes=45), "Lunch"),)
        ),
    )
    generate_schedule(doc=document)
    assert_stored_schedule_valid(document)
    yield document
    document.close()


def pages_of(pdf: Path) -> list[tuple[float, float]]:
    document = pypdfium2.PdfDocument(pdf)
    try:
        return [page.get_size() for page in document]
    finally:
        document.close()


def test_attendee_pages_show_times_tables_companies_reasons_breaks_and_a_badge_qr(
    doc: EventDocument, tmp_path: Path
) -> None:
    out = tmp_path / "people.pdf"
    result = export_schedule_pdf(doc=doc, per=PerWhat.ATTENDEE, output=out)
    view = schedule_view(doc=doc)
    people = {m.attendee_id for m in view.meetings}
    assert result.items == len(people) and result.pages == len(people) == len(pages_of(out))
    assert all(w < h for w, h in pages_of(out))  # A4 portrait
    qpdf_check(out)
    assert_fonts_embedded(out)
    text = pdf_text(out)
    assert text.count("Schedule version 1 · generated") >= len(people)
    # The first page is the first person alphabetically; every meeting of theirs is on it.
    first_page = text.split("\f")[0]
    first = min(people, key=lambda a: (view.people[a].name.casefold(), a))
    assert view.people[first].name in first_page
    for m in view.of_attendee(first):
        assert view.slots[m.slot].label in first_page
        assert f"Table {m.table}" in first_page
        assert m.company[:20] in first_page
    assert "Shared interests:" in text and "Lunch" in text
    with doc.session() as session:
        event = session.execute(select(Event)).scalar_one()
    tokens = decode_pages(out, dpi=110)[0]
    assert len(tokens) == 1
    check = check_token(tokens[0], event_code=event.code, public_key=event.public_key)
    assert check.status is TokenStatus.VALID and check.serial == first


def test_printing_marks_meetings_printed(doc: EventDocument, tmp_path: Path) -> None:
    assert not any(r.printed_at for r in stored_rows(doc))
    export_schedule_pdf(doc=doc, per=PerWhat.ATTENDEE, output=tmp_path / "p.pdf")
    assert all(r.printed_at for r in stored_rows(doc))
    assert all(m.printed for m in schedule_view(doc=doc).meetings)


def test_company_pages_list_every_slot_with_tick_boxes(doc: EventDocument, tmp_path: Path) -> None:
    out = tmp_path / "companies.pdf"
    result = export_schedule_pdf(doc=doc, per=PerWhat.COMPANY, output=out)
    view = schedule_view(doc=doc)
    assert result.pages >= len(view.tables)
    qpdf_check(out)
    text = pdf_text(out)
    for label in ("ATTENDED", "NO-SHOW", "NOTES", "INTERESTS", "Lunch"):
        assert label in text
    column = view.tables[0]
    first_page = text.split("\f")[0]
    assert column.company in first_page and f"Table {column.table} of" in first_page
    for m in view.meetings:
        if (m.company_id, m.table) == (column.company_id, column.table):
            assert m.attendee.split()[0] in first_page


def test_master_grid_is_landscape_repeats_headers_and_ends_with_an_index(
    doc: EventDocument, tmp_path: Path
) -> None:
    settings = matchmaking_settings(doc=doc)
    generate_schedule(doc=doc)
    out = tmp_path / "grid.pdf"
    export_schedule_pdf(doc=doc, per=PerWhat.GRID, output=out)
    sizes = pages_of(out)
    assert all(w > h for w, h in sizes)
    pages = pdf_text(out).split("\f")
    grid_pages = [p for p in pages if "master schedule" in p]
    index_pages = [p for p in pages if "index of people" in p]
    assert grid_pages and index_pages
    assert all("TIME" in p and "Table 1" in p for p in grid_pages)
    view = schedule_view(doc=doc)
    index = " ".join(" ".join(index_pages).split())
    assert all(m.attendee[:20] in index for m in view.meetings)
    assert settings.first_start.strftime("%H:%M") in index


def test_the_index_is_alphabetical_ignoring_accents_and_keeps_namesakes_apart() -> None:
    start = datetime(2027, 3, 12, 10, 0, tzinfo=ZoneInfo("Europe/Copenhagen"))
    slots = tuple(
        SheetSlot(i, start + timedelta(minutes=20 * i), start + timedelta(minutes=20 * i + 15))
        for i in range(3)
    )
    sheet = ScheduleSheet("Fair", "Venue", 1, start, slots)
    columns = [GridColumn(1, "Nordvik Diagnostics", "A1", 1), GridColumn(2, "Kattegat Biologics", "B2", 1)]
    cells = {
        (0, 1, 1): (7, "Åsa Sjöström"),
        (1, 2, 1): (7, "Åsa Sjöström"),
        (0, 2, 1): (8, "Asa Sjoberg"),
        (2, 1, 1): (9, "Emre Kaya"),
        (1, 1, 1): (10, "Emre Kaya"),
    }
    entries = index_entries(sheet, columns, cells)
    assert [name for name, _ in entries] == ["Asa Sjoberg", "Åsa Sjöström", "Emre Kaya", "Emre Kaya"]
    assert entries[1][1] == ["10:00  Nordvik Diagnostics, table 1", "10:20  Kattegat Biologics, table 1"]


def test_nothing_to_print_still_gives_a_pdf_with_one_page_and_finished_progress(tmp_path: Path) -> None:
    start = datetime(2027, 3, 12, 10, 0, tzinfo=ZoneInfo("Europe/Amsterdam"))
    sheet = ScheduleSheet("Fair", "Venue", 1, start, (SheetSlot(0, start, start + timedelta(minutes=15)),))
    reports: list[tuple[int, int, str]] = []
    progress = Progress(on_report=lambda done, total, step: reports.append((done, total, step)))
    people = [PersonSheet(1, "Ana Costa"), PersonSheet(2, "Lars Holm")]  # neither has a meeting
    assert write_attendee_schedules(str(tmp_path / "people.pdf"), sheet, people, progress=progress) == 0
    assert write_company_schedules(str(tmp_path / "companies.pdf"), sheet, [], progress=progress) == 0
    assert len(pages_of(tmp_path / "people.pdf")) == len(pages_of(tmp_path / "companies.pdf")) == 1
    assert reports == [
        (0, 2, "Personal schedules"),
        (2, 2, "Personal schedules"),
        (0, 0, "Company schedules"),
    ]


def test_grid_headers_repeat_when_slots_run_over_a_page(doc: EventDocument, tmp_path: Path) -> None:
    settings = matchmaking_settings(doc=doc)
    save_settings(doc=doc, settings=replace(settings, slot_count=32, meeting_minutes=10, breaks=()))
    generate_schedule(doc=doc)
    out = tmp_path / "grid.pdf"
    export_schedule_pdf(doc=doc, per=PerWhat.GRID, output=out)
    view = schedule_view(doc=doc)
    grid_pages = [p for p in pdf_text(out).split("\f") if "master schedule" in p]
    first_company = view.tables[0].company[:15]
    with_first = [p for p in grid_pages if first_company in p]
    assert len(with_first) >= 2, "the first group of tables should continue on a second page"
    assert all("TIME" in p for p in with_first)


def test_calendar_files_carry_the_event_time_zone(doc: EventDocument, tmp_path: Path) -> None:
    files = export_calendars(doc=doc, folder=tmp_path / "ics")
    view = schedule_view(doc=doc)
    assert len(files) == len({m.attendee_id for m in view.meetings})
    attendee = view.meetings[0].attendee_id
    [path] = [f for f in files if f.stem.endswith(f"-{attendee}")]
    calendar = Calendar.from_ical(path.read_bytes())
    events = list(calendar.walk("VEVENT"))
    mine = view.of_attendee(attendee)
    assert len(events) == len(mine)
    starts = sorted(e.decoded("dtstart") for e in events)
    assert starts == [view.slots[m.slot].start for m in mine]
    assert str(starts[0].tzinfo) == view.timezone
    assert list(calendar.walk("VTIMEZONE"))
    assert events[0]["summary"].startswith("Meeting with ")


def test_meetings_csv_has_the_fixed_columns_and_iso_times(doc: EventDocument, tmp_path: Path) -> None:
    result = export_meetings_csv(doc=doc, output=tmp_path / "meetings.csv")
    with result.path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0]) == [
        "attendee_id",
        "attendee_email",
        "attendee_name",
        "company_id",
        "company",
        "slot_start",
        "slot_end",
        "table",
        "score",
    ]
    assert len(rows) == len(stored_rows(doc)) == result.items
    iso = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}[+-]\d{2}:\d{2}")
    assert all(iso.fullmatch(r["slot_start"]) and iso.fullmatch(r["slot_end"]) for r in rows)
    assert all("@" in r["attendee_email"] for r in rows if r["attendee_email"])


def test_exports_without_a_schedule_say_so(events: EventFactory, tmp_path: Path) -> None:
    empty = events.demo(attendees=20, companies=3, seed=1)
    with pytest.raises(ScheduleExportError, match="There is no schedule yet"):
        export_schedule_pdf(doc=empty, per=PerWhat.GRID, output=tmp_path / "g.pdf")
    assert not (tmp_path / "g.pdf").exists()
    empty.close()
