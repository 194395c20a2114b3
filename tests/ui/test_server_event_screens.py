"""The screens of a PostgreSQL event read off the GUI thread: with the link stalled (Wi-Fi gone,
nothing reset) every screen opens at once, the window keeps processing events, a line says the
server is not answering, and the screen fills in by itself when the link comes back."""

from __future__ import annotations

import time

import pytest
from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot

from eventdesk.services.demo import DemoSpec, generate_demo
from eventdesk.ui.server_reads import RETRY_MS, SILENT_AFTER_MS
from tests.services.leads.support import company_with_staff, token, visitors
from tests.support.fault_proxy import FaultyLink
from tests.ui.helpers import open_in

pytestmark = pytest.mark.postgres

SCREENS = ("attendees", "companies", "badges", "leads")
# A screen built for the first time imports its modules (Badges: reportlab and pdfium, 0.4 s
# on an idle machine, seconds on a loaded one); a read on the GUI thread would wait on the
# stalled link for as long as the link stays stalled, which is what this bound tells apart.
FIRST_SHOW_S = 5.0


@pytest.fixture
def event_url(postgres_url: str) -> str:
    generate_demo(target=postgres_url, spec=DemoSpec(attendees=80, companies=5, seed=61)).close()
    return postgres_url


def _ticking() -> tuple[QTimer, list[float]]:
    ticks: list[float] = []
    timer = QTimer()
    timer.setInterval(50)
    timer.timeout.connect(lambda: ticks.append(time.monotonic()))
    timer.start()
    return timer, ticks


def test_a_stalled_link_never_freezes_a_screen_and_each_fills_in_when_it_heals(
    qtbot: QtBot, window, event_url: str, link: FaultyLink
) -> None:
    open_in(window, qtbot, link.url_through(event_url))
    timer, ticks = _ticking()
    try:
        link.stall()
        for key in SCREENS:
            started = time.monotonic()
            screen = window.event_view.show_screen(key)
            shown_after = time.monotonic() - started
            assert shown_after < FIRST_SHOW_S, f"{key} took {shown_after:.1f} s to show"
            screen.refresh_now()  # a change arrived: the screen reads again, still off the GUI thread
            qtbot.wait(600)
            # The window kept processing events while the screen's reads waited on the link.
            assert sum(1 for t in ticks if t > started) >= 6, key
            assert screen.reads.busy, key
        for key in ("dashboard", "matchmaking", "checkin"):  # these load on the pool of their own
            started = time.monotonic()
            window.event_view.show_screen(key)
            assert time.monotonic() - started < FIRST_SHOW_S, key
            qtbot.wait(600)
            assert sum(1 for t in ticks if t > started) >= 6, key
        screen = window.event_view.show_screen("attendees")
        qtbot.waitUntil(lambda: "not answering" in screen.server_wait.text(), timeout=SILENT_AFTER_MS + 3000)
        assert screen.server_wait.isVisible()
    finally:
        link.heal()
    for key in SCREENS:
        screen = window.event_view.show_screen(key)
        # A read that failed while the link was stalled is tried again every RETRY_MS: between
        # the failure and that retry the screen is idle with the line still up, so wait for
        # what the volunteer waits for, the line gone and the screen idle.
        qtbot.waitUntil(
            lambda s=screen: not s.reads.busy and not s.server_wait.isVisible(),
            timeout=30_000 + RETRY_MS,
        )
    attendees = window.event_view.show_screen("attendees")
    assert attendees.model.total_count == 80
    companies = window.event_view.show_screen("companies")
    assert companies.model.rowCount() == 5
    timer.stop()


def test_a_booth_scan_on_a_stalled_link_keeps_the_booth_responsive_and_lands_when_it_heals(
    qtbot: QtBot, window, event_url: str, link: FaultyLink
) -> None:
    open_in(window, qtbot, link.url_through(event_url))
    doc = window.context.document
    company, staff = company_with_staff(doc)
    person = visitors(doc, consent=True, count=1)[0]
    badge = token(doc, person.id)
    booth = window.event_view.show_screen("leads")
    qtbot.waitUntil(lambda: not booth.reads.busy and booth.company.count() > 0, timeout=20_000)
    booth.choose_company(company.id)
    booth.set_staff(f"{staff[0].given_name} {staff[0].family_name}")
    qtbot.waitUntil(lambda: not booth.reads.busy, timeout=20_000)
    timer, ticks = _ticking()
    link.stall()
    try:
        started = time.monotonic()
        assert booth.scan(badge) is None  # recorded on the booth's line, not here
        qtbot.wait(600)
        assert sum(1 for t in ticks if t > started) >= 6  # the window kept processing events
        assert booth.panel.text.headline != "NEW LEAD"  # nothing claimed before the server said so
    finally:
        link.heal()
    qtbot.waitUntil(lambda: booth.panel.text.headline == "NEW LEAD", timeout=30_000)
    assert person.given_name in booth.panel.text.name
    timer.stop()
