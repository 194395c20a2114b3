"""The consent rule (`domain.sharing.shown_to`) over every output of an event, read back as
a person would read it: PDFs through pdftotext, CSV as text, XLSX through openpyxl, the
kit file cell by cell with sqlite3 and byte by byte, calendars as text.

A matchmaking participant who did not agree to share is named with their profile to the
companies they meet, and nowhere does an output for a company carry their e-mail or phone;
a person who neither agreed nor meets the company is not named to it at all. The organiser's
own files (the attendee list, the grid, the meetings list) hold everyone whole; what a
company can make from its kit holds only what the kit was allowed to hold.
"""

from __future__ import annotations

import csv
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import select, update

from eventdesk.domain.matchmaking.model import MeetingStatus
from eventdesk.domain.names import display_name
from eventdesk.persistence.document import EventDocument
from eventdesk.persistence.tables import Attendee, Company, Meeting
from eventdesk.services.leads.booth import LeadScanner, LeadView, list_leads
from eventdesk.services.leads.export import export_leads
from eventdesk.services.leads.kits import make_kit
from eventdesk.services.matchmaking.edits import set_meeting_status
from eventdesk.services.matchmaking.exports import (
    PerWhat,
    export_calendars,
    export_meetings_csv,
    export_schedule_pdf,
)
from eventdesk.services.matchmaking.plan import generate_schedule
from eventdesk.services.people.export import export_attendees
from tests.exports.badge_pdf_checks import pdf_text
from tests.factories import EventFactory
from tests.services.leads.support import token


@dataclass(frozen=True)
class Person:
    id: int
    name: str
    family_name: str
    degree: str
    email: str
    phone: str


@dataclass(frozen=True)
class Scene:
    """An event with a schedule, one company, and the people on each side of the rule."""

    doc: EventDocument
    company_id: int
    agreed: list[Person]  # meeting partners who agreed to share
    silent: list[Person]  # meeting partners who did not: name and profile only
    strangers: list[Person]  # did not agree, do not meet the company, scanned at its booth


def _person(a: Attendee) -> Person:
    return Person(
        a.id, display_name(a.given_name, a.family_name), a.family_name, a.degree, a.email or "", a.phone
    )


def _distinct(people: list[Person], everyone: list[Attendee]) -> list[Person]:
    """People whose surname is in no one else's name or organisation, so that finding it is
    finding them ("Brøndum" is not found in "Brøndum-Jensen")."""
    found = []
    for person in people:
        surname = person.family_name.casefold()
        others = (
            f"{a.given_name} {a.family_name} {a.organisation} {a.email}".casefold()
            for a in everyone
            if a.id != person.id
        )
        if len(surname) >= 4 and not any(surname in other for other in others):
            found.append(person)
    return found


