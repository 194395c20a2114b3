"""The door in the attendee's language: a second language on the desk's verdict; the kiosk's buttons."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtPrintSupport import QPrinter
from pytestqt.qtbot import QtBot

from eventdesk.services.door.kiosk_pin import set_kiosk_pin
from eventdesk.settings import ATTENDEE_LANGUAGE
from eventdesk.ui.kiosk import KioskWindow
from eventdesk.ui.screens.checkin import CheckInScreen
from tests.ui.checkin_support import desk_context, desk_doc, people, screen, token_for, type_burst

__all__ = ["desk_context", "desk_doc", "screen"]


def test_the_desk_shows_the_verdict_again_in_the_attendee_language(
    screen: CheckInScreen, qtbot: QtBot
) -> None:
    doc = screen.context.require_document()
    combo = screen.attendee_language
    combo.setCurrentIndex(combo.findData("fr"))
    combo.activated.emit(combo.currentIndex())
    assert screen.context.settings.get(ATTENDEE_LANGUAGE) == "fr"

    person = people(doc, n=1)[0]
    type_burst(screen, token_for(doc, person))
    qtbot.waitUntil(lambda: screen.panel.look == "admitted", timeout=5000)
    assert screen.panel.text.headline == "ADMITTED"
    assert screen.panel.text.second == "ENTRÉE AUTORISÉE"

    type_burst(screen, token_for(doc, person), start_ms=3_000_000)
    qtbot.waitUntil(lambda: screen.panel.look == "already", timeout=5000)
    second = screen.panel.text.second
    assert second.startswith("DÉJÀ ENREGISTRÉ — Déjà enregistré à "), second
    assert screen.panel.text.reason.startswith("Already checked in at ")

    type_burst(screen, "NOT-A-CODE-AT-ALL", start_ms=6_000_000)
    qtbot.waitUntil(lambda: "CODE INCONNU" in screen.panel.text.second, timeout=5000)
    assert "Ce n'est ni un badge ni un code de billet de cet événement." in screen.panel.text.second

    combo.setCurrentIndex(combo.findData(""))
    combo.activated.emit(combo.currentIndex())
    type_burst(screen, "STILL-NOT-A-CODE", start_ms=9_000_000)
    qtbot.waitUntil(lambda: screen.panel.text.second == "", timeout=5000)


def test_a_kiosk_visitor_taps_their_language(screen: CheckInScreen, qtbot: QtBot, tmp_path: Path) -> None:
    doc = screen.context.require_document()
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "kiosk.pdf"))
    screen.controller.printer = printer
    set_kiosk_pin(settings=screen.context.settings, pin="2468")
    kiosk = screen.open_kiosk()
    assert isinstance(kiosk, KioskWindow)
    # Not handed to qtbot: leaving deletes the kiosk window.
    qtbot.waitExposed(kiosk)
    assert [b.text() for b in kiosk.language_buttons.values()] == [
        "English", "Nederlands", "Français", "Deutsch", "Dansk", "Svenska",
    ]  # fmt: skip
    assert kiosk.panel.text.headline == "Scan your badge"

    kiosk.language_buttons["da"].click()
    assert kiosk.panel.text.headline == "Scan dit badge"
    assert kiosk.panel.text.detail == "Hold QR-koden på dit badge eller din e-billet under scanneren."
    person = people(doc, n=1)[0]
    type_burst(kiosk, token_for(doc, person))
    qtbot.waitUntil(lambda: kiosk.panel.look == "admitted", timeout=5000)
    assert kiosk.panel.text.headline == f"Velkommen, {person.given_name}!"
    assert kiosk.panel.text.detail == "Dit badge bliver udskrevet."

    kiosk.show_waiting()  # the next visitor starts in the desk's language
    assert kiosk.panel.text.headline == "Scan your badge"
    assert kiosk.language_buttons["en"].isChecked() and not kiosk.language_buttons["da"].isChecked()

    kiosk.language_buttons["nl"].click()
    type_burst(kiosk, token_for(doc, person), start_ms=4_000_000)
    qtbot.waitUntil(lambda: kiosk.panel.look == "already", timeout=5000)
    assert kiosk.panel.text.headline == "Je bent al ingecheckt"
    assert kiosk.panel.text.detail.startswith("Al ingecheckt om ")
    kiosk.leave()
