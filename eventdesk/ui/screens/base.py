"""What every screen of the main window is, so a new screen is one module and one registry line.

A screen is a QWidget built from the shared `EventContext`. It is constructed the first time
the person visits it (start-up builds only the first), and reloads lazily: a change that
concerns it (`watches`) marks it stale, and a stale screen refreshes when it is visible or
next shown — a hidden 50,000-row table does not reload on every scan at the door.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from eventdesk.domain.changes import Changes, Entity
from eventdesk.ui.context import EventContext
from eventdesk.ui.theme import icon
from eventdesk.ui.widgets.elided_label import ElidedLabel
from eventdesk.ui.widgets.empty_state import EmptyState


class Screen(QWidget):
    """Base of every navigation entry.

    Subclasses set `key` (stable id, used by `navigate`), `title` (wrapped in
    `QT_TRANSLATE_NOOP("Screens", …)` so it can be translated), `icon_name` (an SVG in
    resources/icons), `watches` (the entities whose changes make it reload), and implement
    `refresh()`.
    """

    key: ClassVar[str]
    title: ClassVar[str]
    icon_name: ClassVar[str]
    watches: ClassVar[frozenset[Entity]] = frozenset()

    navigate = Signal(str)
    """Ask the window to show the screen with this key (an empty state's action, a link)."""

    def __init__(self, context: EventContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"screen_{self.key}")
        self.context = context
        self._stale = True

    @classmethod
    def display_title(cls) -> str:
        return QCoreApplication.translate("Screens", cls.title)

    def refresh(self) -> None:
        """Reload what the screen shows from the services."""
        raise NotImplementedError

    def on_changes(self, changes: Changes) -> None:
        """Called for every finished operation; reloads now if visible, else when next shown."""
        if self.watches and changes.touches(*self.watches):
            self._stale = True
            if self.isVisible():
                self.refresh_now()

    def refresh_now(self) -> None:
        self._stale = False
        self.refresh()

    @property
    def is_stale(self) -> bool:
        return self._stale

    def add_shortcut(self, keys: str, slot: Callable[[], object]) -> QAction:
        """A key that works wherever the focus is inside this screen, and only there: the
        same key may mean something else on another screen."""
        action = QAction(self)
        action.setShortcut(QKeySequence(keys))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def showEvent(self, event: QShowEvent) -> None:
        if self._stale:
            self.refresh_now()
        super().showEvent(event)


def screen_heading(title: str) -> tuple[QWidget, QLabel]:
    """The title row every screen starts with, and the label beside it for counts."""
    header = QWidget()
    row = QHBoxLayout(header)
    row.setContentsMargins(0, 0, 0, 0)
    title_label = QLabel(title)
    title_label.setObjectName("screenTitle")
    count = ElidedLabel()
    count.setObjectName("countLabel")
    row.addWidget(title_label)
    row.addSpacing(12)
    row.addWidget(count, 1)
    return header, count


def action_button(action: QAction, name: str) -> QPushButton:
    """A push button that does what `action` does and follows its enabled state, for the
    screens that show their main actions as buttons as well as in menus."""
    button = QPushButton(action.text())
    button.setObjectName(name)
    button.setToolTip(action.toolTip())
    button.clicked.connect(action.trigger)
    button.setEnabled(action.isEnabled())
    action.changed.connect(lambda: button.setEnabled(action.isEnabled()))
    return button


class EmptyStateScreen(Screen):
    """A screen whose real content a later issue brings; until then it explains and guides.

    It says what the screen will hold for *this* event (with its real numbers) and offers
    the step that comes first. Subclasses implement `describe`.
    """

    watches = frozenset({Entity.ATTENDEES, Entity.COMPANIES, Entity.SCANS, Entity.EVENT})

    def __init__(self, context: EventContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.empty_state = EmptyState(icon(self.icon_name))
        self.empty_state.action_triggered.connect(self._act)
        self._action_target = ""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 24, 24, 24)
        heading, self.count_label = screen_heading(self.display_title())
        layout.addWidget(heading)
        layout.addWidget(self.empty_state, 1)

    def describe(self) -> tuple[str, str, str, str | None, str]:
        """(headline, body, hint, action text or None, key of the screen the action opens)."""
        raise NotImplementedError

    def refresh(self) -> None:
        headline, body, hint, action, target = self.describe()
        self.empty_state.set_text(headline=headline, body=body, hint=hint)
        self.empty_state.set_action(action)
        self._action_target = target

    def _act(self) -> None:
        if self._action_target:
            self.navigate.emit(self._action_target)
