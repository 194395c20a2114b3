"""Enter in a dialog's field does the dialog's main action, never Cancel.

QPushButtons in a dialog are "auto default": whichever had the focus last becomes the button
Enter presses. When a dialog is shown Qt passes the focus over its button box on the way to
the first field, so Cancel ended up the default, and Enter after typing a walk-in's name
cancelled the walk-in. A Cancel/Close button (reject role) is pressed by Escape or by a click,
so it is never auto default: this app-wide filter sets that on every such button as it is
polished, for every dialog present and future.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QPushButton

_REJECTING = (QDialogButtonBox.ButtonRole.RejectRole, QDialogButtonBox.ButtonRole.NoRole)


class DialogButtonGuard(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Polish and isinstance(watched, QPushButton):
            box = watched.parentWidget()
            if isinstance(box, QDialogButtonBox) and box.buttonRole(watched) in _REJECTING:
                watched.setAutoDefault(False)
                watched.setDefault(False)
        return False


def install_dialog_button_guard(app: QApplication) -> DialogButtonGuard:
    existing = app.findChild(DialogButtonGuard)
    if isinstance(existing, DialogButtonGuard):
        return existing
    guard = DialogButtonGuard(app)
    app.installEventFilter(guard)
    return guard
