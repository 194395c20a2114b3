"""A desk replica in the window: the status line says online or offline without a dialog,
scans go on when the hub goes away, other desks' scans arrive by themselves, and the
dashboard lists the desks and the people admitted twice."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from eventdesk.persistence.document import EventDocument
from eventdesk.services.door.checkin import CheckInDesk
from eventdesk.sync.door import ReplicaDoor
from eventdesk.sync.rounds import DeskSync
from tests.sync.desk_hub import hub
from tests.ui.helpers import open_in

pytestmark = pytest.mark.postgres
__all__ = ["hub"]  # the fixture


def test_a_desk_window_shows_online_then_offline_and_keeps_admitting(qtbot: QtBot, window, hub):
    path = hub.join("Door A")
    other = hub.join("Door B")
    codes = hub.badges(1, 2, 3)
    open_in(window, qtbot, path)
    link = window.sync_link
    assert link.active and link.label.isVisible()
    qtbot.waitUntil(lambda: link.label.text().startswith("Online · "), timeout=15_000)

    # Door B admits someone: this window learns it by itself, within a couple of seconds.
    b = EventDocument.open(other)
    b_sync = DeskSync(b)
    assert b_sync.run_round().reached
    door_b = ReplicaDoor(doc=b, sync=b_sync, budget_s=3.0)
    assert door_b.scan(codes[0]).admitted
    door_b.close()
    b_sync.close()
    b.close()
    screen = window.event_view.show_screen("checkin")
    qtbot.waitUntil(lambda: _inside(window.context.document, 1), timeout=10_000)

    hub.cut()
    verdict = _scanned(qtbot, screen.controller, codes[1])
    assert verdict.admitted and verdict.decided_offline
    qtbot.waitUntil(lambda: link.label.text().startswith("Offline since "), timeout=10_000)
    qtbot.waitUntil(lambda: "1 scan waiting" in link.label.text(), timeout=5_000)
    again = _scanned(qtbot, screen.controller, codes[0])
    assert again.verdict.value == "already_admitted"  # known offline too


def _scanned(qtbot: QtBot, controller, code: str):  # type: ignore[no-untyped-def]
    """A replica's verdict comes from the door line, not from `scan` itself."""
    with qtbot.waitSignal(controller.verdict_ready, timeout=10_000) as blocker:
        assert controller.scan(code) is None
    return blocker.args[0]


def _inside(doc: EventDocument, attendee_id: int) -> bool:
    from eventdesk.services.door.attendance import attendance_of

    with doc.session() as session:
        return attendance_of(session=session, attendee_id=attendee_id).inside


def test_the_organisers_dashboard_on_the_hub_lists_desks_and_who_was_admitted_twice(
    qtbot: QtBot, window, hub
):
    a, b = hub.join("Door A"), hub.join("Door B")
    (code,) = hub.badges(8)
    for path, name in ((a, "Door A"), (b, "Door B")):
        replica = EventDocument.open(path)
        sync = DeskSync(replica)
        assert CheckInDesk(doc=replica, desk=name).scan(code).admitted  # both offline
        assert sync.run_round().reached
        sync.close()
        replica.close()
    open_in(window, qtbot, hub.url)
    dashboard = window.event_view.show_screen("dashboard")
    panel = dashboard.hub_desks
    qtbot.waitUntil(lambda: panel.isVisible() and panel.model.rowCount() == 2, timeout=15_000)
    assert panel.twice_title.text() == "Admitted twice: 1"
    line = panel.twice.item(0).text()
    assert "admitted twice — Door A" in line and "Door B" in line and "(offline)" in line
