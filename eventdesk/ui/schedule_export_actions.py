"""Print and export the schedule from the window: personal PDFs, company lists, the master
grid, a folder of calendar files, the CSV of all meetings.

Each one asks where to write (a file or folder dialog), runs in the background with
progress and Cancel, and says what it wrote (`exported`), so the screen can offer to open
it. The files themselves are the core's (`services.matchmaking.exports`), the same as
`eventdesk export schedule|ics|meetings` writes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject, Signal
from PySide6.QtWidgets import QFileDialog, QMenu, QWidget

from eventdesk.domain.changes import Changes, Entity
from eventdesk.domain.progress import Progress
from eventdesk.i18n import ngettext
from eventdesk.services.matchmaking.exports import (
    export_attendee_schedules,
    export_calendars,
    export_company_schedules,
    export_master_grid,
    export_meetings_csv,
)
from eventdesk.ui.context import EventContext
from eventdesk.ui.worker import BackgroundTask, run_in_background


@dataclass(frozen=True)
class Exported:
    path: Path
    text: str
    changes: Changes = field(default_factory=Changes)
    """Personal schedules mark meetings printed, which the grid and re-planning show."""


@dataclass(frozen=True)
class ExportKind:
    key: str
    title: str
    file_stem: str
    folder: bool = False
    suffix: str = ".pdf"


EXPORTS = (
    ExportKind(
        "attendees",
        QT_TRANSLATE_NOOP("ScheduleExports", "Personal schedules (PDF, one page per attendee)…"),
        "personal schedules",
    ),
    ExportKind(
        "companies",
        QT_TRANSLATE_NOOP("ScheduleExports", "Company lists with tick boxes (PDF)…"),
        "company lists",
    ),
    ExportKind("grid", QT_TRANSLATE_NOOP("ScheduleExports", "Master grid with index (PDF)…"), "master grid"),
    ExportKind(
        "ics",
        QT_TRANSLATE_NOOP("ScheduleExports", "Calendar files per attendee (.ics folder)…"),
        "calendars",
        folder=True,
    ),
    ExportKind("csv", QT_TRANSLATE_NOOP("ScheduleExports", "All meetings (CSV)…"), "meetings", suffix=".csv"),
)


class ScheduleExportActions(QObject):
    exported = Signal(object)
    """An `Exported`: what was written, where."""

    def __init__(self, context: EventContext, parent: QWidget) -> None:
        super().__init__(parent)
        self.context = context
        self._parent = parent
        self.menu = QMenu(parent)
        self.menu.setObjectName("scheduleExports")
        self.actions = {}
        for kind in EXPORTS:
            action = self.menu.addAction(self.tr(kind.title))
            action.triggered.connect(lambda _checked=False, k=kind: self.choose(k))
            self.actions[kind.key] = action

    def choose(self, kind: ExportKind) -> None:
        """Ask where to write, then export there."""
        name = f"{self.context.summary.name} {self.tr(kind.file_stem)}"
        title = self.tr(kind.title).rstrip("…")
        if kind.folder:
            chosen = QFileDialog.getExistingDirectory(self._parent, title, str(Path.home()))
            if chosen:
                self.export_to(kind.key, Path(chosen) / name)
            return
        file_filter = self.tr("PDF files (*.pdf)") if kind.suffix == ".pdf" else self.tr("CSV files (*.csv)")
        chosen, _ = QFileDialog.getSaveFileName(
            self._parent, title, str(Path.home() / f"{name}{kind.suffix}"), file_filter
        )
        if chosen:
            path = Path(chosen)
            self.export_to(kind.key, path if path.suffix else path.with_suffix(kind.suffix))

    def export_to(self, key: str, target: Path) -> BackgroundTask:
        doc = self.context.require_document()
        tr = self.tr

        def job(progress: Progress) -> Exported:
            if key == "attendees":
                result = export_attendee_schedules(doc=doc, output=target, progress=progress)
                text = ngettext(
                    "{pages} for {n} attendee",
                    "{pages} for {n} attendees",
                    result.items,
                    pages=_pages(result.pages),
                )
                if result.missing_qr:
                    text += tr(" (without badge QR: this copy of the event has no signing key)")
                # Their meetings are marked printed: re-planning keeps them where they are.
                return Exported(result.path, text, Changes.of(Entity.MEETINGS))
            if key == "companies":
                result = export_company_schedules(doc=doc, output=target, progress=progress)
                return Exported(
                    result.path,
                    ngettext(
                        "{pages} for {n} company",
                        "{pages} for {n} companies",
                        result.items,
                        pages=_pages(result.pages),
                    ),
                )
            if key == "grid":
                result = export_master_grid(doc=doc, output=target, progress=progress)
                return Exported(
                    result.path,
                    ngettext(
                        "{pages}, {n} table", "{pages}, {n} tables", result.items, pages=_pages(result.pages)
                    ),
                )
            if key == "ics":
                files = export_calendars(doc=doc, folder=target, progress=progress)
                return Exported(target, ngettext("{n} calendar file", "{n} calendar files", len(files)))
            result = export_meetings_csv(doc=doc, output=target, progress=progress)
            return Exported(result.path, ngettext("{n} meeting", "{n} meetings", result.items))

        return run_in_background(
            job,
            parent=self._parent,
            title=self.tr("Exporting the schedule"),
            context=self.context,
            on_result=self.exported.emit,
            show_progress_after_ms=300,
        )


def _pages(count: int) -> str:
    return ngettext("{n} page", "{n} pages", count)
