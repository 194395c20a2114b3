from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from sqlalchemy import select

from eventdesk.domain.event import utc_now
from eventdesk.persistence.document import EventDocument
from eventdesk.persistence.tables import Attendee, Event
from eventdesk.services.export_audit import ExportKind, audit_export
from tests.services.privacy.support import personal_values, raw_bytes
from tests.ui.helpers import open_in


def _past_retention(path: Path) -> None:
    doc = EventDocument.open(path)
    with doc.session() as session:
        session.execute(select(Event)).scalar_one().retention_until = utc_now() - timedelta(days=1)
    audit_export(doc=doc, kind=ExportKind.BADGES, path="/tmp/badges-all.pdf", attendee_ids=range(1, 31))
    doc.close()


def test_the_privacy_menu_offers_retention_anonymise_erase_export_and_audit(window, events, qtbot):
    open_in(window, qtbot, events.demo_path(attendees=30, companies=3))
    menu = window.privacy_actions.menu(window)
    texts = [a.text().replace("&", "") for a in menu.actions() if not a.isSeparator()]
    assert texts == [
        "Retention date…",
        "Anonymise personal data…",
        "Erase a person…",
        "Export a person's data…",
        "Audit of exports…",
        "Replace the badge key…",
        "Protect with a passphrase…",
        "Change the passphrase…",
        "Remove the passphrase…",
    ]
    assert all(a.isEnabled() for a in window.privacy_actions.actions())
    passphrase = window.privacy_actions.passphrase
    assert passphrase.protect_action.isEnabled()  # a plain file: it can be protected, not changed
    assert not passphrase.change_action.isEnabled() and not passphrase.remove_action.isEnabled()


def test_after_the_retention_date_a_banner_shows_until_the_typed_anonymise(window, events, qtbot):
    path = events.demo_path(attendees=30, companies=3)
    _past_retention(path)
    open_in(window, qtbot, path)
    banner = window.event_view.retention_banner
    assert banner.isVisible() and "has passed" in banner.label.text()

    dialog = window.privacy_actions.open_anonymise()
    assert not dialog.ok.isEnabled()
    dialog.word.setText("anonymise")
    assert dialog.ok.isEnabled()
    doc = window.context.require_document()
    emails = personal_values(doc)["emails"]
    with qtbot.waitSignal(window.privacy_actions.dialog_opened, timeout=30_000) as shown:
        dialog.ok.click()
    assert "Anonymised 30 people" in shown.args[0].text()
    assert not window.event_view.retention_banner.isVisible()
    with doc.session() as session:
        assert session.execute(select(Attendee.email).where(Attendee.email.is_not(None))).first() is None
    data = raw_bytes(path)
    assert not any(e.encode() in data for e in emails)


def test_the_audit_dialog_lists_each_export(window, events, qtbot):
    path = events.demo_path(attendees=30, companies=3)
    _past_retention(path)
    open_in(window, qtbot, path)
    dialog = window.privacy_actions.open_audit()
    assert dialog.table.rowCount() == 1
    assert [dialog.table.item(0, c).text() for c in (1, 3, 5)] == ["badge batch", "30", "badges-all.pdf"]


def test_replacing_the_badge_key_says_what_it_costs_first(window, events, qtbot):
    open_in(window, qtbot, events.demo_path(attendees=30, companies=3))
    box = window.privacy_actions.confirm_replace_key()
    assert "must be reprinted" in box.informativeText()


def test_a_protected_event_asks_its_passphrase_and_allows_three_tries(window, events, qtbot):
    from eventdesk.services.privacy.protect import protect_event_file

    path = events.demo_path(attendees=12, companies=1)
    protect_event_file(path=path, passphrase="correct horse battery")
    prompts = []
    window.passphrase_prompt.asked.connect(prompts.append)
    with qtbot.waitSignal(window.passphrase_prompt.asked, timeout=20_000):
        window.open_event(str(path))
    assert "is protected" in prompts[-1].labelText()
    with qtbot.waitSignal(window.passphrase_prompt.asked, timeout=20_000):
        prompts[-1].textValueSelected.emit("wrong one")
    assert "wrong. 2 tries left" in prompts[-1].labelText()
    with qtbot.waitSignal(window.context.document_changed, timeout=20_000):
        prompts[-1].textValueSelected.emit("correct horse battery")
    assert window.context.has_document


def test_three_wrong_passphrases_end_with_one_sentence(window, events, qtbot):
    from eventdesk.services.privacy.protect import protect_event_file

    path = events.demo_path(attendees=12, companies=1)
    protect_event_file(path=path, passphrase="correct horse battery")
    prompts = []
    window.passphrase_prompt.asked.connect(prompts.append)
    with qtbot.waitSignal(window.passphrase_prompt.asked, timeout=20_000):
        window.open_event(str(path))
    for _ in range(2):
        with qtbot.waitSignal(window.passphrase_prompt.asked, timeout=20_000):
            prompts[-1].textValueSelected.emit("wrong")
    with qtbot.waitSignal(window.open_failed, timeout=20_000) as failed:
        prompts[-1].textValueSelected.emit("wrong")
    assert "The passphrase does not open" in failed.args[0]
    assert len(prompts) == 3 and not window.context.has_document


def test_the_badges_screen_says_when_badge_making_needs_the_organisers_machine(
    window, events, qtbot, tmp_path, monkeypatch
):
    from PySide6.QtWidgets import QLabel

    path = events.demo_path(attendees=12, companies=1)
    monkeypatch.setenv("EVENTDESK_CONFIG_DIR", str(tmp_path / "another-laptop"))
    open_in(window, qtbot, path)
    screen = window.event_view.show_screen("badges")

    def shown() -> str:
        return " ".join(label.text() for label in screen.findChildren(QLabel) if label.isVisible())

    qtbot.waitUntil(lambda: "needs the organiser's machine" in shown(), timeout=10_000)


