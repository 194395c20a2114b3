"""Desk replicas against a real PostgreSQL hub: join, push, pull, merges, double admissions."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from eventdesk.domain.enums import ScanVerdict
from eventdesk.persistence.document import EventDocument
from eventdesk.persistence.sync_tables import AttendeeEdit, SyncOutbox
from eventdesk.persistence.tables import Attendee, Event, Scan
from eventdesk.services.door.checkin import CheckInDesk
from eventdesk.services.people.edit import add_attendee, edit_attendee, get_attendee
from eventdesk.sync import push as push_module
from eventdesk.sync.desks import double_admissions, list_desks
from eventdesk.sync.replica import desk_id_range
from eventdesk.sync.rounds import DeskSync
from tests.sync.desk_hub import badge

pytestmark = pytest.mark.postgres


def sync(path: Path) -> DeskSync:
    doc = EventDocument.open(path)
    desk = DeskSync(doc)
    report = desk.run_round()
    assert report.reached, report.problem
    desk.close()
    doc.close()
    return desk


def count(doc: EventDocument, statement) -> int:  # type: ignore[no-untyped-def]
    with doc.engine.connect() as conn:
        return int(conn.execute(statement).scalar_one())


def test_a_replica_holds_the_event_without_the_signing_key_and_walk_ins_get_this_desks_ids(hub):
    path = hub.join("Door A")
    replica = EventDocument.open(path)
    try:
        assert count(replica, select(func.count()).select_from(Attendee)) == 60
        with replica.engine.connect() as conn:
            signing_key, public_key = conn.execute(select(Event.signing_key, Event.public_key)).one()
        assert signing_key is None and public_key
        from eventdesk.domain.people import AttendeeDraft

        saved = add_attendee(doc=replica, draft=AttendeeDraft(given_name="Walk", family_name="In Person"))
        desk_number = DeskSync(replica).info.desk_number
        assert saved.id in desk_id_range(desk_number)
    finally:
        replica.close()


def test_scans_go_up_once_however_often_they_are_sent_and_other_desks_see_them(hub, monkeypatch):
    a, b = hub.join("Door A"), hub.join("Door B")
    hub_doc = hub.doc()
    # Signed now: monkeypatch.undo() below also undoes the test's own config folder (and keyring).
    badge_7 = badge(hub_doc, 7)
    replica_a = EventDocument.open(a)
    verdict = CheckInDesk(doc=replica_a, desk="Door A").scan(badge_7)
    assert verdict.admitted
    replica_a.close()

    # Killed after the hub committed, before the outbox was cleared: the batch goes again.
    def killed(*_args, **_kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(push_module, "forget_sent", killed)
    doc = EventDocument.open(a)
    with pytest.raises(KeyboardInterrupt):
        DeskSync(doc).run_round()
    doc.close()
    monkeypatch.undo()
    sync(a)
    sync(a)
    assert count(hub_doc, select(func.count()).select_from(Scan).where(Scan.id == verdict.scan_id)) == 1
    replica_a = EventDocument.open(a)
    assert count(replica_a, select(func.count()).select_from(SyncOutbox)) == 0
    replica_a.close()

    sync(b)
    replica_b = EventDocument.open(b)
    again = CheckInDesk(doc=replica_b, desk="Door B").scan(badge_7)
    assert again.verdict is ScanVerdict.ALREADY_ADMITTED
    assert again.first_desk == "Door A"
    replica_b.close()
    desks = {d.name: d for d in list_desks(doc=hub_doc)}
    assert desks["Door A"].last_contact is not None and desks["Door A"].unsent_scans == 0
    hub_doc.close()


def test_two_offline_admissions_of_one_badge_are_both_kept_and_flagged(hub):
    a, b = hub.join("Door A"), hub.join("Door B")
    hub_doc = hub.doc()
    code = badge(hub_doc, 12)
    for path, desk in ((a, "Door A"), (b, "Door B")):
        replica = EventDocument.open(path)
        assert CheckInDesk(doc=replica, desk=desk).scan(code).admitted
        replica.close()
    sync(a)
    sync(b)
    doubles = double_admissions(doc=hub_doc)
    assert len(doubles) == 1
    twice = doubles[0]
    assert twice.attendee_id == 12
    assert {twice.first.desk, twice.second.desk} == {"Door A", "Door B"}
    assert "admitted twice — Door A" in twice.text() and "(offline)" in twice.text()
    assert count(hub_doc, select(func.count()).select_from(Scan).where(Scan.attendee_id == 12)) == 2
    hub_doc.close()


def test_offline_edits_at_two_desks_merge_field_by_field_and_the_loser_stays_in_history(hub):
    from dataclasses import replace

    from eventdesk.domain.people import AttendeeDraft

    a, b = hub.join("Door A"), hub.join("Door B")
    replica_a, replica_b = EventDocument.open(a), EventDocument.open(b)

    def draft_of(doc: EventDocument, **changes: str) -> AttendeeDraft:
        return replace(get_attendee(doc=doc, attendee_id=20).draft, **changes)

    edit_attendee(doc=replica_a, attendee_id=20, draft=draft_of(replica_a, job_title="Head of QA (A)"))
    later = draft_of(replica_b, job_title="QA lead (B, later)", organisation="Genmab")
    edit_attendee(doc=replica_b, attendee_id=20, draft=later)
    replica_a.close()
    replica_b.close()
    sync(b)  # the later edit reaches the hub first
    sync(a)
    sync(b)
    hub_doc = hub.doc()
    with hub_doc.engine.connect() as conn:
        job, organisation = conn.execute(
            select(Attendee.job_title, Attendee.organisation).where(Attendee.id == 20)
        ).one()
        history = conn.execute(
            select(AttendeeEdit.desk, AttendeeEdit.value, AttendeeEdit.applied).where(
                AttendeeEdit.attendee_id == 20, AttendeeEdit.field == "job_title"
            )
        ).all()
    assert (job, organisation) == ("QA lead (B, later)", "Genmab")
    assert ("Door A", "Head of QA (A)", False) in [tuple(h) for h in history]
    replica_a = EventDocument.open(a)
    assert get_attendee(doc=replica_a, attendee_id=20).draft.job_title == "QA lead (B, later)"
    replica_a.close()
    hub_doc.close()


def test_a_walk_in_at_one_desk_is_found_at_another_and_admitted_there_as_already_in(hub):
    from eventdesk.domain.people import AttendeeDraft
    from eventdesk.services.search import PeopleIndex

    a, b = hub.join("Door A"), hub.join("Door B")
    replica_a = EventDocument.open(a)
    saved = add_attendee(doc=replica_a, draft=AttendeeDraft(given_name="Søren", family_name="Ødegård"))
    CheckInDesk(doc=replica_a, desk="Door A").admit(saved.id)
    replica_a.close()
    sync(a)
    sync(b)
    replica_b = EventDocument.open(b)
    found = PeopleIndex.load(replica_b).search("odegard")
    assert saved.id in found.ids
    again = CheckInDesk(doc=replica_b, desk="Door B").admit(saved.id)
    assert again.verdict is ScanVerdict.ALREADY_ADMITTED
    replica_b.close()


def test_a_round_without_the_hub_keeps_everything_queued_and_says_offline(hub):
    a = hub.join("Door A")
    replica = EventDocument.open(a)
    CheckInDesk(doc=replica, desk="Door A").scan(badge(hub.doc(), 3))
    hub.cut()
    desk = DeskSync(replica)
    report = desk.run_round()
    assert not report.reached
    assert desk.status.unsent_scans == 1
    assert desk.status.text().startswith("Offline since ") and "1 scan waiting" in desk.status.text()
    with replica.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM sync_outbox")).scalar_one() == 1
    desk.close()
    replica.close()
