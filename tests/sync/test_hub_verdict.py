"""The hub's pipelined verdict judges exactly as every desk does, and survives a dropped line."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import func, select, text, update

from eventdesk.domain.enums import AttendeeStatus, ScanVerdict
from eventdesk.persistence.tables import Attendee, Scan
from eventdesk.sync.hub_verdict import HubCheckIn
from tests.sync.desk_hub import badge

pytestmark = pytest.mark.postgres


def rows_of(doc, scan_id: str) -> int:  # type: ignore[no-untyped-def]
    with doc.engine.connect() as conn:
        return int(conn.execute(select(func.count()).where(Scan.id == scan_id)).scalar_one())


def test_the_hub_admits_once_says_where_first_and_refuses_what_every_desk_refuses(hub):
    doc = hub.doc()
    try:
        door_a, door_b = HubCheckIn(doc=doc, desk="Door A"), HubCheckIn(doc=doc, desk="Door B")
        first_id = str(uuid.uuid4())
        first = door_a.scan(badge(doc, 1), scan_id=first_id)
        assert first.verdict is ScanVerdict.ADMITTED and first.name and not first.decided_offline
        again = door_b.scan(badge(doc, 1), scan_id=str(uuid.uuid4()))
        assert again.verdict is ScanVerdict.ALREADY_ADMITTED
        assert again.first_desk == "Door A" and "Door A" in again.reason
        # The same scan delivered twice (the desk's answer was lost): one row, the first verdict.
        repeat = door_b.scan(badge(doc, 1), scan_id=first_id)
        assert repeat.verdict is ScanVerdict.ADMITTED and rows_of(doc, first_id) == 1
        by_name = door_b.admit(2, how="name search")
        assert by_name.verdict is ScanVerdict.ADMITTED and by_name.matched_as == "name search"

        old_badge = badge(doc, 3)
        with doc.engine.begin() as conn:
            conn.execute(
                update(Attendee).where(Attendee.id == 3).values(badge_version=Attendee.badge_version + 1)
            )
            conn.execute(
                update(Attendee).where(Attendee.id == 4).values(status=AttendeeStatus.CANCELLED.value)
            )
        replaced_id = str(uuid.uuid4())
        assert door_a.scan(old_badge, scan_id=replaced_id).verdict is ScanVerdict.REVOKED
        assert door_a.scan(badge(doc, 4), scan_id=str(uuid.uuid4())).verdict is ScanVerdict.CANCELLED
        assert rows_of(doc, replaced_id) == 1  # the refusal is logged once, by the ordinary path
        with doc.engine.connect() as conn:
            admitted = (
                conn.execute(select(Scan.attendee_id).where(Scan.verdict == ScanVerdict.ADMITTED.value))
                .scalars()
                .all()
            )
        assert sorted(admitted) == [1, 2]
    finally:
        doc.close()


def test_a_connection_the_server_dropped_is_made_again_and_the_scan_stored_once(hub):
    doc = hub.doc()
    try:
        door = HubCheckIn(doc=doc, desk="Door A")
        assert door.scan(badge(doc, 5), scan_id=str(uuid.uuid4())).verdict is ScanVerdict.ADMITTED
        with doc.engine.begin() as conn:  # a hub restart, as the desk's pooled connection meets it
            conn.execute(
                text(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE datname = current_database() AND pid <> pg_backend_pid()"
                )
            )
        scan_id = str(uuid.uuid4())
        verdict = door.scan(badge(doc, 6), scan_id=scan_id)
        assert verdict.verdict is ScanVerdict.ADMITTED and rows_of(doc, scan_id) == 1
    finally:
        doc.close()
