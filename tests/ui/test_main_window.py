"""The window as a person uses it: welcome, open, browse every screen, copy, close."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from eventdesk.domain.enums import AttendeeStatus
from eventdesk.persistence.document import EventDocument
from eventdesk.services.events import event_stats
from eventdesk.settings import LAST_FOLDER, WINDOW_STATE, Settings
from eventdesk.ui.context import EventContext
from eventdesk.ui.main_window import MainWindow
from eventdesk.ui.models.recent import RecentRole
from eventdesk.ui.screens import SCREENS, EmptyStateScreen
from eventdesk.ui.screens.attendees import AttendeesScreen
from eventdesk.ui.screens.companies import CompaniesScreen
from eventdesk.ui.screens.dashboard import DashboardScreen
from tests.factories import EventFactory
from tests.ui.helpers import open_in


def _visible_boxes(window: MainWindow) -> list[QMessageBox]:
    return [box for box in window.findChildren(QMessageBox) if box.isVisible()]


def test_starts_on_the_welcome_screen(window: MainWindow) -> None:
    assert window.pages.currentWidget() is window.welcome
    assert window.windowTitle() == "eventdesk"
    labels = [button.text() for button in window.welcome.findChildren(QPushButton)]
    for text in ("New event…", "Open event…", "Open database…", "Open a demo event"):
        assert text in labels
    assert not window.save_copy_action.isEnabled()
    assert not window.close_action.isEnabled()


def test_open_an_event_then_every_screen_shows(
    window: MainWindow, qtbot: QtBot, events: EventFactory
) -> None:
    path = events.demo_path(attendees=300)
    open_in(window, qtbot, path)
    view = window.event_view
    assert view is not None and window.pages.currentWidget() is view
    assert window.windowTitle().endswith(f" — {path.name} — eventdesk")
    assert window.windowTitle().startswith(window.context.summary.name)
    assert view.current_key() == "dashboard"
    assert list(view.built_screens()) == ["dashboard"], "only the visible screen is built on open"

    for number, entry in enumerate(SCREENS, start=1):
        qtbot.keyClick(window, Qt.Key(Qt.Key.Key_0 + number), Qt.KeyboardModifier.ControlModifier)
        screen = view.current_screen()
        assert isinstance(screen, entry.load())
        assert screen.key == entry.key
        assert screen.isVisible()
        assert view.navigation.currentItem().text() == entry.display_title()

    # Clicking the navigation works as well as the shortcuts.
    view.navigation.setCurrentRow(1)
    assert isinstance(view.current_screen(), AttendeesScreen)


def test_dashboard_shows_the_event_and_its_counts(
    window: MainWindow, qtbot: QtBot, events: EventFactory
) -> None:
    path = events.demo_path(attendees=300)
    open_in(window, qtbot, path)
    dashboard = window.event_view.current_screen()
    assert isinstance(dashboard, DashboardScreen)
    doc = window.context.require_document()
    stats = event_stats(doc=doc)
    summary = window.context.summary
    assert dashboard.event_name.text() == summary.name
    assert summary.venue in dashboard.when_where.text()
    assert f"({summary.timezone})" in dashboard.when_where.text()
    assert summary.when in dashboard.when_where.text()
    assert dashboard.cards["registered"].value.text() == dashboard.locale().toString(stats.registered)
    assert dashboard.cards["companies"].value.text() == str(stats.companies)
    assert dashboard.cards["cancelled"].value.text() == str(stats.cancelled)
    exhibitor_count, _bar = dashboard.type_rows["exhibitor"]
    assert exhibitor_count.text() == str(stats.by_ticket_type["exhibitor"])


def test_the_window_is_usable_while_the_dashboard_still_counts(
    window: MainWindow, qtbot: QtBot, events: EventFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The counts are read on the pool: a slow read (a big event, a shared server) does not
    hold back the first paint, and the cards fill in when it is done."""
    import threading

    from eventdesk.ui.screens import dashboard as dashboard_module

    path = events.demo_path(attendees=300)
    release = threading.Event()
    counted_on: list[str] = []

    def slow_stats(*, doc: EventDocument):  # type: ignore[no-untyped-def]
        counted_on.append(threading.current_thread().name)
        assert release.wait(20), "never released"
        return event_stats(doc=doc)

    monkeypatch.setattr(dashboard_module, "event_stats", slow_stats)
    with qtbot.waitSignal(window.event_ready, timeout=20_000):
        window.open_event(str(path))
    dashboard = window.event_view.current_screen()
    assert isinstance(dashboard, DashboardScreen)
    assert dashboard.loading
    assert dashboard.event_name.text() == window.context.summary.name
    assert dashboard.cards["registered"].value.text() == "–"
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)  # the window answers
    assert window.event_view.current_key() == "attendees"
    with qtbot.waitSignal(dashboard.figures_shown, timeout=20_000):
        release.set()
    assert counted_on and counted_on[0] != threading.main_thread().name
    registered = event_stats(doc=window.context.require_document()).registered
    assert dashboard.cards["registered"].value.text() == dashboard.locale().toString(registered)


