"""One line under a screen's actions saying what just happened — a file written, a change
saved, a change refused — with the buttons that follow from it (Open, Show in folder,
Show changes). It replaces a message box for outcomes a person does not have to confirm.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QToolButton, QWidget


class NoticeBar(QFrame):
    """One line under the actions: what just happened, with Open / Show folder / Show changes."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("noticeBar")
        self.label = QLabel()
        self.label.setObjectName("noticeText")
        self.label.setWordWrap(True)
        self.open_button = QPushButton(self.tr("Open"))
        self.folder_button = QPushButton(self.tr("Show in folder"))
        self.changes_button = QPushButton(self.tr("Show changes"))
        close = QToolButton()
        close.setText("×")
        close.setAutoRaise(True)
        close.setToolTip(self.tr("Dismiss"))
        close.clicked.connect(self.hide)
        row = QHBoxLayout(self)
        row.setContentsMargins(10, 6, 6, 6)
        row.addWidget(self.label, 1)
        for button in (self.open_button, self.folder_button, self.changes_button):
            row.addWidget(button)
        row.addWidget(close)
        self._target: Path | None = None
        self._on_changes: Callable[[], object] | None = None
        self.open_button.clicked.connect(self._open)
        self.folder_button.clicked.connect(self._open_folder)
        self.changes_button.clicked.connect(lambda: self._on_changes and self._on_changes())
        self.hide()

    def show_message(
        self,
        text: str,
        *,
        warning: bool = False,
        target: Path | None = None,
        on_changes: Callable[[], object] | None = None,
    ) -> None:
        self.setProperty("warning", warning)
        self.style().unpolish(self)
        self.style().polish(self)
        self.label.setText(text)
        self._target = target
        self._on_changes = on_changes
        self.open_button.setVisible(target is not None)
        self.folder_button.setVisible(target is not None)
        self.changes_button.setVisible(on_changes is not None)
        self.show()

    @property
    def target(self) -> Path | None:
        return self._target

    def _open(self) -> None:
        if self._target is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self._target)))

    def _open_folder(self) -> None:
        if self._target is not None:
            folder = self._target if self._target.is_dir() else self._target.parent
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))
