"""Asks why a check-in is undone: the scan log keeps the reason beside the admission it takes back."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout, QWidget


class UndoCheckInDialog(QDialog):
    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("undoCheckInDialog")
        self.setWindowTitle(self.tr("Undo check-in"))
        self.setMinimumWidth(420)
        question = QLabel(self.tr("Undo the check-in of {name}?").format(name=name))
        question.setWordWrap(True)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("e.g. scanned the wrong badge, left before the doors opened"))
        label = QLabel(self.tr("&Reason (kept in the scan log):"))
        label.setBuddy(self.reason)
        self.error = QLabel()
        self.error.setObjectName("inlineError")
        self.error.setWordWrap(True)
        self.error.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.undo_button = buttons.addButton(self.tr("Undo check-in"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.undo_button.setDefault(True)
        self.undo_button.setEnabled(False)
        self.reason.textChanged.connect(lambda text: self.undo_button.setEnabled(bool(text.strip())))
        buttons.accepted.connect(self.accept)
        # Enter in the field undoes (the default-button rule does not hold for a button that
        # was disabled when the dialog appeared).
        self.reason.returnPressed.connect(lambda: self.undo_button.isEnabled() and self.accept())
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(question)
        layout.addWidget(label)
        layout.addWidget(self.reason)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def show_problem(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()
