from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from eventdesk.domain.enums import ScanVerdict
from eventdesk.domain.errors import ValidationError
from eventdesk.persistence.tables import Attendee, ExternalCode, Lead, Meeting, Scan
from eventdesk.services.door.checkin import CheckInDesk
from eventdesk.services.leads.kits import make_kit
from eventdesk.services.people.edit import delete_attendees
from eventdesk.services.privacy.erase import PSEUDONYM_PREFIX, erase_person
from eventdesk.services.privacy.figures import report_figures
from tests.services.leads.support import token
from tests.services.privacy.support import busy_event, raw_bytes


@pytest.fixture
def doc(events):
    document = events.demo(attendees=200, companies=8)
    yield document
    document.close()


def _person(doc, attendee_id):
    with doc.session() as session:
        return session.get(Attendee, attendee_id)


def test_erasing_keeps_the_counts_under_a_pseudonym_and_leaves_no_trace(doc):
    people = busy_event(doc, arrivals=30)
    target = people["with_leads"][1]
    before = _person(doc, target)
    badge = token(doc, target)
    figures = report_figures(doc=doc)

    result, _ = erase_person(doc=doc, attendee_id=target)

    after = _person(doc, target)
    assert after.family_name.startswith(PSEUDONYM_PREFIX) and after.family_name == result.pseudonym
    assert (after.given_name, after.email, after.phone, after.organisation) == ("", None, "", "")
    assert (result.scans, result.meetings, result.leads) == (1, 1, 1)
    assert report_figures(doc=doc).leads_per_company == figures.leads_per_company
    with doc.session() as session:
        assert session.execute(select(ExternalCode).where(ExternalCode.attendee_id == target)).first() is None
        assert session.execute(select(Lead.notes).where(Lead.attendee_id == target)).scalar_one() == ""
        assert session.execute(select(Meeting.note).where(Meeting.attendee_id == target)).scalar_one() == ""
    data = raw_bytes(Path(doc.display_location))
    assert before.email.encode() not in data
    assert f"{before.given_name} {before.family_name}".encode() not in data
    # Their badge is withdrawn, and the door says why.
    verdict = CheckInDesk(doc=doc, desk="Door B").scan(badge)
    assert verdict.verdict is ScanVerdict.CANCELLED
    assert "erased at their request" in verdict.reason


def test_erasing_names_the_exhibitor_kits_made_earlier_that_contain_them(doc, tmp_path):
    with doc.session() as session:
        person = (
            session.execute(
                select(Attendee).where(Attendee.consent_share.is_(True), Attendee.company_id.is_(None))
            )
            .scalars()
            .first()
        )
    made = make_kit(doc=doc, company_id=2, path=tmp_path / "kit2")
    result, _ = erase_person(doc=doc, attendee_id=person.id)
    assert [c.company for c in result.copies] == [made.company_name]
    assert made.company_name in result.copies_sentence


def test_a_deleted_person_can_still_be_erased_from_the_scan_log(doc):
    people = busy_event(doc, arrivals=5)
    target = people["arrived"][2]
    desk = CheckInDesk(doc=doc, desk="Door A")
    desk.admit(target)  # "#ID (name search)" in the log
    # A scan logged before deleting cleared texts (an older eventdesk): the id is in the text.
    with doc.session() as session:
        session.execute(Scan.__table__.update().where(Scan.attendee_id == target).values(attendee_id=None))
        session.execute(Attendee.__table__.delete().where(Attendee.id == target))
    with pytest.raises(ValidationError):
        erase_person(doc=doc, attendee_id=9999)
    result, _ = erase_person(doc=doc, attendee_id=target)
    assert not result.was_present and result.scans == 2
    with doc.session() as session:
        texts = session.execute(select(Scan.scanned_text).where(Scan.attendee_id.is_(None))).scalars().all()
    assert not any(str(target) in t for t in texts if t)


def test_deleting_an_attendee_clears_their_id_from_the_scan_log_text(doc):
    people = busy_event(doc, arrivals=4)
    target = people["arrived"][0]
    with doc.session() as session:
        theirs = session.execute(select(Scan.id).where(Scan.attendee_id == target)).scalars().all()
    delete_attendees(doc=doc, attendee_ids=[target])
    with doc.session() as session:
        texts = session.execute(select(Scan.scanned_text).where(Scan.id.in_(theirs))).scalars().all()
        others = session.execute(
            select(func.count()).select_from(Scan).where(Scan.scanned_text != "")
        ).scalar_one()
    assert len(theirs) == 1 and texts == [""]
    assert others == 3  # the other people's scans keep their text


def test_erasing_clears_the_scan_log_messages_too(doc):
    people = busy_event(doc, arrivals=5)
    target = people["with_leads"][1]
    desk = CheckInDesk(doc=doc, desk="Door A")
    desk.scan(token(doc, target))
    desk.undo(target, reason="Annemieke left with her sister")
    with doc.session() as session:
        kept = session.execute(select(Scan.reason_message).where(Scan.attendee_id == target)).scalars().all()
    assert any(text and "Annemieke" in text for text in kept)
    erase_person(doc=doc, attendee_id=target)
    with doc.session() as session:
        rows = session.execute(
            select(Scan.reason, Scan.reason_message).where(Scan.attendee_id == target)
        ).all()
    assert rows and all(reason == "" and stored is None for reason, stored in rows)
    assert b"Annemieke" not in raw_bytes(Path(doc.display_location))
