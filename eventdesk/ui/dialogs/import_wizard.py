"""File > Import attendees… / Import companies…, or a file dropped on the window.

Four steps, each showing what the core decided so the person can trust or correct it:
the file; a preview as it was read (encoding, separator, the platform recognised); the
column mapping, one combo per column (the accepted mapping is remembered by the core for
files with the same headers), with a note on every column whose guess its values refused
and on a consent column left out; then the report of what happened to every row. An
import that would merge many rows, or that finds an e-mail the event knows under another
name, stops before anything is written on a review page (`ReviewPage`): the merges by
reason, and a keep-both / same-person choice per question; Back returns to the columns. The
import
itself runs in the background with progress and Cancel, in one transaction: cancelled or
refused, the event is left exactly as it was. "Check without importing" runs the same
import as a dry run and says what it would do.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractItemModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from eventdesk.domain.progress import Progress
from eventdesk.domain.sharing import CONSENT_RULE
from eventdesk.i18n import ngettext
from eventdesk.i18n.values import Count
from eventdesk.services.importing import (
    FilePreview,
    ImportOutcome,
    ImportReport,
    MappingOrigin,
    MergeReviewNeeded,
    SamePersonQuestion,
    get_kind,
    import_file,
    inspect_file,
)
from eventdesk.services.importing import Outcome as RowOutcome
from eventdesk.services.importing.mapping import ColumnMapping
from eventdesk.services.importing.report import MASS_MERGE_ROWS, MASS_MERGE_SHARE
from eventdesk.services.importing.roles import consent_notes
from eventdesk.settings import LAST_FOLDER
from eventdesk.ui.context import EventContext
from eventdesk.ui.models.import_models import (
    ColumnMappingModel,
    MappingColumn,
    PreviewTableModel,
    ReportColumn,
    ReportEntryModel,
    field_label,
)
from eventdesk.ui.widgets.field_errors import MessageLabel
from eventdesk.ui.widgets.tables import fit_headers
from eventdesk.ui.worker import BackgroundTask, run_in_background

FILE_FILTER = "Spreadsheets (*.csv *.tsv *.txt *.xlsx);;All files (*)"
IMPORTABLE_SUFFIXES = frozenset({".csv", ".tsv", ".txt", ".xlsx"})
SHOWN_PROBLEMS = 3
AnyIndex = QModelIndex | QPersistentModelIndex


def _tr(text: str) -> str:
    return QCoreApplication.translate("ImportWizard", text)


def _size(size: int) -> str:
    if size < 1024:
        return _tr("{n} bytes").format(n=size)
    value = float(size)
    for unit in ("KB", "MB", "GB"):
        value /= 1024
        if value < 1024 or unit == "GB":
            break
    return f"{value:,.1f} {unit}"


class ImportWizard(QWizard):
    imported = Signal(object)
    """The `ImportOutcome` of a committed import."""

    def __init__(
        self,
        context: EventContext,
        *,
        kind: str = "attendees",
        path: str | Path | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("importWizard")
        self.context = context
        self.preview: FilePreview | None = None
        self.outcome: ImportOutcome | None = None
        self.review: ImportReport | None = None
        """The refused import's report while the review page shows it."""
        self.task: BackgroundTask | None = None
        self.setWindowTitle(self.tr("Import"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("Import"))
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("Close"))
        self.resize(1040, 700)

        self.file_page = FilePage(kind, path)
        self.preview_page = PreviewPage()
        self.mapping_page = MappingPage()
        self.review_page = ReviewPage()
        self.report_page = ReportPage()
        pages = (self.file_page, self.preview_page, self.mapping_page, self.review_page, self.report_page)
        ids = [self.addPage(page) for page in pages]
        self.review_id, self.report_id = ids[3], ids[4]
        if path is not None:
            # A dropped file: go straight to what was read from it.
            QTimer.singleShot(0, self.next)

    # -- state shared by the pages ------------------------------------------------------------

    @property
    def kind(self) -> str:
        return self.file_page.kind()

    @property
    def path(self) -> Path:
        return self.file_page.path()

    @property
    def is_busy(self) -> bool:
        return self.task is not None and self.task.is_running

    def run(
        self,
        job: Callable[[Progress], Any],
        *,
        title: str,
        on_result: Callable[[Any], None],
        on_error: Callable[[str], None],
        context: EventContext | None = None,
    ) -> BackgroundTask:
        """Background work for a page, with Next and Back held while it runs."""
        for button in (QWizard.WizardButton.NextButton, QWizard.WizardButton.CommitButton):
            self.button(button).setEnabled(False)
        self.button(QWizard.WizardButton.BackButton).setEnabled(False)

        def done() -> None:
            back = self.currentId() > 0 and self.currentPage() is not self.report_page
            back = back and self.outcome is None
            self.button(QWizard.WizardButton.BackButton).setEnabled(back)
            page = self.currentPage()
            if page is not None:
                page.completeChanged.emit()

        task = run_in_background(
            job, parent=self, title=title, context=context, on_result=on_result, on_error=on_error
        )
        task.finished.connect(done)
        self.task = task
        return task

    def start_import(
        self,
        mapping: ColumnMapping,
        *,
        on_error: Callable[[str], None],
        decisions: dict[int, int | None],
        allow_merges: bool = False,
    ) -> None:
        """Import in the background; a refusal for review is a result here, not an error:
        its report goes to the review page."""
        doc = self.context.require_document()
        path, kind = self.path, self.kind

        def job(progress: Progress) -> ImportOutcome | MergeReviewNeeded:
            try:
                return import_file(
                    doc=doc,
                    path=path,
                    kind=kind,
                    mapping=mapping,
                    progress=progress,
                    allow_merges=allow_merges,
                    decisions=decisions,
                )
            except MergeReviewNeeded as stop:
                return stop

        def finished(result: ImportOutcome | MergeReviewNeeded) -> None:
            if isinstance(result, MergeReviewNeeded):
                if self.currentPage() is self.review_page:
                    # Still something to decide (a question the first run could not see).
                    self.review = result.report
                    self.review_page.initializePage()
                    return
                self.review = result.report
            else:
                self.outcome = result
                self.imported.emit(result)
            self.next()

        task = self.run(
            job,
            title=self.tr("Importing {name}").format(name=path.name),
            on_result=finished,
            on_error=on_error,
            context=self.context,
        )
        task.cancelled.connect(lambda: on_error(self.tr("The import was cancelled; nothing was changed.")))

    def reject(self) -> None:
        if self.task is not None and self.task.is_running:
            self.task.cancel()
        super().reject()

    def remember_folder(self) -> None:
        self.context.settings.set(LAST_FOLDER, str(self.path.parent))

    def last_folder(self) -> str:
        folder = Path(self.context.settings.get(LAST_FOLDER) or Path.home())
        return str(folder if folder.is_dir() else Path.home())


