"""Recently opened events (from `Settings`), as a list model for the welcome screen.

Files that have moved or been deleted stay in the list, greyed, until the person removes
them: a USB stick that is not plugged in yet should not silently erase the entry.
"""

from __future__ import annotations

from enum import IntEnum
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from PySide6.QtCore import QAbstractListModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from eventdesk.persistence.document import is_database_url
from eventdesk.settings import Settings
from eventdesk.ui.theme import icon

AnyIndex = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()
_MISSING_COLOUR = QColor("#9aa5b1")


class RecentRole(IntEnum):
    LOCATION = Qt.ItemDataRole.UserRole + 1
    """The path or database URL, exactly as stored in the settings."""
    AVAILABLE = Qt.ItemDataRole.UserRole + 2
    """False when the file is no longer where it was."""


def _tr(text: str) -> str:
    return QCoreApplication.translate("RecentEventsModel", text)


class RecentEventsModel(QAbstractListModel):
    def __init__(self, settings: Settings, parent: Any = None) -> None:
        super().__init__(parent)
        self._settings = settings
        self._entries: list[tuple[str, bool]] = []
        self.reload()

    def reload(self) -> None:
        """Re-read the settings and look again at which files exist."""
        self.beginResetModel()
        self._entries = [(location, self._available(location)) for location in self._settings.recent_events()]
        self.endResetModel()

    @staticmethod
    def _available(location: str) -> bool:
        return is_database_url(location) or Path(location).is_file()

    def location_at(self, row: int) -> str:
        return self._entries[row][0]

    def is_available(self, row: int) -> bool:
        return self._entries[row][1]

    def remove(self, location: str) -> None:
        self._settings.forget_recent_event(location)
        self.reload()

    def missing_locations(self) -> list[str]:
        return [location for location, available in self._entries if not available]

    # -- QAbstractListModel -----------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._entries)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._entries):
            return None
        location, available = self._entries[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            title, where = _describe(location)
            if not available:
                # The whole path: the folder alone does not tell which stick or share is missing.
                where = _tr("not found: {path}").format(path=_folder_for_people(Path(location)))
            return f"{title}\n{where}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return location if available else _tr("{location} cannot be found").format(location=location)
        if role == Qt.ItemDataRole.DecorationRole:
            if not available:
                return icon("missing-file")
            return icon("database") if is_database_url(location) else icon("event-file")
        if role == Qt.ItemDataRole.ForegroundRole:
            return None if available else _MISSING_COLOUR
        if role == RecentRole.LOCATION:
            return location
        if role == RecentRole.AVAILABLE:
            return available
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def roleNames(self) -> dict[int, bytes]:
        names = dict(super().roleNames())
        names.update({int(role): role.name.lower().encode() for role in RecentRole})
        return names


def _describe(location: str) -> tuple[str, str]:
    """A title and a second line: the file name and its folder, or the database and server."""
    if is_database_url(location):
        parts = urlsplit(location)
        database = parts.path.lstrip("/") or _tr("database")
        return database, _tr("PostgreSQL on {host}").format(host=parts.hostname or "localhost")
    path = Path(location)
    return path.stem, _folder_for_people(path.parent)


def _folder_for_people(folder: Path) -> str:
    """The folder, with the home folder written as ~ (as file managers and shells show it)."""
    try:
        inside_home = folder.relative_to(Path.home())
    except ValueError:
        return str(folder)
    return str(Path("~") / inside_home) if inside_home.parts else "~"
