from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import select

from eventdesk.domain.changes import Entity
from eventdesk.domain.enums import ScanVerdict
from eventdesk.domain.errors import ValidationError
from eventdesk.domain.signing import new_key_pair
from eventdesk.domain.tokens import encode_token
from eventdesk.persistence.document import EventDocument
from eventdesk.persistence.tables import ExternalCode, Lead
from eventdesk.scanning.keyboard_layouts import type_as
from eventdesk.services.leads.booth import (
    LeadEdit,
    LeadScanner,
    ScanOutcome,
    booth_staff,
    delete_lead,
    get_lead,
    list_leads,
    parse_rating,
    sync_meeting_leads,
    update_lead,
)
from eventdesk.services.undo import history
from tests.factories import EventFactory, event_seed
from tests.services.leads.support import (
    add_meetings,
    company_with_staff,
    event_row,
    lead_count,
    token,
    visitors,
)


@pytest.fixture
def doc(events: EventFactory) -> Iterator[EventDocument]:
    document = events.demo(attendees=150, companies=5, seed=21)
    yield document
    document.close()


@pytest.fixture
def booth(doc: EventDocument) -> LeadScanner:
    company, _ = company_with_staff(doc)
    return LeadScanner(doc=doc, company_id=company.id, staff="Ingrid Ødegård")


def test_a_badge_of_someone_who_agreed_becomes_a_lead_with_their_details(
    doc: EventDocument, booth: LeadScanner
) -> None:
    person = visitors(doc, consent=True, count=1)[0]
    result = booth.scan(token(doc, person.id), rating="Hot", note="Wants a QA role", tags=["QA", " qa "])
    assert result.outcome is ScanOutcome.NEW and result.recorded
    assert result.changes.touches(Entity.LEADS)
    lead = result.lead
    assert lead is not None and lead.shared
    assert lead.name == f"{person.given_name} {person.family_name}"
    assert (lead.email, lead.phone, lead.organisation) == (person.email, person.phone, person.organisation)
    assert (lead.rating, lead.notes, lead.tags, lead.staff) == (
        "hot",
        "Wants a QA role",
        ("QA",),
        "Ingrid Ødegård",
    )
    assert person.given_name in result.message
    assert list_leads(doc=doc, company_id=booth.company_id) == [lead]


def test_scanning_the_same_person_again_reopens_their_lead(doc: EventDocument, booth: LeadScanner) -> None:
    person = visitors(doc, consent=True, count=1)[0]
    first = booth.scan(token(doc, person.id), rating="warm")
    again = booth.scan(token(doc, person.id), note="Came back with a friend")
    assert again.outcome is ScanOutcome.AGAIN
    assert again.lead is not None and first.lead is not None
    assert again.lead.id == first.lead.id
    assert (
        again.lead.visits == 2
        and again.lead.rating == "warm"
        and again.lead.notes == "Came back with a friend"
    )
    assert "already a lead" in again.message
    assert lead_count(doc) == 1


def test_someone_who_did_not_agree_is_a_visit_without_name_or_contact(
    doc: EventDocument, booth: LeadScanner
) -> None:
    person = visitors(doc, consent=False, count=1)[0]
    result = booth.scan(token(doc, person.id))
    assert result.outcome is ScanOutcome.VISIT and result.recorded
    lead = result.lead
    assert lead is not None and not lead.shared
    assert (lead.name, lead.email, lead.phone, lead.organisation, lead.job_title) == ("", "", "", "", "")
    assert person.family_name not in result.message and "did not agree" in result.message
    assert lead.label.startswith("Visitor")
    # The organiser's own event keeps who it was, so a second scan finds the same lead…
    again = booth.scan(token(doc, person.id))
    assert again.outcome is ScanOutcome.AGAIN and again.lead is not None
    assert again.lead.id == lead.id and not again.lead.shared and again.lead.name == ""
    assert person.given_name not in again.message
    # …and nothing the lead service hands out names them.
    assert all(not view.shared for view in list_leads(doc=doc, company_id=booth.company_id))
    assert person.email not in repr(get_lead(doc=doc, lead_id=lead.id).as_dict())


