"""Badges in the whole window: from the attendee list to the Badges screen, and an empty event."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from eventdesk.ui.main_window import MainWindow
from eventdesk.ui.screens.badges import BadgesScreen, Who
from tests.factories import EventFactory
from tests.ui.helpers import open_in


def test_the_attendee_lists_selection_goes_to_the_badges_screen(
    window: MainWindow, qtbot: QtBot, events: EventFactory
) -> None:
    open_in(window, qtbot, events.demo_path(attendees=80, companies=6))
    attendees = window.event_view.show_screen("attendees")
    rows = [row for row in attendees.model.rows() if row.status == "registered"][:4]
    attendees.select_ids({row.id for row in rows})
    actions = attendees.badge_actions
    assert actions.badges_for_selection.isEnabled() and not actions.print_badge.isEnabled()

    actions.badges_for_selection.trigger()

    badges = window.event_view.current_screen()
    assert isinstance(badges, BadgesScreen)
    assert badges.who_combo.currentData() == Who.SELECTION
    qtbot.waitUntil(lambda: badges.selection_count == 4, timeout=10_000)
    assert badges.create_button.isEnabled()


def test_an_event_without_attendees_sends_the_person_to_the_attendee_list(
    window: MainWindow, qtbot: QtBot, events: EventFactory
) -> None:
    doc = events.empty()
    path = doc.display_location
    doc.close()
    open_in(window, qtbot, path)
    badges = window.event_view.show_screen("badges")
    assert isinstance(badges, BadgesScreen)
    assert badges.pages.currentWidget() is badges.empty_state
    assert badges.empty_state.action.text() == "Go to Attendees"
    qtbot.mouseClick(badges.empty_state.action, Qt.MouseButton.LeftButton)
    assert window.event_view.current_key() == "attendees"
