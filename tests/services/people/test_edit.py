"""Adding, editing, bulk actions and deletes, as the manage screens will call them."""

from __future__ import annotations

import uuid
from dataclasses import replace

import pytest
from sqlmodel import select

from eventdesk.domain.enums import ScanVerdict
from eventdesk.domain.errors import ValidationError
from eventdesk.domain.event import utc_now
from eventdesk.domain.people import AttendeeDraft, CompanyDraft, InvalidField
from eventdesk.persistence.tables import Attendee, ExternalCode, Scan
from eventdesk.services.people import edit
from eventdesk.services.search import search_people
from eventdesk.services.undo import history
from tests.factories import EventFactory
from tests.services.importing.support import people, snapshot

SOPHIE = AttendeeDraft(
    given_name="Sophie",
    family_name="Van de Velde",
    email="Sophie@Example.BE",
    phone="0470 12 34 56",
    organisation="Galápagos Demo",
)


def test_adding_a_person_normalises_and_makes_them_findable(events: EventFactory) -> None:
    doc = events.empty()
    saved = edit.add_attendee(doc=doc, draft=SOPHIE)
    assert "attendees" in saved.changes.entities
    details = edit.get_attendee(doc=doc, attendee_id=saved.id)
    assert details.draft.email == "Sophie@example.be"
    assert details.draft.phone == "+31470123456"
    assert not details.checked_in
    stored = people(doc)["Sophie Van de Velde"]
    assert stored.email_key == "sophie@example.be"
    assert "galapagos" in stored.search_text
    assert [h.attendee_id for h in search_people(doc=doc, query="vandevelde").hits] == [saved.id]


def test_validation_messages_name_the_problem(events: EventFactory) -> None:
    doc = events.empty()
    edit.add_attendee(doc=doc, draft=SOPHIE)
    with pytest.raises(ValidationError, match="already the e-mail of Sophie Van de Velde"):
        edit.add_attendee(doc=doc, draft=replace(SOPHIE, given_name="Sofie", email="sophie@example.be"))
    with pytest.raises(ValidationError, match="is not valid"):
        edit.add_attendee(doc=doc, draft=AttendeeDraft(given_name="X", email="x@@y"))
    with pytest.raises(ValidationError, match="name or an e-mail"):
        edit.add_attendee(doc=doc, draft=AttendeeDraft(organisation="Only a company"))
    with pytest.raises(ValidationError, match="no company 999"):
        edit.add_attendee(doc=doc, draft=AttendeeDraft(given_name="X", company_id=999))


def test_an_edit_is_saved_once_and_undone_in_one_step(events: EventFactory) -> None:
    doc = events.empty()
    saved = edit.add_attendee(doc=doc, draft=SOPHIE)
    before = snapshot(doc)
    draft = edit.get_attendee(doc=doc, attendee_id=saved.id).draft
    assert not edit.edit_attendee(doc=doc, attendee_id=saved.id, draft=draft).entities  # nothing changed
    changes = edit.edit_attendee(
        doc=doc, attendee_id=saved.id, draft=replace(draft, family_name="Van den Velde")
    )
    assert changes.summary == "Edited Sophie Van den Velde"
    assert search_people(doc=doc, query="vandenvelde").total == 1
    assert history(doc).undo_label == "Edit attendee"
    history(doc).undo(doc)
    assert snapshot(doc) == before
    # Only the one-typo fallback still finds her under the undone name.
    assert search_people(doc=doc, query="vandenvelde").typo_tolerant
    history(doc).redo(doc)
    assert people(doc)["Sophie Van den Velde"].id == saved.id


def test_bulk_cancel_and_ticket_type_are_single_steps(events: EventFactory) -> None:
    doc = events.demo(attendees=40, companies=3)
    with doc.session() as session:
        ids = list(
            session.exec(
                select(Attendee.id)
                .where(Attendee.status == "registered", Attendee.ticket_type != "press")
                .order_by(Attendee.id)
                .limit(12)
            )
        )
    before = snapshot(doc)
    changes = edit.cancel_attendees(doc=doc, attendee_ids=ids)
    assert changes.summary == "Cancelled the tickets of 12 people"
    edit.set_ticket_type(doc=doc, attendee_ids=ids[:5], ticket_type="press")
    with doc.session() as session:
        rows = session.exec(select(Attendee).where(Attendee.id.in_(ids))).all()
        assert {a.status for a in rows} == {"cancelled"}
        assert {a.id for a in rows if a.ticket_type == "press"} == set(ids[:5])
    history(doc).undo(doc)
    history(doc).undo(doc)
    assert snapshot(doc) == before
    with pytest.raises(ValidationError):
        edit.set_ticket_type(doc=doc, attendee_ids=ids, ticket_type="vip")


