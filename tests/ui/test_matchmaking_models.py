"""Qt's model tester on every Matchmaking model, and what their cells say to a person."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QByteArray, QMimeData, QModelIndex, Qt, QTime
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from eventdesk.domain.matchmaking.model import MeetingStatus
from eventdesk.domain.matchmaking.replan import ChangeKind
from eventdesk.services.importing import ImportReport, Outcome
from eventdesk.services.matchmaking.overview import Restriction, setup_overview
from eventdesk.services.matchmaking.plan import (
    ChangeLine,
    SetupOverrides,
    generate_schedule,
)
from eventdesk.services.matchmaking.view import ScheduleView, schedule_view
from eventdesk.services.people.lists import list_company_rows
from eventdesk.ui.models.attendance import AttendanceColumn, AttendanceModel
from eventdesk.ui.models.import_models import ReportEntryModel
from eventdesk.ui.models.matchmaking_setup import (
    BreaksModel,
    CompanyTablesModel,
    RestrictionsModel,
    TagChoiceModel,
)
from eventdesk.ui.models.replan_changes import KIND_ROLE, ReplanChangesModel
from eventdesk.ui.models.schedule_grid import (
    MEETING_MIME,
    GridRole,
    HeaderRole,
    ScheduleGridFilter,
    ScheduleGridModel,
    meeting_id_of,
)
from tests.factories import EventFactory


@pytest.fixture(scope="module")
def schedule(tmp_path_factory: pytest.TempPathFactory) -> tuple[ScheduleView, object, list]:
    doc = EventFactory(tmp_path_factory.mktemp("mm-models")).demo(attendees=120, companies=10, seed=6)
    try:
        generate_schedule(doc=doc, overrides=SetupOverrides(max_meetings=2, slot_count=8))
        return schedule_view(doc=doc), setup_overview(doc=doc), list_company_rows(doc=doc)
    finally:
        doc.close()


def test_grid_model_passes_the_model_tester(qtmodeltester: ModelTester, schedule) -> None:
    view = schedule[0]
    model = ScheduleGridModel()
    model.set_view(view)
    qtmodeltester.check(model, force_py=True)
    model.set_view(None)
    model.set_view(view)


def test_grid_filter_passes_the_model_tester(qtmodeltester: ModelTester, schedule) -> None:
    view = schedule[0]
    source = ScheduleGridModel()
    source.set_view(view)
    proxy = ScheduleGridFilter()
    proxy.setSourceModel(source)
    qtmodeltester.check(proxy, force_py=True)
    proxy.set_quick_filter(view.meetings[0].attendee)
    proxy.set_quick_filter(view.meetings[0].company)
    proxy.set_quick_filter("")
    source.set_view(view)


def test_grid_cells_hold_one_meeting_each_with_why_it_matched(schedule) -> None:
    view = schedule[0]
    model = ScheduleGridModel()
    model.set_view(view)
    assert model.rowCount() == len(view.tables) and model.columnCount() == len(view.slots)
    seen = 0
    for row in range(model.rowCount()):
        table = model.table_at(row)
        for column in range(model.columnCount()):
            index = model.index(row, column)
            meeting = index.data(GridRole.MEETING)
            assert index.data(GridRole.COMPANY_ID) == table.company_id
            if meeting is None:
                assert index.data() == "" and "Free table" in index.data(Qt.ItemDataRole.ToolTipRole)
                assert not model.flags(index) & Qt.ItemFlag.ItemIsDragEnabled
                continue
            seen += 1
            assert (meeting.slot, meeting.company_id, meeting.table) == (
                column,
                table.company_id,
                table.table,
            )
            assert index.data() == meeting.attendee
            tip = index.data(Qt.ItemDataRole.ToolTipRole)
            assert meeting.attendee in tip and f"{meeting.score:.2f}" in tip
            if meeting.why:
                assert "shared interests in " + ", ".join(meeting.why) in tip
            assert model.flags(index) & Qt.ItemFlag.ItemIsDragEnabled
    assert seen == len(view.meetings)
    assert model.index(-1, 0).data() is None and model.index(0, 999).data() is None
    several = next(t for t in view.tables if t.table == 2)
    row = view.tables.index(several)
    assert model.headerData(row, Qt.Orientation.Vertical) == f"{several.company} · table 2"
    assert model.headerData(row, Qt.Orientation.Vertical, HeaderRole.DETAIL).startswith("T2")


def test_grid_drag_carries_the_meeting_and_a_drop_asks_for_a_move_or_swap(qtbot: QtBot, schedule) -> None:
    view = schedule[0]
    model = ScheduleGridModel()
    model.set_view(view)
    meeting = view.meetings[0]
    data = model.mimeData([model.index_of_meeting(meeting.id)])
    assert data is not None and meeting_id_of(data) == meeting.id and data.text() == meeting.attendee
    other = next(m for m in view.meetings if m.company_id == meeting.company_id and m.id != meeting.id)
    with qtbot.waitSignal(model.swap_requested) as swap:
        assert model.dropMimeData(data, Qt.DropAction.MoveAction, -1, -1, model.index_of_meeting(other.id))
    assert swap.args == [meeting.id, other.id]
    free = next(
        model.index(r, c)
        for r in range(model.rowCount())
        for c in range(model.columnCount())
        if model.index(r, c).data(GridRole.MEETING) is None
    )
    with qtbot.waitSignal(model.move_requested) as move:
        assert model.dropMimeData(data, Qt.DropAction.MoveAction, -1, -1, free)
    target = move.args[1]
    assert move.args[0] == meeting.id
    assert (target.slot, target.company_id) == (free.column(), free.data(GridRole.COMPANY_ID))
    # On itself, outside the grid, or with foreign data: nothing is asked.
    assert not model.dropMimeData(data, Qt.DropAction.MoveAction, -1, -1, model.index_of_meeting(meeting.id))
    assert not model.dropMimeData(data, Qt.DropAction.MoveAction, -1, -1, QModelIndex())
    foreign = QMimeData()
    foreign.setText("hello")
    assert not model.canDropMimeData(foreign, Qt.DropAction.MoveAction, -1, -1, free)
    garbage = QMimeData()
    garbage.setData(MEETING_MIME, QByteArray(b"not a number"))
    assert meeting_id_of(garbage) is None


def test_setup_models_pass_the_model_tester(qtmodeltester: ModelTester, schedule) -> None:
    _view, overview, _companies = schedule
    breaks = BreaksModel()
    qtmodeltester.check(breaks, force_py=True)
    row = breaks.add_break("Lunch", QTime(12, 0), QTime(13, 0))
    assert breaks.index(row, 1).data() == "12:00"
    assert breaks.setData(breaks.index(row, 2), QTime(13, 15))
    assert not breaks.setData(breaks.index(row, 0), "   "), "a break needs a name"
    breaks.remove_break(row)

    tags = TagChoiceModel()
    qtmodeltester.check(tags, force_py=True)
    tags.set_tags(overview.tags, [t.key for t in overview.tags])
    assert tags.ignored() == []
    assert tags.setData(tags.index(0, 0), Qt.CheckState.Unchecked, Qt.ItemDataRole.CheckStateRole)
    assert tags.ignored() == [overview.tags[0].key]
    tags.set_all(False)
    assert len(tags.ignored()) == len(overview.tags)


def test_company_tables_and_restrictions_pass_the_model_tester(
    qtmodeltester: ModelTester, qtbot: QtBot, schedule
) -> None:
    _view, _overview, companies = schedule
    tables = CompanyTablesModel()
    tables.set_rows(companies)
    qtmodeltester.check(tables, force_py=True)
    with qtbot.waitSignal(tables.tables_edited) as edited:
        assert tables.setData(tables.index(0, 2), 4)
    assert edited.args == [companies[0].id, 4] and tables.index(0, 2).data() == "4"
    assert not tables.setData(tables.index(0, 0), "renamed"), "only the tables column is edited here"


def test_restrictions_model_passes_the_model_tester(qtmodeltester: ModelTester, schedule) -> None:
    view = schedule[0]
    slot = view.slots[0]
    model = RestrictionsModel()
    model.set_rows([Restriction("attendee", 1, "Anna Jansen", ((slot.start, slot.end),), 7)])
    qtmodeltester.check(model, force_py=True)
    assert [model.index(0, c).data() for c in range(4)] == ["Anna Jansen", "Attendee", slot.label, "7"]


def test_attendance_model_passes_the_model_tester(qtmodeltester: ModelTester, qtbot: QtBot, schedule) -> None:
    view = schedule[0]
    company = view.meetings[0].company_id
    model = AttendanceModel()
    model.set_meetings([m for m in view.meetings if m.company_id == company], view.slots)
    qtmodeltester.check(model, force_py=True)
    first = model.meetings()[0]
    assert model.index(0, AttendanceColumn.TIME).data() == view.slots[first.slot].label
    attended = model.index(0, AttendanceColumn.ATTENDED)
    no_show = model.index(0, AttendanceColumn.NO_SHOW)
    with qtbot.waitSignal(model.status_requested) as ticked:
        assert model.setData(attended, Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)
    assert ticked.args == [first.id, MeetingStatus.ATTENDED]
    with qtbot.waitSignal(model.status_requested) as ticked:
        assert model.setData(no_show, Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)
    assert ticked.args[1] is MeetingStatus.NO_SHOW
    assert attended.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked, "one tick at a time"
    with qtbot.waitSignal(model.status_requested) as ticked:
        model.setData(no_show, Qt.CheckState.Unchecked, Qt.ItemDataRole.CheckStateRole)
    assert ticked.args[1] is MeetingStatus.SCHEDULED
    assert model.counts() == (model.rowCount(), 0, 0)


def test_replan_and_import_models_pass_the_model_tester(qtmodeltester: ModelTester, tmp_path: Path) -> None:
    changes = [
        ChangeLine(ChangeKind.ADDED, "Zoë Bos", "Peel Health", "", "10:20–10:35, table 1", "filled a place"),
        ChangeLine(
            ChangeKind.REMOVED, "Anna Jansen", "Peel Health", "10:20–10:35, table 1", "", "did not check in"
        ),
    ]
    replan = ReplanChangesModel(changes)
    qtmodeltester.check(replan, force_py=True)
    assert [replan.index(r, 0).data() for r in range(2)] == ["Removed", "Added"], "removals first"
    assert replan.index(0, 4).data() == "—" and replan.index(0, 0).data(KIND_ROLE) == "removed"
    replan.set_changes([])

    report = ImportReport(file="wishes.csv", kind="wishes", rows_read=3)
    report.add(3, Outcome.REJECTED, "nobody@example.org is not an attendee of this event", "attendee")
    entries = ReportEntryModel(report.sorted_entries())
    qtmodeltester.check(entries, force_py=True)
    assert [entries.index(0, c).data() for c in range(4)] == [
        "3",
        "rejected",
        "attendee",
        "nobody@example.org is not an attendee of this event",
    ]
    entries.set_entries([])
