"""Interest or hiring tags as ticks in a wrapping list, from the one shared taxonomy.

Tags are stored by their taxonomy key; an attendee imported from a form may carry free
words the taxonomy does not know ("Vegan cooking"): those are shown ticked after the
taxonomy's tags, so saving the dialog does not silently drop them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QListView, QListWidget, QListWidgetItem, QWidget

from eventdesk.domain.taxonomy import INTEREST_TAGS, TAGS_BY_KEY, tag_from_text, tag_label

_KEY = Qt.ItemDataRole.UserRole
ROW_HEIGHT = 24
MIN_COLUMN_WIDTH = 250


class TagPicker(QListWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tagPicker")
        self.setViewMode(QListView.ViewMode.ListMode)
        self.setFlow(QListView.Flow.LeftToRight)
        self.setWrapping(True)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setSpacing(0)
        self.setMinimumHeight(ROW_HEIGHT * 10 + 8)
        for tag in INTEREST_TAGS:
            self._add(tag_label(tag.key), tag.key)
        self.itemChanged.connect(lambda _item: self.changed.emit())

    def resizeEvent(self, event: QResizeEvent) -> None:
        # As many equal columns as fit at a readable width, so labels are not cut short.
        super().resizeEvent(event)
        width = self.viewport().width() - 20  # slack: the flow wraps a column early otherwise
        columns = max(1, width // MIN_COLUMN_WIDTH)
        self.setGridSize(QSize(max(MIN_COLUMN_WIDTH, width // columns), ROW_HEIGHT))

    def _add(self, label: str, key: str) -> QListWidgetItem:
        item = QListWidgetItem(label)
        item.setData(_KEY, key)
        item.setToolTip(label)
        item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Unchecked)
        self.addItem(item)
        return item

    def _items(self) -> Iterable[QListWidgetItem]:
        return (self.item(row) for row in range(self.count()))

    def set_tags(self, tags: Sequence[str]) -> None:
        """Tick these tags: taxonomy keys, or words that mean one, or free words kept as they are."""
        self.blockSignals(True)
        for item in list(self._items()):
            if item.data(_KEY) not in TAGS_BY_KEY:
                self.takeItem(self.row(item))
            else:
                item.setCheckState(Qt.CheckState.Unchecked)
        by_key = {item.data(_KEY): item for item in self._items()}
        for tag in tags:
            key = tag if tag in TAGS_BY_KEY else tag_from_text(tag) or tag
            item = by_key.get(key) or self._add(tag, key)
            by_key[key] = item
            item.setCheckState(Qt.CheckState.Checked)
        self.blockSignals(False)

    def tags(self) -> tuple[str, ...]:
        """The ticked tags in the taxonomy's order, free words after them."""
        return tuple(item.data(_KEY) for item in self._items() if item.checkState() == Qt.CheckState.Checked)
