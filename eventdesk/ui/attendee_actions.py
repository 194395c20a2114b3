"""What a person can do to the attendees selected in a list, as actions a screen puts in its
button row and context menu (the attendee list, and a company's staff list).

Each action is one call to `services.people.edit` on the selected ids, in the background,
one undoable step however many people it touches. Deleting asks first and says what goes
with the people and that Edit > Undo brings everything back.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QMessageBox, QWidget

from eventdesk.domain.changes import Changes
from eventdesk.domain.enums import AttendeeStatus, TicketType
from eventdesk.i18n import ngettext
from eventdesk.services.people.edit import cancel_attendees, delete_attendees, set_status, set_ticket_type
from eventdesk.ui.context import EventContext
from eventdesk.ui.dialogs.attendee_dialog import AttendeeDialog
from eventdesk.ui.messages import ask
from eventdesk.ui.models.attendees import ticket_label
from eventdesk.ui.person_privacy import PersonPrivacy
from eventdesk.ui.worker import BackgroundTask, run_in_background


class AttendeeActions(QObject):
    dialog_opened = Signal(object)
    """An `AttendeeDialog` that was just opened (tests fill it in)."""
    question_asked = Signal(object)
    """The delete confirmation box."""

    def __init__(
        self,
        context: EventContext,
        *,
        parent: QWidget,
        selected_ids: Callable[[], Sequence[int]],
        staff_of: Callable[[], int | None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self._parent = parent
        self._selected_ids = selected_ids
        self._staff_of = staff_of
        self.task: BackgroundTask | None = None

        self.add_action = QAction(self.tr("Add staff…") if staff_of else self.tr("Add attendee…"), self)
        self.add_action.triggered.connect(self.add)
        self.edit_action = QAction(self.tr("Edit…"), self)
        self.edit_action.setToolTip(self.tr("Edit the selected person (Enter or double-click)"))
        self.edit_action.triggered.connect(self.edit_selected)
        self.cancel_action = QAction(self.tr("Cancel tickets"), self)
        self.cancel_action.setToolTip(
            self.tr("Mark the selected people cancelled: they stay listed and the door refuses them")
        )
        self.cancel_action.triggered.connect(self.cancel_selected)
        self.restore_action = QAction(self.tr("Restore tickets"), self)
        self.restore_action.setToolTip(self.tr("Make cancelled tickets valid again"))
        self.restore_action.triggered.connect(self.restore_selected)
        self.ticket_menu = QMenu(self.tr("Change ticket type"), parent)
        self.ticket_actions: dict[str, QAction] = {}
        for ticket in TicketType:
            action = self.ticket_menu.addAction(ticket_label(ticket.value))
            action.triggered.connect(lambda _checked=False, value=ticket.value: self.set_ticket_type(value))
            self.ticket_actions[ticket.value] = action
        self.delete_action = QAction(self.tr("Delete…"), self)
        self.delete_action.setShortcut(QKeySequence.StandardKey.Delete)
        self.delete_action.triggered.connect(self.delete_selected)
        self.privacy = PersonPrivacy(context, parent)
        self.erase_action, self.export_data_action = self.privacy.actions_for(self._one_selected)
        self.update_enabled()

    def _one_selected(self) -> int | None:
        ids = self._selected_ids()
        return ids[0] if len(ids) == 1 else None

    def selection_actions(self) -> list[QAction]:
        return [self.edit_action, self.cancel_action, self.restore_action, self.delete_action]

    def update_enabled(self) -> None:
        count = len(self._selected_ids())
        for action in (self.edit_action, self.erase_action, self.export_data_action):
            action.setEnabled(count == 1)
        for action in (self.cancel_action, self.restore_action, self.delete_action):
            action.setEnabled(count > 0)
        self.ticket_menu.setEnabled(count > 0)
        self.add_action.setEnabled(self._staff_of is None or self._staff_of() is not None)

    def context_menu(self) -> QMenu:
        """A new menu of these actions, deleted once it closes (a screen may add its own)."""
        menu = QMenu(self._parent)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.addAction(self.edit_action)
        menu.addAction(self.add_action)
        menu.addSeparator()
        menu.addAction(self.cancel_action)
        menu.addAction(self.restore_action)
        menu.addMenu(self.ticket_menu)
        menu.addSeparator()
        menu.addAction(self.delete_action)
        menu.addSeparator()
        menu.addAction(self.erase_action)
        menu.addAction(self.export_data_action)
        return menu

    # -- one person ---------------------------------------------------------------------------

    def add(self) -> AttendeeDialog:
        staff_of = self._staff_of() if self._staff_of is not None else None
        return self._open(AttendeeDialog(self.context, staff_of=staff_of, parent=self._parent))

    def edit(self, attendee_id: int) -> AttendeeDialog:
        return self._open(
            AttendeeDialog(self.context, attendee_id=attendee_id, parent=self._parent, privacy=self.privacy)
        )

    def edit_selected(self) -> AttendeeDialog | None:
        ids = self._selected_ids()
        return self.edit(ids[0]) if len(ids) == 1 else None

    def _open(self, dialog: AttendeeDialog) -> AttendeeDialog:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        self.dialog_opened.emit(dialog)
        return dialog

    # -- the selection ------------------------------------------------------------------------

    def _run(self, title: str, change: Callable[[list[int]], Changes]) -> BackgroundTask | None:
        ids = list(self._selected_ids())
        if not ids:
            return None
        self.task = run_in_background(
            lambda _progress: change(ids), parent=self._parent, title=title, context=self.context
        )
        return self.task

    def cancel_selected(self) -> BackgroundTask | None:
        doc = self.context.require_document()
        return self._run(
            self.tr("Cancelling tickets"), lambda ids: cancel_attendees(doc=doc, attendee_ids=ids)
        )

    def restore_selected(self) -> BackgroundTask | None:
        doc = self.context.require_document()
        registered = AttendeeStatus.REGISTERED.value
        return self._run(
            self.tr("Restoring tickets"),
            lambda ids: set_status(doc=doc, attendee_ids=ids, status=registered),
        )

    def set_ticket_type(self, ticket_type: str) -> BackgroundTask | None:
        doc = self.context.require_document()
        return self._run(
            self.tr("Changing ticket types"),
            lambda ids: set_ticket_type(doc=doc, attendee_ids=ids, ticket_type=ticket_type),
        )

    def delete_selected(self) -> QMessageBox | None:
        ids = list(self._selected_ids())
        if not ids:
            return None
        doc = self.context.require_document()
        question = ask(
            self._parent,
            ngettext("Delete {n} attendee?", "Delete {n} attendees?", len(ids)),
            self.tr(
                "Their ticket codes, badge prints, wishes and meetings are deleted with them; scans and "
                "leads stay without their name. Edit > Undo brings everything back."
            ),
            accept_text=self.tr("Delete"),
            reject_text=self.tr("Keep"),
            on_accept=lambda: self._run(
                self.tr("Deleting attendees"), lambda _ids: delete_attendees(doc=doc, attendee_ids=ids)
            ),
            title=self.tr("Delete attendees"),
        )
        self.question_asked.emit(question)
        return question
