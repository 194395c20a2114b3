from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from eventdesk.domain.errors import EventFileError, ValidationError
from eventdesk.persistence.document import EventDocument
from eventdesk.persistence.tables import Attendee, Lead
from eventdesk.scanning.keyboard_layouts import type_as
from eventdesk.services.events import event_summary
from eventdesk.services.leads.booth import LeadEdit, LeadScanner, ScanOutcome, list_leads, update_lead
from eventdesk.services.leads.kit_contents import kit_counts
from eventdesk.services.leads.kits import NotAKitError, kit_info, make_kit, merge_kits
from tests.factories import EventFactory
from tests.services.leads.support import (
    add_meetings,
    assert_kit_holds_nothing_of_outsiders,
    company_with_staff,
    lead_count,
    lead_rows,
    outsiders,
    silent_partners,
    token,
    visitors,
)


@pytest.fixture
def doc(events: EventFactory) -> Iterator[EventDocument]:
    document = events.demo(attendees=200, companies=5, seed=5)
    yield document
    document.close()


@pytest.fixture
def company_id(doc: EventDocument) -> int:
    company, _ = company_with_staff(doc)
    assert company.id is not None
    return company.id


@pytest.fixture
def busy_event(doc: EventDocument, company_id: int) -> EventDocument:
    """The organiser already has leads and attended meetings of people on both sides of consent."""
    agreed = visitors(doc, consent=True, count=4)
    refused = visitors(doc, consent=False, count=4)
    add_meetings(
        doc,
        company_id=company_id,
        attendee_ids=[agreed[0].id, refused[0].id, refused[1].id],
        status="attended",
    )
    add_meetings(doc, company_id=company_id, attendee_ids=[agreed[1].id, refused[2].id], status="scheduled")
    booth = LeadScanner(doc=doc, company_id=company_id, staff="Organiser laptop")
    booth.scan(token(doc, agreed[2].id), rating="warm")
    booth.scan(token(doc, refused[3].id), note=f"talked to {refused[3].given_name} {refused[3].family_name}")
    return doc


def _open(path: Path) -> EventDocument:
    return EventDocument.open(path)


def test_the_kit_file_holds_nothing_of_people_who_did_not_agree(
    busy_event: EventDocument, company_id: int, tmp_path: Path
) -> None:
    made = make_kit(doc=busy_event, company_id=company_id, path=tmp_path / "kit")
    assert made.path == tmp_path / "kit.eventdesk" and made.path.exists()
    cells = assert_kit_holds_nothing_of_outsiders(made.path, busy_event, company_id)
    assert cells > 1_000  # the check really read the file
    conn = sqlite3.connect(made.path)
    try:
        assert conn.execute("SELECT signing_key FROM event").fetchall() == [(None,)]
        assert conn.execute("SELECT id FROM company").fetchall() == [(company_id,)]
        for table in ("external_code", "scan", "badge_print", "wish", "availability"):
            assert conn.execute(f"SELECT count(*) FROM {table}").fetchone() == (0,), table
        # Of the people in it: no registration history, no search text holding ticket codes.
        assert {r[0] for r in conn.execute("SELECT status FROM attendee")} == {"registered"}
        # Those who did not agree are there only as meeting partners, without e-mail or phone.
        silent = conn.execute(
            "SELECT id, email, phone, email_key FROM attendee WHERE consent_share = 0 AND company_id IS NULL"
        ).fetchall()
        assert {row[0] for row in silent} == {p.id for p in silent_partners(busy_event, company_id)}
        assert len(silent) == 3 and all(row[1:] == (None, "", None) for row in silent)
    finally:
        conn.close()


