"""What the privacy menu's parts share: the window they open their boxes on, the event, and
the signal that tells tests (and the menu that holds them) a box just opened."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from eventdesk.ui.context import EventContext


class PrivacyPart(QObject):
    dialog_opened = Signal(object)
    """A dialog or message box just opened (tests answer it)."""

    def __init__(self, context: EventContext, parent: QWidget) -> None:
        super().__init__(parent)
        self.context = context
        self._parent = parent

    def _info(self, text: str, title: str) -> QMessageBox:
        """The result of a privacy action, in a box that goes when it is closed."""
        box = QMessageBox(QMessageBox.Icon.Information, title, text, parent=self._parent)
        box.setObjectName("privacyResult")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        self.dialog_opened.emit(box)
        return box
