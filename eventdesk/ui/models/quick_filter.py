"""A proxy keeping the rows whose search text holds every typed word, accents and case ignored.

What a row's search text is belongs to its source model; the words are folded the same
way (`domain.text.fold`) as that text, so "Ode" finds "Ødegård". An unchanged set of words
does not invalidate the filter, so a view is not re-laid out on every repeated keystroke.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel

from eventdesk.domain.text import fold

AnyIndex = QModelIndex | QPersistentModelIndex


class QuickFilterProxy(QSortFilterProxyModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._words: tuple[str, ...] = ()

    @property
    def quick_filter(self) -> tuple[str, ...]:
        """The folded words rows are filtered by; empty when every row shows."""
        return self._words

    def set_quick_filter(self, text: str) -> None:
        words = tuple(fold(text).split())
        if words == self._words:
            return
        self.beginFilterChange()
        self._words = words
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:
        if not self._words:
            return True
        text = self.search_text(source_row)
        return all(word in text for word in self._words)

    def search_text(self, source_row: int) -> str:
        """The source row's folded text the words must appear in."""
        raise NotImplementedError
