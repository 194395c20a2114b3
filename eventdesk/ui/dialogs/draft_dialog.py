"""What the attendee and company dialogs share: a draft the core checks, saved in the background.

The rules are the core's: its check answers with the sentence and the field it is about
(`InvalidField`), shown under that field, while the person types (after a short pause)
and again on Save, which then puts the cursor in the first field in trouble. A problem
that belongs to no field (the record was deleted meanwhile, say) shows above the buttons,
as does a refusal from the save itself.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QGridLayout, QLabel, QVBoxLayout, QWidget

from eventdesk.domain.errors import ValidationError
from eventdesk.domain.people import InvalidField
from eventdesk.domain.progress import Progress
from eventdesk.ui.context import EventContext
from eventdesk.ui.widgets.field_errors import FieldErrors
from eventdesk.ui.worker import BackgroundTask, run_in_background

CHECK_DELAY_MS = 300


class DraftDialog(QDialog):
    """Subclasses build their fields (each wrapped by `self.errors.wrap`), pass the grid to
    `_lay_out`, connect their edits to `_edited`, and answer `_check_draft`, `_save_job` and
    `_saved`; `focus_order` lists the fields Save may put the cursor in, in form order."""

    saved = Signal(int)
    """The record's id, once everything was saved and the dialog is about to close."""
    focus_order: tuple[str, ...] = ()

    def __init__(self, context: EventContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.task: BackgroundTask | None = None
        self.errors = FieldErrors()
        self.error_label = QLabel()
        self.error_label.setObjectName("inlineError")
        self.error_label.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self._check_timer = QTimer(self)
        self._check_timer.setSingleShot(True)
        self._check_timer.setInterval(CHECK_DELAY_MS)
        self._check_timer.timeout.connect(self.check)

    def _lay_out(self, grid: QGridLayout) -> None:
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)

    def _edited(self, *_: object) -> None:
        self._check_timer.start()

    def _check_draft(self) -> Any:
        """The draft as the core would store it; raises what the core finds wrong."""
        raise NotImplementedError

    def _save_job(self) -> Callable[[Progress], Any]:
        """The save, to run on a worker thread: it gets what it needs now, not from widgets."""
        raise NotImplementedError

    def _saved(self, result: Any) -> None:
        raise NotImplementedError

    def check(self) -> Any:
        """The draft as the core would store it, or None with the problem shown at its field."""
        self._check_timer.stop()
        try:
            clean = self._check_draft()
        except InvalidField as problem:
            if not self.errors.show(problem.field, str(problem)):
                self.error_label.setText(str(problem))
            return None
        except ValidationError as problem:
            self.errors.clear()
            self.error_label.setText(str(problem))
            return None
        self.errors.clear()
        self.error_label.clear()
        return clean

    def save(self) -> None:
        if self.task is not None and self.task.is_running:
            return
        if self.check() is None:
            self._focus_first_problem()
            return
        job = self._save_job()
        self.save_button.setEnabled(False)
        self.task = run_in_background(
            job,
            parent=self,
            title=self.tr("Saving"),
            context=self.context,
            on_result=self._saved,
            on_error=self._refused,
        )

    def _focus_first_problem(self) -> None:
        for field in self.focus_order:
            widget = self.errors.widget(field)
            if self.errors.message(field) and widget is not None:
                widget.setFocus(Qt.FocusReason.OtherFocusReason)
                return

    def _refused(self, message: str) -> None:
        self.save_button.setEnabled(True)
        self.error_label.setText(message)
