"""A lead added by name at the booth (no badge to hand): the same rules as a scanned badge."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from eventdesk.domain.errors import ValidationError
from eventdesk.persistence.document import EventDocument
from eventdesk.services.leads.booth import LeadScanner, ScanOutcome, list_leads
from eventdesk.services.leads.kits import make_kit
from eventdesk.services.undo import history
from tests.factories import EventFactory
from tests.services.leads.support import company_with_staff, lead_count, token, visitors


@pytest.fixture
def doc(events: EventFactory) -> Iterator[EventDocument]:
    document = events.demo(attendees=150, companies=5, seed=21)
    yield document
    document.close()


@pytest.fixture
def booth(doc: EventDocument) -> LeadScanner:
    company, _ = company_with_staff(doc)
    return LeadScanner(doc=doc, company_id=company.id, staff="Ingrid Ødegård")


def test_someone_found_by_name_becomes_a_lead_and_their_badge_later_reopens_it(
    doc: EventDocument, booth: LeadScanner
) -> None:
    person = visitors(doc, consent=True, count=1)[0]
    added = booth.add_person(person.id)
    assert added.outcome is ScanOutcome.NEW and added.lead is not None
    assert added.lead.email == person.email and added.matched_as == "name search"
    scanned = booth.scan(token(doc, person.id))
    assert scanned.outcome is ScanOutcome.AGAIN and scanned.lead is not None
    assert scanned.lead.id == added.lead.id and scanned.lead.visits == 2
    assert history(doc).undo_label == "Booth scan"


def test_by_name_someone_who_did_not_agree_is_only_a_visit(doc: EventDocument, booth: LeadScanner) -> None:
    person = visitors(doc, consent=False, count=1)[0]
    added = booth.add_person(person.id)
    assert added.outcome is ScanOutcome.VISIT and added.lead is not None
    assert added.lead.name == "" and person.family_name not in added.message


def test_staff_and_people_no_longer_in_the_event_are_refused(doc: EventDocument, booth: LeadScanner) -> None:
    _, staff = company_with_staff(doc)
    own = booth.add_person(staff[0].id)
    assert own.outcome is ScanOutcome.REFUSED and "staff are not leads" in own.message
    gone = booth.add_person(999_999)
    assert gone.outcome is ScanOutcome.REFUSED and "Nothing was recorded" in gone.message
    assert lead_count(doc) == 0


def test_a_kit_takes_leads_from_badges_only(doc: EventDocument, tmp_path: Path) -> None:
    company, _ = company_with_staff(doc)
    person = visitors(doc, consent=True, count=1)[0]
    made = make_kit(doc=doc, company_id=company.id, path=tmp_path / "kit.eventdesk")
    kit = EventDocument.open(made.path)
    try:
        scanner = LeadScanner(doc=kit, company_id=None, staff="Ingrid")
        with pytest.raises(ValidationError, match="scanned badges only"):
            scanner.add_person(person.id)
        assert list_leads(doc=kit, company_id=None) == []
    finally:
        kit.close()
