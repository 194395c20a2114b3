"""Search results at the desk: an adapter over `services.search.SearchResult` hits."""

from __future__ import annotations

from collections.abc import Sequence
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from eventdesk.domain.enums import AttendeeStatus, TicketType
from eventdesk.services.search import PersonHit

AnyIndex = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()


class PersonHitRole(IntEnum):
    HIT = Qt.ItemDataRole.UserRole + 1
    """The `PersonHit` record."""
    ATTENDEE_ID = Qt.ItemDataRole.UserRole + 2


def _ticket(value: str) -> str:
    try:
        return TicketType(value).label
    except ValueError:
        return value


class PeopleHitsModel(QAbstractListModel):
    """One line per person: name — organisation · ticket type, cancelled tickets greyed."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._hits: list[PersonHit] = []

    def set_hits(self, hits: Sequence[PersonHit]) -> None:
        self.beginResetModel()
        self._hits = list(hits)
        self.endResetModel()

    def hit_at(self, row: int) -> PersonHit | None:
        return self._hits[row] if 0 <= row < len(self._hits) else None

    def rowCount(self, parent: AnyIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._hits)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.column() != 0 or not 0 <= index.row() < len(self._hits):
            return None
        hit = self._hits[index.row()]
        cancelled = hit.status == AttendeeStatus.CANCELLED.value
        if role == Qt.ItemDataRole.DisplayRole:
            name = hit.full_name or hit.email or "—"
            details = " · ".join(p for p in (hit.organisation, _ticket(hit.ticket_type)) if p)
            line = f"{name} — {details}" if details else name
            return line + (" " + self.tr("(cancelled)") if cancelled else "")
        if role == Qt.ItemDataRole.ToolTipRole:
            return hit.email or None
        if role == Qt.ItemDataRole.ForegroundRole and cancelled:
            return QBrush(QColor("#8a979f"))
        if role == PersonHitRole.HIT:
            return hit
        if role == PersonHitRole.ATTENDEE_ID:
            return hit.attendee_id
        return None
