"""The Matchmaking screen as an organiser uses it: set up, generate, edit the grid by drag
and drop (allowed moves change the schedule, conflicts are refused and explained), lock,
delete, undo, re-plan after no-shows, tick attendance, import wishes, print and export."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QModelIndex, Qt, QTime
from PySide6.QtGui import QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from eventdesk.domain.matchmaking.model import Meeting, MeetingStatus
from eventdesk.domain.matchmaking.validator import validate
from eventdesk.persistence.document import EventDocument
from eventdesk.services.leads.booth import list_leads
from eventdesk.services.matchmaking.plan import latest_report, load_problem, matchmaking_settings
from eventdesk.services.matchmaking.view import GridMeeting, schedule_view
from eventdesk.ui.main_window import MainWindow
from eventdesk.ui.models.schedule_grid import GridRole, meeting_id_of
from eventdesk.ui.screens.matchmaking import MatchmakingScreen
from eventdesk.ui.widgets.drop_checks import ALLOWED
from tests.factories import EventFactory
from tests.services.matchmaking.support import check_in
from tests.ui.helpers import open_in

TIMEOUT = 30_000


def wait_loaded(qtbot: QtBot, screen: MatchmakingScreen) -> None:
    with qtbot.waitSignal(screen.loaded, timeout=TIMEOUT):
        pass


def finish(qtbot: QtBot, screen: MatchmakingScreen, task: object) -> None:
    """Wait for a background change and for the screen to show its result."""
    with (
        qtbot.waitSignal(screen.loaded, timeout=TIMEOUT),
        qtbot.waitSignal(task.finished, timeout=TIMEOUT),  # type: ignore[attr-defined]
    ):
        pass


@pytest.fixture
def screen(window: MainWindow, qtbot: QtBot, events: EventFactory) -> MatchmakingScreen:
    open_in(window, qtbot, events.demo_path(attendees=90, companies=12, seed=4))
    shown = window.event_view.show_screen("matchmaking")
    assert isinstance(shown, MatchmakingScreen)
    if shown.data is None:
        wait_loaded(qtbot, shown)
    return shown


@pytest.fixture
def generated(screen: MatchmakingScreen, qtbot: QtBot) -> MatchmakingScreen:
    """A schedule with free tables to move into: two meetings each, ten slots."""
    panel = screen.setup_panel
    panel.max_spin.setValue(2)
    panel.slots_spin.setValue(10)
    finish(qtbot, screen, screen.generate(confirm=False))
    return screen


def doc_of(screen: MatchmakingScreen) -> EventDocument:
    return screen.context.require_document()


def grid_meetings(screen: MatchmakingScreen) -> list[Meeting]:
    """What the grid shows, read cell by cell through the view's model (filter included)."""
    model = screen.grid.model()
    shown = []
    for row in range(model.rowCount()):
        for column in range(model.columnCount()):
            meeting: GridMeeting | None = model.index(row, column).data(GridRole.MEETING)
            if meeting is not None:
                index = model.index(row, column)
                shown.append(
                    Meeting(
                        index.data(GridRole.SLOT),
                        index.data(GridRole.COMPANY_ID),
                        index.data(GridRole.TABLE),
                        meeting.attendee_id,
                        locked=meeting.locked,
                    )
                )
    return shown


def index_of(screen: MatchmakingScreen, meeting_id: int) -> QModelIndex:
    source = screen.grid_model.index_of_meeting(meeting_id)
    return screen.grid_filter.mapFromSource(source)


def grid_meeting(screen: MatchmakingScreen, meeting_id: int) -> GridMeeting:
    """The meeting as its cell in the grid shows it now."""
    meeting: GridMeeting | None = index_of(screen, meeting_id).data(GridRole.MEETING)
    assert meeting is not None, f"meeting {meeting_id} is not in the grid"
    return meeting


def free_cell_for(screen: MatchmakingScreen, meeting: GridMeeting) -> QModelIndex | None:
    """A free table of the same company, at a time the person has no other meeting."""
    model = screen.grid.model()
    busy = {m.slot for m in screen.grid_model.schedule.meetings if m.attendee_id == meeting.attendee_id}
    for row in range(model.rowCount()):
        for column in range(model.columnCount()):
            index = model.index(row, column)
            if (
                index.data(GridRole.COMPANY_ID) == meeting.company_id
                and index.data(GridRole.MEETING) is None
                and column not in busy
            ):
                return index
    return None