@pytest.fixture
def scene(events: EventFactory) -> Iterator[Scene]:
    doc = events.demo(attendees=160, companies=8, seed=12)
    generate_schedule(doc=doc)
    with doc.session() as session:
        meetings = session.execute(select(Meeting)).scalars().all()
        by_company: dict[int, list[Meeting]] = {}
        for m in meetings:
            by_company.setdefault(m.company_id, []).append(m)
        company_id, ours = max(by_company.items(), key=lambda item: len(item[1]))
        partner_ids = {m.attendee_id for m in ours}
        attended = [m.id or 0 for m in ours[:4]]
        everyone = session.execute(select(Attendee)).scalars().all()
        partners = [a for a in everyone if a.id in partner_ids]
        # Give the rule something to tell apart: half the partners agreed, half did not.
        silent_ids = {a.id for a in partners[::2]}
        session.execute(
            update(Attendee).where(Attendee.id.in_(partner_ids)).values(consent_share=False)  # type: ignore[union-attr]
        )
        session.execute(
            update(Attendee)
            .where(Attendee.id.in_(partner_ids - silent_ids))  # type: ignore[union-attr]
            .values(consent_share=True)
        )
        strangers = [
            a
            for a in everyone
            if a.id not in partner_ids
            and a.company_id is None
            and not a.consent_share
            and a.email
            and a.phone
            and a.status == "registered"
        ]
        session.expire_all()
        agreed = [_person(a) for a in partners if a.id not in silent_ids]
        silent = [_person(a) for a in partners if a.id in silent_ids]
        stranger_people = _distinct([_person(a) for a in strangers], list(everyone))[:3]
        silent_distinct = _distinct(silent, list(everyone))
    assert len(silent_distinct) >= 2 and agreed and len(stranger_people) == 3
    assert all(p.email and p.phone for p in silent_distinct)
    # Some meetings took place (they become leads); strangers stop by the booth.
    for meeting_id in attended:
        set_meeting_status(doc=doc, meeting_id=meeting_id, status=MeetingStatus.ATTENDED)
    booth = LeadScanner(doc=doc, company_id=company_id, staff="Booth laptop")
    for person in stranger_people:
        booth.scan(token(doc, person.id), note="asked about internships")
    yield Scene(doc, company_id, agreed, silent_distinct, stranger_people)
    doc.close()


def _text(path: Path) -> str:
    """What a person sees in the file: its text, every cell, every calendar line."""
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        return pdf_text(path)
    if suffix == ".xlsx":
        book = openpyxl.load_workbook(path, read_only=True)
        try:
            return "\n".join(
                "\t".join("" if v is None else str(v) for v in row)
                for sheet in book.worksheets
                for row in sheet.iter_rows(values_only=True)
            )
        finally:
            book.close()
    if suffix == ".csv":
        with path.open(encoding="utf-8-sig", newline="") as handle:
            return "\n".join("\t".join(row) for row in csv.reader(handle))
    if suffix == ".eventdesk":
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            return "\n".join(conn.iterdump())
        finally:
            conn.close()
    return path.read_text(encoding="utf-8")


def _leads_text(leads: list[LeadView]) -> str:
    return "\n".join(
        f"{lead.label}\t{lead.organisation}\t{lead.job_title}\t{lead.email}\t{lead.phone}\t{lead.degree}"
        for lead in leads
    )


def _assert_no_contact(text: str, people: list[Person], where: str) -> None:
    flat = text.replace(" ", "").casefold()
    for person in people:
        assert person.email.casefold() not in text.casefold(), f"{where} holds {person.name}'s e-mail"
        assert person.phone.replace(" ", "") not in flat, f"{where} holds {person.name}'s phone"


def _where(text: str, person: Person) -> str:
    return " | ".join(line for line in text.splitlines() if person.family_name.casefold() in line.casefold())


def _named(text: str, people: list[Person]) -> set[int]:
    folded = text.casefold()
    return {p.id for p in people if p.family_name.casefold() in folded}


def _company_outputs(doc: EventDocument, company_id: int, folder: Path) -> dict[str, str]:
    """Every file a company takes away from the organiser, or makes at its booth."""
    folder.mkdir()
    outputs: dict[str, str] = {}
    for suffix in (".csv", ".xlsx", ".pdf"):
        path = folder / f"leads{suffix}"
        export_leads(doc=doc, company_id=company_id, path=path)
        outputs[path.name] = _text(path)
    outputs["booth mode"] = _leads_text(list_leads(doc=doc, company_id=company_id))
    return outputs