# -- 1. the file ----------------------------------------------------------------------------


class FilePage(QWizardPage):
    def __init__(self, kind: str, path: str | Path | None) -> None:
        super().__init__()
        self.setTitle(self.tr("Choose a file"))
        self.setSubTitle(
            self.tr(
                "CSV, TSV or Excel (.xlsx) exports from Eventbrite, pretix, Tito, Luma, Meetup, Google "
                "Forms or Microsoft Forms are recognised; any other list works after a look at its columns."
            )
        )
        self.attendees_radio = QRadioButton(self.tr("&Attendees"))
        self.companies_radio = QRadioButton(self.tr("&Companies"))
        self.kind_group = QButtonGroup(self)
        self.kind_group.addButton(self.attendees_radio)
        self.kind_group.addButton(self.companies_radio)
        (self.companies_radio if kind == "companies" else self.attendees_radio).setChecked(True)
        self.path_edit = QLineEdit(str(path) if path is not None else "")
        self.path_edit.setPlaceholderText(self.tr("The exported file"))
        self.path_edit.textChanged.connect(self._changed)
        self.kind_group.buttonToggled.connect(self._changed)
        browse = QPushButton(self.tr("&Browse…"))
        browse.clicked.connect(self.browse)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(browse)
        kinds = QHBoxLayout()
        kinds.addWidget(self.attendees_radio)
        kinds.addWidget(self.companies_radio)
        kinds.addStretch(1)
        file_label = QLabel(self.tr("&File:"))
        file_label.setBuddy(self.path_edit)
        form = QFormLayout()
        form.addRow(self.tr("Import:"), kinds)
        form.addRow(file_label, path_row)
        self.error_label = MessageLabel()
        known = QLabel(
            self.tr(
                "<p><b>Recognised without any setting up</b></p>"
                "<ul>"
                "<li>Eventbrite attendee reports (US and UK column names), CSV or Excel</li>"
                "<li>pretix order data (order positions) and pretix check-in lists</li>"
                "<li>Tito ticket exports, Luma guest lists, Meetup RSVP lists</li>"
                "<li>Google Forms and Microsoft Forms responses, CSV or Excel</li>"
                "</ul>"
                "<p><b>Any other list</b>: its columns are guessed from their names in English, Dutch, "
                "French, German, Danish or Swedish, and you check them on the Columns step.</p>"
                "<p>UTF-8 (with or without BOM), UTF-16 and Windows-1252 files, separated by commas, "
                "semicolons (Excel in Europe) or tabs, are read as they are.</p>"
            )
        )
        known.setObjectName("emptyHint")
        known.setWordWrap(True)
        known.setTextFormat(Qt.TextFormat.RichText)
        hint = QLabel(
            self.tr(
                "Nothing is changed until the last step, and an import can be undone with Edit > Undo. "
                "Importing the same file again changes nothing; a newer export updates what changed."
            )
        )
        hint.setObjectName("emptyHint")
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addSpacing(16)
        layout.addWidget(known)
        layout.addStretch(1)
        layout.addWidget(hint)
        self._inspected: tuple[str, str] | None = None

    def wizard(self) -> ImportWizard:  # type: ignore[override]
        return super().wizard()  # type: ignore[return-value]

    def kind(self) -> str:
        return "companies" if self.companies_radio.isChecked() else "attendees"

    def path(self) -> Path:
        return Path(self.path_edit.text().strip()).expanduser()

    def browse(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(
            self, self.tr("Import from"), self.wizard().last_folder(), self.tr(FILE_FILTER)
        )
        if chosen:
            self.path_edit.setText(chosen)

    def _changed(self, *_: object) -> None:
        self.error_label.clear()
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        wizard = self.wizard()
        return bool(self.path_edit.text().strip()) and (wizard is None or not wizard.is_busy)

    def validatePage(self) -> bool:
        wizard = self.wizard()
        key = (str(self.path()), self.kind())
        if self._inspected == key and wizard.preview is not None:
            return True
        if wizard.is_busy:
            return False
        path, kind = self.path(), self.kind()
        wizard.preview = None
        self.error_label.clear()

        def inspected(preview: FilePreview) -> None:
            wizard.preview = preview
            self._inspected = key
            wizard.remember_folder()
            wizard.next()

        wizard.run(
            lambda _progress: inspect_file(path=path, kind=kind),
            title=self.tr("Reading {name}").format(name=path.name),
            on_result=inspected,
            on_error=self.error_label.setText,
        )
        return False


# -- 2. what was read -------------------------------------------------------------------------


class PreviewPage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(self.tr("Preview"))
        self.file_label = QLabel()
        self.source_label = QLabel()
        self.platform_label = QLabel()
        self.platform_label.setWordWrap(True)
        for label in (self.file_label, self.source_label, self.platform_label):
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        facts = QFormLayout()
        facts.addRow(self.tr("File:"), self.file_label)
        facts.addRow(self.tr("Read as:"), self.source_label)
        facts.addRow(self.tr("Format:"), self.platform_label)
        self.model = PreviewTableModel(parent=self)
        self.table = QTableView()
        self.table.setObjectName("previewTable")
        self.table.setModel(self.model)
        self.table.setWordWrap(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setDefaultSectionSize(150)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        hint = QLabel(
            self.tr(
                "These are the first rows as eventdesk read them. If letters such as é, ø or ü look wrong, "
                "the file is not what it says it is: save it again as CSV UTF-8 and choose it again."
            )
        )
        hint.setObjectName("emptyHint")
        hint.setWordWrap(True)
        # What the values of the file's columns said against their headers' guesses, here
        # already: a yes/no question taken for a ticket code would merge everyone.
        self.notes_label = MessageLabel("columnNotes")
        self.consent_rule = QLabel(QCoreApplication.translate("ConsentRule", CONSENT_RULE))
        self.consent_rule.setObjectName("emptyHint")
        self.consent_rule.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(facts)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.notes_label)
        layout.addWidget(hint)
        layout.addWidget(self.consent_rule)

    def initializePage(self) -> None:
        wizard: ImportWizard = self.wizard()  # type: ignore[assignment]
        preview = wizard.preview
        if preview is None:
            return
        kind = get_kind(wizard.kind)
        self.setSubTitle(
            ngettext(
                "{n} column; importing {kind}.",
                "{n} columns; importing {kind}.",
                len(preview.headers),
                kind=QCoreApplication.translate("ImportKinds", kind.label).lower(),
            )
        )
        self.file_label.setText(f"{preview.source.path.name}  ({_size(preview.source.size)})")
        self.source_label.setText(preview.source.description)
        if preview.platform_label:
            self.platform_label.setText(
                self.tr("{platform} — recognised from its column names").format(
                    platform=preview.platform_label
                )
            )
        else:
            self.platform_label.setText(
                self.tr("Not a platform eventdesk knows: the columns were guessed from their names.")
            )
        self.model.set_preview(preview.headers, preview.sample)
        fit_headers(self.table)
        self.notes_label.setText("\n".join(note.text for note in preview.notes))


# -- 3. the columns ---------------------------------------------------------------------------


class _QuietCombo(QComboBox):
    """A combo in a scrolling table: the wheel scrolls the table unless the combo has focus."""

    def wheelEvent(self, event: QWheelEvent) -> None:
        if self.hasFocus():
            super().wheelEvent(event)
        else:
            event.ignore()


class FieldChoiceDelegate(QStyledItemDelegate):
    """A combo of the fields a column can go into, committing as soon as one is chosen."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: AnyIndex) -> QWidget:
        combo = _QuietCombo(parent)
        combo.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        model = index.model()
        if isinstance(model, ColumnMappingModel):
            for label, name in model.choices(index.row()):
                combo.addItem(label, name)
        combo.currentIndexChanged.connect(lambda _i, c=combo: self.commitData.emit(c))
        return combo

    def setEditorData(self, editor: QWidget, index: AnyIndex) -> None:
        if isinstance(editor, QComboBox):
            found = editor.findData(index.data(Qt.ItemDataRole.EditRole) or "")
            editor.blockSignals(True)
            editor.setCurrentIndex(max(found, 0))
            editor.blockSignals(False)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: AnyIndex) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


class MappingPage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(self.tr("Columns"))
        # Not a commit page: an import that needs a review writes nothing and leads to the
        # review page, from which Back must return here to correct a column.
        self.setButtonText(QWizard.WizardButton.NextButton, self.tr("Import"))
        self.origin_label = QLabel()
        self.origin_label.setWordWrap(True)
        self.model = ColumnMappingModel(parent=self)
        self.model.dataChanged.connect(self._mapping_changed)
        self.table = QTableView()
        self.table.setObjectName("mappingTable")
        self.table.setModel(self.model)
        self.table.setItemDelegateForColumn(MappingColumn.FIELD, FieldChoiceDelegate(self.table))
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(34)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(MappingColumn.HEADER, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(MappingColumn.SAMPLE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(MappingColumn.FIELD, QHeaderView.ResizeMode.Fixed)
        self.table.setColumnWidth(MappingColumn.HEADER, 240)
        self.table.setColumnWidth(MappingColumn.FIELD, 330)
        self.problem_label = MessageLabel()
        self.notes_label = MessageLabel("columnNotes")
        self.check_button = QPushButton(self.tr("Check without importing"))
        self.check_button.setToolTip(self.tr("Read the whole file and say what the import would do"))
        self.check_button.clicked.connect(self.dry_run)
        self.error_label = MessageLabel()
        self.check_label = QLabel()
        self.check_label.setWordWrap(True)
        self.check_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        check_row = QHBoxLayout()
        check_row.addWidget(self.check_button, 0, Qt.AlignmentFlag.AlignTop)
        check_row.addWidget(self.check_label, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.origin_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.notes_label)
        layout.addWidget(self.problem_label)
        layout.addWidget(self.error_label)
        layout.addLayout(check_row)
        self._needs: tuple[str, ...] = ()

    def wizard(self) -> ImportWizard:  # type: ignore[override]
        return super().wizard()  # type: ignore[return-value]

    def initializePage(self) -> None:
        wizard = self.wizard()
        preview = wizard.preview
        if preview is None:
            return
        kind = get_kind(wizard.kind)
        self._needs = kind.needs_one_of
        self.setSubTitle(
            self.tr(
                "Say which field each column of {name} goes into. Columns set to “not imported” are left out."
            ).format(name=preview.source.path.name)
        )
        self.model.set_mapping(preview.mapping, preview.fields, preview.sample)
        for row in range(self.model.rowCount()):
            self.table.openPersistentEditor(self.model.index(row, MappingColumn.FIELD))
        origins = {
            MappingOrigin.REMEMBERED: self.tr(
                "These are the columns you accepted last time for a file with exactly these headers."
            ),
            MappingOrigin.PLATFORM: self.tr(
                "Recognised: {platform}. Its columns are known; check the organiser's own questions, if any."
            ).format(platform=preview.platform_label),
            MappingOrigin.GUESSED: self.tr(
                "The columns were guessed from their names. Please check them: your choice is remembered "
                "for files with the same headers."
            ),
            MappingOrigin.GIVEN: "",
        }
        self.origin_label.setText(origins.get(preview.origin, ""))
        self.check_label.clear()
        self._mapping_changed()

    def combo(self, column: int) -> QComboBox:
        """The combo of one file column (tests and keyboard users pick from it)."""
        widget = self.table.indexWidget(self.model.index(column, MappingColumn.FIELD))
        assert isinstance(widget, QComboBox)
        return widget

    def notes(self) -> list[str]:
        """What the core said about columns, as they stand now: a refused guess while its
        column is still not imported, and a consent column left out (it would keep every
        person's details from the exhibitors)."""
        preview = self.wizard().preview
        if preview is None:
            return []
        mapping = self.model.mapping()
        refused = [n.text for n in preview.notes if n.field != "consent" and mapping.fields[n.column] is None]
        return refused + [n.text for n in consent_notes(mapping, fields=preview.fields)]

    def _mapping_changed(self, *_: object) -> None:
        self.check_label.clear()
        self.error_label.clear()
        self.notes_label.setText("\n".join(self.notes()))
        mapping = self.model.mapping()
        if self._needs and not any(mapping.columns_for(name) for name in self._needs):
            specs = self.wizard().preview.fields if self.wizard().preview else ()
            wanted = ", ".join(field_label(name, specs) for name in self._needs)
            self.problem_label.setText(
                self.tr("Choose at least one column for one of: {fields}.").format(fields=wanted)
            )
        else:
            self.problem_label.clear()
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        wizard = self.wizard()
        return not self.problem_label.text() and wizard.preview is not None and not wizard.is_busy

    def dry_run(self) -> None:
        wizard = self.wizard()
        if wizard.is_busy or not self.isComplete():
            return
        doc = wizard.context.require_document()
        path, kind, mapping = wizard.path, wizard.kind, self.model.mapping()
        self.check_label.setText(self.tr("Checking…"))
        wizard.run(
            lambda progress: import_file(
                doc=doc, path=path, kind=kind, mapping=mapping, dry_run=True, progress=progress
            ),
            title=self.tr("Checking {name}").format(name=path.name),
            on_result=self._checked,
            on_error=self._refused,
        )

    def _checked(self, outcome: ImportOutcome) -> None:
        report = outcome.report
        problems = [e for e in report.sorted_entries() if e.outcome is RowOutcome.REJECTED]
        lines = [describe_counts(report, dry_run=True)]
        for entry in problems[:SHOWN_PROBLEMS]:
            where = f" [{entry.column}]" if entry.column else ""
            lines.append(
                self.tr("line {line}{where}: {reason}").format(
                    line=entry.lines, where=where, reason=entry.reason
                )
            )
        if len(problems) > SHOWN_PROBLEMS:
            lines.append(self.tr("… and {n} more rejected rows.").format(n=len(problems) - SHOWN_PROBLEMS))
        if report.mass_merge:
            stop = self.tr("The import stops for a review of its merges: {why}")
            lines.append(stop.format(why=report.mass_merge))
        if report.questions:
            lines.append(
                ngettext(
                    "{n} row has the e-mail of someone already in the event under another name: "
                    "you will be asked who is who.",
                    "{n} rows have the e-mail of someone already in the event under another name: "
                    "you will be asked who is who.",
                    len(report.questions),
                )
            )
        self.check_label.setText("\n".join(lines))

    def _refused(self, message: str) -> None:
        self.check_label.clear()
        self.error_label.setText(message)

    def validatePage(self) -> bool:
        wizard = self.wizard()
        if wizard.outcome is not None or wizard.review is not None:
            return True
        if wizard.is_busy or not self.isComplete():
            return False
        self.check_label.clear()
        self.error_label.clear()
        wizard.start_import(self.model.mapping(), on_error=self._refused, decisions={})
        return False

    def nextId(self) -> int:
        """The review page only when the import stopped for one; else straight to the report."""
        wizard = self.wizard()
        if wizard is None:
            return super().nextId()
        return wizard.review_id if wizard.review is not None else wizard.report_id


# -- 3b. merges and questions, before anything is written ---------------------------------


class ReviewPage(QWizardPage):
    """The merges of a refused import by reason, and a choice for each e-mail the event knows
    under another name. "Import" here runs the import again with the merges allowed and the
    answers given; Back returns to the columns (nothing was written)."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("mergeReviewPage")
        self.setTitle(self.tr("Check before importing"))
        self.setCommitPage(True)
        self.reason_label = QLabel()
        self.reason_label.setWordWrap(True)
        self.reason_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.merges_caption = QLabel(self.tr("<b>Rows that would be merged into another row's person</b>"))
        self.merges = QTreeWidget()
        self.merges.setObjectName("mergeGroups")
        self.merges.setHeaderLabels([self.tr("Reason / line"), self.tr("Rows"), self.tr("What happens")])
        self.merges.setColumnWidth(0, 360)
        self.merges.setColumnWidth(1, 60)
        self.questions_caption = QLabel(
            self.tr("<b>An e-mail already in the event under another name</b> — the same person, or two?")
        )
        self.questions = QTableWidget(0, 5)
        self.questions.setObjectName("samePersonQuestions")
        self.questions.setHorizontalHeaderLabels(
            [
                self.tr("Line"),
                self.tr("In the file"),
                self.tr("E-mail"),
                self.tr("Already in the event as"),
                self.tr("Decision"),
            ]
        )
        self.questions.verticalHeader().hide()
        self.questions.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.questions.horizontalHeader().setStretchLastSection(True)
        self.questions.setColumnWidth(0, 60)
        self.questions.setColumnWidth(1, 200)
        self.questions.setColumnWidth(2, 300)
        self.questions.setColumnWidth(3, 200)
        self.error_label = MessageLabel()
        layout = QVBoxLayout(self)
        layout.addWidget(self.reason_label)
        layout.addWidget(self.merges_caption)
        layout.addWidget(self.merges, 2)
        layout.addWidget(self.questions_caption)
        layout.addWidget(self.questions, 1)
        layout.addWidget(self.error_label)
        self._questions: list[SamePersonQuestion] = []

    def wizard(self) -> ImportWizard:  # type: ignore[override]
        return super().wizard()  # type: ignore[return-value]

    def initializePage(self) -> None:
        report = self.wizard().review
        if report is None:
            return
        self.error_label.clear()
        groups = report.merge_groups() if report.mass_merge else []
        self.setSubTitle(
            self.tr("Nothing has been imported yet. Check the merges and answer the questions, then Import.")
        )
        self.reason_label.setText(
            ngettext(
                "{merged} of {n} row would be merged into another row's person: more than {share} of the "
                "file or {most} rows, which is how a column taken for the wrong field looks. Check the "
                "merges below; Back returns to the columns.",
                "{merged} of {n} rows would be merged into another row's person: more than {share} of the "
                "file or {most} rows, which is how a column taken for the wrong field looks. Check the "
                "merges below; Back returns to the columns.",
                report.rows_read,
                merged=Count(report.merged),
                share=f"{MASS_MERGE_SHARE:.0%}",
                most=MASS_MERGE_ROWS,
            )
            if report.mass_merge
            else ""
        )
        self.reason_label.setVisible(bool(report.mass_merge))
        self.merges.clear()
        for reason, entries in groups:
            group = QTreeWidgetItem([reason, f"{len(entries):,}", self.tr("merged into one person each")])
            for entry in entries:
                where = self.tr("line {line}").format(line=entry.lines)
                where = f"{where} · {entry.name}" if entry.name else where
                group.addChild(QTreeWidgetItem([where, "", entry.reason]))
            self.merges.addTopLevelItem(group)
        if len(groups) == 1:
            self.merges.expandAll()
        for widget in (self.merges_caption, self.merges):
            widget.setVisible(bool(groups))
        self._questions = list(report.questions)
        self.questions.setRowCount(len(self._questions))
        for row, question in enumerate(self._questions):
            cells = (str(question.line), question.name, question.email, question.existing_name)
            for column, text in enumerate(cells):
                self.questions.setItem(row, column, QTableWidgetItem(text))
            choice = QComboBox()
            choice.addItem(self.tr("Keep both: two people"), None)
            same = self.tr("Same person: update {name}").format(name=question.existing_name)
            choice.addItem(same, question.attendee_id)
            self.questions.setCellWidget(row, 4, choice)
        for widget in (self.questions_caption, self.questions):
            widget.setVisible(bool(self._questions))
        merged = sum(len(entries) for _r, entries in groups)
        self.setButtonText(
            QWizard.WizardButton.CommitButton,
            ngettext("Merge {n} row and import", "Merge {n} rows and import", merged)
            if merged
            else self.tr("Import"),
        )

    def decision(self, row: int) -> QComboBox:
        widget = self.questions.cellWidget(row, 4)
        assert isinstance(widget, QComboBox)
        return widget

    def decisions(self) -> dict[int, int | None]:
        return {q.line: self.decision(row).currentData() for row, q in enumerate(self._questions)}

    def cleanupPage(self) -> None:
        """Back to the columns: this review was for the mapping as it was."""
        self.wizard().review = None

    def validatePage(self) -> bool:
        wizard = self.wizard()
        if wizard.outcome is not None:
            return True
        if wizard.is_busy:
            return False
        report = wizard.review
        wizard.start_import(
            wizard.mapping_page.model.mapping(),
            on_error=self.error_label.setText,
            decisions=self.decisions(),
            allow_merges=bool(report and report.mass_merge),
        )
        return False


# -- 4. what happened -------------------------------------------------------------------------


def describe_counts(report: ImportReport, *, dry_run: bool = False) -> str:
    lead = _tr("The import would give: ") if dry_run else ""
    return lead + ", ".join(report.count_phrases()) + "."


_COUNTS = (
    ("rows_read", QT_TRANSLATE_NOOP("ImportWizard", "Rows read")),
    ("created", QT_TRANSLATE_NOOP("ImportWizard", "Created")),
    ("updated", QT_TRANSLATE_NOOP("ImportWizard", "Updated")),
    ("unchanged", QT_TRANSLATE_NOOP("ImportWizard", "Unchanged")),
    ("merged", QT_TRANSLATE_NOOP("ImportWizard", "Merged")),
    ("skipped", QT_TRANSLATE_NOOP("ImportWizard", "Skipped")),
    ("rejected", QT_TRANSLATE_NOOP("ImportWizard", "Rejected")),
    ("warnings", QT_TRANSLATE_NOOP("ImportWizard", "Warnings")),
)


class ReportPage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(self.tr("Report"))
        self.setFinalPage(True)
        counts = QGridLayout()
        counts.setHorizontalSpacing(28)
        self.count_labels: dict[str, QLabel] = {}
        for column, (name, title) in enumerate(_COUNTS):
            value = QLabel("0")
            value.setObjectName("reportCount")
            caption = QLabel(_tr(title))
            caption.setObjectName("cardLabel")
            counts.addWidget(value, 0, column)
            counts.addWidget(caption, 1, column)
            self.count_labels[name] = value
        counts.setColumnStretch(len(_COUNTS), 1)
        self.model = ReportEntryModel(parent=self)
        self.table = QTableView()
        self.table.setObjectName("reportTable")
        self.table.setModel(self.model)
        self.table.setWordWrap(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        self.table.setColumnWidth(ReportColumn.LINE, 70)
        self.table.setColumnWidth(ReportColumn.OUTCOME, 90)
        self.table.setColumnWidth(ReportColumn.COLUMN, 200)
        # Notes and the visitors matchmaking will leave out: the summary's sentences beyond
        # the counts, which a person would otherwise only learn at the matchmaking step.
        self.extra_label = MessageLabel("reportExtra")
        self.empty_label = QLabel(self.tr("Every row was imported as it was."))
        self.empty_label.setObjectName("emptyHint")
        # Who sees what of the people just imported (domain.sharing), said where they arrive.
        self.consent_rule = QLabel(QCoreApplication.translate("ConsentRule", CONSENT_RULE))
        self.consent_rule.setObjectName("consentRule")
        self.consent_rule.setWordWrap(True)
        self.save_button = QPushButton(self.tr("Save report as CSV…"))
        self.save_button.clicked.connect(self.choose_and_save)
        self.saved_label = QLabel()
        self.saved_label.setObjectName("emptyHint")
        save_row = QHBoxLayout()
        save_row.addWidget(self.save_button)
        save_row.addWidget(self.saved_label, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(counts)
        layout.addWidget(self.extra_label)
        layout.addSpacing(8)
        layout.addWidget(self.table, 100)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.consent_rule)
        layout.addLayout(save_row)
        layout.addStretch(1)  # takes the room of the table when there is nothing to list

    def report(self) -> ImportReport | None:
        wizard: ImportWizard = self.wizard()  # type: ignore[assignment]
        return wizard.outcome.report if wizard.outcome is not None else None

    def initializePage(self) -> None:
        report = self.report()
        if report is None:
            return
        self.setTitle(self.tr("Imported {file}").format(file=report.file))
        self.consent_rule.setVisible(report.kind == "attendees")
        self.setSubTitle(
            self.tr("{file} ({source}{platform}). Edit > Undo takes the whole import back.").format(
                file=report.file,
                source=report.source,
                platform=f", {report.platform}" if report.platform else "",
            )
        )
        for name, label in self.count_labels.items():
            value = getattr(report, name)
            label.setText(f"{value:,}")
            label.setProperty("problem", name in ("rejected", "warnings") and value > 0)
            label.style().unpolish(label)
            label.style().polish(label)
        self.extra_label.setText(" ".join(report.extra_sentences()))
        entries = [e for e in report.sorted_entries() if e.outcome is not RowOutcome.UPDATED]
        self.model.set_entries(entries)
        self.table.setVisible(bool(entries))
        self.empty_label.setVisible(not entries)

    def choose_and_save(self) -> None:
        report = self.report()
        if report is None:
            return
        wizard: ImportWizard = self.wizard()  # type: ignore[assignment]
        suggestion = Path(wizard.last_folder()) / self.tr("{stem} import report.csv").format(
            stem=Path(report.file).stem
        )
        chosen, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save report"), str(suggestion), self.tr("CSV (*.csv);;Excel workbook (*.xlsx)")
        )
        if chosen:
            self.save_report(Path(chosen))

    def save_report(self, path: Path) -> Path:
        report = self.report()
        assert report is not None
        if path.suffix.lower() not in (".csv", ".xlsx"):
            path = path.with_name(path.name + ".csv")
        written = report.write_csv(path)
        self.saved_label.setText(self.tr("Saved to {path}").format(path=written))
        return written
