"""The door at a replica: online the hub decides (never two admissions), beyond the budget the
desk decides alone and says so; a late offline admission is kept and flagged."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from eventdesk.domain.enums import ScanVerdict
from eventdesk.persistence.document import EventDocument
from eventdesk.persistence.tables import Scan
from eventdesk.sync.desks import double_admissions
from eventdesk.sync.door import ONLINE_BUDGET_S, ReplicaDoor
from eventdesk.sync.rounds import DeskSync
from tests.support.postgres_server import ThrowawayPostgres
from tests.sync.desk_hub import badge, start_hub

pytestmark = pytest.mark.postgres


# Where a test is about what the hub decides, the budget is wider than a desk's: the test
# machine is shared with other work, and a scan judged offline there would prove nothing.
# The stall test keeps the real budget, since the budget is what it is about.
ROOMY_BUDGET_S = 3.0


class Desk:
    def __init__(self, path: Path, *, budget_s: float = ROOMY_BUDGET_S) -> None:
        self.doc = EventDocument.open(path)
        self.sync = DeskSync(self.doc)
        self.door = ReplicaDoor(doc=self.doc, sync=self.sync, budget_s=budget_s)

    def round(self) -> bool:
        return self.sync.run_round().reached

    def close(self) -> None:
        self.door.close()
        self.sync.close()
        self.doc.close()


def scans_of(doc: EventDocument, attendee_id: int, verdict: ScanVerdict) -> int:
    with doc.engine.connect() as conn:
        return int(
            conn.execute(
                select(func.count()).where(Scan.attendee_id == attendee_id, Scan.verdict == verdict.value)
            ).scalar_one()
        )


def test_two_online_desks_scanning_one_badge_at_once_admit_it_once(hub):
    a, b = Desk(hub.join("Door A")), Desk(hub.join("Door B"))
    hub_doc = hub.doc()
    try:
        assert a.round() and b.round()
        codes = [badge(hub_doc, n) for n in range(1, 21)]
        verdicts: dict[str, list] = {"a": [], "b": []}
        start = threading.Barrier(2)

        def scan_all(desk: Desk, key: str) -> None:
            start.wait()
            verdicts[key] = [desk.door.scan(code) for code in codes]

        threads = [threading.Thread(target=scan_all, args=(d, k)) for d, k in ((a, "a"), (b, "b"))]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        every = verdicts["a"] + verdicts["b"]
        assert not any(v.decided_offline for v in every)
        for n in range(1, 21):
            assert scans_of(hub_doc, n, ScanVerdict.ADMITTED) == 1
        admitted = sum(v.admitted for v in every)
        assert admitted == 20
        # The hub's rows are in each replica at once, without waiting for a pull.
        assert (
            scans_of(a.doc, 1, ScanVerdict.ADMITTED) + scans_of(a.doc, 1, ScanVerdict.ALREADY_ADMITTED) >= 1
        )
    finally:
        hub_doc.close()
        a.close()
        b.close()


def test_a_stalled_link_costs_a_verdict_no_more_than_the_budget_and_the_scan_goes_up_later(hub):
    a = Desk(hub.join("Door A"), budget_s=ONLINE_BUDGET_S)
    hub_doc = hub.doc()
    try:
        assert a.round()
        hub.link.stall()
        started = time.monotonic()
        first = a.door.scan(badge(hub_doc, 4))
        took = time.monotonic() - started
        assert first.admitted and first.decided_offline
        assert took < ONLINE_BUDGET_S + 0.5
        # While that call is out on the stalled line, the next verdicts do not wait for the hub.
        started = time.monotonic()
        second = a.door.scan(badge(hub_doc, 5))
        assert second.decided_offline and time.monotonic() - started < 0.2
        # The stalled call fails within the connection's own limits: then the desk says offline.
        deadline = time.monotonic() + 20
        while a.sync.status.online:
            assert time.monotonic() < deadline, "the stalled call never failed"
            time.sleep(0.2)
        assert a.sync.status.text().startswith("Offline since")
        hub.link.heal()
        hub.link.reset()  # the stalled connections are dead for the hub's side too
        hub.link.heal()
        deadline = time.monotonic() + 30
        while not a.round():
            assert time.monotonic() < deadline, "the desk never came back online"
            time.sleep(0.5)
        assert scans_of(hub_doc, 4, ScanVerdict.ADMITTED) == 1
        assert scans_of(hub_doc, 5, ScanVerdict.ADMITTED) == 1
        assert a.sync.status.online and a.sync.status.unsent_scans == 0
    finally:
        hub_doc.close()
        a.close()


def test_a_late_offline_admission_of_someone_already_inside_is_kept_and_flagged(hub):
    a, b = Desk(hub.join("Door A")), Desk(hub.join("Door B"))
    hub_doc = hub.doc()
    try:
        assert a.round()
        online = a.door.scan(badge(hub_doc, 9))
        assert online.admitted and not online.decided_offline
        # Door B never reached the hub (its link was down since it joined).
        late = b.door.scan(badge(hub_doc, 9))
        assert late.admitted and late.decided_offline
        assert b.round()
        doubles = double_admissions(doc=hub_doc)
        assert len(doubles) == 1
        assert doubles[0].first.desk == "Door A" and not doubles[0].first.offline
        assert doubles[0].second.desk == "Door B" and doubles[0].second.offline
        assert doubles[0].text().endswith("(offline)")
        assert scans_of(hub_doc, 9, ScanVerdict.ADMITTED) == 2
    finally:
        hub_doc.close()
        a.close()
        b.close()


def test_the_hub_server_killed_and_started_again_loses_nothing(tmp_path):
    server = ThrowawayPostgres()
    hub = start_hub(server.url, tmp_path, attendees=30)
    a = Desk(hub.join("Door A"))
    try:
        codes = hub.badges(*range(1, 8))
        assert a.round()
        assert not a.door.scan(codes[0]).decided_offline
        server.stop("immediate")
        offline = [a.door.scan(code) for code in codes[1:]]
        assert all(v.admitted and v.decided_offline for v in offline)
        assert not a.round()
        assert a.sync.status.unsent_scans == 6
        server.start()
        deadline = time.monotonic() + 30
        while not a.round():
            assert time.monotonic() < deadline, "the desk never came back online"
            time.sleep(0.5)
        hub_doc = hub.doc()
        try:
            for n in range(1, 8):
                assert scans_of(hub_doc, n, ScanVerdict.ADMITTED) == 1
        finally:
            hub_doc.close()
    finally:
        a.close()
        hub.stop()
        server.destroy()
