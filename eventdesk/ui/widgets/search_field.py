"""The search box of a people list, and "just start typing" on the list itself.

A person at a desk does not click into a box first: a letter typed while the table has
the focus goes to the search box, and Escape there clears it and hands the focus back.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QLineEdit, QWidget

from eventdesk.ui.theme import icon

_COMMAND_MODIFIERS = (
    Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.MetaModifier
)


class SearchField(QLineEdit):
    """A line edit with a search icon and a clear button; Escape clears, then leaves."""

    def __init__(self, placeholder: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("searchField")
        self.setPlaceholderText(placeholder)
        self.setClearButtonEnabled(True)
        search_icon = icon("search")
        if not search_icon.isNull():
            self.addAction(search_icon, QLineEdit.ActionPosition.LeadingPosition)
        self._list: QAbstractItemView | None = None

    def type_to_search_on(self, view: QAbstractItemView) -> None:
        """Letters typed on `view` start a search here; Escape here goes back to it."""
        self._list = view
        view.installEventFilter(_TypeToSearch(self, view))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key == Qt.Key.Key_Escape and self.text():
            self.clear()
        elif key == Qt.Key.Key_Escape and self._list is not None:
            self._list.setFocus(Qt.FocusReason.ShortcutFocusReason)
        elif key in (Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter) and self._list is not None:
            # Down (or Enter) goes to the results, on the first one unless one is chosen.
            model = self._list.model()
            if model is not None and model.rowCount() and not self._list.currentIndex().isValid():
                self._list.setCurrentIndex(model.index(0, 0))
            self._list.setFocus(Qt.FocusReason.ShortcutFocusReason)
        else:
            super().keyPressEvent(event)


class _TypeToSearch(QObject):
    def __init__(self, field: SearchField, view: QAbstractItemView) -> None:
        super().__init__(view)
        self._field = field

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        text = event.text()
        if (
            not text
            or not text.isprintable()
            or text.isspace()
            or event.modifiers() & _COMMAND_MODIFIERS
            or not self._field.isEnabled()
        ):
            return False
        self._field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self._field.insert(text)
        return True
