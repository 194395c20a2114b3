"""File > New event…: name, venue, when (in the event's own time zone) and where to keep the file.

The rules are the domain's (`EventDraft.validated`); the dialog shows their message inline
and keeps Create disabled until the draft and the file name are acceptable.
"""

from __future__ import annotations

import re
from datetime import datetime, time, timedelta
from pathlib import Path

from PySide6.QtCore import QDate, QDateTime, Qt, QTime
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from eventdesk.domain.errors import ValidationError
from eventdesk.domain.event import DEFAULT_TIMEZONE, EventDraft, timezone_names
from eventdesk.i18n import LANGUAGES, current_language, language_name

FILE_SUFFIX = ".eventdesk"
_UNSAFE_IN_FILE_NAMES = re.compile(r'[<>:"/\\|?*\x00-\x1f]+')


def file_name_for(event_name: str) -> str:
    """A file name from the event's name; diacritics kept, characters no OS accepts dropped."""
    stem = _UNSAFE_IN_FILE_NAMES.sub(" ", event_name).strip(" .")
    stem = re.sub(r"\s+", " ", stem)[:120] or "event"
    return stem + FILE_SUFFIX


def _to_qdatetime(value: datetime) -> QDateTime:
    return QDateTime(QDate(value.year, value.month, value.day), QTime(value.hour, value.minute))


class NewEventDialog(QDialog):
    def __init__(self, default_folder: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("newEventDialog")
        self.setWindowTitle(self.tr("New event"))
        self.setMinimumWidth(560)
        self._folder = default_folder
        self._path_edited = False
        self._touched = False

        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText(self.tr("e.g. Life Science Career Day Leiden"))
        self.name_edit.setMaxLength(200)
        self.venue_edit = QLineEdit()
        self.venue_edit.setPlaceholderText(self.tr("e.g. Pieterskerk, Leiden"))

        tomorrow = datetime.now().date() + timedelta(days=1)
        self.starts_edit = self._date_time_edit(datetime.combine(tomorrow, time(9, 0)))
        self.ends_edit = self._date_time_edit(datetime.combine(tomorrow, time(17, 0)))

        self.timezone_combo = QComboBox()
        self.timezone_combo.setEditable(True)
        self.timezone_combo.addItems(timezone_names())
        self.timezone_combo.setCurrentText(DEFAULT_TIMEZONE)
        self.timezone_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        completer = self.timezone_combo.completer()
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)

        self.path_edit = QLineEdit()
        self.path_edit.setPlaceholderText(self.tr("Where to keep the event file"))
        browse = QPushButton(self.tr("Browse…"))
        browse.clicked.connect(self._browse)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(browse)

        form = QFormLayout()
        form.addRow(self.tr("&Name:"), self.name_edit)
        form.addRow(self.tr("&Venue:"), self.venue_edit)
        form.addRow(self.tr("&Starts:"), self.starts_edit)
        form.addRow(self.tr("&Ends:"), self.ends_edit)
        form.addRow(self.tr("&Time zone:"), self.timezone_combo)
        # What badges, schedules and lists print in for attendees without a language of their own.
        self.language_combo = QComboBox()
        self.language_combo.setObjectName("eventLanguage")
        for code in LANGUAGES:
            self.language_combo.addItem(language_name(code), code)
        self.language_combo.setCurrentIndex(max(0, self.language_combo.findData(current_language())))
        form.addRow(self.tr("Printed &in:"), self.language_combo)
        file_label = QLabel(self.tr("&File:"))
        file_label.setBuddy(self.path_edit)  # a row holding a layout gets no buddy by itself
        form.addRow(file_label, path_row)

        hint = QLabel(
            self.tr("Times are local to the venue. Changes are saved as you work; there is no Save.")
        )
        hint.setObjectName("emptyHint")
        hint.setWordWrap(True)
        self.error_label = QLabel()
        self.error_label.setObjectName("inlineError")
        self.error_label.setWordWrap(True)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.create_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.create_button.setText(self.tr("Create event"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)

        self.name_edit.textChanged.connect(self._name_changed)
        self.path_edit.textEdited.connect(self._path_typed)
        for signal in (
            self.venue_edit.textChanged,
            self.starts_edit.dateTimeChanged,
            self.ends_edit.dateTimeChanged,
            self.timezone_combo.currentTextChanged,
            self.path_edit.textChanged,
        ):
            signal.connect(self._edited)
        self._name_changed("")
        self._touched = False
        self.validate()

    def _date_time_edit(self, value: datetime) -> QDateTimeEdit:
        edit = QDateTimeEdit(_to_qdatetime(value))
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd  HH:mm")
        return edit

    # -- what the person typed --------------------------------------------------------------

    def draft(self) -> EventDraft:
        return EventDraft(
            name=self.name_edit.text(),
            venue=self.venue_edit.text(),
            starts_local=self.starts_edit.dateTime().toPython(),
            ends_local=self.ends_edit.dateTime().toPython(),
            timezone=self.timezone_combo.currentText().strip(),
            language=str(self.language_combo.currentData() or "en"),
        )

    def path(self) -> Path:
        path = Path(self.path_edit.text().strip()).expanduser()
        return path if path.suffix == FILE_SUFFIX else path.with_name(path.name + FILE_SUFFIX)

    # -- validation -------------------------------------------------------------------------

    def problem(self) -> str | None:
        """The first thing that stops the event from being created, as one sentence."""
        try:
            self.draft().validated()
        except ValidationError as error:
            return str(error)
        if not self.path_edit.text().strip():
            return self.tr("Choose where to keep the event file.")
        path = self.path()
        if not path.parent.is_dir():
            return self.tr("The folder {folder} does not exist.").format(folder=path.parent)
        if path.exists():
            return self.tr("{path} already exists; choose another file name.").format(path=path)
        return None

    def validate(self) -> bool:
        problem = self.problem()
        self.create_button.setEnabled(problem is None)
        # Before the person has typed anything, an error would only scold them.
        self.error_label.setText(problem if problem and self._touched else "")
        return problem is None

    def accept(self) -> None:
        self._touched = True
        if self.validate():
            super().accept()

    def _edited(self, *_: object) -> None:
        self._touched = True
        self.validate()

    def _name_changed(self, name: str) -> None:
        if not self._path_edited:
            self.path_edit.setText(str(self._folder / file_name_for(name.strip() or self.tr("New event"))))
        self._edited()

    def _path_typed(self, _text: str) -> None:
        self._path_edited = True

    def _browse(self) -> None:
        chosen, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Event file"),
            str(self.path()),
            self.tr("Event files (*.eventdesk)"),
        )
        if chosen:
            self._path_edited = True
            self.path_edit.setText(chosen)
