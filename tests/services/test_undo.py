"""The undo history: linear, per open document, and careful with newer work."""

from __future__ import annotations

import uuid

import pytest
from sqlmodel import select

from eventdesk.domain.enums import ScanVerdict
from eventdesk.domain.event import utc_now
from eventdesk.domain.people import AttendeeDraft, CompanyDraft
from eventdesk.persistence.tables import Attendee, Scan, Wish
from eventdesk.services.importing import import_file
from eventdesk.services.people import edit
from eventdesk.services.undo import UndoConflict, UndoHistory, history
from tests.factories import EventFactory
from tests.services.importing.support import SAMPLES, snapshot


def _person(name: str) -> AttendeeDraft:
    return AttendeeDraft(given_name=name, family_name="Demo", email=f"{name.lower()}@example.nl")


def test_history_is_linear_and_per_document(events: EventFactory) -> None:
    doc, other = events.empty(), events.empty()
    first = edit.add_attendee(doc=doc, draft=_person("Anna"))
    edit.add_attendee(doc=doc, draft=_person("Bram"))
    assert not history(other).can_undo
    history(doc).undo(doc)
    assert history(doc).can_redo and history(doc).redo_label == "Add attendee"
    # A new operation after an undo drops what could have been redone.
    edit.edit_attendee(doc=doc, attendee_id=first.id, draft=_person("Anneke"))
    assert not history(doc).can_redo
    history(doc).undo(doc)
    history(doc).undo(doc)
    assert not history(doc).can_undo
    with pytest.raises(UndoConflict, match="nothing to undo"):
        history(doc).undo(doc)


def test_the_history_keeps_a_bounded_number_of_steps(events: EventFactory) -> None:
    doc = events.empty()
    stack = UndoHistory(limit=3)
    from eventdesk.services import undo

    undo._HISTORIES[doc] = stack
    for name in ("Anna", "Bram", "Cor", "Dirk", "Eva"):
        edit.add_attendee(doc=doc, draft=_person(name))
    undone = 0
    while stack.can_undo:
        stack.undo(doc)
        undone += 1
    assert undone == 3
    with doc.session() as session:
        assert sorted(a.given_name for a in session.exec(select(Attendee))) == ["Anna", "Bram"]


def test_undo_refuses_to_lose_a_check_in_made_since(events: EventFactory) -> None:
    doc = events.empty()
    import_file(doc=doc, path=SAMPLES / "tito_tickets.csv")
    with doc.session() as session:
        someone = session.exec(select(Attendee)).first()
        assert someone is not None
        session.add(
            Scan(
                id=str(uuid.uuid4()),
                scanned_text="ABCD-1",
                verdict=ScanVerdict.ADMITTED.value,
                attendee_id=someone.id,
                device_time=utc_now(),
            )
        )
    before = snapshot(doc)
    with pytest.raises(UndoConflict, match="scan row"):
        history(doc).undo(doc)
    assert snapshot(doc) == before


def test_undo_refuses_when_another_desk_changed_the_same_person(events: EventFactory) -> None:
    doc = events.empty()
    saved = edit.add_attendee(doc=doc, draft=_person("Anna"))
    edit.edit_attendee(doc=doc, attendee_id=saved.id, draft=_person("Anneke"))
    with doc.session() as session:
        attendee = session.get(Attendee, saved.id)
        assert attendee is not None
        attendee.given_name = "Annemarie"  # written by another desk on a shared event
    with pytest.raises(UndoConflict, match="changed again since"):
        history(doc).undo(doc)
    with doc.session() as session:
        assert session.get(Attendee, saved.id).given_name == "Annemarie"  # type: ignore[union-attr]


def test_deleting_a_person_restores_what_other_modules_hang_on_them(events: EventFactory) -> None:
    doc = events.empty()
    person = edit.add_attendee(doc=doc, draft=_person("Anna"))
    company = edit.add_company(doc=doc, draft=CompanyDraft(name="Demo Biotech"))
    with doc.session() as session:
        session.add(Wish(attendee_id=person.id, company_id=company.id, rank=1))
    before = snapshot(doc)
    changes = edit.delete_attendees(doc=doc, attendee_ids=[person.id])
    assert "meetings" in {e.value for e in changes.entities}
    with doc.session() as session:
        assert session.exec(select(Wish)).all() == []
    history(doc).undo(doc)
    assert snapshot(doc) == before
    with doc.session() as session:
        wish = session.exec(select(Wish)).one()
        assert (wish.attendee_id, wish.company_id, wish.rank) == (person.id, company.id, 1)
    history(doc).redo(doc)
    with doc.session() as session:
        assert session.exec(select(Wish)).all() == []


def test_undo_labels_and_refusals_speak_the_desk_language(events: EventFactory) -> None:
    from eventdesk.i18n import using_language

    doc = events.empty()
    with using_language("de"):
        saved = edit.add_attendee(doc=doc, draft=_person("Anna"))
        changes = edit.edit_attendee(doc=doc, attendee_id=saved.id, draft=_person("Anneke"))
        assert changes.summary.endswith("bearbeitet")
        assert history(doc).undo_label == "Teilnehmer bearbeiten"
        with doc.session() as session:
            attendee = session.get(Attendee, saved.id)
            assert attendee is not None
            attendee.given_name = "Annemarie"
        with pytest.raises(UndoConflict, match="kann nicht rückgängig gemacht werden: es wurde seitdem"):
            history(doc).undo(doc)
    untouched = events.empty()
    with using_language("fr"), pytest.raises(UndoConflict, match="Il n'y a rien à annuler"):
        history(untouched).undo(untouched)
