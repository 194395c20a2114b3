"""Event › Privacy › Protect with a passphrase… / Change the passphrase… / Remove the passphrase…

The file is rewritten whole (`services.privacy.protect`), which needs it closed: the event is
closed, the work runs on the worker, and the event is opened again with its new passphrase
(or none). When the work fails (a wrong current passphrase, another program holding the
file) the file is as it was, and the event is opened again as it was.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from eventdesk.ui.context import EventContext
from eventdesk.ui.dialogs.passphrase_dialog import PassphraseChange, PassphraseDialog
from eventdesk.ui.messages import show_error
from eventdesk.ui.privacy_box import PrivacyPart
from eventdesk.ui.worker import BackgroundTask, cancel_all_and_wait, run_in_background


class PassphraseActions(PrivacyPart):
    reopen = Signal(str, object)
    """Open this file again with this passphrase (None: a plain file); the window does it."""

    def __init__(self, context: EventContext, parent: QWidget) -> None:
        super().__init__(context, parent)
        self.protect_action = self._action(
            self.tr("&Protect with a passphrase…"), "protectAction", PassphraseChange.PROTECT
        )
        self.change_action = self._action(
            self.tr("C&hange the passphrase…"), "changePassphraseAction", PassphraseChange.CHANGE
        )
        self.remove_action = self._action(
            self.tr("Remove the pass&phrase…"), "removePassphraseAction", PassphraseChange.REMOVE
        )
        context.document_changed.connect(self.update_enabled)
        self.update_enabled()

    def _action(self, text: str, name: str, change: PassphraseChange) -> QAction:
        action = QAction(text, self)
        action.setObjectName(name)
        action.triggered.connect(lambda _checked=False: self.open_dialog(change))
        return action

    def actions(self) -> list[QAction]:
        return [self.protect_action, self.change_action, self.remove_action]

    def update_enabled(self) -> None:
        doc = self.context.document
        on_file = doc is not None and doc.is_sqlite and not self.context.is_kit
        protected = on_file and doc is not None and doc.passphrase is not None
        self.protect_action.setEnabled(on_file and not protected)
        self.change_action.setEnabled(protected)
        self.remove_action.setEnabled(protected)

    def open_dialog(self, change: PassphraseChange) -> PassphraseDialog:
        doc = self.context.require_document()
        dialog = PassphraseDialog(change, Path(doc.display_location).name, self._parent)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(
            lambda: self.apply(change, current=dialog.current_passphrase(), new=dialog.new_passphrase())
        )
        dialog.open()
        self.dialog_opened.emit(dialog)
        return dialog

    def apply(self, change: PassphraseChange, *, current: str | None, new: str | None) -> BackgroundTask:
        from eventdesk.services.privacy.protect import (
            change_passphrase,
            protect_event_file,
            unprotect_event_file,
        )

        doc = self.context.require_document()
        path = Path(doc.display_location)
        before = doc.passphrase
        # The screens' background work (counts, the people search, the page check) ends first,
        # so that closing the event closes every connection: the rewrite needs the file alone.
        cancel_all_and_wait()
        self.context.close_document()

        def job(_progress: object) -> Path:
            if change is PassphraseChange.PROTECT:
                assert new is not None
                return protect_event_file(path=path, passphrase=new)
            assert current is not None
            if change is PassphraseChange.CHANGE:
                assert new is not None
                return change_passphrase(path=path, old=current, new=new)
            return unprotect_event_file(path=path, passphrase=current)

        def done(_path: Path) -> None:
            self.reopen.emit(str(path), new)
            sentences = {
                PassphraseChange.PROTECT: self.tr("{name} is now encrypted with the passphrase."),
                PassphraseChange.CHANGE: self.tr("{name} is now encrypted with the new passphrase."),
                PassphraseChange.REMOVE: self.tr("{name} is no longer encrypted."),
            }
            self._info(sentences[change].format(name=path.name), self.tr("Passphrase"))

        def failed(message: str) -> None:
            self.reopen.emit(str(path), before)  # the file is as it was
            self.dialog_opened.emit(show_error(self._parent, message, title=self.tr("Passphrase")))

        return run_in_background(
            job,  # type: ignore[arg-type]
            parent=self._parent,
            title=self.tr("Rewriting the event file"),
            on_result=done,
            on_error=failed,
        )