@pytest.mark.parametrize("layout", ["AZERTY (Belgium)", "AZERTY (France)", "QWERTZ (Germany)"])
def test_a_badge_garbled_by_the_booth_laptop_layout_still_becomes_the_right_lead(
    doc: EventDocument, booth: LeadScanner, layout: str
) -> None:
    person = visitors(doc, consent=True, count=1)[0]
    garbled = type_as(token(doc, person.id), layout)
    assert garbled != token(doc, person.id)
    result = booth.scan(garbled + "\r\n")
    assert result.outcome is ScanOutcome.NEW, result.message
    assert result.lead is not None and result.lead.email == person.email
    assert layout in result.matched_as


def test_a_platform_ticket_code_is_read_as_at_the_door(doc: EventDocument, booth: LeadScanner) -> None:
    person = visitors(doc, consent=True, count=1)[0]
    with doc.session() as session:
        session.add(ExternalCode(attendee_id=person.id, platform="eventbrite", code="EB-123456789"))
    result = booth.scan("eb-123456789")
    assert result.outcome is ScanOutcome.NEW and result.lead is not None and result.lead.email == person.email


def test_another_events_badge_a_forgery_or_garbage_records_nothing(
    doc: EventDocument, booth: LeadScanner, events: EventFactory
) -> None:
    other = events.empty()
    other_event = event_row(other)
    other.close()
    person = visitors(doc, consent=True, count=1)[0]
    foreign = encode_token(
        event_code=other_event.code, serial=person.id, version=1, private_key=event_seed(other_event)
    )
    genuine = token(doc, person.id)
    forged = encode_token(
        event_code=event_row(doc).code, serial=person.id, version=1, private_key=new_key_pair().private_raw
    )
    cases = {
        foreign: ScanVerdict.OTHER_EVENT,
        forged: ScanVerdict.FORGED,
        genuine[:40]: ScanVerdict.UNKNOWN,
        "": ScanVerdict.UNKNOWN,
        "'; DROP TABLE lead; --": ScanVerdict.UNKNOWN,
        "x" * 10_000: ScanVerdict.UNKNOWN,
    }
    for code, verdict in cases.items():
        result = booth.scan(code, rating="hot", note="should not be kept")
        assert result.outcome is ScanOutcome.REFUSED and not result.recorded
        assert result.refusal is verdict
        assert result.message.endswith("Nothing was recorded.") and result.lead is None
    assert "another event" in booth.scan(foreign).message
    assert lead_count(doc) == 0


def test_a_staff_badge_of_the_company_itself_is_not_a_lead(doc: EventDocument) -> None:
    company, staff = company_with_staff(doc)
    booth = LeadScanner(doc=doc, company_id=company.id, staff="Front desk")
    result = booth.scan(token(doc, staff[0].id))
    assert result.outcome is ScanOutcome.REFUSED and company.name in result.message
    assert lead_count(doc) == 0
    assert f"{staff[0].given_name} {staff[0].family_name}".strip() in booth_staff(
        doc=doc, company_id=company.id
    )


def test_a_booth_needs_a_real_company_and_a_staff_name(doc: EventDocument) -> None:
    with pytest.raises(ValidationError, match="no company #999"):
        LeadScanner(doc=doc, company_id=999, staff="Ann")
    with pytest.raises(ValidationError, match="Choose the company"):
        LeadScanner(doc=doc, company_id=None, staff="Ann")
    company, _ = company_with_staff(doc)
    with pytest.raises(ValidationError, match="who is at the booth"):
        LeadScanner(doc=doc, company_id=company.id, staff="   ")


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("Hot", "hot"), (" warm ", "warm"), ("COLD", "cold"), ("4", "4"), ("5/5", "5"), ("", ""), ("none", "")],
)
def test_ratings_are_hot_warm_cold_or_one_to_five(typed: str, stored: str) -> None:
    assert parse_rating(typed) == stored


