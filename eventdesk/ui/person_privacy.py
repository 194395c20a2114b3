"""One person's rights, wherever the person is found: *Erase this person…* (GDPR Art. 17)
and *Export this person's data…* (Art. 15), from Event › Privacy (with a picker), the
attendee list's context menu and the attendee dialog — the same confirmation everywhere."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMessageBox

from eventdesk.ui.messages import ask
from eventdesk.ui.privacy_box import PrivacyPart
from eventdesk.ui.worker import BackgroundTask, run_in_background


class PersonPrivacy(PrivacyPart):
    def actions_for(self, attendee_id: Any) -> list[QAction]:
        """ "Erase this person…" and "Export this person's data…" for the person `attendee_id()`
        gives when triggered (None: nobody, or several, chosen: the actions do nothing)."""
        erase = QAction(self.tr("Erase this person…"), self)
        erase.setObjectName("eraseThisPersonAction")
        erase.triggered.connect(
            lambda _checked=False: (i := attendee_id()) is not None and self.confirm_erase(i)
        )
        export = QAction(self.tr("Export this person's data…"), self)
        export.setObjectName("exportThisPersonAction")
        export.triggered.connect(
            lambda _checked=False: (i := attendee_id()) is not None and self.choose_export_target(i)
        )
        return [erase, export]

    def confirm_erase(self, attendee_id: int) -> QMessageBox:
        from eventdesk.services.people.edit import get_attendee

        draft = get_attendee(doc=self.context.require_document(), attendee_id=attendee_id).draft
        name = draft.called or f"#{attendee_id}"
        box = ask(
            self._parent,
            self.tr(
                "Erase {name}? Their name, e-mail, phone and every other personal field go for "
                "good; their scans, meetings and leads stay as counts under a pseudonym, and their "
                "badge is withdrawn."
            ).format(name=name),
            self.tr("This cannot be undone."),
            accept_text=self.tr("Erase"),
            reject_text=self.tr("Cancel"),
            on_accept=lambda: self.erase(attendee_id),
            title=self.tr("Erase this person"),
        )
        self.dialog_opened.emit(box)
        return box

    def erase(self, attendee_id: int) -> BackgroundTask:
        from eventdesk.services.privacy.erase import erase_person

        doc = self.context.require_document()

        def done(outcome: Any) -> None:
            result, changes = outcome
            self.context.notify(changes)
            self._info(f"{result.summary}\n\n{result.copies_sentence}", self.tr("Erased"))

        return run_in_background(
            lambda _p: erase_person(doc=doc, attendee_id=attendee_id),
            parent=self._parent,
            title=self.tr("Erasing"),
            on_result=done,
        )

    def choose_export_target(self, attendee_id: int) -> BackgroundTask | None:
        target, _ = QFileDialog.getSaveFileName(
            self._parent,
            self.tr("Export this person's data"),
            str(Path.home() / f"attendee {attendee_id} data.pdf"),
            self.tr("PDF and JSON (*.pdf)"),
        )
        return self.export_person(attendee_id, Path(target)) if target else None

    def export_person(self, attendee_id: int, target: Path) -> BackgroundTask:
        from eventdesk.services.privacy.person_data import export_person_data

        doc = self.context.require_document()
        return run_in_background(
            lambda _p: export_person_data(doc=doc, attendee_id=attendee_id, output=target),
            parent=self._parent,
            title=self.tr("Exporting a person's data"),
            on_result=lambda made: self._info(
                self.tr("Wrote {pdf} and {json}.").format(pdf=made.pdf.name, json=made.json.name),
                self.tr("Person's data exported"),
            ),
        )
