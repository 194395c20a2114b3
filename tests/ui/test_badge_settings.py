"""The badge settings dialog: a live preview of a real attendee, and what OK keeps."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from eventdesk.services.badges.batches import badge_options
from eventdesk.services.people.lists import list_attendee_rows
from eventdesk.ui.context import EventContext
from eventdesk.ui.dialogs.badge_settings import BadgeSettingsDialog


@pytest.fixture
def opened(context: EventContext, events) -> EventContext:
    context.set_document(events.demo(attendees=50, companies=5, seed=21))
    return context


def open_dialog(qtbot: QtBot, context: EventContext) -> BadgeSettingsDialog:
    dialog = BadgeSettingsDialog(context)
    qtbot.addWidget(dialog)
    with qtbot.waitSignals([dialog.preview_updated, dialog.attendees_ready], timeout=15_000):
        dialog.show()
    return dialog


def preview_image(dialog: BadgeSettingsDialog) -> QImage:
    image = dialog.preview_pixmap().toImage()
    assert not image.isNull(), dialog.preview.text()
    return image


def test_the_preview_shows_the_longest_name_first(qtbot: QtBot, opened: EventContext) -> None:
    rows = [r for r in list_attendee_rows(doc=opened.require_document()) if r.status == "registered"]
    longest = max(rows, key=lambda r: len(r.given_name) + len(r.family_name))

    dialog = open_dialog(qtbot, opened)

    assert len(dialog.attendee_combo.currentText()) >= len(longest.given_name)
    assert longest.family_name in dialog.attendee_combo.currentText()
    assert not preview_image(dialog).isNull()
    assert "105 × 148 mm" in dialog.preview_caption.text()


def test_toggling_a_field_updates_the_preview(qtbot: QtBot, opened: EventContext) -> None:
    dialog = open_dialog(qtbot, opened)
    before = preview_image(dialog)

    with qtbot.waitSignal(dialog.preview_updated, timeout=15_000):
        dialog.field_boxes["show_organisation"].click()

    after = preview_image(dialog)
    assert after.size() == before.size()
    assert after != before
    with qtbot.waitSignal(dialog.preview_updated, timeout=15_000):
        dialog.field_boxes["show_organisation"].click()
    assert preview_image(dialog) == before  # the same options draw the same badge


def test_another_layout_and_attendee_show_in_the_preview(qtbot: QtBot, opened: EventContext) -> None:
    dialog = open_dialog(qtbot, opened)
    portrait = preview_image(dialog)

    with qtbot.waitSignal(dialog.preview_updated, timeout=15_000):
        dialog.layout_combo.setCurrentIndex(dialog.layout_combo.findData("cr80"))
    card = preview_image(dialog)
    assert card.width() > card.height() and portrait.height() > portrait.width()
    assert "85.6 × 54 mm" in dialog.preview_caption.text()

    with qtbot.waitSignal(dialog.preview_updated, timeout=15_000):
        dialog.attendee_combo.setCurrentIndex(5)
    assert preview_image(dialog) != card


def test_a_logo_that_is_not_an_image_is_refused_with_a_message(
    qtbot: QtBot, opened: EventContext, tmp_path: Path
) -> None:
    dialog = open_dialog(qtbot, opened)
    fake = tmp_path / "logo.png"
    fake.write_text("<html>not a picture</html>", "utf-8")

    assert dialog.set_logo(str(fake)) is False

    boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]
    assert len(boxes) == 1 and "logo.png is not an image" in boxes[0].text()
    boxes[0].close()
    assert dialog.logo_edit.text() == ""
    assert dialog.options().logo_path == ""


def test_a_real_logo_is_used_and_ok_keeps_the_options(
    qtbot: QtBot, opened: EventContext, tmp_path: Path
) -> None:
    logo = tmp_path / "logo.png"
    image = QImage(120, 40, QImage.Format.Format_RGB32)
    image.fill(0x0F766E)
    assert image.save(str(logo))
    dialog = open_dialog(qtbot, opened)

    with qtbot.waitSignal(dialog.preview_updated, timeout=15_000):
        assert dialog.set_logo(str(logo)) is True
    dialog.layout_combo.setCurrentIndex(dialog.layout_combo.findData("a6-landscape"))
    dialog.field_boxes["show_event_name"].setChecked(False)
    dialog.size_boxes["given_name_pt"].setValue(40)
    dialog.band_buttons["press"]._chosen("#123456")
    dialog.buttons.accepted.emit()

    kept = badge_options(settings=opened.settings)
    assert kept.layout == "a6-landscape"
    assert kept.logo_path == str(logo)
    assert kept.show_event_name is False
    assert kept.given_name_pt == 40
    assert kept.band_colour("press") == "#123456"


def test_cancel_keeps_the_options_as_they_were(qtbot: QtBot, opened: EventContext) -> None:
    dialog = open_dialog(qtbot, opened)
    dialog.field_boxes["show_role_band"].setChecked(False)
    dialog.reject()
    assert badge_options(settings=opened.settings).show_role_band is True
