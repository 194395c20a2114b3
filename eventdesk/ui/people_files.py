"""Files in and out of the attendee and company lists: the File menu's import and export
entries, and spreadsheets dropped on the main window.

Imports open the import wizard; exports ask where to write and run in the background,
through `services.people.export` (every field, formula-looking cells neutralised).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QAction, QDropEvent
from PySide6.QtWidgets import QFileDialog, QMainWindow, QWidget

from eventdesk.domain.progress import Progress
from eventdesk.i18n import ngettext
from eventdesk.settings import LAST_FOLDER
from eventdesk.ui.context import EventContext
from eventdesk.ui.theme import icon
from eventdesk.ui.worker import BackgroundTask, run_in_background

if TYPE_CHECKING:
    from eventdesk.services.people.export import ExportResult
    from eventdesk.ui.dialogs.import_wizard import ImportWizard

# The wizard and the export services pull in the whole importer (openpyxl, phone numbers,
# OR-Tools for the matchmaking kinds): they are imported when first used, not at start-up.

EXPORT_FILTER = "CSV (*.csv);;Excel workbook (*.xlsx)"


def open_import_wizard(
    context: EventContext, *, kind: str = "attendees", path: str | Path | None = None, parent: QWidget | None
) -> ImportWizard:
    """The import wizard, window-modal and not blocking (opened with `open()`)."""
    from eventdesk.ui.dialogs.import_wizard import ImportWizard

    wizard = ImportWizard(context, kind=kind, path=path, parent=parent)
    wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    wizard.open()
    return wizard


def importable(path: Path) -> bool:
    from eventdesk.ui.dialogs.import_wizard import IMPORTABLE_SUFFIXES

    return path.suffix.lower() in IMPORTABLE_SUFFIXES


class PeopleFiles(QObject):
    """File menu actions for importing and exporting people, and file drops on `window`.

    `current_kind` says what a dropped file most likely holds (companies when the
    Companies screen is showing, else attendees); the wizard lets the person change it.
    """

    wizard_opened = Signal(object)
    export_started = Signal(object)

    def __init__(self, window: QMainWindow, context: EventContext) -> None:
        super().__init__(window)
        self.window = window
        self.context = context
        self.current_kind = lambda: "attendees"
        self.import_attendees_action = QAction(icon("import-file"), self.tr("Import &attendees…"), self)
        self.import_attendees_action.setShortcut("Ctrl+I")
        self.import_attendees_action.triggered.connect(lambda: self.open_import("attendees"))
        self.import_companies_action = QAction(self.tr("Import co&mpanies…"), self)
        self.import_companies_action.triggered.connect(lambda: self.open_import("companies"))
        self.export_attendees_action = QAction(self.tr("&Export attendees…"), self)
        self.export_attendees_action.triggered.connect(lambda: self.choose_and_export("attendees"))
        self.export_companies_action = QAction(self.tr("Export compa&nies…"), self)
        self.export_companies_action.triggered.connect(lambda: self.choose_and_export("companies"))
        context.document_changed.connect(self._update_enabled)
        window.setAcceptDrops(True)
        window.installEventFilter(self)
        self._update_enabled()

    def actions(self) -> list[QAction]:
        return [
            self.import_attendees_action,
            self.import_companies_action,
            self.export_attendees_action,
            self.export_companies_action,
        ]

    def _update_enabled(self) -> None:
        for action in self.actions():
            action.setEnabled(self.context.has_document)

    # -- import -----------------------------------------------------------------------------

    def open_import(self, kind: str, path: str | Path | None = None) -> ImportWizard | None:
        if not self.context.has_document:
            return None
        wizard = open_import_wizard(self.context, kind=kind, path=path, parent=self.window)
        self.wizard_opened.emit(wizard)
        return wizard

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is not self.window:
            return False
        if not isinstance(event, QDropEvent):  # drag enter and drag move events are drop events
            return False
        if event.type() in (QEvent.Type.DragEnter, QEvent.Type.DragMove):
            if self._dropped_file(event) is not None:
                event.acceptProposedAction()
                return True
        elif event.type() == QEvent.Type.Drop:
            path = self._dropped_file(event)
            if path is not None:
                event.acceptProposedAction()
                self.open_import(self.current_kind(), path)
                return True
        return False

    def _dropped_file(self, event: QDropEvent) -> Path | None:
        """The one local spreadsheet being dragged, when an event is open to import it into."""
        data = event.mimeData()
        if not self.context.has_document or data is None or not data.hasUrls():
            return None
        urls = [url for url in data.urls() if url.isLocalFile()]
        if len(urls) != 1:
            return None
        path = Path(urls[0].toLocalFile())
        return path if importable(path) else None

    # -- export -----------------------------------------------------------------------------

    def choose_and_export(self, kind: str) -> BackgroundTask | None:
        if not self.context.has_document:
            return None
        folder = Path(self.context.settings.get(LAST_FOLDER) or Path.home())
        name = self.tr("{event} {kind}.xlsx").format(event=self.context.summary.name, kind=kind)
        suggestion = (folder if folder.is_dir() else Path.home()) / _safe_file_name(name)
        title = self.tr("Export attendees") if kind == "attendees" else self.tr("Export companies")
        chosen, selected_filter = QFileDialog.getSaveFileName(
            self.window, title, str(suggestion), self.tr(EXPORT_FILTER)
        )
        if not chosen:
            return None
        path = Path(chosen)
        if path.suffix.lower() not in (".csv", ".xlsx"):
            path = path.with_name(path.name + (".csv" if "csv" in selected_filter.lower() else ".xlsx"))
        self.context.settings.set(LAST_FOLDER, str(path.parent))
        return self.export(kind, path)

    def export(self, kind: str, path: Path) -> BackgroundTask:
        from eventdesk.services.people.export import export_attendees, export_companies

        doc = self.context.require_document()
        write = export_attendees if kind == "attendees" else export_companies
        title = self.tr("Exporting attendees") if kind == "attendees" else self.tr("Exporting companies")

        def job(progress: Progress) -> ExportResult:
            return write(doc=doc, path=path, progress=progress)

        task = run_in_background(
            job,
            parent=self.window,
            title=title,
            on_result=lambda result: self.window.statusBar().showMessage(
                ngettext(
                    "Wrote {n} row to {path}", "Wrote {n} rows to {path}", result.rows, path=result.path
                ),
                10_000,
            ),
        )
        self.export_started.emit(task)
        return task


def _safe_file_name(name: str) -> str:
    return "".join(" " if ch in '<>:"/\\|?*' else ch for ch in name).strip()