def test_attendee_table_lists_everyone_and_filters(
    window: MainWindow, qtbot: QtBot, events: EventFactory
) -> None:
    open_in(window, qtbot, events.demo_path(attendees=300))
    window.show_screen("attendees")
    screen = window.event_view.current_screen()
    assert isinstance(screen, AttendeesScreen)
    assert screen.model.rowCount() == 300
    assert screen.count_label.text() == "300 people"
    someone = screen.model.row_at(17)
    screen.search_edit.insert(someone.family_name)  # typed; QTest can only type ASCII
    qtbot.waitUntil(lambda: screen.model.rowCount() < 300, timeout=5000)
    shown = screen.model.rows()
    assert someone in shown
    assert "of 300 shown" in screen.count_label.text()
    screen.search_edit.clear()
    screen.apply_filter()
    assert screen.model.rowCount() == 300


def test_companies_screen_shows_staff_of_the_selected_company(
    window: MainWindow, qtbot: QtBot, events: EventFactory
) -> None:
    open_in(window, qtbot, events.demo_path(attendees=300))
    window.show_screen("companies")
    screen = window.event_view.current_screen()
    assert isinstance(screen, CompaniesScreen)
    assert screen.model.rowCount() == 40
    biggest = max(screen.model.rows(), key=lambda company: company.staff_count)
    screen._select_company(biggest.id)
    assert screen.selected_company() == biggest
    staff = [screen.staff_model.row_at(row) for row in range(screen.staff_model.rowCount())]
    assert len(staff) == biggest.staff_count > 0
    assert {person.company_id for person in staff} == {biggest.id}
    assert biggest.name in screen.staff_title.text()


def test_empty_state_screens_say_what_comes_and_lead_somewhere(
    window: MainWindow, qtbot: QtBot, events: EventFactory
) -> None:
    open_in(window, qtbot, events.demo_path(attendees=300))
    registered = event_stats(doc=window.context.require_document()).registered
    view = window.event_view
    # Screens that a later issue has not filled yet; each one is replaced in its own time.
    waiting = [entry.key for entry in SCREENS if issubclass(entry.load(), EmptyStateScreen)]
    for key in waiting:
        screen = view.show_screen(key)
        text = f"{screen.empty_state.headline.text()} {screen.empty_state.body.text()}".lower()
        assert "coming soon" not in text
        assert screen.empty_state.action.isVisible()
        qtbot.mouseClick(screen.empty_state.action, Qt.MouseButton.LeftButton)
        assert view.current_key() in {"attendees", "companies", "badges"}
    if "badges" in waiting:
        assert str(registered) in view.screen("badges").empty_state.headline.text()


def test_badges_on_an_empty_event_sends_the_person_to_attendees(
    window: MainWindow, qtbot: QtBot, events: EventFactory
) -> None:
    doc = events.empty()
    path = doc.display_location
    doc.close()
    open_in(window, qtbot, path)
    screen = window.event_view.show_screen("badges")
    if isinstance(screen, EmptyStateScreen):
        assert screen.empty_state.action.text() == "Go to Attendees"
        qtbot.mouseClick(screen.empty_state.action, Qt.MouseButton.LeftButton)
    else:
        window.show_screen("attendees")
    attendees = window.event_view.current_screen()
    assert isinstance(attendees, AttendeesScreen)
    assert attendees.pages.currentWidget() is attendees.empty_state


