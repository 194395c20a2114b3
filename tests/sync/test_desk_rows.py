"""Everything a desk makes besides scans reaches the other desks: leads scanned at a booth,
badges reprinted at a desk, ticket codes, walk-ins' interests, company and consent edits — each made at
desk A while the hub was away, found at desk B after both synced, sent once however often the
push is repeated, and never doubled."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import func, select

from eventdesk.domain.enums import ScanVerdict
from eventdesk.domain.people import AttendeeDraft
from eventdesk.persistence.document import EventDocument
from eventdesk.persistence.tables import Attendee, BadgePrint, Company, ExternalCode, Lead
from eventdesk.services.badges.batches import record_badges_printed
from eventdesk.services.door.checkin import CheckInDesk
from eventdesk.services.leads.booth import LeadScanner
from eventdesk.services.people.edit import (
    add_attendee,
    edit_attendee,
    edit_company,
    get_attendee,
    get_company,
    set_codes,
)
from eventdesk.sync import push as push_module
from eventdesk.sync.rounds import DeskSync
from tests.sync.desk_hub import badge
from tests.sync.test_replica import count, sync

pytestmark = pytest.mark.postgres


def offline(hub, path: Path, make) -> None:  # type: ignore[no-untyped-def]
    """Make something at a desk whose hub does not answer, then sync it twice over: once
    killed after the hub committed (the batch goes again), then normally."""
    doc = EventDocument.open(path)
    hub.cut()
    try:
        make(doc)
        assert not DeskSync(doc).run_round().reached
    finally:
        hub.link.heal()
        doc.close()
    killed = pytest.MonkeyPatch()

    def kill(*_args: object, **_kwargs: object) -> None:
        raise KeyboardInterrupt

    killed.setattr(push_module, "forget_sent", kill)
    doc = EventDocument.open(path)
    with pytest.raises(KeyboardInterrupt):
        DeskSync(doc).run_round()
    doc.close()
    killed.undo()
    sync(path)


def visitors(hub_doc: EventDocument) -> list[int]:
    """People a booth may make a lead of with their details: visitors who agreed to share."""
    with hub_doc.engine.connect() as conn:
        return list(
            conn.execute(
                select(Attendee.id)
                .where(
                    Attendee.company_id.is_(None), Attendee.consent_share, Attendee.ticket_type == "visitor"
                )
                .order_by(Attendee.id)
            ).scalars()
        )


def test_a_lead_scanned_at_a_booth_offline_reaches_the_other_desk_once(hub):
    a, b = hub.join("Booth A"), hub.join("Booth B")
    hub_doc = hub.doc()
    person = visitors(hub_doc)[0]
    code = badge(hub_doc, person)

    def scan_lead(doc: EventDocument) -> None:
        scanner = LeadScanner(doc=doc, company_id=1, staff="Ines")
        assert scanner.scan(code, rating="hot", note="Wants the QA role").lead is not None

    offline(hub, a, scan_lead)
    sync(b)
    assert count(hub_doc, select(func.count()).select_from(Lead).where(Lead.attendee_id == person)) == 1
    replica_b = EventDocument.open(b)
    with replica_b.engine.connect() as conn:
        leads = conn.execute(
            select(Lead.rating, Lead.notes, Lead.visits).where(Lead.attendee_id == person)
        ).all()
    assert [tuple(lead) for lead in leads] == [("hot", "Wants the QA role", 1)]
    replica_b.close()
    hub_doc.close()


def test_one_person_scanned_by_two_booth_laptops_of_one_company_offline_is_one_lead(hub):
    a, b = hub.join("Booth A"), hub.join("Booth B")
    hub_doc = hub.doc()
    person = visitors(hub_doc)[1]
    code = badge(hub_doc, person)
    for path, note in ((a, "Met at the booth"), (b, "Came back after the talk")):
        doc = EventDocument.open(path)
        assert LeadScanner(doc=doc, company_id=2, staff="Jonas").scan(code, note=note).lead is not None
        doc.close()
    offline(hub, a, lambda doc: None)
    offline(hub, b, lambda doc: None)
    sync(a)
    with hub_doc.engine.connect() as conn:
        leads = conn.execute(
            select(Lead.id, Lead.visits, Lead.notes).where(Lead.company_id == 2, Lead.attendee_id == person)
        ).all()
    assert len(leads) == 1
    assert leads[0].visits == 2
    assert "Met at the booth" in leads[0].notes and "Came back after the talk" in leads[0].notes
    for path in (a, b):
        doc = EventDocument.open(path)
        with doc.engine.connect() as conn:
            here = conn.execute(select(Lead.id, Lead.visits).where(Lead.attendee_id == person)).all()
        assert [tuple(r) for r in here] == [(leads[0].id, 2)], path.name
        doc.close()
    hub_doc.close()


def test_a_lead_deleted_at_a_booth_is_gone_at_the_other_desk(hub):
    a, b = hub.join("Booth A"), hub.join("Booth B")
    hub_doc = hub.doc()
    doc = EventDocument.open(a)
    lead = LeadScanner(doc=doc, company_id=1, staff="Ines").scan(badge(hub_doc, visitors(hub_doc)[2])).lead
    assert lead is not None
    lead_id = lead.id
    doc.close()
    sync(a)
    sync(b)

    def delete(doc: EventDocument) -> None:
        from eventdesk.services.leads.booth import delete_lead

        delete_lead(doc=doc, lead_id=lead_id)

    offline(hub, a, delete)
    sync(b)
    assert count(hub_doc, select(func.count()).select_from(Lead).where(Lead.id == lead_id)) == 0
    replica_b = EventDocument.open(b)
    assert count(replica_b, select(func.count()).select_from(Lead).where(Lead.id == lead_id)) == 0
    replica_b.close()
    hub_doc.close()


def test_a_badge_reprinted_at_a_desk_replaces_the_old_one_at_every_desk(hub):
    a, b = hub.join("Desk A"), hub.join("Door B")
    hub_doc = hub.doc()
    old_badge = badge(hub_doc, 17)

    def reprint(doc: EventDocument) -> None:
        version = get_attendee(doc=doc, attendee_id=17).badge_version
        record_badges_printed(doc=doc, printed=[(17, version + 1)], layout="A6 badge")

    offline(hub, a, reprint)
    sync(b)
    with hub_doc.engine.connect() as conn:
        prints = conn.execute(
            select(BadgePrint.id, BadgePrint.version).where(BadgePrint.attendee_id == 17)
        ).all()
        version = conn.execute(select(Attendee.badge_version).where(Attendee.id == 17)).scalar_one()
    assert len(prints) == 1 and prints[0].version == version == 2
    replica_b = EventDocument.open(b)
    with replica_b.engine.connect() as conn:
        here = conn.execute(select(BadgePrint.id).where(BadgePrint.attendee_id == 17)).scalars().all()
    assert here == [prints[0].id]
    verdict = CheckInDesk(doc=replica_b, desk="Door B").scan(old_badge)
    assert verdict.verdict is ScanVerdict.REVOKED
    replica_b.close()
    hub_doc.close()


def test_badges_printed_at_two_desks_offline_never_take_one_id(hub):
    a, b = hub.join("Desk A"), hub.join("Desk B")
    for path, person in ((a, 21), (b, 22)):
        doc = EventDocument.open(path)
        record_badges_printed(doc=doc, printed=[(person, 1)], layout="A6 badge")
        doc.close()
    sync(a)
    sync(b)
    sync(a)
    hub_doc = hub.doc()
    with hub_doc.engine.connect() as conn:
        printed = conn.execute(
            select(BadgePrint.attendee_id).where(BadgePrint.attendee_id.in_((21, 22)))
        ).all()
    assert sorted(p.attendee_id for p in printed) == [21, 22]
    for path in (a, b):
        doc = EventDocument.open(path)
        assert (
            count(
                doc, select(func.count()).select_from(BadgePrint).where(BadgePrint.attendee_id.in_((21, 22)))
            )
            == 2
        )
        doc.close()
    hub_doc.close()


def test_a_walk_ins_interests_reach_the_other_desk(hub):
    a, b = hub.join("Door A"), hub.join("Door B")
    made: list[int] = []

    def walk_in(doc: EventDocument) -> None:
        draft = AttendeeDraft(
            given_name="Aino", family_name="Virtanen", interests=("Biostatistics", "Clinical trials")
        )
        made.append(add_attendee(doc=doc, draft=draft, consent_origin="walk-in:Door A").id)

    offline(hub, a, walk_in)
    sync(b)
    replica_b = EventDocument.open(b)
    person = get_attendee(doc=replica_b, attendee_id=made[0])
    assert tuple(person.draft.interests) == ("Biostatistics", "Clinical trials")
    replica_b.close()
    hub_doc = hub.doc()
    assert (
        count(hub_doc, select(func.count()).select_from(Attendee).where(Attendee.family_name == "Virtanen"))
        == 1
    )
    hub_doc.close()


def test_a_company_edited_at_a_desk_reaches_the_other_desk(hub):
    a, b = hub.join("Desk A"), hub.join("Desk B")

    def move_booth(doc: EventDocument) -> None:
        company = get_company(doc=doc, company_id=3)
        edit_company(doc=doc, company_id=3, draft=replace(company.draft, booth="Hall 2 · B14"))

    offline(hub, a, move_booth)
    sync(b)
    replica_b = EventDocument.open(b)
    assert get_company(doc=replica_b, company_id=3).draft.booth == "Hall 2 · B14"
    replica_b.close()
    hub_doc = hub.doc()
    assert count(hub_doc, select(func.count()).select_from(Company)) == 5
    hub_doc.close()


def test_a_consent_given_at_a_desk_reaches_the_other_desk_with_where_it_came_from(hub):
    a, b = hub.join("Door A"), hub.join("Door B")

    def consent(doc: EventDocument) -> None:
        draft = get_attendee(doc=doc, attendee_id=30).draft
        edit_attendee(doc=doc, attendee_id=30, draft=replace(draft, consent_share=not draft.consent_share))

    replica_b = EventDocument.open(b)
    before = get_attendee(doc=replica_b, attendee_id=30).draft.consent_share
    replica_b.close()
    offline(hub, a, consent)
    sync(b)
    replica_b = EventDocument.open(b)
    with replica_b.engine.connect() as conn:
        share, origin = conn.execute(
            select(Attendee.consent_share, Attendee.consent_origin).where(Attendee.id == 30)
        ).one()
    replica_b.close()
    assert share is (not before)
    assert origin == "edit"


def codes_of(path: Path, code: str) -> list[int]:
    doc = EventDocument.open(path)
    try:
        with doc.engine.connect() as conn:
            return list(
                conn.execute(select(ExternalCode.attendee_id).where(ExternalCode.code == code)).scalars()
            )
    finally:
        doc.close()


def test_a_ticket_code_given_at_a_desk_is_accepted_at_the_other_door_and_its_removal_too(hub):
    a, b = hub.join("Desk A"), hub.join("Door B")
    offline(hub, a, lambda doc: set_codes(doc=doc, attendee_id=25, codes=[("Eventbrite", "EB-2026-0042")]))
    sync(b)
    assert codes_of(b, "EB-2026-0042") == [25]
    replica_b = EventDocument.open(b)
    verdict = CheckInDesk(doc=replica_b, desk="Door B").scan("EB-2026-0042")
    replica_b.close()
    assert verdict.admitted and verdict.attendee_id == 25

    offline(hub, a, lambda doc: set_codes(doc=doc, attendee_id=25, codes=[]))
    sync(b)
    assert codes_of(b, "EB-2026-0042") == []
    hub_doc = hub.doc()
    assert (
        count(
            hub_doc, select(func.count()).select_from(ExternalCode).where(ExternalCode.code == "EB-2026-0042")
        )
        == 0
    )
    hub_doc.close()


def test_one_ticket_code_given_to_two_people_at_two_desks_offline_ends_with_one_owner_everywhere(hub):
    a, b = hub.join("Desk A"), hub.join("Desk B")
    for path, person in ((a, 26), (b, 27)):
        doc = EventDocument.open(path)
        set_codes(doc=doc, attendee_id=person, codes=[("Pretix", "PX7Q2M")])
        doc.close()
    sync(a)  # Desk A's reaches the hub first: that one stands
    sync(b)
    sync(a)
    hub_doc = hub.doc()
    with hub_doc.engine.connect() as conn:
        owners = list(
            conn.execute(select(ExternalCode.attendee_id).where(ExternalCode.code == "PX7Q2M")).scalars()
        )
    hub_doc.close()
    assert owners == [26]
    assert codes_of(a, "PX7Q2M") == [26]
    assert codes_of(b, "PX7Q2M") == [26]


def test_a_lead_export_made_at_a_booth_is_in_the_organisers_audit_and_named_when_erasing(hub, tmp_path):
    from eventdesk.services.export_audit import audit_entries, copies_holding
    from eventdesk.services.leads.export import export_leads

    a = hub.join("Booth A")
    hub_doc = hub.doc()
    person = visitors(hub_doc)[3]

    def export(doc: EventDocument) -> None:
        assert LeadScanner(doc=doc, company_id=4, staff="Mette").scan(badge(hub_doc, person)).lead is not None
        export_leads(doc=doc, company_id=4, path=tmp_path / "booth-leads.csv")

    offline(hub, a, export)
    entries = [e for e in audit_entries(doc=hub_doc) if e.file_name.endswith("booth-leads.csv")]
    assert len(entries) == 1 and entries[0].people == 1
    with hub_doc.session() as session:
        assert any(c.file_name.endswith("booth-leads.csv") for c in copies_holding(session, person))
    hub_doc.close()


def test_a_person_deleted_at_a_desk_is_gone_everywhere_and_an_undone_deletion_deletes_nothing(hub):
    from eventdesk.services.people.edit import delete_attendees
    from eventdesk.services.undo import history

    a, b = hub.join("Desk A"), hub.join("Desk B")
    offline(hub, a, lambda doc: delete_attendees(doc=doc, attendee_ids=[33]))

    def delete_and_undo(doc: EventDocument) -> None:
        delete_attendees(doc=doc, attendee_ids=[34])
        history(doc).undo(doc)

    offline(hub, a, delete_and_undo)
    sync(b)
    hub_doc = hub.doc()
    for doc in (hub_doc, EventDocument.open(b), EventDocument.open(a)):
        people = select(func.count()).select_from(Attendee)
        assert count(doc, people.where(Attendee.id == 33)) == 0
        assert count(doc, people.where(Attendee.id == 34)) == 1
        doc.close()
