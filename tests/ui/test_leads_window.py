"""Exhibitor kits in the window: made and merged from the File menu, opened as a booth."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox
from pytest import MonkeyPatch
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from eventdesk.persistence.document import EventDocument
from eventdesk.persistence.tables import Attendee
from eventdesk.services.leads.booth import list_leads
from eventdesk.services.leads.kit_contents import kit_counts
from eventdesk.services.leads.kits import make_kit
from eventdesk.ui.dialogs.make_kit import MakeKitDialog
from eventdesk.ui.main_window import MainWindow
from eventdesk.ui.screens.leads import LeadsScreen
from tests.factories import EventFactory
from tests.services.leads.support import company_with_staff, lead_count, token, visitors
from tests.ui.checkin_support import type_burst
from tests.ui.helpers import open_in


def _menu_action(window: MainWindow, name: str) -> QAction:
    for action in window.kit_actions.menu(window).actions():
        if action.objectName() == name:
            return action
    raise AssertionError(f"no {name} in File > Exhibitor kits")


def _kit(events: EventFactory, tmp_path: Path) -> tuple[Path, Path, int]:
    """A demo event and a kit made from it (the CLI's `leads kit`), with the kit's company id."""
    source = events.demo(attendees=150, companies=6, seed=21)
    company, _ = company_with_staff(source)
    made = make_kit(doc=source, company_id=company.id, path=tmp_path / "kit.eventdesk")
    location = Path(source.display_location)
    source.close()
    return location, made.path, company.id


def _boxes(name: str) -> list[QMessageBox]:
    return [
        w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.objectName() == name
    ]


def test_a_kit_opens_as_its_companys_booth(
    window: MainWindow, qtbot: QtBot, events: EventFactory, tmp_path: Path
) -> None:
    event_path, kit_path, company_id = _kit(events, tmp_path)
    with qtbot.waitSignal(window.event_ready, timeout=20_000):
        open_in(window, qtbot, kit_path)
    kit = window.context.kit
    assert kit is not None and kit.company_id == company_id
    assert window.windowTitle().startswith(f"Exhibitor kit — {kit.company_name}")
    view = window.event_view
    assert view is not None and view.keys() == ["leads"] and not view.navigation.isVisible()
    screen = view.current_screen()
    assert isinstance(screen, LeadsScreen)
    assert (
        screen.title_label is not None
        and screen.title_label.toolTip() == f"Exhibitor kit — {kit.company_name}"
    )
    assert not screen.company.isVisible() and screen.finder is None
    # What an exhibitor cannot do is off: imports, people exports, other screens, making kits.
    assert not window.people_files.import_attendees_action.isEnabled()
    assert not window.people_files.import_companies_action.isEnabled()
    assert not _menu_action(window, "makeKitAction").isEnabled()
    assert not _menu_action(window, "mergeKitsAction").isEnabled()
    assert [a.isEnabled() for a in window.go_actions].count(True) == 1
    assert not window.acceptDrops()
    window.show_screen("checkin")  # Ctrl+5 in a kit: nothing happens
    assert view.current_key() == "leads"
    # The booth scans offline; a badge of someone who did not agree is only a visit.
    source = EventDocument.open(event_path)
    try:
        agreed = visitors(source, consent=True, count=1)[0]
        declined = visitors(source, consent=False, count=1)[0]
        agreed_code, declined_code = token(source, agreed.id), token(source, declined.id)
    finally:
        source.close()
    screen.set_staff("Booth laptop")
    type_burst(screen.table, agreed_code)
    assert screen.panel.look == "admitted" and agreed.family_name in screen.panel.text.name
    screen.save_lead()
    type_burst(screen.table, declined_code, start_ms=3_000_000)
    assert screen.panel.look == "undone" and declined.family_name not in screen.panel.text.name
    leads = list_leads(doc=window.context.require_document(), company_id=None)
    assert len(leads) == 2 and sum(lead.shared for lead in leads) == 1


def test_an_organisers_event_keeps_every_screen(
    window: MainWindow, qtbot: QtBot, events: EventFactory
) -> None:
    path = events.demo_path(attendees=60, companies=4, seed=3)
    open_in(window, qtbot, path)
    assert window.context.kit is None
    shown = window.event_view.keys() if window.event_view is not None else []
    assert "leads" in shown and len(shown) > 1 and window.people_files.import_attendees_action.isEnabled()
    assert _menu_action(window, "makeKitAction").isEnabled()
    assert not window.windowTitle().startswith("Exhibitor kit")


def test_make_a_kit_and_merge_it_back_from_the_file_menu(
    window: MainWindow, qtbot: QtBot, events: EventFactory, tmp_path: Path, monkeypatch: MonkeyPatch
) -> None:
    path = events.demo_path(attendees=150, companies=6, seed=21)
    open_in(window, qtbot, path)
    doc = window.context.require_document()
    company, _ = company_with_staff(doc)
    opened: list[object] = []
    window.kit_actions.dialog_opened.connect(opened.append)
    _menu_action(window, "makeKitAction").trigger()
    dialog = opened[-1]
    assert isinstance(dialog, MakeKitDialog)
    dialog.company.setCurrentIndex(dialog.company.findData(company.id))
    announced = dialog.contents.text().splitlines()
    assert announced == [f"• {line}" for line in kit_counts(doc=doc, company_id=company.id).lines()]
    kit_path = tmp_path / "booth kit.eventdesk"
    dialog.path.setText(str(kit_path))
    with qtbot.waitSignal(window.kit_actions.task_started, timeout=5000) as started:
        dialog.make_button.click()
    with qtbot.waitSignal(started.args[0].finished, timeout=30_000):
        pass
    assert kit_path.exists()
    made_box = opened[-1]
    assert isinstance(made_box, QMessageBox) and company.name in made_box.text()
    # The result says what the dialog announced, and the kit holds that many people.
    reported = f"{made_box.text()}\n{made_box.informativeText()}".splitlines()
    assert all(line in reported for line in announced)
    counts = kit_counts(doc=doc, company_id=company.id)
    opened_kit = EventDocument.open(kit_path)
    try:
        with opened_kit.session() as kit_session:
            people = kit_session.execute(select(func.count()).select_from(Attendee)).scalar_one()
    finally:
        opened_kit.close()
    assert people == counts.staff + counts.shared + counts.partners
    made_box.close()

    # At the booth: two scans in the kit.
    kit = EventDocument.open(kit_path)
    try:
        from eventdesk.services.leads.booth import LeadScanner

        booth = LeadScanner(doc=kit, company_id=None, staff="Booth laptop")
        for person in visitors(doc, consent=True, count=2):
            booth.scan(token(doc, person.id), rating="hot")
    finally:
        kit.close()
    assert lead_count(doc) == 0

    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *args, **kwargs: ([str(kit_path)], ""))
    with qtbot.waitSignal(window.kit_actions.task_started, timeout=5000) as started:
        _menu_action(window, "mergeKitsAction").trigger()
    with qtbot.waitSignal(started.args[0].finished, timeout=30_000):
        pass
    assert lead_count(doc) == 2
    report = opened[-1]
    assert isinstance(report, QMessageBox) and report.objectName() == "mergeReport"
    assert "2 new leads" in report.text() and "booth kit.eventdesk" in report.informativeText()
    report.close()
    # The Leads screen shows the merged leads for that company.
    screen = window.event_view.show_screen("leads")
    assert isinstance(screen, LeadsScreen)
    screen.choose_company(company.id)
    assert screen.model.rowCount() == 2


def test_merging_a_file_that_is_not_a_kit_says_so_and_records_nothing(
    window: MainWindow, qtbot: QtBot, events: EventFactory, monkeypatch: MonkeyPatch
) -> None:
    path = events.demo_path(attendees=60, companies=4, seed=3)
    other = events.demo_path(attendees=40, companies=3, seed=5)
    open_in(window, qtbot, path)
    doc = window.context.require_document()
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *args, **kwargs: ([str(other)], ""))
    task = window.kit_actions.choose_and_merge()
    assert task is not None
    with qtbot.waitSignal(task.failed, timeout=30_000) as failed:
        pass
    assert "not an exhibitor kit" in failed.args[0] and "nothing was merged" in failed.args[0]
    qtbot.waitUntil(lambda: bool(_boxes("errorMessage")), timeout=3000)
    for box in _boxes("errorMessage"):
        box.close()
    assert lead_count(doc) == 0


def test_a_kit_of_another_event_is_refused(
    window: MainWindow, qtbot: QtBot, events: EventFactory, tmp_path: Path, monkeypatch: MonkeyPatch
) -> None:
    _, foreign_kit, _ = _kit(events, tmp_path)
    path = events.demo_path(attendees=60, companies=4, seed=3)
    open_in(window, qtbot, path)
    doc = window.context.require_document()
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *args, **kwargs: ([str(foreign_kit)], ""))
    task = window.kit_actions.choose_and_merge()
    assert task is not None
    with qtbot.waitSignal(task.failed, timeout=30_000) as failed:
        pass
    assert "not of this event" in failed.args[0]
    for box in _boxes("errorMessage"):
        box.close()
    assert lead_count(doc) == 0


def test_the_make_kit_dialog_will_not_replace_a_file_without_asking(
    window: MainWindow, qtbot: QtBot, events: EventFactory, tmp_path: Path
) -> None:
    path = events.demo_path(attendees=60, companies=4, seed=3)
    open_in(window, qtbot, path)
    dialog = window.kit_actions.open_make_kit()
    assert isinstance(dialog, MakeKitDialog)
    assert dialog.path.text().endswith(" kit.eventdesk")
    existing = tmp_path / "taken.eventdesk"
    existing.write_text("not a kit")
    dialog.path.setText(str(existing))
    dialog.make_button.click()
    assert dialog.isVisible() and "already exists" in dialog.error.text()
    dialog.reject()