def test_changes_refresh_the_screens_that_care(
    window: MainWindow, qtbot: QtBot, events: EventFactory
) -> None:
    from eventdesk.domain.changes import Changes, Entity
    from eventdesk.persistence.tables import Attendee

    open_in(window, qtbot, events.demo_path(attendees=300))
    dashboard = window.event_view.current_screen()
    attendees = window.event_view.screen("attendees")
    before = dashboard.cards["cancelled"].value.text()
    doc = window.context.require_document()
    with doc.session() as session:
        person = session.get(Attendee, 1)
        assert person is not None and person.status == AttendeeStatus.REGISTERED.value
        person.status = AttendeeStatus.CANCELLED.value
    window.context.notify(Changes.of(Entity.ATTENDEES))
    qtbot.waitUntil(lambda: dashboard.cards["cancelled"].value.text() == str(int(before) + 1))
    assert attendees.is_stale, "a hidden screen reloads when it is next shown, not now"
    window.show_screen("attendees")
    assert not attendees.is_stale
    row = attendees.model.row_of_id(1)
    assert attendees.model.row_at(row).status == AttendeeStatus.CANCELLED.value


def test_opening_a_file_that_is_not_an_event_says_so(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    notes = tmp_path / "notes.eventdesk"
    notes.write_text("shopping list", "utf-8")
    failures: list[str] = []
    window.open_failed.connect(failures.append)
    task = window.open_event(str(notes))
    with qtbot.waitSignal(task.finished, timeout=10_000):
        pass
    assert failures and "is not an eventdesk event file" in failures[0]
    boxes = _visible_boxes(window)
    assert [box.text() for box in boxes] == failures
    assert window.pages.currentWidget() is window.welcome
    assert not window.context.has_document


def test_a_file_damaged_deep_inside_opens_then_the_page_check_closes_it_in_one_sentence(
    window: MainWindow, qtbot: QtBot, events: EventFactory
) -> None:
    path = events.demo_path(attendees=3000, companies=10, seed=2)
    data = bytearray(path.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    middle = len(data) // 2 // page * page
    data[middle : middle + 4 * page] = b"\xa5" * (4 * page)  # a bad disk, deep in the attendee table
    path.write_bytes(bytes(data))
    window.open_event(str(path))

    def damaged() -> list[QMessageBox]:
        return [b for b in _visible_boxes(window) if b.windowTitle() == "The event file is damaged"]

    qtbot.waitUntil(lambda: bool(damaged()), timeout=30_000)
    box = damaged()[0]
    assert box.text().startswith(f"{path} is damaged and cannot be read")
    assert box.text().endswith("The event was closed; open your most recent copy of it instead.")
    assert not window.context.has_document
    for shown in _visible_boxes(window):
        shown.close()


def test_a_recent_event_that_fails_is_offered_for_removal(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    broken = tmp_path / "broken.eventdesk"
    broken.write_bytes(b"\x00" * 512)
    window.settings.add_recent_event(str(broken))
    task = window.open_event(str(broken))
    with qtbot.waitSignal(task.finished, timeout=10_000):
        pass
    box = next(box for box in _visible_boxes(window) if box.objectName() == "questionMessage")
    assert "Remove it from the list" in box.informativeText()
    remove = next(button for button in box.buttons() if button.text() == "Remove from list")
    qtbot.mouseClick(remove, Qt.MouseButton.LeftButton)
    assert str(broken) not in window.settings.recent_events()


def test_recent_events_list_opens_and_greys_missing(
    window: MainWindow, qtbot: QtBot, events: EventFactory, tmp_path: Path
) -> None:
    path = events.demo_path(attendees=50)
    missing = tmp_path / "on a usb stick.eventdesk"
    window.settings.add_recent_event(str(missing))
    window.settings.add_recent_event(str(path))
    window.welcome.reload()
    recent = window.welcome.recent_list
    model = window.welcome.recent_model
    assert [model.index(row).data(RecentRole.LOCATION) for row in range(model.rowCount())] == [
        str(path),
        str(missing),
    ]
    assert model.index(1).data(RecentRole.AVAILABLE) is False
    assert window.welcome.remove_missing_button.isVisibleTo(window.welcome)

    # Double-clicking a missing one offers to forget it rather than failing to open.
    window.welcome._choose(model.index(1))
    box = next(box for box in _visible_boxes(window) if box.objectName() == "questionMessage")
    assert "cannot be found" in box.text()
    box.reject()

    rect = recent.visualRect(model.index(0))
    qtbot.mouseClick(recent.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.welcome.remove_button.isEnabled()
    with qtbot.waitSignal(window.context.document_changed, timeout=10_000):
        # A view only takes a double-click on the item that the first click pressed.
        qtbot.mouseDClick(recent.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.context.require_document().display_location == str(path)

    window.close_document()
    assert window.pages.currentWidget() is window.welcome
    window.welcome.remove_missing()
    assert window.settings.recent_events() == [str(path)]


def test_open_recent_menu_lists_recent_events(window: MainWindow, events: EventFactory) -> None:
    path = events.demo_path(attendees=20)
    window.settings.add_recent_event(str(path))
    window.recent_menu.aboutToShow.emit()
    texts = [action.text() for action in window.recent_menu.actions()]
    assert texts[0] == str(path)
    assert "Clear list" in texts


def test_save_a_copy_gives_an_openable_event(
    window: MainWindow, qtbot: QtBot, events: EventFactory, tmp_path: Path
) -> None:
    open_in(window, qtbot, events.demo_path(attendees=300))
    destination = tmp_path / "copies" / "Backup of the fair.eventdesk"
    destination.parent.mkdir()
    task = window.save_copy(destination)
    with qtbot.waitSignal(task.succeeded, timeout=10_000):
        pass
    assert "Saved a copy" in window.statusBar().currentMessage()
    copy = EventDocument.open(destination)
    try:
        assert event_stats(doc=copy).attendees == 300
    finally:
        copy.close()
    assert window.context.has_document, "the original stays open"


def test_close_event_returns_to_welcome(window: MainWindow, qtbot: QtBot, events: EventFactory) -> None:
    path = events.demo_path(attendees=20)
    open_in(window, qtbot, path)
    window.close_action.trigger()
    assert not window.context.has_document
    assert window.pages.currentWidget() is window.welcome
    assert window.windowTitle() == "eventdesk"
    assert window.settings.recent_events()[0] == str(path)
    assert window.welcome.recent_model.rowCount() == 1


def test_open_a_demo_event_from_the_welcome_screen(window: MainWindow, qtbot: QtBot) -> None:
    with qtbot.waitSignal(window.event_ready, timeout=60_000):
        qtbot.mouseClick(window.welcome.demo_button, Qt.MouseButton.LeftButton)
    doc = window.context.require_document()
    assert Path(doc.display_location).parent == window.demo_folder
    stats = event_stats(doc=doc)
    assert stats.attendees == 400 and stats.companies == 40


def test_window_geometry_and_last_folder_are_remembered(
    qtbot: QtBot, context: EventContext, tmp_path: Path
) -> None:
    first = MainWindow(context, demo_folder=tmp_path)
    qtbot.addWidget(first)
    first.resize(701, 555)  # within the offscreen platform's 800 × 800 screen
    first.show()
    first.close()
    assert Settings().get(WINDOW_STATE)
    second = MainWindow(EventContext(Settings()), demo_folder=tmp_path)
    qtbot.addWidget(second)
    assert (second.width(), second.height()) == (701, 555)
    second._remember_folder(tmp_path / "x.eventdesk")
    assert Settings().get(LAST_FOLDER) == str(tmp_path)


def test_about_shows_the_version(window: MainWindow) -> None:
    from eventdesk import __version__

    box = window.show_about()
    assert __version__ in box.text()


def test_open_an_event_on_postgresql(window: MainWindow, qtbot: QtBot, postgres_url: str) -> None:
    from eventdesk.services.demo import DemoSpec, generate_demo

    generate_demo(target=postgres_url, spec=DemoSpec(attendees=60, companies=5)).close()
    open_in(window, qtbot, postgres_url)
    assert "eventdesk_test_" in window.windowTitle()
    window.show_screen("attendees")
    screen = window.event_view.current_screen()
    # A server's list is read on the pool (never on the GUI thread): it fills in a moment later.
    qtbot.waitUntil(lambda: screen.model.rowCount() == 60, timeout=10_000)
    assert ":" not in window.settings.recent_events()[0].split("@")[0].split("//")[1], "no password kept"
