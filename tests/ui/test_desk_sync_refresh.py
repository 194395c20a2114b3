"""A desk's window follows what other desks do without being reopened: a walk-in registered at
Door A appears in Door B's attendee list, its dashboard counts and its booth's name search
after one sync round."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from eventdesk.domain.people import AttendeeDraft
from eventdesk.persistence.document import EventDocument
from eventdesk.services.people.edit import add_attendee
from eventdesk.sync.rounds import DeskSync
from tests.sync.desk_hub import hub
from tests.ui.helpers import open_in

pytestmark = pytest.mark.postgres
__all__ = ["hub"]  # the fixture


def test_a_walk_in_at_another_desk_appears_in_lists_dashboard_and_booth_search(qtbot: QtBot, window, hub):
    a, b = hub.join("Door A"), hub.join("Door B")
    open_in(window, qtbot, b)
    link = window.sync_link
    qtbot.waitUntil(lambda: link.label.text().startswith("Online · "), timeout=15_000)
    view = window.event_view
    dashboard = view.show_screen("dashboard")
    qtbot.waitUntil(lambda: not dashboard.loading, timeout=20_000)
    registered_before = dashboard.cards["registered"].value.text()
    booth = view.show_screen("leads")
    assert booth.finder is not None
    qtbot.waitUntil(lambda: booth.finder.is_ready, timeout=20_000)  # its search index is loaded
    people = view.show_screen("attendees")
    qtbot.waitUntil(lambda: people.model.rowCount() == 60, timeout=20_000)

    desk_a = EventDocument.open(a)
    walk_in = add_attendee(
        doc=desk_a,
        draft=AttendeeDraft(given_name="Søren", family_name="Ødegård"),
        consent_origin="walk-in:Door A",
    ).id
    sync_a = DeskSync(desk_a)
    assert sync_a.run_round().reached
    sync_a.close()
    desk_a.close()

    names = lambda: {people.model.row_at(r).name for r in range(people.model.rowCount())}  # noqa: E731
    qtbot.waitUntil(lambda: "Søren Ødegård" in names(), timeout=20_000)

    view.show_screen("dashboard")
    qtbot.waitUntil(
        lambda: not dashboard.loading and dashboard.cards["registered"].value.text() != registered_before,
        timeout=20_000,
    )
    assert (
        int(dashboard.cards["registered"].value.text().replace(",", ""))
        == int(registered_before.replace(",", "")) + 1
    )

    view.show_screen("leads")
    booth.finder.search.setText("odegard")
    qtbot.waitUntil(lambda: booth.finder.hits.rowCount() > 0, timeout=10_000)
    from eventdesk.ui.models.people_hits import PersonHitRole

    found = {
        booth.finder.hits.index(r, 0).data(PersonHitRole.ATTENDEE_ID)
        for r in range(booth.finder.hits.rowCount())
    }
    assert walk_in in found
