"""The attendee dialog at a desk shows the person's edit history: both desks' values, which won."""

from __future__ import annotations

import pytest

from tests.cli.test_people_cli import edited_offline_at_two_desks
from tests.sync.desk_hub import hub

pytestmark = pytest.mark.postgres
__all__ = ["hub"]  # the fixture


def test_the_attendee_dialog_at_a_desk_lists_the_history(hub, qtbot, window):
    from eventdesk.ui.dialogs.attendee_dialog import AttendeeDialog
    from tests.ui.helpers import open_in

    _a, b = edited_offline_at_two_desks(hub)
    open_in(window, qtbot, b)
    dialog = AttendeeDialog(window.context, attendee_id=20, parent=window)
    qtbot.addWidget(dialog)
    assert dialog.lower_tabs.tabText(1) == "History (2)"
    table = dialog.history_table
    rows = [[table.item(r, c).text() for c in range(table.columnCount())] for r in range(table.rowCount())]
    assert [(r[1], r[2], r[4]) for r in rows] == [
        ("Door B", "Job title", "kept"),
        ("Door A", "Job title", "outvoted by a later edit"),
    ]
    assert rows[0][3].endswith("→ QA lead (B, later)")
    assert table.item(1, 0).foreground().color() != table.item(0, 0).foreground().color()
