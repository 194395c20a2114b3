"""The guide's window: the roles on the left, the page on the right; not modal, so a
volunteer can keep it open beside the desk."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QListWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from eventdesk.ui.help.pages import GuidePage, guide_pages


class UserGuide(QDialog):
    def __init__(self, parent: QWidget | None = None, *, page: str = "desk") -> None:
        super().__init__(parent)
        self.setObjectName("userGuide")
        self.setWindowTitle(self.tr("eventdesk user guide"))
        self.pages: tuple[GuidePage, ...] = guide_pages()
        self.roles = QListWidget()
        self.roles.setObjectName("guideRoles")
        self.roles.addItems([p.title for p in self.pages])
        self.roles.setMaximumWidth(220)
        self.text = QTextBrowser()
        self.text.setObjectName("guideText")
        self.text.setOpenExternalLinks(False)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        columns = QHBoxLayout()
        columns.addWidget(self.roles)
        columns.addWidget(self.text, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(columns, 1)
        layout.addWidget(buttons)
        self.roles.currentRowChanged.connect(self._show)
        self.resize(760, 520)
        self.show_page(page)
        self.roles.setFocus(Qt.FocusReason.OtherFocusReason)

    def show_page(self, key: str) -> None:
        keys = [p.key for p in self.pages]
        self.roles.setCurrentRow(keys.index(key) if key in keys else 0)

    def current_key(self) -> str:
        return self.pages[max(self.roles.currentRow(), 0)].key

    def _show(self, row: int) -> None:
        if 0 <= row < len(self.pages):
            self.text.setHtml(self.pages[row].html())