@pytest.mark.parametrize("typed", ["6", "0", "very hot", "4.5"])
def test_other_ratings_are_refused_in_one_sentence(typed: str) -> None:
    with pytest.raises(ValidationError, match="not a rating"):
        parse_rating(typed)


def test_a_bad_rating_at_the_booth_records_nothing(doc: EventDocument, booth: LeadScanner) -> None:
    person = visitors(doc, consent=True, count=1)[0]
    with pytest.raises(ValidationError):
        booth.scan(token(doc, person.id), rating="10")
    assert lead_count(doc) == 0


def test_rating_notes_and_tags_are_edited_and_the_edit_can_be_undone(
    doc: EventDocument, booth: LeadScanner
) -> None:
    person = visitors(doc, consent=True, count=1)[0]
    lead = booth.scan(token(doc, person.id), rating="cold").lead
    assert lead is not None
    saved = update_lead(
        doc=doc,
        lead_id=lead.id,
        edit=LeadEdit(rating="5", notes="Strong PhD in CAR-T", tags=["cell therapy", "PhD"]),
    )
    assert (saved.lead.rating, saved.lead.notes, saved.lead.tags) == (
        "5",
        "Strong PhD in CAR-T",
        ("cell therapy", "PhD"),
    )
    assert saved.lead.rating_label == "5/5" and saved.changes.touches(Entity.LEADS)
    untouched = update_lead(doc=doc, lead_id=lead.id, edit=LeadEdit(notes="Strong PhD in CAR-T, Leiden"))
    assert untouched.lead.rating == "5" and untouched.lead.tags == ("cell therapy", "PhD")
    history(doc).undo(doc)
    assert get_lead(doc=doc, lead_id=lead.id).notes == "Strong PhD in CAR-T"
    history(doc).undo(doc)
    assert get_lead(doc=doc, lead_id=lead.id).rating == "cold"
    with pytest.raises(ValidationError, match="not a rating"):
        update_lead(doc=doc, lead_id=lead.id, edit=LeadEdit(rating="lukewarm"))


def test_a_lead_scanned_by_mistake_is_deleted_and_comes_back_with_undo(
    doc: EventDocument, booth: LeadScanner
) -> None:
    person = visitors(doc, consent=True, count=1)[0]
    lead = booth.scan(token(doc, person.id), note="oops").lead
    assert lead is not None
    delete_lead(doc=doc, lead_id=lead.id)
    assert lead_count(doc) == 0
    history(doc).undo(doc)
    assert get_lead(doc=doc, lead_id=lead.id).notes == "oops"
    with pytest.raises(ValidationError, match="no lead"):
        delete_lead(doc=doc, lead_id="not-a-lead")


def test_meetings_marked_attended_become_leads_once(doc: EventDocument) -> None:
    company, _ = company_with_staff(doc)
    met = visitors(doc, consent=True, count=3)
    shy = visitors(doc, consent=False, count=1)[0]
    add_meetings(doc, company_id=company.id, attendee_ids=[met[0].id, met[1].id, shy.id], status="attended")
    add_meetings(doc, company_id=company.id, attendee_ids=[met[2].id], status="no_show")
    booth = LeadScanner(doc=doc, company_id=company.id, staff="Ann")  # opening the booth brings them in
    leads = list_leads(doc=doc, company_id=company.id)
    assert sorted(lead.source for lead in leads) == ["meeting", "meeting", "meeting"]
    assert {lead.email for lead in leads if lead.shared} == {met[0].email, met[1].email}
    assert sum(1 for lead in leads if not lead.shared) == 1
    assert all(lead.notes.startswith("meeting note") for lead in leads)
    # A second sync, and a booth scan of someone already met, add nothing.
    assert not sync_meeting_leads(doc=doc).touches(Entity.LEADS)
    assert booth.scan(token(doc, met[0].id)).outcome is ScanOutcome.AGAIN
    assert lead_count(doc) == 3


