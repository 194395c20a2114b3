"""Protect an event file, change its passphrase, or remove the protection: one dialog that
asks for the current passphrase (to change or remove it: an unlocked laptop left on a desk
is not enough) and the new one twice (a typo would lock the organiser out of their event)."""

from __future__ import annotations

from enum import StrEnum

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

MIN_PASSPHRASE = 8  # as services.privacy.protect, which says so again if it is bypassed


class PassphraseChange(StrEnum):
    PROTECT = "protect"
    CHANGE = "change"
    REMOVE = "remove"


class PassphraseDialog(QDialog):
    def __init__(self, change: PassphraseChange, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.change = change
        self.setObjectName("passphraseChangeDialog")
        titles = {
            PassphraseChange.PROTECT: self.tr("Protect with a passphrase"),
            PassphraseChange.CHANGE: self.tr("Change the passphrase"),
            PassphraseChange.REMOVE: self.tr("Remove the passphrase"),
        }
        texts = {
            PassphraseChange.PROTECT: self.tr(
                "{name} will be encrypted: without the passphrase nobody can read a name or an "
                "e-mail in it, and opening it asks for the passphrase. Badges can then be made "
                "wherever the file is opened with it. Keep the passphrase safe: nobody can open "
                "the event without it."
            ),
            PassphraseChange.CHANGE: self.tr(
                "{name} will be encrypted with the new passphrase; the current one will no "
                "longer open it, nor any copy made from now on. Copies made earlier keep the "
                "passphrase they had."
            ),
            PassphraseChange.REMOVE: self.tr(
                "{name} will be stored in clear: anyone who has the file can read every name and "
                "e-mail in it. The badge key is then kept in this computer's keyring, so badges "
                "can only be made on this computer."
            ),
        }
        self.setWindowTitle(titles[change])
        text = QLabel(texts[change].format(name=name))
        text.setWordWrap(True)
        form = QFormLayout()
        self.current = self._field("currentPassphrase")
        self.new = self._field("newPassphrase")
        self.repeat = self._field("repeatPassphrase")
        if change is not PassphraseChange.PROTECT:
            form.addRow(self.tr("Current passphrase:"), self.current)
        if change is not PassphraseChange.REMOVE:
            form.addRow(self.tr("New passphrase:"), self.new)
            form.addRow(self.tr("The same again:"), self.repeat)
        self.problem = QLabel()
        self.problem.setObjectName("passphraseProblem")
        self.problem.setWordWrap(True)
        self.problem.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        actions = {
            PassphraseChange.PROTECT: self.tr("Protect"),
            PassphraseChange.CHANGE: self.tr("Change the passphrase"),
            PassphraseChange.REMOVE: self.tr("Remove the protection"),
        }
        role = (
            QDialogButtonBox.ButtonRole.DestructiveRole
            if change is PassphraseChange.REMOVE
            else QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.ok = self.buttons.addButton(actions[change], role)
        self.ok.setDefault(True)
        self.ok.clicked.connect(self._try_accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(460)

    def _field(self, name: str) -> QLineEdit:
        field = QLineEdit()
        field.setObjectName(name)
        field.setEchoMode(QLineEdit.EchoMode.Password)
        return field

    def current_passphrase(self) -> str | None:
        return None if self.change is PassphraseChange.PROTECT else self.current.text()

    def new_passphrase(self) -> str | None:
        return None if self.change is PassphraseChange.REMOVE else self.new.text()

    def _try_accept(self) -> None:
        problem = self._problem()
        if problem:
            self.problem.setText(problem)
            self.problem.show()
            return
        self.accept()

    def _problem(self) -> str:
        if self.change is not PassphraseChange.PROTECT and not self.current.text():
            return self.tr("Type the current passphrase.")
        if self.change is PassphraseChange.REMOVE:
            return ""
        if self.new.text() and not self.new.text().strip():
            return self.tr(
                "A passphrase of only spaces protects nothing; choose one of at least {n} characters."
            ).format(n=MIN_PASSPHRASE)
        if len(self.new.text()) < MIN_PASSPHRASE:
            return self.tr("Choose a passphrase of at least {n} characters.").format(n=MIN_PASSPHRASE)
        if self.new.text() != self.repeat.text():
            return self.tr("The two new passphrases differ.")
        return ""