def movable(screen: MatchmakingScreen) -> tuple[GridMeeting, QModelIndex]:
    """A meeting and a free cell it may move to (its company is not fully booked)."""
    for meeting in screen.grid_model.schedule.meetings:
        cell = free_cell_for(screen, meeting)
        if cell is not None:
            return meeting, cell
    raise AssertionError("no free cell to move into")


def other_company_free_cell(screen: MatchmakingScreen, meeting: GridMeeting) -> QModelIndex:
    model = screen.grid.model()
    for row in range(model.rowCount()):
        for column in range(model.columnCount()):
            index = model.index(row, column)
            if index.data(GridRole.COMPANY_ID) != meeting.company_id and index.data(GridRole.MEETING) is None:
                return index
    raise AssertionError("no free cell at another company")


def drag_over(
    screen: MatchmakingScreen, qtbot: QtBot, data: QMimeData, target: QModelIndex
) -> QDragMoveEvent:
    """Move a dragged meeting over a cell, as the mouse does, until the core has answered."""
    grid = screen.grid
    point = grid.visualRect(target).center()

    def move() -> QDragMoveEvent:
        event = QDragMoveEvent(
            point,
            Qt.DropAction.MoveAction,
            data,
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier,
        )
        grid.dragMoveEvent(event)
        return event

    grid.scrollTo(target)
    point = grid.visualRect(target).center()
    move()
    intent = grid.intent_at(target, meeting_id_of(data))
    assert intent is not None
    qtbot.waitUntil(lambda: grid.checks.answer(intent.key) is not None, timeout=TIMEOUT)
    return move()


def test_setup_then_generate_shows_a_valid_schedule_in_the_grid(
    generated: MatchmakingScreen, qtbot: QtBot
) -> None:
    screen = generated
    doc = doc_of(screen)
    report = latest_report(doc=doc)
    assert report is not None and report.meetings > 0
    settings = matchmaking_settings(doc=doc)
    assert (settings.max_meetings, settings.slot_count) == (2, 10), "the setup keeps what was generated with"
    # The result tab shows the core's figures.
    assert screen.tabs.currentWidget() is screen.result_panel
    assert screen.result_panel.figures["meetings"].text() == str(report.meetings)
    # The same figures as `schedule --json`, in the organiser's terms, each explained.
    figures = report.figures()
    panel = screen.result_panel
    locale = panel.locale()
    assert panel.figures["people_with_meetings"].text() == (
        f"{figures['people_with_meetings']} of {figures['participants']}"
    )
    assert panel.figures["total_score"].text() == locale.toString(report.total_score, "f", 2)
    assert panel.figures["best_possible_score"].text() == locale.toString(report.best_possible_score, "f", 2)
    assert "upper_bound" not in panel.figures and "quality" not in panel.figures
    for key in ("meetings", "people_with_meetings", "total_score", "best_possible_score", "utilisation"):
        assert panel.figures[key].parentWidget().toolTip(), key
    assert panel.quality_note.text().startswith(("Certified", "Not certified"))
    assert screen.result_panel.histogram.counts() == report.people_by_meetings
    assert f"version {report.version}" in screen.notice.label.text().lower()
    # What the grid shows passes the core's independent validator, and is all of it.
    shown = grid_meetings(screen)
    assert len(shown) == report.meetings
    with doc.session() as session:
        problem = load_problem(session).problem
    assert validate(problem, shown) == []
    assert screen.grid.model().columnCount() == 10
    assert screen.grid.model().headerData(0, Qt.Orientation.Horizontal) == f"{settings.first_start:%H:%M}"


