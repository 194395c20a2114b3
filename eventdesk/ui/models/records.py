"""Table models over lists of immutable row records, built for tens of thousands of rows.

`RecordTableModel` is an *adapter*: the rows come from a read service (plain NamedTuples),
the model only says how each column shows and sorts them. Subclasses declare `columns`.

Sorting happens here, in Python, on precomputed keys, not in the proxy. A
QSortFilterProxyModel sorting a Python model calls `data()` twice per comparison through
the binding (≈1.6 million calls for 50,000 rows, seconds of frozen window); sorting the
list with a key function takes a few tens of milliseconds. `RecordFilterProxy` therefore
filters only, and forwards `sort()` to its source so views keep the usual header clicks.

For the same reason a large table that filters on every keystroke filters in the model
(`set_row_filter`): a proxy asks Python about each source row (a quarter of a second for
50,000 rows), a list comprehension over the records takes a few milliseconds.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from eventdesk.domain.text import fold
from eventdesk.ui.models.quick_filter import QuickFilterProxy

AnyIndex = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()
# Roles and flags as plain values: `data()` runs about a thousand times per repaint, and
# reading a member of a Qt enum class costs a microsecond or so each time in Python.
DISPLAY_ROLE = int(Qt.ItemDataRole.DisplayRole)
ALIGNMENT_ROLE = int(Qt.ItemDataRole.TextAlignmentRole)
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_ITEM_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
_NO_FLAGS = Qt.ItemFlag.NoItemFlags


class RecordRole(IntEnum):
    """Custom roles every record model answers; subclasses add theirs after `FIRST_FREE`."""

    ROW = Qt.ItemDataRole.UserRole + 1
    """The row record itself (a NamedTuple from a service)."""
    ID = Qt.ItemDataRole.UserRole + 2
    """The record's database id: what a view hands to an edit or delete service."""
    SORT_KEY = Qt.ItemDataRole.UserRole + 3
    """The value this column sorts by (folded text, a number)."""
    SEARCH_TEXT = Qt.ItemDataRole.UserRole + 4
    """Folded words the quick filter matches against."""
    FIRST_FREE = Qt.ItemDataRole.UserRole + 32


_FIRST_RECORD_ROLE = int(RecordRole.ROW)


@dataclass(frozen=True)
class Column:
    """How one column shows a row: its (translated) title, its text, and how it sorts."""

    title: str
    text: Callable[[Any], str]
    sort_key: Callable[[Any], Any] | None = None
    numeric: bool = False
    tooltip: str = ""


class FoldCache:
    """Folds each distinct string once per sort: names repeat a lot across 50,000 people."""

    def __init__(self) -> None:
        self._cache: dict[str, str] = {}

    def __call__(self, text: str) -> str:
        folded = self._cache.get(text)
        if folded is None:
            folded = self._cache[text] = fold(text)
        return folded


