"""A desk on a PostgreSQL event whose network or server fails: one sentence in seconds, nothing
half-written, and the next scan works by itself once the server answers again.

The link goes through `tests.support.fault_proxy.FaultyLink`; the server stop is a real
`pg_ctl stop -m immediate` of a server of the test's own.
"""

from __future__ import annotations

import time

import pytest
from sqlalchemy import func, select

from eventdesk.cli import main
from eventdesk.domain.enums import ScanVerdict
from eventdesk.persistence.document import EventDocument
from eventdesk.persistence.server_link import DOOR_WATCHDOG_S
from eventdesk.persistence.tables import Scan
from eventdesk.services.demo import DemoSpec, generate_demo
from eventdesk.services.door.checkin import CheckInDesk
from eventdesk.services.door.faults import ServerNotAnsweringError
from tests.services.door.race_support import badge_tokens
from tests.support.fault_proxy import FaultyLink
from tests.support.postgres_server import ThrowawayPostgres

pytestmark = pytest.mark.postgres

FAIL_WITHIN_S = DOOR_WATCHDOG_S + 2.0
"""The watchdog's deadline, plus room for a machine shared with other work."""


@pytest.fixture
def event_url(postgres_url: str) -> str:
    generate_demo(target=postgres_url, spec=DemoSpec(attendees=40, companies=3, seed=31)).close()
    return postgres_url


def _scans(url: str) -> int:
    doc = EventDocument.open(url)
    try:
        with doc.session() as session:
            return session.execute(select(func.count()).select_from(Scan)).scalar_one()
    finally:
        doc.close()


@pytest.mark.parametrize("fault", ["stall", "cut", "reset"])
def test_a_failing_link_fails_the_scan_in_seconds_and_the_next_scan_works_when_it_is_back(
    event_url: str, link: FaultyLink, fault: str
) -> None:
    tokens = [token for _, token in badge_tokens(EventDocument.open(event_url), 3)]
    doc = EventDocument.open(link.url_through(event_url))
    try:
        desk = CheckInDesk(doc=doc, desk="Door A")
        assert desk.scan(tokens[0]).admitted
        getattr(link, fault)()
        started = time.monotonic()
        with pytest.raises(ServerNotAnsweringError) as failure:
            desk.scan(tokens[1])
        took = time.monotonic() - started
        assert took < FAIL_WITHIN_S, f"{fault}: the scan failed only after {took:.1f} s"
        message = str(failure.value)
        assert message.startswith("The event's database server does not answer (")
        assert message.endswith("the scan was not recorded.")
        assert "psycopg" not in message and "\n" not in message
        assert _scans(event_url) == 1  # nothing half-written

        link.heal()
        again = desk.scan(tokens[1])
        assert again.admitted, again.reason
    finally:
        doc.close()
    assert _scans(event_url) == 2


def test_a_connection_through_a_stalled_link_gives_up_after_the_connect_timeout(
    event_url: str, link: FaultyLink
) -> None:
    [(_, token)] = badge_tokens(EventDocument.open(event_url), 1)
    doc = EventDocument.open(link.url_through(event_url))
    try:
        desk = CheckInDesk(doc=doc, desk="Door A")  # no door connection made yet
        link.stall()
        started = time.monotonic()
        with pytest.raises(ServerNotAnsweringError, match="does not answer"):
            desk.scan(token)
        assert time.monotonic() - started < FAIL_WITHIN_S
    finally:
        doc.close()


def test_a_server_stopped_and_started_again(capsys: pytest.CaptureFixture[str]) -> None:
    server = ThrowawayPostgres()
    try:
        generate_demo(target=server.url, spec=DemoSpec(attendees=30, companies=3, seed=32)).close()
        doc = EventDocument.open(server.url)
        tokens = [token for _, token in badge_tokens(doc, 3)]
        try:
            desk = CheckInDesk(doc=doc, desk="Door A")
            assert desk.scan(tokens[0]).admitted
            server.stop("immediate")
            started = time.monotonic()
            with pytest.raises(ServerNotAnsweringError) as failure:
                desk.scan(tokens[1])
            assert time.monotonic() - started < FAIL_WITHIN_S
            assert str(failure.value) == (
                "The event's database server does not answer (it refuses connections, so it is "
                "probably stopped); the scan was not recorded."
            )
            # The command line says the same sentence, without a traceback.
            assert main(["checkin", server.url, tokens[2], "--desk", "Door B"]) != 0
            err = capsys.readouterr().err
            assert "refuses connections, so it is probably stopped" in err
            assert "Traceback" not in err and "OperationalError" not in err

            server.start()
            assert desk.scan(tokens[1]).verdict is ScanVerdict.ADMITTED  # by itself, same desk object
        finally:
            doc.close()
    finally:
        server.destroy()


def test_a_server_restarted_between_two_scans_goes_unnoticed_by_the_desk() -> None:
    server = ThrowawayPostgres()
    try:
        generate_demo(target=server.url, spec=DemoSpec(attendees=30, companies=3, seed=33)).close()
        doc = EventDocument.open(server.url)
        tokens = [token for _, token in badge_tokens(doc, 2)]
        try:
            desk = CheckInDesk(doc=doc, desk="Door A")
            assert desk.scan(tokens[0]).admitted
            server.stop("fast")  # the desk's pooled connection is now dead
            server.start()
            assert desk.scan(tokens[1]).admitted  # retried once on a fresh connection
            assert desk.scan(tokens[1]).verdict is ScanVerdict.ALREADY_ADMITTED
        finally:
            doc.close()
        assert _scans(server.url) == 3  # the retried scan stored once
    finally:
        server.destroy()