def test_an_allowed_drop_moves_the_meeting(generated: MatchmakingScreen, qtbot: QtBot) -> None:
    screen = generated
    meeting, target = movable(screen)
    source = index_of(screen, meeting.id)
    slot, table = target.data(GridRole.SLOT), target.data(GridRole.TABLE)
    data = screen.grid.model().mimeData([source])
    event = drag_over(screen, qtbot, data, target)
    assert event.isAccepted(), screen.hint_label.text()
    assert screen.hint_label.text().startswith(f"Drop to move {meeting.attendee}")
    assert screen.grid.checks.answer(f"{meeting.id}:{slot}:{meeting.company_id}:{table}") == ALLOWED

    drop = QDropEvent(
        screen.grid.visualRect(target).center().toPointF(),
        Qt.DropAction.MoveAction,
        data,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    with (
        qtbot.waitSignal(screen.loaded, timeout=TIMEOUT),
        qtbot.waitSignal(screen.edit_finished, timeout=TIMEOUT),
    ):
        screen.grid.dropEvent(drop)
    moved = next(m for m in schedule_view(doc=doc_of(screen)).meetings if m.id == meeting.id)
    assert (moved.slot, moved.table) == (slot, table)
    assert screen.grid_model.index_of_meeting(meeting.id).column() == slot
    assert screen.hint_label.text().startswith("Moved ")


def test_a_conflicting_drop_is_refused_with_the_reason_and_changes_nothing(
    generated: MatchmakingScreen, qtbot: QtBot
) -> None:
    screen = generated
    doc = doc_of(screen)
    before = schedule_view(doc=doc).meetings
    meeting = before[0]
    target = other_company_free_cell(screen, meeting)
    data = screen.grid.model().mimeData([index_of(screen, meeting.id)])
    event = drag_over(screen, qtbot, data, target)
    assert not event.isAccepted(), "a refused cell shows the forbidden cursor"
    reason = screen.hint_label.text()
    assert "a meeting only moves between its own company's tables" in reason
    assert meeting.attendee in reason
    assert screen.hint_label.property("refused") is True

    # Dropping there anyway (the view knows the answer) changes nothing and says why.
    drop = QDropEvent(
        screen.grid.visualRect(target).center().toPointF(),
        Qt.DropAction.MoveAction,
        data,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    screen.grid.dropEvent(drop)
    assert not drop.isAccepted()
    assert screen.notice.isVisible() and reason in screen.notice.label.text()
    # And the model's own drop path, which asks the core directly, is refused by the core too.
    with qtbot.waitSignal(screen.edit_finished, timeout=TIMEOUT):
        assert screen.grid.model().dropMimeData(data, Qt.DropAction.MoveAction, -1, -1, target)
    assert "only moves between its own company's tables" in screen.last_refusal
    assert schedule_view(doc=doc).meetings == before


def test_dropping_on_another_meeting_of_the_company_swaps_them(
    generated: MatchmakingScreen, qtbot: QtBot
) -> None:
    screen = generated
    view = screen.grid_model.schedule
    pairs = [
        (a, b)
        for a in view.meetings
        for b in view.meetings
        if a.company_id == b.company_id and a.id < b.id and a.slot != b.slot
    ]
    allowed = None
    for first, second in pairs:
        from eventdesk.services.matchmaking.edits import swap_conflict

        if swap_conflict(doc=doc_of(screen), first_id=first.id, second_id=second.id) is None:
            allowed = (first, second)
            break
    assert allowed is not None
    first, second = allowed
    data = screen.grid.model().mimeData([index_of(screen, first.id)])
    event = drag_over(screen, qtbot, data, index_of(screen, second.id))
    assert event.isAccepted()
    assert screen.hint_label.text().startswith(f"Drop to swap {first.attendee} and {second.attendee}")
    target = index_of(screen, second.id)
    with (
        qtbot.waitSignal(screen.loaded, timeout=TIMEOUT),
        qtbot.waitSignal(screen.edit_finished, timeout=TIMEOUT),
    ):
        screen.grid.model().dropMimeData(data, Qt.DropAction.MoveAction, -1, -1, target)
    after = {m.id: (m.slot, m.table) for m in schedule_view(doc=doc_of(screen)).meetings}
    assert after[first.id] == (second.slot, second.table)
    assert after[second.id] == (first.slot, first.table)


def test_lock_delete_and_undo_from_the_grid(
    generated: MatchmakingScreen, qtbot: QtBot, window: MainWindow
) -> None:
    # Each step waits for what the organiser sees in the grid, not for the next `loaded`: a
    # reload already under way when a key is pressed emits `loaded` with the grid as it was.
    screen = generated
    doc = doc_of(screen)
    first, _free = movable(screen)
    second = next(m for m in screen.grid_model.schedule.meetings if m.id != first.id)
    screen.tabs.setCurrentIndex(2)
    window.activateWindow()
    screen.grid.setFocus()
    qtbot.waitUntil(lambda: screen.grid.hasFocus(), timeout=TIMEOUT)
    assert screen.grid.select_meeting(first.id)
    qtbot.keyClick(screen.grid, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: grid_meeting(screen, first.id).locked, timeout=TIMEOUT)
    assert screen.grid.current_meeting().id == first.id, "the selection survives the reload"
    assert screen.grid.current_meeting().locked
    # A locked meeting cannot be dragged away: refused and explained.
    data = screen.grid.model().mimeData([index_of(screen, first.id)])
    # (Indexes do not survive the reload that shows the lock: look the free cell up again.)
    refused = drag_over(screen, qtbot, data, free_cell_for(screen, first))
    assert not refused.isAccepted()
    assert "is locked; unlock it before you move it" in screen.hint_label.text()
    # The context menu offers to unlock it.
    menu = screen.grid.build_menu(screen.grid.current_meeting())
    assert "Unlock" in [a.text() for a in menu.actions()]

    assert screen.grid.select_meeting(second.id)
    qtbot.keyClick(screen.grid, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: not screen.grid_model.index_of_meeting(second.id).isValid(), timeout=TIMEOUT)
    assert second.id not in {m.id for m in schedule_view(doc=doc).meetings}

    assert window.undo_actions.undo_action.text().startswith("&Undo Deleted ")
    window.undo_actions.undo_action.trigger()
    place = (second.attendee_id, second.company_id, second.slot, second.table)

    def shown_again() -> bool:
        return place in {(m.attendee, m.company, m.slot, m.table) for m in grid_meetings(screen)}

    qtbot.waitUntil(shown_again, timeout=TIMEOUT)
    restored = {(m.attendee_id, m.company_id, m.slot, m.table) for m in schedule_view(doc=doc).meetings}
    assert place in restored
    window.undo_actions.undo_action.trigger()
    qtbot.waitUntil(lambda: not grid_meeting(screen, first.id).locked, timeout=TIMEOUT)
    assert not next(m for m in schedule_view(doc=doc).meetings if m.id == first.id).locked


def test_replan_shows_the_changes_before_saving_them(generated: MatchmakingScreen, qtbot: QtBot) -> None:
    screen = generated
    doc = doc_of(screen)
    people = sorted({m.attendee_id for m in screen.grid_model.schedule.meetings})
    check_in(doc, people[: len(people) // 2])
    before = schedule_view(doc=doc).meetings
    with qtbot.waitSignal(screen.replan().finished, timeout=TIMEOUT):
        pass
    dialog = screen.replan_dialog
    assert dialog.isVisible() and dialog.model.rowCount() > 0
    kinds = {dialog.model.index(row, 0).data() for row in range(dialog.model.rowCount())}
    assert "Removed" in kinds
    assert "Nothing is saved until you press Save the re-plan" in dialog.summary.text()
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData("added"))
    assert all(dialog.shown.index(row, 0).data() == "Added" for row in range(dialog.shown.rowCount()))
    dialog.kind_combo.setCurrentIndex(0)
    assert dialog.shown.rowCount() == dialog.model.rowCount()
    assert schedule_view(doc=doc).meetings == before, "nothing is saved while the changes are shown"

    with qtbot.waitSignal(screen.loaded, timeout=TIMEOUT):
        dialog.accept_button.click()
    after = schedule_view(doc=doc)
    assert after.version == 2
    assert {m.attendee_id for m in after.meetings} <= set(people[: len(people) // 2])
    assert "Re-plan saved as version 2" in screen.notice.label.text()
    assert screen.notice.changes_button.isVisible()
    screen.notice.changes_button.click()
    saved = screen.replan_dialog
    assert saved is not dialog and saved.accept_button is None
    assert saved.model.rowCount() == dialog.model.rowCount()


def test_exports_write_their_files_and_offer_to_open_them(
    generated: MatchmakingScreen, qtbot: QtBot, tmp_path: Path
) -> None:
    screen = generated
    targets = {
        "attendees": tmp_path / "people.pdf",
        "companies": tmp_path / "companies.pdf",
        "grid": tmp_path / "grid.pdf",
        "ics": tmp_path / "calendars",
        "csv": tmp_path / "meetings.csv",
    }
    for key, target in targets.items():
        with qtbot.waitSignal(screen.export_to(key, target).finished, timeout=TIMEOUT):
            pass
        assert screen.notice.target == target and screen.notice.open_button.isVisible(), key
        assert str(target) in screen.notice.label.text()
    for key in ("attendees", "companies", "grid"):
        assert targets[key].read_bytes().startswith(b"%PDF"), key
    people = {m.attendee_id for m in screen.grid_model.schedule.meetings}
    assert len(list(targets["ics"].glob("*.ics"))) == len(people)
    with targets["csv"].open(encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == len(screen.grid_model.schedule.meetings)
    assert rows[0]["slot_start"].endswith(("+01:00", "+02:00"))
    # Personal schedules mark meetings printed: re-planning will keep them.
    qtbot.waitUntil(lambda: all(m.printed for m in screen.grid_model.schedule.meetings), timeout=TIMEOUT)


def test_attended_ticks_make_leads_and_no_shows_do_not(generated: MatchmakingScreen, qtbot: QtBot) -> None:
    screen = generated
    doc = doc_of(screen)
    panel = screen.attendance_panel
    company_id = panel.company_combo.currentData()
    model = panel.model
    assert model.rowCount() > 1
    first, second = model.meetings()[:2]
    with qtbot.waitSignal(screen.loaded, timeout=TIMEOUT):
        model.setData(model.index(0, 3), Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)
    with qtbot.waitSignal(screen.loaded, timeout=TIMEOUT):
        model.setData(model.index(1, 4), Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)
    statuses = {m.id: m.status for m in schedule_view(doc=doc).meetings}
    assert statuses[first.id] is MeetingStatus.ATTENDED and statuses[second.id] is MeetingStatus.NO_SHOW
    leads = list_leads(doc=doc, company_id=company_id)
    assert [lead.source for lead in leads] == ["meeting"]
    assert panel.company_combo.currentData() == company_id, "the chosen company stays after the reload"
    assert "1 attended · 1 no-show" in panel.counts_label.text()
    # The grid shows the ticks too.
    assert index_of(screen, first.id).data(GridRole.STATUS) == "attended"


def test_wishes_import_is_all_or_nothing_and_names_the_unknown(
    screen: MatchmakingScreen, qtbot: QtBot, tmp_path: Path
) -> None:
    doc = doc_of(screen)
    view = schedule_view(doc=doc)
    person = next(iter(view.people.values()))
    company = next(iter(view.companies.values()))
    bad = tmp_path / "wishes.csv"
    bad.write_text(
        f"attendee,company,rank\n{person.email},{company.name},1\nnobody@example.org,{company.name},2\n",
        encoding="utf-8",
    )
    with qtbot.waitSignal(screen.import_from("wishes", bad).finished, timeout=TIMEOUT):
        pass
    dialog = screen.import_dialog
    assert dialog.windowTitle() == "Wishes not imported"
    assert "wishes.csv, line 3" in dialog.headline.text() and "nobody@example.org" in dialog.headline.text()
    assert dialog.model.rowCount() >= 1
    assert screen.data.overview.wishes.total == 0

    good = tmp_path / "good.csv"
    good.write_text(f"attendee,company,rank\n{person.email},{company.name},1\n", encoding="utf-8")
    with qtbot.waitSignal(screen.loaded, timeout=TIMEOUT):
        screen.import_from("wishes", good)
    assert screen.import_dialog.windowTitle() == "Wishes imported"
    assert screen.data.overview.wishes.attendee_wishes == 1
    assert "1 wish and" in screen.setup_panel.wishes_label.text()


def test_availability_import_lists_who_is_restricted(
    screen: MatchmakingScreen, qtbot: QtBot, tmp_path: Path
) -> None:
    doc = doc_of(screen)
    view = schedule_view(doc=doc)
    person = next(iter(view.people.values()))
    path = tmp_path / "availability.csv"
    path.write_text(f"attendee,from,to\n{person.email},10:00,12:00\n", encoding="utf-8")
    with qtbot.waitSignal(screen.loaded, timeout=TIMEOUT):
        screen.import_from("availability", path)
    panel = screen.setup_panel
    assert panel.restrictions_model.rowCount() == 1
    assert panel.restrictions_model.index(0, 0).data() == person.name
    assert panel.restrictions_model.index(0, 2).data() == "10:00–12:00"
    assert panel.restrictions_label.text() == "1 person can meet only part of the day:"

    # A company available in the afternoon only: its morning tables are shaded in the grid.
    company = next(t for t in view.tables if t.table == 1)
    path.write_text(f"company,from,to\n{company.company},13:00,17:00\n", encoding="utf-8")
    with qtbot.waitSignal(screen.loaded, timeout=TIMEOUT):
        screen.import_from("availability", path)
    assert panel.restrictions_label.text() == "1 person and 1 company can meet only part of the day:"
    grid = screen.grid_model
    row = next(r for r in range(grid.rowCount()) if grid.table_at(r).company_id == company.company_id)
    morning = screen.grid_model.index(row, 0)
    assert morning.data(GridRole.LOOK).unavailable
    assert "is not available at this time" in morning.data(Qt.ItemDataRole.ToolTipRole)
    last = screen.grid_model.index(row, screen.grid_model.columnCount() - 1)
    assert not last.data(GridRole.LOOK).unavailable


def test_setup_edits_are_checked_as_typed_and_saved(screen: MatchmakingScreen, qtbot: QtBot) -> None:
    assert screen.tabs.currentWidget() is screen.setup_panel, (
        "without a schedule the screen opens on the setup"
    )
    panel = screen.setup_panel
    assert not panel.is_dirty and "16 slots from" in panel.slots_preview.text()
    panel.add_break()
    panel.add_break()
    model = panel.breaks_model
    model.setData(model.index(0, 1), QTime(12, 0))
    model.setData(model.index(0, 2), QTime(13, 0))
    model.setData(model.index(1, 1), QTime(12, 30))
    model.setData(model.index(1, 2), QTime(12, 45))
    assert "overlap" in panel.problem_label.text(), "the core's sentence, as soon as it is typed"
    panel.breaks_table.setCurrentIndex(model.index(1, 0))
    panel._remove_break()
    assert panel.problem_label.text() == "" and "Skipping Lunch 12:00–13:00" in panel.slots_preview.text()
    panel.weight_spins["attendee_wish"].setValue(5.0)
    panel.same_tables_radio.setChecked(True)
    panel.same_tables_spin.setValue(2)
    tag = panel.tags_model.rows()[0]
    panel.set_checked_tag(tag.key, False)
    assert panel.is_dirty and panel.save_button.isEnabled()
    with qtbot.waitSignal(screen.loaded, timeout=TIMEOUT):
        panel.save_button.click()
    saved = matchmaking_settings(doc=doc_of(screen))
    assert [(b.label, f"{b.start:%H:%M}", f"{b.end:%H:%M}") for b in saved.breaks] == [
        ("Lunch", "12:00", "13:00")
    ]
    assert saved.weights.attendee_wish == 5.0 and saved.tables_override == 2
    assert tag.key in saved.tags_ignored
    assert not panel.is_dirty
    assert "24 tables per slot" in panel.capacity_label.text()


def test_company_tables_are_edited_in_the_setup(screen: MatchmakingScreen, qtbot: QtBot) -> None:
    from eventdesk.services.people.lists import list_company_rows

    model = screen.setup_panel.company_tables_model
    row = model.rows()[0]
    with qtbot.waitSignal(screen.loaded, timeout=TIMEOUT):
        assert model.setData(model.index(0, 2), row.meeting_tables + 2)
    stored = next(c for c in list_company_rows(doc=doc_of(screen)) if c.id == row.id)
    assert stored.meeting_tables == row.meeting_tables + 2
    assert screen.data.overview.tables_per_slot == sum(c.meeting_tables for c in model.rows())


def test_generation_can_be_cancelled_and_changes_nothing(
    screen: MatchmakingScreen, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    import eventdesk.ui.screens.matchmaking as module

    def slow(*, doc: EventDocument, progress: object) -> None:
        for step in range(10_000):
            progress.report(step, 10_000, "Solving")  # type: ignore[attr-defined]
            import time

            time.sleep(0.01)

    monkeypatch.setattr(module, "generate_schedule", slow)
    task = screen.generate(confirm=False)
    qtbot.waitUntil(lambda: task.progress_dialog is not None, timeout=TIMEOUT)
    cancel = task.progress_dialog.findChild(QPushButton)
    assert cancel.text() == "Cancel"
    with qtbot.waitSignal(task.cancelled, timeout=TIMEOUT):
        cancel.click()
    assert latest_report(doc=doc_of(screen)) is None
    assert screen.generate_button.isEnabled()


def test_search_filters_the_grid_and_highlights_the_person(generated: MatchmakingScreen) -> None:
    screen = generated
    meeting = screen.grid_model.schedule.meetings[0]
    screen.search_edit.setText(meeting.attendee)
    model = screen.grid.model()
    assert 0 < model.rowCount() < screen.grid_model.rowCount()
    shown = {m.attendee for m in grid_meetings(screen)}
    assert meeting.attendee_id in shown
    assert screen.grid_filter.matches_attendee(index_of(screen, meeting.id).data(GridRole.ATTENDEE_KEY))
    screen.search_edit.setText(meeting.company)
    assert {model.index(r, 0).data(GridRole.COMPANY_ID) for r in range(model.rowCount())} >= {
        meeting.company_id
    }
    screen.search_edit.clear()
    assert model.rowCount() == screen.grid_model.rowCount()


def test_the_grid_reads_well_for_a_large_fair_without_a_widget_per_cell(generated: MatchmakingScreen) -> None:
    grid = generated.grid
    assert grid.indexWidget(grid.model().index(0, 0)) is None
    assert grid.verticalHeader().sectionResizeMode(0).name == "Fixed"
    header = grid.model().headerData(0, Qt.Orientation.Vertical, Qt.ItemDataRole.ToolTipRole)
    assert "Table 1 of" in header


def test_the_setup_says_how_many_visitors_are_left_out(
    screen: MatchmakingScreen, qtbot: QtBot, tmp_path: Path
) -> None:
    from eventdesk.services.importing import import_file
    from eventdesk.services.matchmaking.overview import setup_overview

    doc = doc_of(screen)
    before = setup_overview(doc=doc).left_out
    path = tmp_path / "late-registrations.csv"
    path.write_text(
        "First name,Last name,Email\nMette,Holm,mette@example.dk\nJens,Berg,jens@example.dk\n", "utf-8"
    )
    outcome = import_file(doc=doc, path=path)
    assert outcome.report.matchmaking_left_out == 2
    with qtbot.waitSignal(screen.loaded, timeout=TIMEOUT):
        screen.context.notify(outcome.changes)
    label = screen.setup_panel.left_out_label
    assert not label.isHidden()
    assert label.text().startswith(
        f"{before + 2} registered visitors are left out: no interests and no wishes"
    )


def test_menu_buttons_leave_room_for_their_arrow(screen: MatchmakingScreen, qtbot: QtBot) -> None:
    """ "Print and export" was clipped by its own menu arrow."""
    from PySide6.QtWidgets import QApplication, QToolButton

    from eventdesk.ui import theme

    theme.apply(QApplication.instance())  # the app's style sheet, as create_application applies it
    qtbot.wait(50)
    buttons = [b for b in screen.findChildren(QToolButton) if b.menu() is not None and b.text()]
    assert buttons
    for button in buttons:
        needed = button.fontMetrics().horizontalAdvance(button.text()) + 16  # text + arrow
        assert button.sizeHint().width() >= needed, (button.text(), button.sizeHint().width(), needed)
