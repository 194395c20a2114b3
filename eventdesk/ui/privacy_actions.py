"""Event › Privacy: retention date, anonymising the event, erasing a person, a person's own
data, and the audit of exports — the window's side of `services.privacy`.

Everything that writes runs on the worker (anonymising a 50,000-person file rewrites it);
each dialog only collects and shows. Irreversible steps ask first: anonymising needs the
typed word, erasing a person a second confirmation naming them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QInputDialog,
    QLineEdit,
    QMenu,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from eventdesk.domain.progress import Progress
from eventdesk.ui.context import EventContext
from eventdesk.ui.messages import ask
from eventdesk.ui.passphrase_actions import PassphraseActions
from eventdesk.ui.person_privacy import PersonPrivacy
from eventdesk.ui.privacy_box import PrivacyPart
from eventdesk.ui.worker import BackgroundTask, run_in_background


class PersonChoiceDialog(QDialog):
    """Find a person by name (the people search) and choose them."""

    def __init__(self, title: str, context: EventContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("privacyPersonDialog")
        self.setWindowTitle(title)
        self.attendee_id: int | None = None
        # The people search behind the picker loads only when a person is looked for: the
        # Privacy menu is built with the window, and the start-up must not pay for it.
        from eventdesk.ui.widgets.person_picker import PersonPicker

        self.picker = PersonPicker(
            self.tr("Find the person"), self.tr("Type a name, e-mail or organisation.")
        )
        self.picker.chosen.connect(self._chosen)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.picker, 1)
        layout.addWidget(buttons)
        self.resize(480, 360)
        self.picker.prepare(context.require_document())

    def _chosen(self, attendee_id: int) -> None:
        self.attendee_id = attendee_id
        self.accept()


class PassphrasePrompt(QObject):
    """Asks for a protected file's passphrase; a wrong one gets one sentence, three tries in all."""

    asked = Signal(object)
    """The QInputDialog just opened (tests answer it)."""

    TRIES = 3

    def __init__(self, parent: QWidget, reopen: Any) -> None:
        super().__init__(parent)
        self._parent = parent
        self._reopen = reopen

    def wants(self, tries: int) -> bool:
        """Whether a file refused for want of its passphrase gets another try."""
        return tries < self.TRIES

    def ask(self, location: str, *, wrong: bool, tries: int) -> QInputDialog:
        """`wrong`: the last passphrase typed did not open the file (else none was given)."""
        dialog = QInputDialog(self._parent)
        dialog.setObjectName("passphraseDialog")
        dialog.setWindowTitle(self.tr("Protected event"))
        left = self.TRIES - tries
        text = (
            self.tr("That passphrase is wrong. {left} tries left.").format(left=left)
            if wrong
            else self.tr("{name} is protected. Type its passphrase:").format(name=Path(location).name)
        )
        dialog.setLabelText(text)
        dialog.setTextEchoMode(QLineEdit.EchoMode.Password)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.textValueSelected.connect(
            lambda passphrase: self._reopen(location, passphrase=passphrase, tries=tries + 1)
        )
        dialog.open()
        self.asked.emit(dialog)
        return dialog


