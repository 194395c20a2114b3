"""Undo and Redo as window actions over the core's undo history (`services.undo`).

The history belongs to the open document, not to a widget: every undoable service pushes
its step there, so one pair of actions undoes a moved meeting, an edited attendee or an
import alike. Undo and redo run in the background like every other change and tell every
screen what changed; their text names the step ("Undo Moved Anna Jansen with …").
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from eventdesk.domain.changes import Changes
from eventdesk.services.undo import history
from eventdesk.ui.context import EventContext
from eventdesk.ui.worker import BackgroundTask, run_in_background


class UndoActions(QObject):
    def __init__(self, context: EventContext, parent: QWidget) -> None:
        super().__init__(parent)
        self.context = context
        self._parent = parent
        self.undo_action = QAction(self.tr("&Undo"), parent)
        self.undo_action.setObjectName("undoAction")
        self.undo_action.setShortcuts(QKeySequence.StandardKey.Undo)
        self.undo_action.triggered.connect(self.undo)
        self.redo_action = QAction(self.tr("&Redo"), parent)
        self.redo_action.setObjectName("redoAction")
        # Every platform binding (Ctrl+Shift+Z and Ctrl+Y): setShortcut would keep only the first.
        self.redo_action.setShortcuts(QKeySequence.StandardKey.Redo)
        self.redo_action.triggered.connect(self.redo)
        self._busy = False
        context.changed.connect(lambda _changes: self.update_state())
        context.document_changed.connect(self.update_state)
        self.update_state()

    def update_state(self) -> None:
        document = self.context.document
        steps = history(document) if document is not None else None
        can_undo = bool(steps and steps.can_undo) and not self._busy
        can_redo = bool(steps and steps.can_redo) and not self._busy
        self.undo_action.setEnabled(can_undo)
        self.redo_action.setEnabled(can_redo)
        self.undo_action.setText(
            self.tr("&Undo {step}").format(step=steps.undo_label)
            if steps and steps.can_undo
            else self.tr("&Undo")
        )
        self.redo_action.setText(
            self.tr("&Redo {step}").format(step=steps.redo_label)
            if steps and steps.can_redo
            else self.tr("&Redo")
        )

    def undo(self) -> BackgroundTask | None:
        return self._run(forward=False)

    def redo(self) -> BackgroundTask | None:
        return self._run(forward=True)

    def _run(self, *, forward: bool) -> BackgroundTask | None:
        document = self.context.document
        if document is None or self._busy:
            return None
        steps = history(document)
        if not (steps.can_redo if forward else steps.can_undo):
            return None
        self._busy = True
        self.update_state()

        def job(_progress: object) -> Changes:
            return steps.redo(document) if forward else steps.undo(document)

        task = run_in_background(
            job,
            parent=self._parent,
            title=self.tr("Redoing") if forward else self.tr("Undoing"),
            context=self.context,
        )
        task.finished.connect(self._done)
        return task

    def _done(self) -> None:
        self._busy = False
        self.update_state()