def test_a_person_scanned_before_their_meeting_keeps_one_lead(doc: EventDocument, booth: LeadScanner) -> None:
    person = visitors(doc, consent=True, count=1)[0]
    booth.scan(token(doc, person.id), rating="hot")
    add_meetings(doc, company_id=booth.company_id, attendee_ids=[person.id], status="attended")
    sync_meeting_leads(doc=doc, company_id=booth.company_id)
    with doc.session() as session:
        rows = session.execute(select(Lead)).scalars().all()
    assert [(r.source, r.rating) for r in rows] == [("scan", "hot")]


def test_two_booth_laptops_scanning_the_same_person_at_once_make_one_lead(
    doc: EventDocument, booth: LeadScanner, monkeypatch: pytest.MonkeyPatch
) -> None:
    person = visitors(doc, consent=True, count=1)[0]
    original = LeadScanner._new_lead
    raced: list[bool] = []

    def other_laptop_first(self: LeadScanner, session, attendee_id, *args):  # type: ignore[no-untyped-def]
        if not raced and attendee_id is not None:
            raced.append(True)
            LeadScanner(doc=doc, company_id=self.company_id, staff="Second laptop").scan(
                token(doc, attendee_id)
            )
        return original(self, session, attendee_id, *args)

    monkeypatch.setattr(LeadScanner, "_new_lead", other_laptop_first)
    result = booth.scan(token(doc, person.id), rating="hot")
    assert raced and result.outcome is ScanOutcome.AGAIN
    assert result.lead is not None and result.lead.staff == "Second laptop" and result.lead.rating == "hot"
    assert lead_count(doc) == 1


def test_only_active_staff_of_the_company_are_offered_as_who_is_scanning(doc: EventDocument) -> None:
    """The default "Scanning:" name was a cancelled ticket holder (first in the alphabet)."""
    from eventdesk.domain.enums import AttendeeStatus
    from eventdesk.persistence.tables import Attendee

    company, staff = company_with_staff(doc)
    first = min(staff, key=lambda a: (a.family_name, a.given_name))
    name = f"{first.given_name} {first.family_name}".strip()
    assert name in booth_staff(doc=doc, company_id=company.id)
    with doc.session() as session:
        row = session.get(Attendee, first.id)
        assert row is not None
        row.status = AttendeeStatus.CANCELLED.value
        session.add(row)
        session.commit()
    offered = booth_staff(doc=doc, company_id=company.id)
    assert name not in offered
    with doc.session() as session:
        others = [a for a in staff if a.id != first.id]
        active = {
            f"{a.given_name} {a.family_name}".strip()
            for a in others
            if session.get(Attendee, a.id).status == AttendeeStatus.REGISTERED.value  # type: ignore[union-attr]
        }
    assert set(offered) == active


def test_a_meeting_partner_without_consent_is_named_with_a_profile_but_no_contact_details(
    doc: EventDocument,
) -> None:
    """The consent rule (domain/sharing.py): booth mode called a meeting partner "Visitor
    (details not shared)" while the company's meeting list named them."""
    from eventdesk.services.leads.booth import NOT_SHARED

    company, _staff = company_with_staff(doc)
    partner, stranger = visitors(doc, consent=False, count=2)
    add_meetings(doc, company_id=company.id, attendee_ids=[partner.id], status="scheduled")
    booth = LeadScanner(doc=doc, company_id=company.id, staff="Front desk")
    met = booth.scan(token(doc, partner.id)).lead
    passer_by = booth.scan(token(doc, stranger.id)).lead
    assert met is not None and passer_by is not None
    assert met.name and met.label == met.name and met.organisation == partner.organisation
    assert (met.email, met.phone) == ("", "") and not met.shared
    assert passer_by.label == NOT_SHARED and passer_by.name == ""
    listed = {lead.id: lead for lead in list_leads(doc=doc, company_id=company.id)}
    assert listed[met.id].name == met.name and listed[met.id].email == ""
    assert get_lead(doc=doc, lead_id=met.id).name == met.name