class RecordTableModel(QAbstractTableModel):
    """Read-only rows and columns; subclasses set `columns` and may style rows."""

    columns: Sequence[Column] = ()

    def __init__(self, rows: Iterable[Any] = (), parent: Any = None) -> None:
        super().__init__(parent)
        self._all: list[Any] = list(rows)
        self._rows: list[Any] = self._all
        """The rows shown: `_all` itself, or those the row filter accepts, in the same order."""
        self._accepts: Callable[[Any], bool] | None = None
        self._among: AbstractSet[int] | None = None
        self._positions: dict[int, int] | None = None
        self._sort: tuple[int, Qt.SortOrder] | None = None

    # -- content ----------------------------------------------------------------------------

    def set_rows(self, rows: Iterable[Any]) -> None:
        """Replace every row, keeping the current sort order and row filter."""
        self.beginResetModel()
        self._all = list(rows)
        self._positions = None
        if self._sort is not None:
            self._sort_rows(*self._sort)
        self._rows = self._shown()
        self.endResetModel()

    def set_row_filter(
        self, accepts: Callable[[Any], bool] | None, *, among: AbstractSet[int] | None = None
    ) -> None:
        """Show only the records `accepts` takes whose id is in `among` (None: no limit), as
        one reset.

        A reset rather than row removals: the view then asks only about the rows on screen,
        and the caller restores the selection it cares about (see the module docstring).
        `among` is a search's answer: when it is a few ids, their rows are picked by position
        instead of testing 50,000 rows one by one.
        """
        self.beginResetModel()
        self._accepts = accepts
        self._among = among
        self._rows = self._shown()
        self.endResetModel()

    def _shown(self) -> list[Any]:
        rows = self._all
        among = self._among
        if among is not None:
            if len(among) * 8 < len(rows):
                where = self._position_of_ids()
                picked = sorted(p for p in map(where.get, among) if p is not None)
                rows = [rows[p] for p in picked]
            else:
                rows = [row for row in rows if row.id in among]
        if self._accepts is not None:
            rows = list(filter(self._accepts, rows))
        return rows

    def _position_of_ids(self) -> dict[int, int]:
        if self._positions is None:
            self._positions = {row.id: number for number, row in enumerate(self._all)}
        return self._positions

    @property
    def is_filtered(self) -> bool:
        return self._accepts is not None or self._among is not None

    @property
    def total_count(self) -> int:
        """Rows before the row filter."""
        return len(self._all)

    def rows(self) -> list[Any]:
        """The rows shown, in their order."""
        return list(self._rows)

    def all_rows(self) -> list[Any]:
        return list(self._all)

    def row_at(self, row: int) -> Any:
        return self._rows[row]

    def row_of_id(self, record_id: int) -> int | None:
        for number, record in enumerate(self._rows):
            if record.id == record_id:
                return number
        return None

    def search_text_at(self, row: int) -> str:
        """Folded text the quick filter matches; subclasses with a stored one return it."""
        record = self._rows[row]
        return " ".join(fold(column.text(record)) for column in self.columns)

    # -- QAbstractTableModel ----------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        if not (0 <= row < len(self._rows) and 0 <= column < len(self.columns)):
            return None
        record = self._rows[row]
        spec = self.columns[column]
        if role == DISPLAY_ROLE:
            return spec.text(record)
        if role == ALIGNMENT_ROLE:
            return _RIGHT if spec.numeric else None
        if role < _FIRST_RECORD_ROLE:
            return self.row_data(record, column, role)
        if role == RecordRole.ROW:
            return record
        if role == RecordRole.ID:
            return record.id
        if role == RecordRole.SORT_KEY:
            return self._key_function(column)(record)
        if role == RecordRole.SEARCH_TEXT:
            return self.search_text_at(row)
        return self.row_data(record, column, role)

    def row_data(self, record: Any, column: int, role: int) -> Any:
        """Further roles (colours, tooltips, custom roles) for subclasses; None by default."""
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.columns):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.columns[section].title
        if role == Qt.ItemDataRole.ToolTipRole and self.columns[section].tooltip:
            return self.columns[section].tooltip
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        return _ITEM_FLAGS if index.isValid() else _NO_FLAGS

    def roleNames(self) -> dict[int, bytes]:
        names = dict(super().roleNames())
        names.update(
            {int(role): role.name.lower().encode() for role in RecordRole if role.name != "FIRST_FREE"}
        )
        return names

    # -- sorting ----------------------------------------------------------------------------

    def _key_function(self, column: int) -> Callable[[Any], Any]:
        spec = self.columns[column]
        if spec.sort_key is not None:
            return spec.sort_key
        folder = FoldCache()
        return lambda record: folder(spec.text(record))

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.columns):
            return
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        tracked = [(index, self._rows[index.row()]) for index in persistent if index.isValid()]
        self._sort_rows(column, order)
        if tracked:
            position = {id(record): number for number, record in enumerate(self._rows)}
            self.changePersistentIndexList(
                [index for index, _ in tracked],
                [self.index(position[id(record)], index.column()) for index, record in tracked],
            )
        self.layoutChanged.emit()

    def _sort_rows(self, column: int, order: Qt.SortOrder) -> None:
        self._sort = (column, order)
        key = self._key_function(column)
        # Python's sort is stable: ties keep the previous order, as spreadsheet users expect.
        self._all.sort(key=key, reverse=order == Qt.SortOrder.DescendingOrder)
        self._positions = None
        self._rows = self._shown()

    @property
    def sort_column(self) -> int:
        return self._sort[0] if self._sort else -1


class RecordFilterProxy(QuickFilterProxy):
    """Quick filter over a `RecordTableModel`: every typed word must appear, accents ignored.

    Sorting is forwarded to the source model (see the module docstring); the proxy keeps
    the source's order so that filtering never re-sorts 50,000 rows through `data()`.
    """

    def source(self) -> RecordTableModel:
        model = self.sourceModel()
        assert isinstance(model, RecordTableModel)
        return model

    def search_text(self, source_row: int) -> str:
        return self.source().search_text_at(source_row)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.source().sort(column, order)

    def row_at(self, proxy_row: int) -> Any:
        return self.source().row_at(self.mapToSource(self.index(proxy_row, 0)).row())
