"""A desk directly on a server event keeps the scans it made while the server did not answer,
and delivers them when it answers: none lost, none doubled, even across a kill -9."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.engine import make_url

from eventdesk.cli import main
from eventdesk.domain.enums import ScanVerdict
from eventdesk.persistence.document import EventDocument
from eventdesk.persistence.tables import Scan
from eventdesk.services.demo import DemoSpec, generate_demo
from eventdesk.services.door.checkin import CheckInDesk
from eventdesk.services.door.pending import PendingScans, pending_file_for
from eventdesk.services.door.server_desk import RECHECK_AFTER_S, ScanKeptForLater, ServerDesk
from tests.services.door.race_support import badge_tokens
from tests.support.fault_proxy import FaultyLink

pytestmark = pytest.mark.postgres

DESK_SCRIPT = """
import json, sys, time
from eventdesk.persistence.document import EventDocument
from eventdesk.services.door.checkin import CheckInDesk
from eventdesk.services.door.server_desk import RECHECK_AFTER_S, ScanKeptForLater, ServerDesk

url, tokens = sys.argv[1], json.loads(sys.argv[2])
doc = EventDocument.open(url)
desk = ServerDesk(CheckInDesk(doc=doc, desk="Door K"))
print("ready", flush=True)
sys.stdin.readline()  # the test cuts the link now
for token in tokens:
    try:
        desk.scan(token)
        print("admitted?", flush=True)
    except ScanKeptForLater as kept:
        print("kept", kept.waiting, flush=True)
time.sleep(600)  # killed -9 here, scans still waiting
"""


@pytest.fixture
def event_url(postgres_url: str) -> str:
    generate_demo(target=postgres_url, spec=DemoSpec(attendees=40, companies=3, seed=41)).close()
    return postgres_url


def _logged(url: str) -> dict[str, str]:
    doc = EventDocument.open(url)
    try:
        with doc.session() as session:
            return dict(session.execute(select(Scan.id, Scan.verdict)).all())
    finally:
        doc.close()


def test_scans_while_the_server_is_away_are_kept_then_delivered_in_order(
    event_url: str, link: FaultyLink
) -> None:
    people = badge_tokens(EventDocument.open(event_url), 3)
    tokens = [token for _, token in people]
    doc = EventDocument.open(link.url_through(event_url))
    try:
        desk = ServerDesk(CheckInDesk(doc=doc, desk="Door A"))
        assert desk.scan(tokens[0]).admitted
        link.cut()
        with pytest.raises(ScanKeptForLater) as kept:
            desk.scan(tokens[1])
        assert str(kept.value).startswith("Not recorded yet — the server does not answer")
        assert "(1 waiting)" in str(kept.value)
        tried = link.connections_accepted
        with pytest.raises(ScanKeptForLater, match=r"\(2 waiting\)"):
            desk.scan(tokens[0])  # the same badge again, while away: kept at once, no new wait
        # "At once" as the link sees it, not by the wall clock (an fsync of the pending file on a
        # busy disk is not a wait for the server): no connection was even tried.
        assert link.connections_accepted == tried
        assert len(_logged(event_url)) == 1
        link.heal()
        time.sleep(RECHECK_AFTER_S)
        verdict = desk.scan(tokens[2])  # delivers the two waiting first, then judges this one
        assert verdict.admitted
        assert desk.waiting == 0
    finally:
        doc.close()
    logged = _logged(event_url)
    assert sorted(logged.values()) == sorted(
        [ScanVerdict.ADMITTED.value] * 3 + [ScanVerdict.ALREADY_ADMITTED.value]
    )


def test_a_desk_killed_with_scans_waiting_delivers_them_at_the_next_start(
    event_url: str, link: FaultyLink, capsys: pytest.CaptureFixture[str]
) -> None:
    people = badge_tokens(EventDocument.open(event_url), 7)
    *tokens, extra = [token for _, token in people]
    through = link.url_through(event_url)
    env = os.environ | {"PYTHONPATH": str(Path(__file__).resolve().parents[3])}
    desk = subprocess.Popen(
        [sys.executable, "-c", DESK_SCRIPT, through, json.dumps(tokens)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env,
    )  # fmt: skip
    try:
        assert desk.stdout is not None and desk.stdin is not None
        assert desk.stdout.readline().strip() == "ready"
        link.cut()
        desk.stdin.write("go\n")
        desk.stdin.flush()
        said = [desk.stdout.readline().strip() for _ in tokens]
        assert said == [f"kept {n}" for n in range(1, len(tokens) + 1)]
    finally:
        desk.send_signal(signal.SIGKILL)
        desk.wait(timeout=30)
    pending = PendingScans(pending_file_for(make_url(through).render_as_string(hide_password=True)))
    waiting = pending.waiting()
    assert len(waiting) == len(tokens)
    assert _logged(event_url) == {}

    # One scan reached the server before a crash could note it delivered: sent twice, stored once.
    link.heal()
    doc = EventDocument.open(through)
    try:
        CheckInDesk(doc=doc, desk="Door K").scan(
            waiting[0].scanned, device_time=waiting[0].device_time, scan_id=waiting[0].scan_id
        )
    finally:
        doc.close()
    # The next start: the command line's next check-in at this desk sends the waiting ones first,
    # over the connection it opens anyway (not one for each scan).
    before = link.connections_accepted
    assert main(["checkin", through, extra, "--desk", "Door K"]) == 0
    assert "Sent 6 scans that were waiting." in capsys.readouterr().err
    assert link.connections_accepted - before < len(waiting)
    logged = _logged(event_url)
    assert len(logged) == len(tokens) + 1
    assert {scan.scan_id for scan in waiting} <= set(logged)  # 0 lost, 0 doubled
    assert all(verdict == ScanVerdict.ADMITTED.value for verdict in logged.values())
    assert pending.waiting() == []


def test_the_pending_file_survives_a_line_cut_short(tmp_path: Path) -> None:
    from datetime import UTC, datetime

    from eventdesk.services.door.pending import PendingScan

    pending = PendingScans(tmp_path / "pending.jsonl")
    pending.add(PendingScan("a", "CODE-1", datetime(2027, 3, 12, 9, 0, tzinfo=UTC), "Door A"))
    with pending.path.open("a") as handle:
        handle.write('{"id": "b", "scann')  # the power went mid-write: never acknowledged
    assert [scan.scan_id for scan in pending.waiting()] == ["a"]
    pending.mark_delivered("a")
    assert pending.waiting() == [] and pending.path.read_text() == ""
