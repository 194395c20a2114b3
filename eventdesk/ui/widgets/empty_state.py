"""The panel a screen shows before it has anything to show: what it will hold, and what to do.

A screen that is waiting for data (no attendees yet, nothing scanned yet) should tell the
person what goes there and offer the one action that fills it, never a bare "no data".
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget


class EmptyState(QWidget):
    """Icon, headline, explanation, an optional hint and one action button."""

    action_triggered = Signal()

    def __init__(self, icon: QIcon, headline: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("emptyState")
        self._icon = QLabel()
        self._icon.setPixmap(icon.pixmap(QSize(72, 72)))
        self._icon.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.headline = QLabel(headline)
        self.headline.setObjectName("emptyHeadline")
        self.headline.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.headline.setWordWrap(True)
        self.body = QLabel()
        self.body.setObjectName("emptyBody")
        self.body.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.body.setWordWrap(True)
        self.hint = QLabel()
        self.hint.setObjectName("emptyHint")
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint.setWordWrap(True)
        self.action = QPushButton()
        self.action.setObjectName("primaryAction")
        self.action.clicked.connect(self.action_triggered)
        self.action.hide()

        column = QVBoxLayout()
        column.setSpacing(14)
        column.addStretch(2)
        column.addWidget(self._icon)
        column.addWidget(self.headline)
        column.addWidget(self.body)
        column.addWidget(self.hint)
        button_row = QHBoxLayout()
        button_row.addStretch()
        button_row.addWidget(self.action)
        button_row.addStretch()
        column.addSpacing(6)
        column.addLayout(button_row)
        column.addStretch(3)

        # Keep the text a readable measure wide on a big monitor.
        frame = QWidget()
        frame.setLayout(column)
        frame.setMaximumWidth(620)
        outer = QHBoxLayout(self)
        outer.addStretch()
        outer.addWidget(frame, 10)
        outer.addStretch()

    def set_text(self, *, headline: str, body: str, hint: str = "") -> None:
        self.headline.setText(headline)
        self.body.setText(body)
        self.hint.setText(hint)
        self.hint.setVisible(bool(hint))

    def set_action(self, text: str | None) -> None:
        """Show the action button with `text`, or hide it when there is nothing to do."""
        self.action.setVisible(bool(text))
        self.action.setText(text or "")