def test_the_kit_holds_the_consenting_attendees_the_staff_the_meeting_partners_and_all_meetings(
    busy_event: EventDocument, company_id: int, tmp_path: Path
) -> None:
    before = kit_counts(doc=busy_event, company_id=company_id)
    made = make_kit(doc=busy_event, company_id=company_id, path=tmp_path / "kit.eventdesk")
    assert made.counts == before  # what the dialog announced is what the kit holds
    with busy_event.session() as session:
        consenting = session.execute(
            select(Attendee.id).where(
                Attendee.consent_share.is_(True),
                Attendee.status == "registered",
                (Attendee.company_id != company_id) | Attendee.company_id.is_(None),
            )
        ).scalars()
        expected = set(consenting)
        everyone = session.execute(select(func.count()).select_from(Attendee)).scalar_one()
    partners = {p.id for p in silent_partners(busy_event, company_id)}
    assert (made.counts.shared, made.counts.partners) == (len(expected), 3)
    assert made.counts.left_out == everyone - len(expected) - 3 - made.counts.staff
    assert made.counts.left_out >= len(outsiders(busy_event, company_id))  # and who cancelled
    assert (made.counts.meetings, made.counts.meetings_left_out) == (5, 0)
    assert made.counts.leads == 5  # 2 scans and 3 attended meetings
    kit = _open(made.path)
    try:
        with kit.session() as session:
            in_kit = {a.id for a in session.execute(select(Attendee)).scalars() if a.company_id != company_id}
            sample = session.get(Attendee, min(expected))
            partner = session.get(Attendee, min(partners))
            with busy_event.session() as source:
                original = source.get(Attendee, min(expected))
                original_partner = source.get(Attendee, min(partners))
            assert (sample.email, sample.phone, sample.job_title, sample.interests) == (
                original.email,
                original.phone,
                original.job_title,
                original.interests,
            )
            assert (partner.family_name, partner.degree, partner.interests, partner.email, partner.phone) == (
                original_partner.family_name,
                original_partner.degree,
                original_partner.interests,
                None,
                "",
            )
        assert in_kit == expected | partners
        leads = list_leads(doc=kit, company_id=None)
        assert sum(1 for lead in leads if lead.shared) == 2
        # The two attended meeting partners are named; the booth visitor who did not agree is not.
        assert sorted(bool(lead.name) for lead in leads if not lead.shared) == [False, True, True]
        assert all(lead.notes == "" for lead in leads if not lead.shared and not lead.name)
    finally:
        kit.close()
    summary = made.summary
    for line in before.lines():
        assert line in summary


def test_a_kit_opens_in_eventdesk_and_says_it_is_a_kit(
    doc: EventDocument, company_id: int, tmp_path: Path
) -> None:
    made = make_kit(doc=doc, company_id=company_id, path=tmp_path / "booth.eventdesk")
    assert kit_info(doc=doc) is None
    kit = _open(made.path)
    try:
        info = kit_info(doc=kit)
        assert info is not None and info.company_id == company_id and info.company_name == made.company_name
        assert info.source_event_code == event_summary(doc=doc).code
        assert not event_summary(doc=kit).can_sign
        with pytest.raises(ValidationError, match="kit"):
            make_kit(doc=kit, company_id=company_id, path=tmp_path / "again.eventdesk")
        with pytest.raises(ValidationError, match="This kit is for"):
            LeadScanner(doc=kit, company_id=company_id + 1, staff="Ann")
    finally:
        kit.close()


def test_a_booth_scans_offline_in_the_kit(doc: EventDocument, company_id: int, tmp_path: Path) -> None:
    agreed = visitors(doc, consent=True, count=2)
    refused = visitors(doc, consent=False, count=1)[0]
    badges = {p.id: token(doc, p.id) for p in [*agreed, refused]}
    made = make_kit(doc=doc, company_id=company_id, path=tmp_path / "kit.eventdesk")
    kit = _open(made.path)
    try:
        booth = LeadScanner(doc=kit, company_id=None, staff="Jan")
        new = booth.scan(type_as(badges[agreed[0].id], "AZERTY (Belgium)"), rating="hot")
        assert new.outcome is ScanOutcome.NEW and new.lead is not None and new.lead.email == agreed[0].email
        assert booth.scan(badges[agreed[0].id]).outcome is ScanOutcome.AGAIN
        first_visit = booth.scan(badges[refused.id], note="asked about internships")
        second_visit = booth.scan(badges[refused.id])
        for visit in (first_visit, second_visit):
            assert visit.outcome is ScanOutcome.VISIT and visit.lead is not None and not visit.lead.shared
            assert refused.given_name not in visit.message
        # Without their serial the kit cannot tell it was the same person: two visits.
        assert first_visit.lead.id != second_visit.lead.id
        with kit.session() as session:
            visits = session.execute(select(Lead).where(Lead.attendee_id.is_(None))).scalars().all()
        assert len(visits) == 2
    finally:
        kit.close()
    assert_kit_holds_nothing_of_outsiders(made.path, doc, company_id)