class PrivacyActions(PrivacyPart):
    def __init__(self, context: EventContext, parent: QWidget) -> None:
        super().__init__(context, parent)
        self.retention_action = self._action(
            self.tr("&Retention date…"), "retentionAction", self.open_retention
        )
        self.anonymise_action = self._action(
            self.tr("&Anonymise personal data…"), "anonymiseAction", self.open_anonymise
        )
        self.erase_action = self._action(self.tr("&Erase a person…"), "erasePersonAction", self.open_erase)
        self.export_person_action = self._action(
            self.tr("E&xport a person's data…"), "exportPersonAction", self.open_export_person
        )
        self.audit_action = self._action(self.tr("A&udit of exports…"), "auditAction", self.open_audit)
        self.replace_key_action = self._action(
            self.tr("Replace the &badge key…"), "replaceKeyAction", self.confirm_replace_key
        )
        self.passphrase = PassphraseActions(context, parent)
        self.person = PersonPrivacy(context, parent)
        self.person.dialog_opened.connect(self.dialog_opened)
        self.passphrase.dialog_opened.connect(self.dialog_opened)
        context.document_changed.connect(self.update_enabled)
        self.update_enabled()

    def _action(self, text: str, name: str, slot: Any) -> QAction:
        action = QAction(text, self)
        action.setObjectName(name)
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def actions(self) -> list[QAction]:
        return [
            self.retention_action,
            self.anonymise_action,
            self.erase_action,
            self.export_person_action,
            self.audit_action,
            self.replace_key_action,
        ]

    def menu(self, parent: QWidget) -> QMenu:
        menu = QMenu(self.tr("&Privacy"), parent)
        menu.setObjectName("privacyMenu")
        menu.addAction(self.retention_action)
        menu.addAction(self.anonymise_action)
        menu.addSeparator()
        menu.addAction(self.erase_action)
        menu.addAction(self.export_person_action)
        menu.addSeparator()
        menu.addAction(self.audit_action)
        menu.addSeparator()
        menu.addAction(self.replace_key_action)
        menu.addSeparator()
        for action in self.passphrase.actions():
            menu.addAction(action)
        return menu

    def update_enabled(self) -> None:
        usable = self.context.has_document and not self.context.is_kit
        for action in self.actions():
            action.setEnabled(usable)

    def _opened(self, dialog: QWidget) -> QWidget:
        if isinstance(dialog, QDialog):
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.open()
        self.dialog_opened.emit(dialog)
        return dialog

    # -- retention and anonymising ----------------------------------------------------------

    def open_retention(self) -> QDialog:
        from eventdesk.services.privacy.retention import retention_status, set_retention
        from eventdesk.ui.dialogs.privacy_dialogs import RetentionDialog

        doc = self.context.require_document()
        dialog = RetentionDialog(retention_status(doc=doc), self._parent)

        def save() -> None:
            from eventdesk.domain.changes import Changes, Entity

            run_in_background(
                lambda _p: set_retention(doc=doc, until=dialog.chosen_date()),
                parent=self._parent,
                title=self.tr("Saving the retention date"),
                on_result=lambda _s: self.context.notify(
                    Changes.of(Entity.EVENT, summary=self.tr("Retention date saved"))
                ),
            )

        dialog.accepted.connect(save)
        return self._opened(dialog)  # type: ignore[return-value]

    def open_anonymise(self) -> QDialog:
        from eventdesk.services.privacy.retention import retention_status
        from eventdesk.ui.dialogs.privacy_dialogs import AnonymiseDialog

        dialog = AnonymiseDialog(retention_status(doc=self.context.require_document()), self._parent)
        dialog.accepted.connect(lambda: self.anonymise(dialog.confirmation()))
        return self._opened(dialog)  # type: ignore[return-value]

    def anonymise(self, confirmation: str) -> BackgroundTask:
        from eventdesk.services.privacy.anonymise import anonymise_event

        doc = self.context.require_document()

        def job(progress: Progress) -> Any:
            return anonymise_event(doc=doc, confirmation=confirmation, progress=progress)

        def done(outcome: Any) -> None:
            result, changes = outcome
            self.context.notify(changes)
            extra = ""
            if not result.disk_clean:
                extra = " " + self.tr("Another program still has the file open; close it to clear its log.")
            self._info(result.summary + extra, self.tr("Anonymised"))

        return run_in_background(job, parent=self._parent, title=self.tr("Anonymising"), on_result=done)

    # -- one person ------------------------------------------------------------------------

    def open_erase(self) -> QDialog:
        dialog = PersonChoiceDialog(self.tr("Erase a person (right to erasure)"), self.context, self._parent)
        dialog.accepted.connect(
            lambda: dialog.attendee_id is not None and self.confirm_erase(dialog.attendee_id)
        )
        return self._opened(dialog)  # type: ignore[return-value]

    def confirm_erase(self, attendee_id: int) -> QMessageBox:
        return self.person.confirm_erase(attendee_id)

    def open_export_person(self) -> QDialog:
        dialog = PersonChoiceDialog(
            self.tr("Export a person's data (right of access)"), self.context, self._parent
        )

        def chosen() -> None:
            if dialog.attendee_id is not None:
                self.person.choose_export_target(dialog.attendee_id)

        dialog.accepted.connect(chosen)
        return self._opened(dialog)  # type: ignore[return-value]

    def export_person(self, attendee_id: int, target: Path) -> BackgroundTask:
        return self.person.export_person(attendee_id, target)

    # -- the badge key ----------------------------------------------------------------------

    def confirm_replace_key(self) -> QMessageBox:
        from eventdesk.services.privacy.key_replacement import key_replacement_cost
        from eventdesk.services.privacy.keys import KeyState, badge_key_state

        doc = self.context.require_document()
        cost = key_replacement_cost(doc=doc)
        where = ""
        if badge_key_state(doc=doc) is KeyState.ELSEWHERE:
            where = " " + self.tr("Badge-making then needs this machine: the new key is kept in its keyring.")
        box = ask(
            self._parent,
            self.tr(
                "A new badge key pair for a file whose key may have left your hands. The door then "
                "refuses every badge signed with the old key, saying a reprint is needed."
            ),
            self.tr("What it costs: {cost}{where}").format(cost=cost.sentence, where=where),
            accept_text=self.tr("Replace the key"),
            reject_text=self.tr("Cancel"),
            on_accept=self.replace_key,
            title=self.tr("Replace the badge key"),
        )
        self.dialog_opened.emit(box)
        return box

    def replace_key(self) -> BackgroundTask:
        from eventdesk.services.privacy.key_replacement import replace_badge_key

        doc = self.context.require_document()

        def done(outcome: Any) -> None:
            cost, changes = outcome
            self.context.notify(changes)
            self._info(
                self.tr("Replaced the badge key. {cost}").format(cost=cost.sentence), self.tr("Badge key")
            )

        return run_in_background(
            lambda _p: replace_badge_key(doc=doc, confirm=True),
            parent=self._parent,
            title=self.tr("Replacing the badge key"),
            on_result=done,
        )

    # -- copies -----------------------------------------------------------------------------

    def offer_protection(self, path: Path, *, what: str) -> QInputDialog | None:
        """After a copy or a kit is written: protect it with a passphrase? (empty: no)."""
        from eventdesk.persistence.protected import looks_protected

        if looks_protected(path):
            return None  # a copy of a protected event is protected already
        dialog = QInputDialog(self._parent)
        dialog.setObjectName("protectCopyDialog")
        dialog.setWindowTitle(self.tr("Protect the copy?"))
        dialog.setLabelText(
            self.tr(
                "{what} {name} holds personal data. Type a passphrase to encrypt it (at least 8 "
                "characters; the booth or desk will ask for it), or leave it empty to keep it unprotected."
            ).format(what=what, name=path.name)
        )
        dialog.setTextEchoMode(QLineEdit.EchoMode.Password)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.textValueSelected.connect(
            lambda passphrase: passphrase and self.protect_copy(path, passphrase)
        )
        dialog.open()
        self.dialog_opened.emit(dialog)
        return dialog

    def protect_copy(self, path: Path, passphrase: str) -> BackgroundTask:
        from eventdesk.services.privacy.protect import protect_event_file

        return run_in_background(
            lambda _p: protect_event_file(path=path, passphrase=passphrase),
            parent=self._parent,
            title=self.tr("Protecting the copy"),
            on_result=lambda done: self._info(
                self.tr("{name} is now encrypted with the passphrase.").format(name=done.name),
                self.tr("Copy protected"),
            ),
        )

    # -- audit -----------------------------------------------------------------------------

    def open_audit(self) -> QDialog:
        from eventdesk.services.export_audit import audit_entries
        from eventdesk.ui.dialogs.privacy_dialogs import AuditDialog

        dialog = AuditDialog(audit_entries(doc=self.context.require_document()), self._parent)
        return self._opened(dialog)  # type: ignore[return-value]
