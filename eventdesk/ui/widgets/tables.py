"""How eventdesk's large read-only tables are set up, in one place.

No per-row widgets and fixed row heights: the view then only asks the model about the rows
on screen, so 50,000 rows scroll as smoothly as 50. Column widths are shares of the view's
width, never measured from the contents (measuring would read every row through Python).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView


class _ProportionalColumns(QObject):
    """Keeps column widths at their shares of the view until the person drags a column edge."""

    def __init__(self, view: QTableView, weights: dict[int, int]) -> None:
        super().__init__(view)
        self._view = view
        self._weights = weights
        self._applying = False
        self.user_adjusted = False
        view.horizontalHeader().sectionResized.connect(self._section_resized)
        # The viewport, not the view: it also shrinks when the vertical scroll bar appears.
        view.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.Resize, QEvent.Type.Show):
            self.apply()
        return False

    def apply(self) -> None:
        if self.user_adjusted:
            return
        width = self._view.viewport().width()
        visible = {c: w for c, w in self._weights.items() if not self._view.isColumnHidden(c)}
        if width <= 0 or not visible:
            return
        header = self._view.horizontalHeader()
        minimum = header.minimumSectionSize()
        last = max(visible)  # the last section stretches to whatever is left
        total = sum(visible.values())
        # A stretched last section never gets narrower than the default section size: count
        # it so, or the other columns overflow and the table scrolls sideways.
        last_width = max(
            minimum, header.defaultSectionSize(), header.sectionSizeHint(last), width * visible[last] // total
        )
        share = max(0, width - last_width)
        others = total - visible[last]
        # Never narrower than the column's own header: at 1280 px "Ticket type" and "Consent"
        # were cut to "Ticket typ" and "Consen". The header's hint measures its one title, not
        # the rows. What the floors add is taken back from the wide columns (names, e-mail),
        # or the table would scroll sideways.
        floors = {c: max(minimum, header.sectionSizeHint(c)) for c in visible if c != last}
        widths = {c: max(floors[c], share * visible[c] // others) for c in floors} if others else {}
        excess = sum(widths.values()) - share
        slack = {c: widths[c] - floors[c] for c in widths}
        spare = sum(slack.values())
        if excess > 0 and spare > 0:
            for column in widths:
                widths[column] -= min(slack[column], excess * slack[column] // spare + 1)
        self._applying = True
        try:
            for column, width_of_column in widths.items():
                self._view.setColumnWidth(column, width_of_column)
        finally:
            self._applying = False

    def _section_resized(self, _index: int, _old: int, _new: int) -> None:
        if not self._applying and self._view.isVisible() and self._view.horizontalHeader().underMouse():
            self.user_adjusted = True


def configure_record_table(view: QTableView, weights: dict[int, int]) -> None:
    """Settings every large read-only table shares: fixed row height, proportional widths.

    `weights` gives each column its share of the width (e.g. name 22, status 9).
    """
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setShowGrid(False)
    view.setWordWrap(False)
    view.setTextElideMode(Qt.TextElideMode.ElideRight)
    view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
    view.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
    rows = view.verticalHeader()
    rows.hide()
    rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    rows.setDefaultSectionSize(view.fontMetrics().height() + 12)
    columns = view.horizontalHeader()
    columns.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    columns.setStretchLastSection(True)
    columns.setHighlightSections(False)
    columns.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    _ProportionalColumns(view, weights)


def follow_selection(view: QAbstractItemView, slot: Callable[[], object]) -> None:
    """Call `slot` whenever what is selected *and shown* in `view` may have changed.

    A filter resets the model, and Qt clears the selection on a reset without emitting
    `selectionChanged`: "2 selected" stayed on screen with Cancel and Delete enabled, acting
    on nothing. So the slot also runs after a reset, a re-sort and removed rows.
    """
    selection = view.selectionModel()
    if selection is not None:
        selection.selectionChanged.connect(lambda *_args: slot())
    model = view.model()
    if model is not None:
        for signal in (model.modelReset, model.layoutChanged, model.rowsRemoved):
            signal.connect(lambda *_args: slot())


def fit_headers(view: QTableView, *, minimum: int = 80, maximum: int = 320) -> None:
    """Widen each column to show its whole header (up to `maximum`): a preview's headers are
    what the person checks, and a fixed width cut them ("Consent to sh…")."""
    header = view.horizontalHeader()
    model = view.model()
    if model is None:
        return
    for column in range(model.columnCount()):
        wanted = max(minimum, min(maximum, header.sectionSizeHint(column)))
        if view.columnWidth(column) < wanted:
            view.setColumnWidth(column, wanted)