def test_merging_kits_brings_their_leads_back_once(
    busy_event: EventDocument, company_id: int, tmp_path: Path
) -> None:
    made = make_kit(doc=busy_event, company_id=company_id, path=tmp_path / "kit.eventdesk")
    before = lead_count(busy_event)
    agreed = visitors(busy_event, consent=True, count=1, skip=6)[0]
    refused = visitors(busy_event, consent=False, count=1, skip=6)[0]
    badges = (token(busy_event, agreed.id), token(busy_event, refused.id))
    kit = _open(made.path)
    try:
        booth = LeadScanner(doc=kit, company_id=None, staff="Jan")
        lead = booth.scan(badges[0], rating="4", tags=["bioinformatics"]).lead
        booth.scan(badges[1], note="visit at the booth")
    finally:
        kit.close()

    report = merge_kits(doc=busy_event, paths=[made.path])
    assert [(k.added, k.updated, k.unchanged) for k in report.kits] == [(2, 0, 5)]
    assert lead_count(busy_event) == before + 2
    merged = {view.id: view for view in list_leads(doc=busy_event, company_id=company_id)}
    assert lead is not None and merged[lead.id].email == agreed.email and merged[lead.id].rating == "4"
    with busy_event.session() as session:
        bare = session.execute(select(Lead).where(Lead.notes == "visit at the booth")).scalar_one()
        assert bare.attendee_id is None
    rows = lead_rows(busy_event)

    again = merge_kits(doc=busy_event, paths=[made.path, made.path])
    assert [(k.added, k.updated) for k in again.kits] == [(0, 0), (0, 0)]
    assert lead_rows(busy_event) == rows

    # A later edit in the kit comes through on the next merge.
    kit = _open(made.path)
    try:
        update_lead(doc=kit, lead_id=lead.id, edit=LeadEdit(rating="hot", notes="Call on Monday"))
    finally:
        kit.close()
    third = merge_kits(doc=busy_event, paths=[made.path])
    assert third.kits[0].updated == 1
    assert {v.id: v for v in list_leads(doc=busy_event, company_id=company_id)}[lead.id].rating == "hot"


def test_a_kit_lead_of_someone_the_organiser_already_has_joins_their_lead(
    doc: EventDocument, company_id: int, tmp_path: Path
) -> None:
    person = visitors(doc, consent=True, count=1)[0]
    made = make_kit(doc=doc, company_id=company_id, path=tmp_path / "kit.eventdesk")
    LeadScanner(doc=doc, company_id=company_id, staff="Organiser").scan(
        token(doc, person.id), note="met at lunch"
    )
    kit = _open(made.path)
    try:
        LeadScanner(doc=kit, company_id=None, staff="Jan").scan(
            token(doc, person.id), note="PhD defence in May", tags=["PhD"]
        )
    finally:
        kit.close()
    merge_kits(doc=doc, paths=[made.path])
    merge_kits(doc=doc, paths=[made.path])
    [lead] = list_leads(doc=doc, company_id=company_id)
    assert lead.notes == "met at lunch\nPhD defence in May" and lead.tags == ("PhD",)


