"""Edit > Undo / Redo over the core's history: the step's name, the change, every screen told."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from eventdesk.domain.changes import Changes
from eventdesk.services.matchmaking.edits import set_meeting_locked
from eventdesk.services.matchmaking.plan import SetupOverrides, generate_schedule
from eventdesk.services.matchmaking.view import schedule_view
from eventdesk.ui.context import EventContext
from eventdesk.ui.undo_actions import UndoActions
from tests.factories import EventFactory


def test_undo_and_redo_name_the_step_and_tell_every_screen(
    qtbot: QtBot, context: EventContext, events: EventFactory
) -> None:
    doc = events.demo(attendees=120, companies=8, seed=2)
    generate_schedule(doc=doc, overrides=SetupOverrides(max_meetings=2, slot_count=8))
    context.set_document(doc)
    parent = QWidget()
    qtbot.addWidget(parent)
    actions = UndoActions(context, parent)
    assert not actions.undo_action.isEnabled() and actions.undo_action.text() == "&Undo"

    meeting = schedule_view(doc=doc).meetings[0]
    context.notify(set_meeting_locked(doc=doc, meeting_id=meeting.id, locked=True))
    assert actions.undo_action.isEnabled()
    assert actions.undo_action.text().startswith("&Undo Locked ")

    with qtbot.waitSignal(context.changed, timeout=10_000) as told:
        task = actions.undo()
        assert task is not None
    assert isinstance(told.args[0], Changes) and told.args[0].summary.startswith("Undid: Locked")
    qtbot.waitUntil(lambda: not task.is_running)
    assert not next(m for m in schedule_view(doc=doc).meetings if m.id == meeting.id).locked
    assert actions.redo_action.isEnabled() and not actions.undo_action.isEnabled()

    with qtbot.waitSignal(context.changed, timeout=10_000):
        actions.redo_action.trigger()
    assert next(m for m in schedule_view(doc=doc).meetings if m.id == meeting.id).locked
    qtbot.waitUntil(lambda: actions.undo_action.isEnabled())
