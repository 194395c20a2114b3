"""File > New event…: the domain's rules shown inline, and a real event file at the end."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QDate, QDateTime, QTime
from pytestqt.qtbot import QtBot

from eventdesk.persistence.document import EventDocument
from eventdesk.services.events import event_summary
from eventdesk.ui.dialogs.new_event import NewEventDialog, file_name_for
from eventdesk.ui.main_window import MainWindow


def _at(year: int, month: int, day: int, hour: int, minute: int = 0) -> QDateTime:
    return QDateTime(QDate(year, month, day), QTime(hour, minute))


def test_fresh_dialog_does_not_scold_but_cannot_create(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = NewEventDialog(tmp_path)
    qtbot.addWidget(dialog)
    assert not dialog.create_button.isEnabled()
    assert dialog.error_label.text() == ""
    assert dialog.timezone_combo.currentText() == "Europe/Amsterdam"


def test_end_before_start_is_refused_with_the_message(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = NewEventDialog(tmp_path)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.name_edit, "Life Science Career Day Leuven")
    dialog.starts_edit.setDateTime(_at(2027, 5, 20, 17))
    dialog.ends_edit.setDateTime(_at(2027, 5, 20, 9))
    assert not dialog.create_button.isEnabled()
    assert dialog.error_label.text() == (
        "The event ends (2027-05-20 09:00) before it starts (2027-05-20 17:00)."
    )
    dialog.show()
    dialog.accept()
    assert dialog.isVisible(), "Create is refused while the dates are wrong"

    dialog.ends_edit.setDateTime(_at(2027, 5, 20, 18))
    assert dialog.create_button.isEnabled()
    assert dialog.error_label.text() == ""


def test_missing_name_unknown_zone_and_existing_file(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = NewEventDialog(tmp_path)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.venue_edit, "Medicon Village, Lund")
    assert dialog.error_label.text() == "The event needs a name."
    dialog.name_edit.insert("Øresund Biotech Careers")  # QTest types ASCII only
    dialog.timezone_combo.setCurrentText("Mars/Olympus")
    assert "Unknown time zone 'Mars/Olympus'" in dialog.error_label.text()
    dialog.timezone_combo.setCurrentText("Europe/Stockholm")
    assert dialog.create_button.isEnabled()
    taken = tmp_path / "taken.eventdesk"
    taken.write_bytes(b"")
    dialog.path_edit.setText(str(taken))
    assert dialog.error_label.text() == f"{taken} already exists; choose another file name."
    dialog.path_edit.setText(str(tmp_path / "no such folder" / "x.eventdesk"))
    assert "does not exist" in dialog.error_label.text()


def test_file_name_follows_the_event_name_until_edited(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = NewEventDialog(tmp_path)
    qtbot.addWidget(dialog)
    dialog.name_edit.insert("Carrières: santé/biotech 2027")
    assert Path(dialog.path_edit.text()) == tmp_path / "Carrières santé biotech 2027.eventdesk"
    qtbot.keyClicks(dialog.path_edit, "x")
    qtbot.keyClicks(dialog.name_edit, " Brussels")
    assert dialog.path_edit.text().endswith(".eventdeskx")
    assert dialog.path().name == "Carrières santé biotech 2027.eventdeskx.eventdesk"
    assert file_name_for('  a<b>c:"d"  ') == "a b c d.eventdesk"


def test_creating_an_event_opens_it(window: MainWindow, qtbot: QtBot, tmp_path: Path) -> None:
    dialog = window.new_event()
    dialog.name_edit.insert("Career Day Délft — Life Sciences & Health")
    assert dialog.path() == window._last_folder() / "Career Day Délft — Life Sciences & Health.eventdesk"
    dialog.path_edit.setText(str(tmp_path / "Career Day Delft.eventdesk"))
    qtbot.keyClicks(dialog.venue_edit, "TU Delft Aula")
    dialog.starts_edit.setDateTime(_at(2027, 3, 28, 9, 30))
    dialog.ends_edit.setDateTime(_at(2027, 3, 28, 16))
    assert dialog.create_button.isEnabled()
    with qtbot.waitSignal(window.event_ready, timeout=20_000):
        dialog.create_button.click()
    path = tmp_path / "Career Day Delft.eventdesk"
    assert path.is_file()
    assert (
        window.windowTitle()
        == "Career Day Délft — Life Sciences & Health — Career Day Delft.eventdesk — eventdesk"
    )
    assert window.settings.recent_events()[0] == str(path)
    doc = EventDocument.open(path)
    try:
        summary = event_summary(doc=doc)
    finally:
        doc.close()
    assert summary.venue == "TU Delft Aula"
    assert summary.timezone == "Europe/Amsterdam"
    assert summary.starts_local.replace(tzinfo=None) == datetime(2027, 3, 28, 9, 30)
