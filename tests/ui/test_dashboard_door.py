"""The dashboard's door section: live totals, arrivals per quarter hour, desks seen, the marshal's list."""

from __future__ import annotations

import csv
from datetime import UTC, datetime, timedelta
from pathlib import Path

from pytestqt.qtbot import QtBot

from eventdesk.persistence.document import EventDocument
from eventdesk.services.door.checkin import CheckInDesk
from eventdesk.ui.context import EventContext
from eventdesk.ui.screens.dashboard import DashboardScreen
from tests.ui.checkin_support import desk_context, desk_doc, people, token_for

__all__ = ["desk_context", "desk_doc"]

NINE = datetime(2027, 3, 12, 8, 0, tzinfo=UTC)  # 09:00 in the event's time zone (Amsterdam)


def _dashboard(qtbot: QtBot, context: EventContext) -> DashboardScreen:
    screen = DashboardScreen(context)
    context.changed.connect(screen.on_changes)
    qtbot.addWidget(screen)
    screen.resize(1100, 900)
    screen.show()
    qtbot.waitExposed(screen)
    qtbot.waitUntil(lambda: not screen.loading)
    return screen


def _admit_over_the_morning(doc: EventDocument, n: int) -> None:
    desks = [CheckInDesk(doc=doc, desk=name) for name in ("Door A", "Door B")]
    for k, person in enumerate(people(doc, n=n)):
        desks[k % 2].scan(token_for(doc, person), device_time=NINE + timedelta(minutes=7 * k))


def test_the_door_section_shows_arrivals_desks_and_who_is_inside_per_ticket_type(
    qtbot: QtBot,
    desk_context: EventContext,
    qtmodeltester,  # type: ignore[no-untyped-def]
) -> None:
    doc = desk_context.require_document()
    _admit_over_the_morning(doc, 12)
    screen = _dashboard(qtbot, desk_context)
    door = screen.door
    assert door.chart.isVisible() and not door.empty.isVisible()
    buckets = door.chart.buckets
    assert f"{buckets[0].starts:%H:%M}" == "09:00"
    assert sum(b.admitted for b in buckets) == 12
    series = door.chart.chart().series()[0]
    assert [series.barSets()[0].at(i) for i in range(series.barSets()[0].count())] == [
        b.admitted for b in buckets
    ]
    assert [door.desks.index(r, 0).data() for r in range(door.desks.rowCount())] == ["Door A", "Door B"]
    qtmodeltester.check(door.desks)
    inside = sum(int(label.text().split(" / ")[0]) for label in door.type_labels.values())
    assert inside == 12
    assert screen.cards["checked_in"].value.text() == "12"


def test_an_event_without_scans_says_the_chart_fills_as_people_arrive(
    qtbot: QtBot, desk_context: EventContext
) -> None:
    screen = _dashboard(qtbot, desk_context)
    assert screen.door.empty.isVisible() and not screen.door.chart.isVisible()
    assert screen.door.desks.rowCount() == 0


def test_scans_from_another_desk_appear_on_the_next_poll(qtbot: QtBot, desk_context: EventContext) -> None:
    screen = _dashboard(qtbot, desk_context)
    doc = desk_context.require_document()
    other = EventDocument.open(doc.display_location)
    try:
        CheckInDesk(doc=other, desk="Hall 2").scan(token_for(doc, people(doc, n=1)[0]))
    finally:
        other.close()
    screen.door.look_for_new_scans()
    qtbot.waitUntil(lambda: screen.door.desks.rowCount() == 1, timeout=3000)
    assert screen.cards["checked_in"].value.text() == "1"


def test_the_list_of_people_inside_is_written_in_the_background(
    qtbot: QtBot, desk_context: EventContext, tmp_path: Path
) -> None:
    doc = desk_context.require_document()
    _admit_over_the_morning(doc, 5)
    screen = _dashboard(qtbot, desk_context)
    out = tmp_path / "inside.csv"
    task = screen.door.export(out)
    with qtbot.waitSignal(task.finished, timeout=10_000):
        pass
    rows = list(csv.DictReader(out.open(encoding="utf-8-sig", newline="")))
    assert len(rows) == 5
