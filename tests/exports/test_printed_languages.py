"""What is printed for a person is in their language, else the event's: PDFs read back with pdftotext.

The expected dates come from Babel's CLDR data for the locale (the standard the page must
follow), the headings from what a reader of each language expects to see on the sheet.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from babel.dates import format_date
from icalendar import Calendar
from sqlalchemy import select, update

from eventdesk.persistence.document import EventDocument
from eventdesk.persistence.tables import Attendee, Event
from eventdesk.services.badges.batches import BadgeSelection, create_badge_pdf
from eventdesk.services.door.checkin import CheckInDesk
from eventdesk.services.door.inside_export import export_people_inside
from eventdesk.services.matchmaking.exports import PerWhat, export_calendars, export_schedule_pdf
from eventdesk.services.matchmaking.plan import generate_schedule
from eventdesk.services.matchmaking.view import schedule_view
from tests.exports.badge_pdf_checks import pdf_text
from tests.factories import EventFactory


@pytest.fixture
def doc(events: EventFactory) -> Iterator[EventDocument]:
    document = events.demo(attendees=120, companies=8, seed=17)
    generate_schedule(doc=document)
    with document.session() as session:
        session.execute(update(Event).values(language="fr"))
        session.commit()
    yield document
    document.close()


def _with_meetings(doc: EventDocument, n: int) -> list[tuple[int, str]]:
    view = schedule_view(doc=doc)
    ids = sorted({m.attendee_id for m in view.meetings})[:n]
    return [(i, view.people[i].name) for i in ids]


def _set_language(doc: EventDocument, attendee_id: int, language: str) -> None:
    with doc.session() as session:
        session.execute(update(Attendee).where(Attendee.id == attendee_id).values(language=language))
        session.commit()


def _page_of(pages: list[str], name: str) -> str:
    found = [page for page in pages if name in page]
    assert len(found) == 1, f"{name} is on {len(found)} pages"
    return found[0]


def _day(doc: EventDocument) -> date:
    return schedule_view(doc=doc).slots[0].start.date()


def test_personal_schedules_in_the_attendees_language_else_the_events(
    doc: EventDocument, tmp_path: Path
) -> None:
    (dane, dane_name), (dutch, dutch_name), (_, french_name) = _with_meetings(doc, 3)
    _set_language(doc, dane, "da")
    _set_language(doc, dutch, "nl")
    out = tmp_path / "schedules.pdf"
    export_schedule_pdf(doc=doc, per=PerWhat.ATTENDEE, output=out)
    pages = pdf_text(out).split("\f")
    day = _day(doc)

    danish = _page_of(pages, dane_name)
    for heading in ("TID", "BORD", "VIRKSOMHED", "HVORFOR DU PASSER", "Badgekode", "Skemaversion 1"):
        assert heading in danish
    assert format_date(day, "full", locale="da_DK") in danish  # "mandag den 7. december 2026"
    assert "Vær ved bordet et par minutter før tid" in danish
    assert "Time" not in danish.split() and "Why you match" not in danish

    dutch_page = _page_of(pages, dutch_name)
    for heading in ("TIJD", "TAFEL", "BEDRIJF", "WAAROM U PAST", "Roosterversie 1"):
        assert heading in dutch_page
    assert format_date(day, "full", locale="nl_NL") in dutch_page  # "maandag 7 december 2026"

    french = _page_of(pages, french_name)  # no language of their own: the event's (French)
    for heading in ("HEURE", "TABLE", "ENTREPRISE", "POURQUOI VOUS", "Planning version 1"):
        assert heading in french
    assert format_date(day, "full", locale="fr_FR") in french  # "lundi 7 décembre 2026"


def test_company_lists_and_the_master_grid_in_the_events_language(doc: EventDocument, tmp_path: Path) -> None:
    companies = tmp_path / "companies.pdf"
    export_schedule_pdf(doc=doc, per=PerWhat.COMPANY, output=companies)
    text = pdf_text(companies)
    for heading in ("HEURE", "PARTICIPANT", "DIPLÔME · DOMAINE", "PRÉSENT", "ABSENT", "Table 1 sur"):
        assert heading in text
    assert format_date(_day(doc), "full", locale="fr_FR") in text
    grid = tmp_path / "grid.pdf"
    export_schedule_pdf(doc=doc, per=PerWhat.GRID, output=grid)
    text = pdf_text(grid)
    assert "grille générale" in text and "index des personnes" in text and "page 1" in text


def test_calendar_files_speak_the_attendees_language(doc: EventDocument, tmp_path: Path) -> None:
    (dane, _name), _other = _with_meetings(doc, 2)
    _set_language(doc, dane, "da")
    files = export_calendars(doc=doc, folder=tmp_path / "ics")
    by_id = {int(path.stem.rsplit("-", 1)[1]): path for path in files}
    danish = Calendar.from_ical(by_id[dane].read_bytes())
    summaries = [str(e["summary"]) for e in danish.walk("VEVENT")]
    assert summaries and all(s.startswith("Samtale med ") for s in summaries)
    assert str(danish["x-wr-calname"]).endswith(" — samtaler")
    other = next(path for i, path in by_id.items() if i != dane)  # no language of their own
    french = Calendar.from_ical(other.read_bytes())
    assert all(str(e["summary"]).startswith("Entretien avec ") for e in french.walk("VEVENT"))


def test_badge_bands_print_the_ticket_type_in_the_wearers_language(
    doc: EventDocument, tmp_path: Path
) -> None:
    with doc.session() as session:
        visitors = list(
            session.execute(
                select(Attendee.id)
                .where(Attendee.ticket_type == "visitor", Attendee.status == "registered")
                .order_by(Attendee.id)
                .limit(2)
            ).scalars()
        )
    _set_language(doc, visitors[0], "sv")
    out = tmp_path / "badges.pdf"
    create_badge_pdf(doc=doc, output=out, selection=BadgeSelection(attendee_ids=tuple(visitors)))
    pages = pdf_text(out).split("\f")
    assert "BESÖKARE" in pages[0] + pages[1] and "VISITEUR" in pages[0] + pages[1]


def test_the_fire_marshals_list_in_the_events_language(doc: EventDocument, tmp_path: Path) -> None:
    with doc.session() as session:
        someone = (
            session.execute(select(Attendee.id).where(Attendee.status == "registered")).scalars().first()
        )
    assert someone is not None
    CheckInDesk(doc=doc, desk="Porte A").admit(someone)
    path, count = export_people_inside(doc=doc, path=tmp_path / "inside.pdf")
    text = pdf_text(path)
    assert count == 1
    assert "Personnes présentes — " in text
    assert "1 personne enregistrée et non ressortie, au " in text
    for heading in ("Nom", "Organisation", "Billet", "Entré à", "Poste"):
        assert heading in text
