"""The inside of the main window while an event is open: the navigation and its screens.

Screens are imported and built the first time they are shown, so opening a 50,000-person
event builds the dashboard only; the attendee table is loaded when someone goes to it.

Each screen sits in a scroll area: where the window is smaller than what a screen needs at
least (200 % scaling on a 1366×768 laptop leaves 683×384 logical pixels), the screen keeps its
minimum size and scrolls instead of squeezing buttons and fields over each other. In such a
narrow window the navigation shows only its icons (each keeps its tooltip and Ctrl+number),
which gives the screen back two thirds of the sidebar.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from eventdesk.domain.changes import Changes
from eventdesk.ui.context import EventContext
from eventdesk.ui.screens import SCREENS, Screen, ScreenEntry
from eventdesk.ui.theme import icon
from eventdesk.ui.widgets.first_paint import call_after_first_paint
from eventdesk.ui.widgets.retention_banner import RetentionBanner
from eventdesk.ui.widgets.scrolling import scrolling

NAV_ROW_HEIGHT = 40
NAV_WIDTH = 210
NAV_COMPACT_WIDTH = 56
COMPACT_BELOW = 720
"""A window narrower than this (logical pixels) gets the icon-only navigation."""


class EventView(QWidget):
    """Sidebar navigation on the left, the current screen on the right."""

    screen_shown = Signal(str)
    """The key of the screen that has just become current."""
    first_screen_painted = Signal()

    def __init__(
        self,
        context: EventContext,
        screens: Sequence[ScreenEntry] = SCREENS,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("eventView")
        self.context = context
        # An exhibitor kit is a booth: only the screens it can use (see `ScreenEntry.in_kit`).
        self.entries = tuple(entry for entry in screens if entry.in_kit or not context.is_kit)
        self._screens: dict[str, Screen] = {}
        self._compact = False

        self.navigation = QListWidget()
        self.navigation.setObjectName("navigation")
        self.navigation.setIconSize(QSize(22, 22))
        self.navigation.setFixedWidth(NAV_WIDTH)
        self.navigation.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.stack = QStackedWidget()
        for number, entry in enumerate(self.entries, start=1):
            item = QListWidgetItem(icon(entry.icon_name), entry.display_title())
            item.setData(Qt.ItemDataRole.UserRole, entry.key)
            # An explicit height: the style sheet's padding alone does not grow list rows.
            item.setSizeHint(QSize(0, NAV_ROW_HEIGHT))
            item.setToolTip(self.tr("{title} (Ctrl+{number})").format(title=item.text(), number=number))
            self.navigation.addItem(item)
            # A light placeholder per entry keeps stack and navigation indexes aligned.
            self.stack.addWidget(QWidget())
        self.navigation.currentRowChanged.connect(self._show_index)

        # GDPR Art. 5(1)(e): from the retention date until the organiser anonymises.
        self.retention_banner = RetentionBanner(context)
        body = QHBoxLayout()
        body.setContentsMargins(0, 0, 0, 0)
        body.setSpacing(0)
        body.addWidget(self.navigation)
        body.addWidget(self.stack, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.retention_banner)
        layout.addLayout(body, 1)
        self.navigation.setVisible(len(self.entries) > 1)

        context.changed.connect(self._forward_changes)
        self.show_screen(self.entries[0].key)

    # -- navigation -------------------------------------------------------------------------

    def keys(self) -> list[str]:
        return [entry.key for entry in self.entries]

    def show_screen(self, key: str) -> Screen:
        index = self.keys().index(key)
        if self.navigation.currentRow() != index:
            self.navigation.setCurrentRow(index)  # → _show_index
        else:
            self._show_index(index)
        return self.screen(key)

    def current_key(self) -> str:
        return self.keys()[self.stack.currentIndex()]

    def current_screen(self) -> Screen:
        return self.screen(self.current_key())

    def screen(self, key: str) -> Screen:
        """The screen for `key`, built now if this is its first use."""
        built = self._screens.get(key)
        if built is not None:
            return built
        index = self.keys().index(key)
        screen = self.entries[index].load()(self.context)
        screen.navigate.connect(self.show_screen)
        placeholder = self.stack.widget(index)
        self.stack.insertWidget(index, scrolling(screen, name="screenScroll"))
        self.stack.removeWidget(placeholder)
        placeholder.deleteLater()
        self._screens[key] = screen
        if not self._screens.keys() - {key}:
            call_after_first_paint(screen, self.first_screen_painted.emit)
        return screen

    def built_screens(self) -> dict[str, Screen]:
        return dict(self._screens)

    def _show_index(self, index: int) -> None:
        if not 0 <= index < len(self.entries):
            return
        key = self.entries[index].key
        self.screen(key)
        self.stack.setCurrentIndex(index)
        self.screen_shown.emit(key)

    @property
    def compact(self) -> bool:
        """True while the navigation shows only icons (a narrow window)."""
        return self._compact

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        compact = event.size().width() < COMPACT_BELOW
        if compact == self._compact:
            return
        self._compact = compact
        self.navigation.setFixedWidth(NAV_COMPACT_WIDTH if compact else NAV_WIDTH)
        for row, entry in enumerate(self.entries):
            self.navigation.item(row).setText("" if compact else entry.display_title())

    def _forward_changes(self, changes: Changes) -> None:
        for screen in self._screens.values():
            screen.on_changes(changes)
