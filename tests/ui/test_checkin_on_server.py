"""The check-in screen on a PostgreSQL event: decisions off the GUI thread, a window that never
freezes on a stalled link, a scanner burst queued in order, kept scans sent by themselves."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from eventdesk.domain.enums import ScanVerdict
from eventdesk.persistence.document import EventDocument
from eventdesk.persistence.server_link import DOOR_WATCHDOG_S
from eventdesk.persistence.tables import Scan
from eventdesk.services.demo import DemoSpec, generate_demo
from eventdesk.ui.context import EventContext
from eventdesk.ui.desk import RETRY_PENDING_MS
from eventdesk.ui.screens.checkin import CheckInScreen
from tests.services.door.race_support import badge_tokens
from tests.support.fault_proxy import FaultyLink
from tests.ui.helpers import own_context, show_screen_ready

pytestmark = pytest.mark.postgres


@pytest.fixture
def event_url(postgres_url: str) -> str:
    generate_demo(target=postgres_url, spec=DemoSpec(attendees=60, companies=4, seed=51)).close()
    return postgres_url


@pytest.fixture
def context(event_url: str, link: FaultyLink) -> Iterator[EventContext]:
    doc = EventDocument.open(link.url_through(event_url))
    try:
        with own_context(doc) as ctx:
            yield ctx
    finally:
        doc.close()


def _logged(url: str) -> list[tuple[str, str]]:
    doc = EventDocument.open(url)
    try:
        with doc.session() as session:
            return [tuple(r) for r in session.execute(select(Scan.scanned_text, Scan.verdict)).all()]
    finally:
        doc.close()


class _Heartbeat:
    """Counts the event loop's turns: the longest gap between two says whether it froze."""

    def __init__(self) -> None:
        self.timer = QTimer()
        self.timer.setInterval(20)
        self.timer.timeout.connect(self._beat)
        self.last = time.monotonic()
        self.longest_gap = 0.0

    def _beat(self) -> None:
        now = time.monotonic()
        self.longest_gap = max(self.longest_gap, now - self.last)
        self.last = now

    def start(self) -> None:
        self.last = time.monotonic()
        self.timer.start()


def test_a_stalled_link_never_freezes_the_window_and_kept_scans_are_sent_by_themselves(
    qtbot: QtBot, context: EventContext, link: FaultyLink, event_url: str
) -> None:
    screen = show_screen_ready(qtbot, context, CheckInScreen(context), (1100, 760))
    controller = screen.controller
    tokens = [token for _, token in badge_tokens(EventDocument.open(event_url), 4)]

    with qtbot.waitSignal(controller.verdict_ready, timeout=10_000) as first:
        assert screen.scan(tokens[0]) is None  # the verdict comes later, from the door line
    assert first.args[0].verdict is ScanVerdict.ADMITTED
    assert screen.panel.text.headline == "ADMITTED"

    link.stall()
    beat = _Heartbeat()
    beat.start()
    started = time.monotonic()
    kept: list[str] = []
    controller.kept.connect(kept.append)
    for token in tokens[1:]:  # a scanner burst while the first is still pending
        screen.scan(token)
    assert controller.line.outstanding >= 3  # queued, none dropped
    qtbot.waitUntil(lambda: len(kept) == 3, timeout=int((DOOR_WATCHDOG_S + 6) * 1000))
    took = time.monotonic() - started
    beat.timer.stop()
    assert took < DOOR_WATCHDOG_S + 4, f"the verdicts came after {took:.1f} s"
    assert beat.longest_gap < 0.5, f"the window froze for {beat.longest_gap:.2f} s"
    assert screen.panel.text.headline == "NOT RECORDED YET"
    assert kept[-1].startswith("The server does not answer; the scan will be sent when it answers")
    assert controller.waiting == 3
    assert "3 scan(s) waiting" in screen.status_line.text() or "3 scans waiting" in screen.status_line.text()
    assert len(_logged(event_url)) == 1  # nobody admitted on a scan the server did not see

    link.heal()
    qtbot.waitUntil(lambda: controller.waiting == 0, timeout=RETRY_PENDING_MS * 3 + 10_000)
    assert screen.panel.text.headline == "SENT"
    assert "are recorded" in screen.panel.text.detail
    logged = _logged(event_url)
    assert [text for text, _ in logged] == tokens  # every scan once, in the order they were made
    assert all(verdict == ScanVerdict.ADMITTED.value for _, verdict in logged)