def test_companies_see_their_meeting_partners_profile_and_contact_details_only_with_consent(
    scene: Scene, tmp_path: Path
) -> None:
    doc, company_id = scene.doc, scene.company_id
    outputs = _company_outputs(doc, company_id, tmp_path / "organiser")
    tick_boxes = tmp_path / "company schedules.pdf"
    export_schedule_pdf(doc=doc, per=PerWhat.COMPANY, output=tick_boxes)
    # One file for the organiser to print; each company is handed its own pages.
    with doc.session() as session:
        name = session.get(Company, company_id).name
    pages = [page for page in _text(tick_boxes).split("\f") if page.splitlines()[2:3] == [name]]
    assert pages
    outputs["list with tick boxes"] = "\f".join(pages)
    kit = make_kit(doc=doc, company_id=company_id, path=tmp_path / "kit.eventdesk").path
    outputs["kit file"] = _text(kit)
    raw = kit.read_bytes()
    for person in [*scene.silent, *scene.strangers]:
        assert person.email.encode() not in raw and person.phone.encode() not in raw, person.name

    # What the company makes from its kit on the booth laptop.
    booth = EventDocument.open(kit)
    try:
        outputs |= {f"kit {k}": v for k, v in _company_outputs(booth, company_id, tmp_path / "kit").items()}
        for suffix in (".csv", ".xlsx"):
            path = tmp_path / f"kit attendees{suffix}"
            export_attendees(doc=booth, path=path)
            outputs[path.name] = _text(path)
        for per in PerWhat:
            path = tmp_path / f"kit {per.value}.pdf"
            export_schedule_pdf(doc=booth, per=per, output=path)
            outputs[path.name] = _text(path)
        path = export_meetings_csv(doc=booth, output=tmp_path / "kit meetings.csv").path
        outputs["kit meetings.csv"] = _text(path)
        for ics in export_calendars(doc=booth, folder=tmp_path / "kit calendars"):
            outputs[f"kit {ics.name}"] = _text(ics)
    finally:
        booth.close()

    assert len(outputs) >= 18
    for where, text in outputs.items():
        _assert_no_contact(text, [*scene.silent, *scene.strangers], where)
        for person in scene.strangers:
            assert not _named(text, [person]), f"{where} names {person.name}: {_where(text, person)}"
    # Name and profile of the silent partners exactly where the company sees its meetings.
    silent = {p.id for p in scene.silent}
    for where in ("list with tick boxes", "kit file", "kit company.pdf", "kit grid.pdf", "kit attendee.pdf"):
        assert _named(outputs[where], scene.silent) == silent, where
    assert all(p.degree in outputs["list with tick boxes"] for p in scene.silent if p.degree)
    # Contact details of those who agreed travel in the kit and its lead list.
    assert any(p.email in outputs["kit file"] for p in scene.agreed)
    # Meetings that took place are named leads, with or without consent; strangers only visits.
    attended = [p for p in scene.silent if p.name in outputs["booth mode"]]
    for where in ("leads.csv", "leads.xlsx", "leads.pdf", "kit leads.csv"):
        assert _named(outputs[where], attended) == {p.id for p in attended}, where
    assert outputs["booth mode"].count("Visitor (details not shared)") >= len(scene.strangers)


def test_the_organisers_own_files_hold_everyone_whole(scene: Scene, tmp_path: Path) -> None:
    doc = scene.doc
    attendees = export_attendees(doc=doc, path=tmp_path / "attendees.xlsx").path
    text = _text(attendees)
    assert all(p.email in text for p in [*scene.silent, *scene.strangers])
    grid = tmp_path / "grid.pdf"
    export_schedule_pdf(doc=doc, per=PerWhat.GRID, output=grid)
    assert _named(_text(grid), scene.silent) == {p.id for p in scene.silent}
    meetings = _text(export_meetings_csv(doc=doc, output=tmp_path / "meetings.csv").path)
    assert all(p.email in meetings for p in scene.silent)
    # A person's own calendar is theirs: it names no other attendee and holds no one's contact.
    calendars = export_calendars(doc=doc, folder=tmp_path / "calendars")
    for ics in calendars:
        others = [p for p in [*scene.agreed, *scene.silent] if not ics.name.endswith(f"-{p.id}.ics")]
        _assert_no_contact(_text(ics), others, ics.name)