def test_a_kit_of_another_event_is_refused_and_nothing_is_merged(
    doc: EventDocument, company_id: int, events: EventFactory, tmp_path: Path
) -> None:
    other = events.demo(attendees=60, companies=5, seed=5)  # same companies and people, another key
    try:
        foreign = make_kit(doc=other, company_id=company_id, path=tmp_path / "foreign.eventdesk")
    finally:
        other.close()
    kit = _open(foreign.path)
    try:
        person_id = visitors(kit, consent=True, count=1)[0].id
        with kit.session() as session:
            session.add(
                Lead(id="5e0c1e4c-0000-4000-8000-000000000001", company_id=company_id, attendee_id=person_id)
            )
    finally:
        kit.close()
    own = make_kit(doc=doc, company_id=company_id, path=tmp_path / "own.eventdesk")
    kit = _open(own.path)
    try:
        LeadScanner(doc=kit, company_id=None, staff="Jan").scan(
            token(doc, visitors(doc, consent=True, count=1)[0].id)
        )
    finally:
        kit.close()
    with pytest.raises(ValidationError, match=r"is a kit of .* not of this event .*; nothing was merged"):
        merge_kits(doc=doc, paths=[own.path, foreign.path])
    assert lead_count(doc) == 0


def test_a_file_that_is_not_a_kit_is_refused_in_one_sentence(
    doc: EventDocument, events: EventFactory, tmp_path: Path
) -> None:
    event_file = events.demo_path(attendees=20, companies=2, seed=1)
    with pytest.raises(NotAKitError, match="is an event, not an exhibitor kit"):
        merge_kits(doc=doc, paths=[event_file])
    text = tmp_path / "notes.eventdesk"
    text.write_text("booth notes, not a kit\n", encoding="utf-8")
    with pytest.raises(EventFileError, match="not an eventdesk event file"):
        merge_kits(doc=doc, paths=[text])
    with pytest.raises(EventFileError, match="no kit file"):
        merge_kits(doc=doc, paths=[tmp_path / "missing.eventdesk"])
    assert lead_count(doc) == 0
    assert text.read_text(encoding="utf-8") == "booth notes, not a kit\n"


def test_kits_are_made_and_merged_only_where_it_makes_sense(
    doc: EventDocument, company_id: int, tmp_path: Path
) -> None:
    with pytest.raises(ValidationError, match="no company #404"):
        make_kit(doc=doc, company_id=404, path=tmp_path / "kit.eventdesk")
    with pytest.raises(EventFileError, match="cannot replace the event"):
        make_kit(doc=doc, company_id=company_id, path=doc.display_location, overwrite=True)
    made = make_kit(doc=doc, company_id=company_id, path=tmp_path / "kit.eventdesk")
    with pytest.raises(EventFileError, match="already exists"):
        make_kit(doc=doc, company_id=company_id, path=made.path)
    kit = _open(made.path)
    try:
        with pytest.raises(ValidationError, match="merge kits into the organiser's event"):
            merge_kits(doc=kit, paths=[made.path])
    finally:
        kit.close()
    assert not list(tmp_path.glob("*.part"))


def test_a_kit_from_a_postgresql_event_and_back(postgres_url: str, tmp_path: Path) -> None:
    from eventdesk.services.demo import DemoSpec, generate_demo

    doc = generate_demo(target=postgres_url, spec=DemoSpec(attendees=120, companies=4, seed=8))
    try:
        company, _ = company_with_staff(doc)
        assert company.id is not None
        agreed, refused = visitors(doc, consent=True, count=1)[0], visitors(doc, consent=False, count=1)[0]
        LeadScanner(doc=doc, company_id=company.id, staff="Desk").scan(token(doc, refused.id), rating="cold")
        made = make_kit(doc=doc, company_id=company.id, path=tmp_path / "kit.eventdesk")
        assert_kit_holds_nothing_of_outsiders(made.path, doc, company.id)
        kit = _open(made.path)
        try:
            LeadScanner(doc=kit, company_id=None, staff="Jan").scan(token(doc, agreed.id), rating="hot")
        finally:
            kit.close()
        assert merge_kits(doc=doc, paths=[made.path]).kits[0].added == 1
        assert merge_kits(doc=doc, paths=[made.path]).kits[0].added == 0
        leads = list_leads(doc=doc, company_id=company.id)
        assert sorted((lead.shared, lead.rating) for lead in leads) == [(False, "cold"), (True, "hot")]
    finally:
        doc.close()