def test_a_delete_takes_codes_and_keeps_scans_and_undo_brings_all_back(events: EventFactory) -> None:
    doc = events.empty()
    saved = edit.add_attendee(doc=doc, draft=SOPHIE)
    edit.set_codes(doc=doc, attendee_id=saved.id, codes=[("pretix", "SECRET1")])
    assert search_people(doc=doc, query="secret1").total == 1
    with doc.session() as session:
        session.add(
            Scan(
                id=str(uuid.uuid4()),
                scanned_text="SECRET1",
                verdict=ScanVerdict.ADMITTED.value,
                attendee_id=saved.id,
                desk="Desk 1",
                device_time=utc_now(),
            )
        )
    assert edit.get_attendee(doc=doc, attendee_id=saved.id).checked_in
    before = snapshot(doc)
    changes = edit.delete_attendees(doc=doc, attendee_ids=[saved.id])
    assert {"attendees", "scans"} <= {e.value for e in changes.entities}
    with doc.session() as session:
        assert session.exec(select(Attendee)).all() == []
        assert session.exec(select(Scan.attendee_id)).all() == [None]
        assert session.exec(select(ExternalCode)).all() == []
    assert search_people(doc=doc, query="sophie").total == 0
    history(doc).undo(doc)
    assert snapshot(doc) == before
    with doc.session() as session:
        assert session.exec(select(Scan.attendee_id)).all() == [saved.id]
    assert edit.get_attendee(doc=doc, attendee_id=saved.id).checked_in
    assert search_people(doc=doc, query="secret1").total == 1


def test_ticket_codes_are_edited_as_one_step_and_stay_unique(events: EventFactory) -> None:
    doc = events.empty()
    anna = edit.add_attendee(doc=doc, draft=AttendeeDraft(given_name="Anna", email="anna@example.nl"))
    bram = edit.add_attendee(doc=doc, draft=AttendeeDraft(given_name="Bram", email="bram@example.nl"))
    edit.set_codes(doc=doc, attendee_id=anna.id, codes=[("tito", "ABCD-1"), ("pretix", "S1")])
    assert edit.get_attendee(doc=doc, attendee_id=anna.id).codes == (("pretix", "S1"), ("tito", "ABCD-1"))
    with pytest.raises(ValidationError, match="already belongs to attendee"):
        edit.set_codes(doc=doc, attendee_id=bram.id, codes=[("pretix", "S1")])
    edit.set_codes(doc=doc, attendee_id=anna.id, codes=[("pretix", "S2")])
    assert search_people(doc=doc, query="s2").hits[0].attendee_id == anna.id
    assert search_people(doc=doc, query="abcd").total == 0
    history(doc).undo(doc)
    assert edit.get_attendee(doc=doc, attendee_id=anna.id).codes == (("pretix", "S1"), ("tito", "ABCD-1"))
    assert search_people(doc=doc, query="abcd").total == 1


def test_companies_and_their_staff(events: EventFactory) -> None:
    doc = events.empty()
    company = edit.add_company(
        doc=doc,
        draft=CompanyDraft(
            name="Kattegat Biologics", booth="B12", hiring_tags=("CMC; QA",), website="kattegat-bio.example"
        ),
    )
    with pytest.raises(ValidationError, match="already a company called Kattegat Biologics"):
        edit.add_company(doc=doc, draft=CompanyDraft(name="KATTEGAT biologics"))
    staff = edit.add_staff(
        doc=doc, company_id=company.id, draft=AttendeeDraft(given_name="Mads", family_name="Holm")
    )
    assert history(doc).undo_label == "Add staff to Kattegat Biologics"
    details = edit.get_company(doc=doc, company_id=company.id)
    assert details.staff == ((staff.id, "Mads Holm"),)
    assert details.draft.hiring_tags == ("CMC", "QA")
    mads = edit.get_attendee(doc=doc, attendee_id=staff.id)
    assert (mads.draft.ticket_type, mads.draft.organisation, mads.company_name) == (
        "exhibitor",
        "Kattegat Biologics",
        "Kattegat Biologics",
    )
    edit.edit_company(doc=doc, company_id=company.id, draft=replace(details.draft, booth="C01"))
    before_delete = snapshot(doc)
    changes = edit.delete_companies(doc=doc, company_ids=[company.id])
    assert {"companies", "attendees"} <= {e.value for e in changes.entities}
    # The staff member stays, without a company.
    assert edit.get_attendee(doc=doc, attendee_id=staff.id).draft.company_id is None
    history(doc).undo(doc)
    assert snapshot(doc) == before_delete
    assert edit.get_company(doc=doc, company_id=company.id).draft.booth == "C01"


def test_checks_name_the_field_to_fix_and_change_nothing(events: EventFactory) -> None:
    doc = events.empty()
    saved = edit.add_attendee(doc=doc, draft=SOPHIE)
    cases = [
        (
            replace(SOPHIE, given_name="Sofie", email="SOPHIE@example.be"),
            "email",
            "already the e-mail of Sophie",
        ),
        (AttendeeDraft(given_name="X", email="x@@y"), "email", "'x@@y' is not valid"),
        (AttendeeDraft(organisation="Only a company"), "given_name", "name or an e-mail"),
        (AttendeeDraft(given_name="X", company_id=999), "company_id", "no company 999"),
    ]
    for draft, field, fragment in cases:
        with pytest.raises(InvalidField, match=fragment) as caught:
            edit.check_attendee(doc=doc, draft=draft)
        assert caught.value.field == field
    # Her own unchanged address is fine when she is the one being edited.
    clean = edit.check_attendee(doc=doc, draft=replace(SOPHIE, phone="0470 99 88 77"), attendee_id=saved.id)
    assert clean.email == "Sophie@example.be" and clean.phone.startswith("+")
    edit.add_company(doc=doc, draft=CompanyDraft(name="Galápagos NV"))
    with pytest.raises(InvalidField) as caught:
        edit.check_company(doc=doc, draft=CompanyDraft(name="galapagos nv"))
    assert caught.value.field == "name"
    assert history(doc).undo_label == "Add company"
    assert len(people(doc)) == 1
