"""One-sentence problems shown under the field they are about, in any form dialog.

The sentences come from the core (`InvalidField.field` names the field); the form only
says where each field lives. A field in trouble gets a red frame through the `invalid`
property the style sheet reads.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget


class MessageLabel(QLabel):
    """A one-sentence message (an error by default) that takes no room while it is empty."""

    def __init__(self, name: str = "inlineError", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setWordWrap(True)
        self.setTextInteractionFlags(
            self.textInteractionFlags() | Qt.TextInteractionFlag.TextSelectableByMouse
        )
        self.hide()

    def setText(self, text: str) -> None:
        super().setText(text)
        self.setVisible(bool(text))

    def clear(self) -> None:
        self.setText("")


class FieldErrors:
    def __init__(self) -> None:
        self._labels: dict[str, QLabel] = {}
        self._widgets: dict[str, QWidget] = {}

    def wrap(self, field: str, widget: QWidget) -> QWidget:
        """`widget` with its (hidden until needed) error line under it, for a form row."""
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(widget)
        label = QLabel()
        label.setObjectName("inlineError")
        label.setWordWrap(True)
        label.hide()
        layout.addWidget(label)
        self._labels[field] = label
        self._widgets[field] = widget
        return box

    def show(self, field: str, message: str) -> bool:
        """Show `message` under `field`; False if the form has no such field."""
        self.clear()
        label = self._labels.get(field)
        if label is None:
            return False
        label.setText(message)
        widget = self._widgets[field]
        # A wrapped label inside a form row is not given its height by the form on its own.
        label.setMinimumHeight(label.heightForWidth(max(widget.width(), 240)))
        label.show()
        _mark(widget, True)
        return True

    def clear(self) -> None:
        for field, label in self._labels.items():
            if label.isVisibleTo(label.parentWidget()) or label.text():
                label.clear()
                label.setMinimumHeight(0)
                label.hide()
                _mark(self._widgets[field], False)

    def message(self, field: str) -> str:
        label = self._labels.get(field)
        return label.text() if label is not None else ""

    def widget(self, field: str) -> QWidget | None:
        return self._widgets.get(field)


def _mark(widget: QWidget, invalid: bool) -> None:
    widget.setProperty("invalid", invalid)
    widget.style().unpolish(widget)
    widget.style().polish(widget)
