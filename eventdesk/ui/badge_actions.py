"""Badge actions offered outside the Badges screen: from the attendee list, and the hand-over.

Screens do not call each other. The attendee list hands the people selected in it to
`BadgeRequests` (one per `EventContext`) and asks the window to show the Badges screen,
which picks them up as "the selection from the attendee list" — even if it is built only now.
"Print badge…" for one person prints straight through the system dialog (`ui.printing`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QMessageBox, QTableView, QWidget

from eventdesk.domain.event import to_local
from eventdesk.services.badges.overview import badge_status
from eventdesk.services.people.lists import AttendeeRow
from eventdesk.ui.context import EventContext
from eventdesk.ui.theme import icon
from eventdesk.ui.widgets.tables import follow_selection

if TYPE_CHECKING:
    from eventdesk.ui.printing import PrintJob

BADGES_SCREEN = "badges"


def print_badges(*args: Any, **kwargs: Any) -> PrintJob:
    """`ui.printing.print_badges`, imported on first use: the attendee list opens without the PDF stack."""
    from eventdesk.ui.printing import print_badges as print_through_dialog

    return print_through_dialog(*args, **kwargs)


class BadgeRequests(QObject):
    """The attendee ids last handed over for badges, kept until another event is opened."""

    selection_changed = Signal()

    def __init__(self, context: EventContext) -> None:
        super().__init__(context)
        self.setObjectName("badgeRequests")
        self._ids: tuple[int, ...] = ()
        context.document_changed.connect(self.clear)

    @property
    def attendee_ids(self) -> tuple[int, ...]:
        return self._ids

    def hand_over(self, attendee_ids: Sequence[int]) -> None:
        self._ids = tuple(dict.fromkeys(attendee_ids))
        self.selection_changed.emit()

    def clear(self) -> None:
        if self._ids:
            self._ids = ()
            self.selection_changed.emit()


def badge_requests(context: EventContext) -> BadgeRequests:
    found = context.findChild(BadgeRequests, "badgeRequests")
    return found if found is not None else BadgeRequests(context)


def print_one_badge(
    parent: QWidget, context: EventContext, attendee_id: int, name: str
) -> QMessageBox | PrintJob:
    """Print one person's badge; if theirs was printed already, ask: the same badge, or a new one?

    A copy of the same badge leaves both working (a spare); a reprint revokes the one they
    hold (lost, or given to someone else). Returns the question or the print job.
    """
    status = badge_status(doc=context.require_document(), attendee_ids=[attendee_id]).get(attendee_id)
    if status is None or status.printed_at is None:
        return print_badges(parent, context, [attendee_id])
    local = to_local(status.printed_at, context.summary.timezone).replace(tzinfo=None)
    when = parent.locale().toString(local, "d MMM yyyy, HH:mm")
    box = QMessageBox(QMessageBox.Icon.Question, parent.tr("Print badge"), "", parent=parent)
    box.setObjectName("reprintQuestion")
    box.setText(parent.tr("{name}'s badge was printed on {when}.").format(name=name, when=when))
    box.setInformativeText(
        parent.tr(
            "A new badge revokes the one they hold: the door will refuse it as replaced. A copy of "
            "the same badge leaves both working."
        )
    )
    reprint = box.addButton(parent.tr("Print a new badge"), QMessageBox.ButtonRole.AcceptRole)
    copy = box.addButton(parent.tr("Print a copy"), QMessageBox.ButtonRole.ActionRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(reprint)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def answered() -> None:
        clicked = box.clickedButton()
        if clicked is reprint:
            print_badges(parent, context, [attendee_id], reprint=True)
        elif clicked is copy:
            print_badges(parent, context, [attendee_id])

    box.finished.connect(answered)
    box.open()
    return box


class AttendeeBadgeActions(QObject):
    """ "Print badge…" and "Badges for the selection…" for a table of attendees.

    `selected_rows` returns the selected `AttendeeRow`s; `navigate` shows a screen by key (a
    screen's own `navigate` signal). With a custom context menu the screen adds `actions()`
    to it (`add_to_menu`); otherwise they go into the table's own context menu.
    """

    def __init__(
        self,
        parent: QWidget,
        context: EventContext,
        table: QTableView,
        selected_rows: Callable[[], list[AttendeeRow]],
        navigate: Callable[[str], None],
    ) -> None:
        super().__init__(parent)
        self._parent = parent
        self._context = context
        self._selected_rows = selected_rows
        self._navigate = navigate
        self.print_badge = QAction(icon("badges"), self.tr("Print badge…"), parent)
        self.print_badge.setObjectName("printBadgeAction")
        self.print_badge.setShortcut(QKeySequence.StandardKey.Print)
        self.print_badge.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.print_badge.setToolTip(self.tr("Print the selected person's badge (Ctrl+P)"))
        self.print_badge.triggered.connect(self.print_selected)
        self.badges_for_selection = QAction(self.tr("Badges for the selection…"), parent)
        self.badges_for_selection.setObjectName("badgesForSelectionAction")
        self.badges_for_selection.setToolTip(
            self.tr("Open the Badges screen with the selected people chosen, to make one PDF for them")
        )
        self.badges_for_selection.triggered.connect(self.hand_over_selection)
        parent.addAction(self.print_badge)
        if table.contextMenuPolicy() != Qt.ContextMenuPolicy.CustomContextMenu:
            table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
            table.addActions(self.actions())
        follow_selection(table, self.update_enabled)
        self.update_enabled()

    def actions(self) -> list[QAction]:
        return [self.print_badge, self.badges_for_selection]

    def add_to_menu(self, menu: QMenu) -> None:
        self.update_enabled()
        menu.addSeparator()
        menu.addActions(self.actions())

    def _selected(self) -> list[tuple[int, str]]:
        return [(row.id, _name(row)) for row in self._selected_rows()]

    def update_enabled(self, *_: object) -> None:
        count = len(self._selected_rows())
        self.print_badge.setEnabled(count == 1)
        self.badges_for_selection.setEnabled(count >= 1)

    def print_selected(self) -> QMessageBox | PrintJob | None:
        chosen = self._selected()
        if len(chosen) != 1:
            return None
        attendee_id, name = chosen[0]
        return print_one_badge(self._parent, self._context, attendee_id, name)

    def hand_over_selection(self) -> None:
        ids = [attendee_id for attendee_id, _ in self._selected()]
        if ids:
            badge_requests(self._context).hand_over(ids)
            self._navigate(BADGES_SCREEN)


def _name(row: AttendeeRow) -> str:
    return " ".join(p for p in (row.given_name, row.family_name) if p) or row.organisation
