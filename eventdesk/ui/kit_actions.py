"""File > Exhibitor kits: make a kit for a company's booth laptop, and merge kits back.

Both run in the background through `services.leads.kits` (a kit of 50,000 people is a few
seconds of writing). A wrong file among the kits to merge — another event's kit, an event
that is not a kit — is refused by the core before anything is written, and its one
sentence is shown as it is. In an exhibitor kit both entries are off: kits are made from,
and merged into, the organiser's event. The services are imported on first use, not when
the window starts.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox, QWidget

from eventdesk.domain.progress import Progress
from eventdesk.i18n import ngettext
from eventdesk.settings import BOOTH_COMPANY, LAST_FOLDER
from eventdesk.ui.context import EventContext
from eventdesk.ui.file_filters import exhibitor_kits
from eventdesk.ui.messages import show_error
from eventdesk.ui.worker import BackgroundTask, run_in_background

if TYPE_CHECKING:
    from eventdesk.services.leads.kits import KitMade, MergeReport
    from eventdesk.ui.dialogs.make_kit import MakeKitDialog


class KitActions(QObject):
    dialog_opened = Signal(object)
    """The make-kit dialog or a result box that was just opened (tests answer it)."""
    task_started = Signal(object)

    def __init__(self, context: EventContext, parent: QWidget) -> None:
        super().__init__(parent)
        self.context = context
        self._parent = parent
        self.make_kit_action = QAction(self.tr("&Make kit for company…"), self)
        self.make_kit_action.setObjectName("makeKitAction")
        self.make_kit_action.setToolTip(
            self.tr(
                "An event file for one company's booth laptop: people who agreed to share, "
                "and its meeting partners' names and profiles"
            )
        )
        self.make_kit_action.triggered.connect(self.open_make_kit)
        self.merge_kits_action = QAction(self.tr("Mer&ge kits…"), self)
        self.merge_kits_action.setObjectName("mergeKitsAction")
        self.merge_kits_action.setToolTip(self.tr("Bring the leads of exhibitor kits back into this event"))
        self.merge_kits_action.triggered.connect(self.choose_and_merge)
        context.document_changed.connect(self.update_enabled)
        self.update_enabled()

    def menu(self, parent: QWidget) -> QMenu:
        menu = QMenu(self.tr("E&xhibitor kits"), parent)
        menu.setObjectName("kitsMenu")
        menu.addAction(self.make_kit_action)
        menu.addAction(self.merge_kits_action)
        return menu

    def update_enabled(self) -> None:
        organiser = self.context.has_document and not self.context.is_kit
        self.make_kit_action.setEnabled(organiser)
        self.merge_kits_action.setEnabled(organiser)

    def _folder(self) -> Path:
        folder = Path(self.context.settings.get(LAST_FOLDER) or Path.home())
        return folder if folder.is_dir() else Path.home()

    # -- making a kit ---------------------------------------------------------------------------

    def open_make_kit(self) -> MakeKitDialog | None:
        if not self.make_kit_action.isEnabled():
            return None
        from eventdesk.services.leads.kit_contents import kit_counts
        from eventdesk.services.people.lists import list_company_rows
        from eventdesk.ui.dialogs.make_kit import MakeKitDialog

        doc = self.context.require_document()
        companies = list_company_rows(doc=doc)
        if not companies:
            show_error(
                self._parent,
                self.tr("This event has no companies yet: add or import the exhibitors first."),
                title=self.tr("Make an exhibitor kit"),
            )
            return None
        remembered = str(self.context.settings.get(BOOTH_COMPANY))
        chosen = next((row.id for row in companies if row.name == remembered), None)
        dialog = MakeKitDialog(
            companies,
            folder=self._folder(),
            chosen_company=chosen,
            counts=lambda company_id: kit_counts(doc=doc, company_id=company_id),
            parent=self._parent,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(
            lambda: self.make(int(dialog.company_id() or 0), dialog.target(), overwrite=dialog.overwrite())
        )
        dialog.open()
        self.dialog_opened.emit(dialog)
        return dialog

    def make(self, company_id: int, path: Path, *, overwrite: bool = False) -> BackgroundTask:
        from eventdesk.services.leads.kits import make_kit

        doc = self.context.require_document()
        self.context.settings.set(LAST_FOLDER, str(path.parent))

        def job(progress: Progress) -> KitMade:
            return make_kit(doc=doc, company_id=company_id, path=path, overwrite=overwrite, progress=progress)

        task = run_in_background(
            job, parent=self._parent, title=self.tr("Making the exhibitor kit"), on_result=self._made
        )
        self.task_started.emit(task)
        return task

    def _made(self, made: KitMade) -> None:
        box = self._report(
            self.tr("The kit for {company} is ready.").format(company=made.company_name),
            made.summary
            + "\n\n"
            + self.tr("Written to {path}. Open it in eventdesk on the booth laptop.").format(path=made.path),
        )
        box.setObjectName("kitMadeMessage")
        privacy = getattr(self._parent, "privacy_actions", None)
        if privacy is not None:
            privacy.offer_protection(Path(made.path), what=self.tr("The kit"))

    # -- merging kits -----------------------------------------------------------------------------

    def choose_and_merge(self) -> BackgroundTask | None:
        if not self.merge_kits_action.isEnabled():
            return None
        chosen, _ = QFileDialog.getOpenFileNames(
            self._parent,
            self.tr("Merge exhibitor kits"),
            str(self._folder()),
            exhibitor_kits() + ";;" + self.tr("All files (*)"),
        )
        if not chosen:
            return None
        paths = [Path(name) for name in chosen]
        self.context.settings.set(LAST_FOLDER, str(paths[0].parent))
        return self.merge(paths)

    def merge(self, paths: list[Path]) -> BackgroundTask:
        from eventdesk.services.leads.kits import merge_kits

        doc = self.context.require_document()

        def job(progress: Progress) -> MergeReport:
            return merge_kits(doc=doc, paths=paths, progress=progress)

        task = run_in_background(
            job,
            parent=self._parent,
            title=self.tr("Merging exhibitor kits"),
            context=self.context,
            on_result=self._merged,
        )
        self.task_started.emit(task)
        return task

    def _merged(self, report: MergeReport) -> None:
        added = sum(kit.added for kit in report.kits)
        updated = sum(kit.updated for kit in report.kits)
        # Three counts, three nouns: one plural-aware sentence part each, joined as a list.
        headline = (
            ngettext("{n} kit merged", "{n} kits merged", len(report.kits))
            + ": "
            + ngettext("{n} new lead", "{n} new leads", added)
            + ", "
            + ngettext("{n} lead updated.", "{n} leads updated.", updated)
        )
        box = self._report(headline, report.summary)
        box.setObjectName("mergeReport")

    def _report(self, headline: str, details: str) -> QMessageBox:
        box = QMessageBox(
            QMessageBox.Icon.Information, self.tr("Exhibitor kits"), headline, parent=self._parent
        )
        box.setInformativeText(details)
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # One line per kit reads as a list only when the box is wide enough for it.
        box.setStyleSheet("QLabel#qt_msgbox_informativelabel { min-width: 480px; }")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        self.dialog_opened.emit(box)
        return box