def test_save_a_copy_offers_to_protect_it(window, events, qtbot, tmp_path):
    from eventdesk.persistence.protected import looks_protected

    open_in(window, qtbot, events.demo_path(attendees=12, companies=1))
    offered = []
    window.privacy_actions.dialog_opened.connect(offered.append)
    with qtbot.waitSignal(window.privacy_actions.dialog_opened, timeout=20_000):
        window.save_copy(tmp_path / "for the desk")
    copy = tmp_path / "for the desk.eventdesk"
    assert offered[0].objectName() == "protectCopyDialog"
    with qtbot.waitSignal(window.privacy_actions.dialog_opened, timeout=20_000):
        offered[0].textValueSelected.emit("a long passphrase")
    assert looks_protected(copy)


def _answer(window, qtbot, change, **fields):
    """Open the passphrase dialog for `change`, fill `fields`, press its main button."""
    from eventdesk.ui.dialogs.passphrase_dialog import PassphraseDialog

    dialog = window.privacy_actions.passphrase.open_dialog(change)
    assert isinstance(dialog, PassphraseDialog)
    for name, text in fields.items():
        getattr(dialog, name).setText(text)
    dialog.ok.click()
    return dialog


def _reopened_with(window, qtbot, passphrase):
    qtbot.waitUntil(
        lambda: window.context.has_document and window.context.document.passphrase == passphrase,
        timeout=30_000,
    )


def _close_boxes(window):
    from PySide6.QtWidgets import QMessageBox

    texts = []
    for box in window.findChildren(QMessageBox):
        if box.isVisible():
            texts.append(box.text())
            box.close()
    return texts


def test_protect_change_and_remove_the_passphrase_in_the_window(window, events, qtbot):
    from eventdesk.persistence.protected import looks_protected
    from eventdesk.ui.dialogs.passphrase_dialog import PassphraseChange

    path = events.demo_path(attendees=30, companies=3)
    doc = EventDocument.open(path)
    values = personal_values(doc)
    doc.close()
    open_in(window, qtbot, path)
    # A typo in the repeated passphrase is said in the dialog, which stays open; nothing is written.
    dialog = _answer(
        window, qtbot, PassphraseChange.PROTECT, new="first passphrase", repeat="first passphrasf"
    )
    assert dialog.isVisible() and dialog.problem.text() == "The two new passphrases differ."
    dialog.reject()
    dialog = _answer(window, qtbot, PassphraseChange.PROTECT, new=" " * 10, repeat=" " * 10)
    assert dialog.isVisible() and dialog.problem.text().startswith(
        "A passphrase of only spaces protects nothing"
    )
    dialog.reject()
    assert not looks_protected(path) and window.context.has_document
    _answer(window, qtbot, PassphraseChange.PROTECT, new="first passphrase", repeat="first passphrase")
    _reopened_with(window, qtbot, "first passphrase")
    assert looks_protected(path) and not any(e.encode() in raw_bytes(path) for e in values["emails"])
    assert _close_boxes(window) == [f"{path.name} is now encrypted with the passphrase."]
    passphrase = window.privacy_actions.passphrase
    assert passphrase.change_action.isEnabled() and not passphrase.protect_action.isEnabled()

    # A wrong current passphrase: one sentence, and the event is back as it was.
    _answer(
        window,
        qtbot,
        PassphraseChange.CHANGE,
        current="not it at all",
        new="second one!",
        repeat="second one!",
    )
    qtbot.waitUntil(lambda: bool(_close_boxes(window)), timeout=30_000)
    _reopened_with(window, qtbot, "first passphrase")
    _answer(
        window,
        qtbot,
        PassphraseChange.CHANGE,
        current="first passphrase",
        new="second one!",
        repeat="second one!",
    )
    _reopened_with(window, qtbot, "second one!")
    assert _close_boxes(window) == [f"{path.name} is now encrypted with the new passphrase."]

    _answer(window, qtbot, PassphraseChange.REMOVE, current="second one!")
    _reopened_with(window, qtbot, None)
    assert not looks_protected(path)
    assert _close_boxes(window) == [f"{path.name} is no longer encrypted."]
    assert window.context.summary.name


def test_the_passphrase_is_asked_for_whatever_language_the_refusal_is_in(window, events, qtbot, monkeypatch):
    from eventdesk.persistence import document as document_module
    from eventdesk.persistence.protected import PassphraseNeeded
    from eventdesk.services.privacy.protect import protect_event_file

    path = events.demo_path(attendees=12, companies=1)
    protect_event_file(path=path, passphrase="correct horse battery")
    real_open = document_module.EventDocument.open

    def open_in_dutch(target, **kwargs):  # type: ignore[no-untyped-def]
        if kwargs.get("passphrase") is None:
            raise PassphraseNeeded(f"{path} is beveiligd met een wachtwoordzin.")
        return real_open(target, **kwargs)

    monkeypatch.setattr(document_module.EventDocument, "open", open_in_dutch)
    prompts = []
    window.passphrase_prompt.asked.connect(prompts.append)
    with qtbot.waitSignal(window.passphrase_prompt.asked, timeout=20_000):
        window.open_event(str(path))
    with qtbot.waitSignal(window.context.document_changed, timeout=20_000):
        prompts[-1].textValueSelected.emit("correct horse battery")
    assert window.context.has_document
