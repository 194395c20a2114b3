"""Duplicates, re-imports, newer exports, and undoing an import."""

from __future__ import annotations

import shutil
from pathlib import Path

from sqlmodel import select

from eventdesk.persistence.tables import Attendee, Company
from eventdesk.services.importing import Outcome, import_file
from eventdesk.services.search import people_index, search_people
from eventdesk.services.undo import history
from tests.factories import EventFactory
from tests.services.importing.support import SAMPLES, people, snapshot


def test_importing_the_same_file_twice_changes_nothing(events: EventFactory) -> None:
    doc = events.empty()
    for name in ("eventbrite_us.csv", "pretix_order_positions.csv", "google_forms.csv", "tito_tickets.csv"):
        import_file(doc=doc, path=SAMPLES / name)
    before = snapshot(doc)
    for name in ("eventbrite_us.csv", "pretix_order_positions.csv", "google_forms.csv", "tito_tickets.csv"):
        report = import_file(doc=doc, path=SAMPLES / name).report
        assert (report.created, report.updated) == (0, 0), name
        assert report.unchanged > 0
    assert snapshot(doc) == before


def test_a_newer_export_updates_what_changed(events: EventFactory, tmp_path: Path) -> None:
    doc = events.empty()
    import_file(doc=doc, path=SAMPLES / "eventbrite_us.csv")
    newer = tmp_path / "eventbrite_us.csv"
    text = (SAMPLES / "eventbrite_us.csv").read_text("utf-8")
    text = text.replace("Process Engineer", "Senior Process Engineer")
    text = text.replace("Björn,Åkesson,bjorn.akesson@example.se", "Björn,Åkesson,bjorn@example.se")
    text = text.replace("Not Attending", "Attending")
    newer.write_text(text, "utf-8")
    report = import_file(doc=doc, path=newer).report
    assert (report.created, report.updated, report.unchanged) == (0, 2, 5)
    updates = {e.line: e.reason for e in report.entries if e.outcome is Outcome.UPDATED}
    assert updates == {3: "updated: job title", 9: "updated: e-mail, status"}
    stored = people(doc)
    # Björn was found by his barcode although his e-mail changed.
    assert stored["Björn Åkesson"].email == "bjorn@example.se"
    assert stored["Björn Åkesson"].email_key == "bjorn@example.se"
    assert stored["Björn Åkesson"].status == "registered"
    assert stored["Lars Ødegård"].job_title == "Senior Process Engineer"


def test_people_already_in_the_event_are_matched_by_email_in_any_case(
    events: EventFactory, tmp_path: Path
) -> None:
    doc = events.demo(attendees=30, companies=3)
    with doc.session() as session:
        someone = session.exec(select(Attendee).where(Attendee.email.is_not(None))).first()
        count = len(session.exec(select(Attendee.id)).all())
    assert someone is not None and someone.email
    path = tmp_path / "update.csv"
    path.write_text(f"Email;Telefoon\n{someone.email.upper()};+31 6 99999999\n", "utf-8")
    report = import_file(doc=doc, path=path).report
    assert (report.created, report.updated) == (0, 1)
    with doc.session() as session:
        again = session.get(Attendee, someone.id)
        assert again is not None and again.phone == "+31699999999"
        # The name and everything else the file did not have is untouched.
        assert (again.given_name, again.family_name) == (someone.given_name, someone.family_name)
        assert len(session.exec(select(Attendee.id)).all()) == count


def test_a_person_cancelled_on_one_row_and_attending_on_another_is_attending(
    events: EventFactory, tmp_path: Path
) -> None:
    path = tmp_path / "orders.csv"
    path.write_text(
        "Name,Email,Status\n"
        "Sophie Van de Velde,sophie@example.be,Refunded\n"
        "Sophie Van de Velde,SOPHIE@example.be,Attending\n"
        "Lars Ødegård,lars@example.dk,Cancelled\n",
        "utf-8",
    )
    doc = events.empty()
    report = import_file(doc=doc, path=path).report
    stored = people(doc)
    assert stored["Sophie Van de Velde"].status == "registered"
    assert stored["Lars Ødegård"].status == "cancelled"
    assert report.merged == 1
    again = import_file(doc=doc, path=path).report
    assert (again.updated, again.unchanged) == (0, 2)


def test_people_on_one_order_stay_separate_people(events: EventFactory) -> None:
    doc = events.empty()
    import_file(doc=doc, path=SAMPLES / "pretix_order_positions.csv")
    import_file(doc=doc, path=SAMPLES / "pretix_order_positions.csv")
    stored = people(doc)
    assert stored["Pieter Bakker"].email == stored["Fatima El Amrani"].email == "pieter@example.nl"
    assert stored["Pieter Bakker"].id != stored["Fatima El Amrani"].id
    assert len(stored) == 5


def test_exhibitor_staff_are_linked_to_their_company(events: EventFactory, tmp_path: Path) -> None:
    doc = events.empty()
    import_file(doc=doc, path=SAMPLES / "companies.csv", kind="companies")
    import_file(doc=doc, path=SAMPLES / "eventbrite_us.csv")
    firms = {c.name: c.id for c in _companies(doc)}
    stored = people(doc)
    assert stored["Nadia El Amrani"].company_id == firms["Novo Demo A/S"]
    # A visitor from the same company is not staff.
    assert stored["Lars Ødegård"].company_id is None


def _companies(doc):  # type: ignore[no-untyped-def]
    with doc.session() as session:
        return session.exec(select(Company)).all()


def test_an_import_can_be_undone_and_redone(events: EventFactory, tmp_path: Path) -> None:
    doc = events.demo(attendees=30, companies=3)
    with doc.session() as session:
        someone = session.exec(select(Attendee).where(Attendee.email.is_not(None))).first()
    assert someone is not None
    path = tmp_path / "mixed.csv"
    shutil.copy(SAMPLES / "eventbrite_us.csv", path)
    with path.open("a", encoding="utf-8") as handle:
        handle.write(
            f"9999,,{someone.given_name},{someone.family_name},{someone.email},1,,VIP,,,,,,,,,Attending\n"
        )
    before = snapshot(doc)
    import_file(doc=doc, path=path)
    after = snapshot(doc)
    assert after != before
    assert history(doc).undo_label == "Import attendees from mixed.csv"
    changes = history(doc).undo(doc)
    assert "attendees" in changes.entities
    assert snapshot(doc) == before
    history(doc).redo(doc)
    assert snapshot(doc) == after


def test_the_search_index_sees_imported_people(events: EventFactory) -> None:
    doc = events.demo(attendees=30, companies=3)
    people_index(doc)
    assert search_people(doc=doc, query="lars odegard").total == 0
    import_file(doc=doc, path=SAMPLES / "eventbrite_us.csv")
    assert [h.full_name for h in search_people(doc=doc, query="lars odegard").hits] == ["Lars Ødegård"]
    assert search_people(doc=doc, query="410291020001").total == 1
    history(doc).undo(doc)
    assert search_people(doc=doc, query="lars odegard").total == 0
