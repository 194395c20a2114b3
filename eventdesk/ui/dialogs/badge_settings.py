"""Badge settings: what a badge shows, how large and in which colours, with a live preview.

The preview is the real badge of a real attendee of the open event (the one with the
longest name unless the person picks another), drawn by the same code that makes the
batch PDF and rendered by PDFium — ~70-120 ms, so it is rendered off the GUI thread, a short
pause after the last change, and a stale render never replaces a newer one.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QRunnable, QSize, QStringListModel, Qt, QThreadPool, QTimer, Signal, Slot
from PySide6.QtGui import QColor, QIcon, QPixmap, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QColorDialog,
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from eventdesk.domain.enums import AttendeeStatus, TicketType
from eventdesk.domain.errors import EventdeskError
from eventdesk.exports.badges.layouts import all_layouts, get_layout
from eventdesk.exports.badges.options import DEFAULT_BAND_COLOURS
from eventdesk.services.badges.batches import (
    BadgeOptions,
    badge_options,
    render_badge_preview,
    store_badge_options,
)
from eventdesk.services.badges.overview import check_logo
from eventdesk.services.people.lists import list_attendee_rows
from eventdesk.ui.context import EventContext
from eventdesk.ui.messages import show_error
from eventdesk.ui.models.attendees import ticket_label
from eventdesk.ui.printing import PDFIUM_LOCK
from eventdesk.ui.worker import run_in_background

if TYPE_CHECKING:
    from eventdesk.persistence.document import EventDocument

PREVIEW_DELAY_MS = 150
_NO_PROGRESS_DIALOG_MS = 3_600_000  # loading the list is quick and optional: never a progress dialog
PREVIEW_BOX = QSize(430, 470)
_MAX_PREVIEW_DPI = 200


def _preview_choices(doc: EventDocument) -> tuple[list[int], list[str]]:
    """Registered attendees' ids and labels, longest name first: it shows best whether sizes fit."""
    rows = [row for row in list_attendee_rows(doc=doc) if row.status == AttendeeStatus.REGISTERED.value]
    rows.sort(key=lambda r: (-(len(r.given_name) + len(r.family_name)), r.id))
    labels = []
    for row in rows:
        name = " ".join(p for p in (row.given_name, row.family_name) if p) or row.organisation
        labels.append(
            f"{name} — {row.organisation}" if row.organisation and name != row.organisation else name
        )
    return [row.id for row in rows], labels


class _PreviewRelay(QObject):
    rendered = Signal(int, object)
    failed = Signal(int, str)


class _PreviewRender(QRunnable):
    def __init__(self, relay: _PreviewRelay, generation: int, job: Any) -> None:
        super().__init__()
        self._relay, self._generation, self._job = relay, generation, job

    def run(self) -> None:
        try:
            with PDFIUM_LOCK:
                png = self._job()
        except EventdeskError as error:
            self._relay.failed.emit(self._generation, str(error))
        except Exception as error:  # a preview must never take the dialog down
            self._relay.failed.emit(self._generation, f"{type(error).__name__}: {error}")
        else:
            self._relay.rendered.emit(self._generation, png)


class _ColourButton(QPushButton):
    """A swatch that opens the colour picker; `colour_changed` carries "#RRGGBB"."""

    colour_changed = Signal(str)

    def __init__(self, colour: str, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._title = title
        self.setMinimumWidth(96)
        self.clicked.connect(self._pick)
        self.set_colour(colour)

    @property
    def colour(self) -> str:
        return self._colour

    def set_colour(self, colour: str) -> None:
        self._colour = colour.upper()
        swatch = QPixmap(16, 16)
        swatch.fill(QColor(colour))
        self.setIcon(QIcon(swatch))
        self.setText(self._colour)

    def _pick(self) -> None:
        dialog = QColorDialog(QColor(self._colour), self)
        dialog.setWindowTitle(self._title)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.colorSelected.connect(lambda colour: self._chosen(colour.name()))
        dialog.open()

    def _chosen(self, colour: str) -> None:
        if colour.upper() != self._colour:
            self.set_colour(colour)
            self.colour_changed.emit(self._colour)


class BadgeSettingsDialog(QDialog):
    """Edits a copy of the badge options; OK stores them for the batch, the CLI and single prints."""

    preview_updated = Signal()
    """A new preview is on screen (or its error message is)."""
    attendees_ready = Signal()
    """The "Preview of" list holds every registered attendee."""

    def __init__(self, context: EventContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("badgeSettingsDialog")
        self.setWindowTitle(self.tr("Badge settings"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.context = context
        self._options = badge_options(settings=context.settings)
        self._generation = 0
        self._shown_generation = 0
        self._relay = _PreviewRelay(self)
        self._relay.rendered.connect(self._preview_rendered)
        self._relay.failed.connect(self._preview_failed)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(PREVIEW_DELAY_MS)
        self._timer.timeout.connect(self._render_preview)

        controls = QWidget()
        column = QVBoxLayout(controls)
        column.setContentsMargins(0, 0, 8, 0)
        column.setSpacing(12)
        column.addWidget(self._build_layout_group())
        column.addWidget(self._build_fields_group())
        column.addWidget(self._build_sizes_group())
        column.addWidget(self._build_colours_group())
        column.addWidget(self._build_logo_group())
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidget(controls)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setMinimumWidth(controls.sizeHint().width() + 24)

        preview_column = QVBoxLayout()
        preview_column.setSpacing(8)
        who_row = QHBoxLayout()
        who_row.addWidget(QLabel(self.tr("Preview of")))
        self.attendee_combo = QComboBox()
        self.attendee_combo.setObjectName("previewAttendee")
        self.attendee_combo.setEditable(True)
        self.attendee_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.attendee_combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        # Sized by a fixed length, not by measuring 50,000 names on first show.
        self.attendee_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.attendee_combo.setMinimumContentsLength(24)
        self.attendee_combo.lineEdit().setPlaceholderText(self.tr("Type a name…"))
        who_row.addWidget(self.attendee_combo, 1)
        preview_column.addLayout(who_row)
        self.preview = QLabel()
        self.preview.setObjectName("badgePreview")
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setMinimumSize(PREVIEW_BOX)
        self.preview.setWordWrap(True)
        self.preview.setStyleSheet("QLabel#badgePreview { background: #e9edf0; border-radius: 8px; }")
        preview_column.addWidget(self.preview, 1)
        self.preview_caption = QLabel()
        self.preview_caption.setObjectName("emptyHint")
        self.preview_caption.setWordWrap(True)
        preview_column.addWidget(self.preview_caption)

        body = QHBoxLayout()
        body.setSpacing(16)
        body.addWidget(scroll, 0)
        body.addLayout(preview_column, 1)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        reset = self.buttons.addButton(self.tr("Defaults"), QDialogButtonBox.ButtonRole.ResetRole)
        reset.clicked.connect(self.restore_defaults)

        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        layout.addWidget(self.buttons)

        self._attendee_ids: list[int] = []
        self.attendee_model = QStringListModel(self)
        self.attendee_combo.setModel(self.attendee_model)
        completer = QCompleter(self.attendee_model, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.attendee_combo.setCompleter(completer)
        self._load_attendees()
        self._show_options(self._options)
        self.attendee_combo.currentIndexChanged.connect(self._schedule_preview)
        # Show a long "name — organisation" from its start, not scrolled to its end.
        self.attendee_combo.currentIndexChanged.connect(
            lambda: self.attendee_combo.lineEdit().setCursorPosition(0)
        )
        self.resize(1000, 720)

    # -- building ---------------------------------------------------------------------------

    def _build_layout_group(self) -> QGroupBox:
        group = QGroupBox(self.tr("Layout"))
        form = QFormLayout(group)
        self.layout_combo = QComboBox()
        self.layout_combo.setObjectName("settingsLayout")
        for layout in all_layouts().values():
            self.layout_combo.addItem(layout.display_title(), layout.name)
            self.layout_combo.setItemData(
                self.layout_combo.count() - 1, layout.describe(), Qt.ItemDataRole.ToolTipRole
            )
        self.layout_combo.currentIndexChanged.connect(self._changed)
        self.layout_size = QLabel()
        self.layout_size.setObjectName("emptyHint")
        form.addRow(self.tr("Badge"), self.layout_combo)
        form.addRow("", self.layout_size)
        return group

    def _build_fields_group(self) -> QGroupBox:
        group = QGroupBox(self.tr("Show on the badge"))
        grid = QGridLayout(group)
        labels = {
            "show_event_name": self.tr("Event name"),
            "show_logo": self.tr("Logo"),
            "show_family_name": self.tr("Family name"),
            "show_organisation": self.tr("Organisation"),
            "show_role_band": self.tr("Role band (ticket type)"),
        }
        self.field_boxes: dict[str, QCheckBox] = {}
        for number, (name, label) in enumerate(labels.items()):
            box = QCheckBox(label)
            box.setObjectName(f"field_{name}")
            box.toggled.connect(self._changed)
            grid.addWidget(box, number // 2, number % 2)
            self.field_boxes[name] = box
        return group

    def _build_sizes_group(self) -> QGroupBox:
        group = QGroupBox(self.tr("Text sizes (points)"))
        form = QFormLayout(group)
        labels = {
            "given_name_pt": self.tr("Given name"),
            "family_name_pt": self.tr("Family name"),
            "organisation_pt": self.tr("Organisation"),
            "event_name_pt": self.tr("Event name"),
            "min_name_pt": self.tr("Smallest before wrapping"),
        }
        self.size_boxes: dict[str, QDoubleSpinBox] = {}
        for name, label in labels.items():
            box = QDoubleSpinBox()
            box.setObjectName(f"size_{name}")
            box.setRange(0, 120)
            box.setDecimals(1)
            box.setSingleStep(1)
            box.setSuffix(" pt")
            # 0 is the badge's own size for this layout: one set of options suits a card and A6.
            box.setSpecialValueText(self.tr("Automatic"))
            box.valueChanged.connect(self._changed)
            form.addRow(label, box)
            self.size_boxes[name] = box
        return group

    def _build_colours_group(self) -> QGroupBox:
        group = QGroupBox(self.tr("Colours"))
        form = QFormLayout(group)
        self.text_colour = _ColourButton("#111111", self.tr("Text colour"))
        self.text_colour.setObjectName("colour_text")
        self.text_colour.colour_changed.connect(self._changed)
        form.addRow(self.tr("Text"), self.text_colour)
        self.band_buttons: dict[str, _ColourButton] = {}
        for ticket in TicketType:
            label = ticket_label(ticket.value)
            button = _ColourButton(
                DEFAULT_BAND_COLOURS[ticket.value], self.tr("{type} band").format(type=label)
            )
            button.setObjectName(f"colour_{ticket.value}")
            button.colour_changed.connect(self._changed)
            form.addRow(self.tr("{type} band").format(type=label), button)
            self.band_buttons[ticket.value] = button
        return group

    def _build_logo_group(self) -> QGroupBox:
        group = QGroupBox(self.tr("Logo"))
        column = QVBoxLayout(group)
        self.logo_edit = QLineEdit()
        self.logo_edit.setObjectName("logoPath")
        self.logo_edit.setReadOnly(True)
        self.logo_edit.setPlaceholderText(self.tr("The event's own logo, if it has one"))
        row = QHBoxLayout()
        choose = QPushButton(self.tr("Choose…"))
        choose.setObjectName("chooseLogo")
        choose.clicked.connect(self.choose_logo)
        clear = QPushButton(self.tr("Use the event's logo"))
        clear.setObjectName("clearLogo")
        clear.clicked.connect(lambda: self.set_logo(""))
        row.addWidget(choose)
        row.addWidget(clear)
        row.addStretch(1)
        column.addWidget(self.logo_edit)
        column.addLayout(row)
        return group

    # -- options <-> widgets ----------------------------------------------------------------

    def _show_options(self, options: BadgeOptions) -> None:
        widgets: list[QWidget] = [
            self.layout_combo,
            *self.field_boxes.values(),
            *self.size_boxes.values(),
            self.text_colour,
            *self.band_buttons.values(),
        ]
        for widget in widgets:
            widget.blockSignals(True)
        try:
            self.layout_combo.setCurrentIndex(max(self.layout_combo.findData(options.layout), 0))
            for name, box in self.field_boxes.items():
                box.setChecked(bool(getattr(options, name)))
            for name, spin in self.size_boxes.items():
                spin.setValue(float(getattr(options, name)))
            self.text_colour.set_colour(options.text_colour)
            for ticket, button in self.band_buttons.items():
                button.set_colour(options.band_colour(ticket))
            self.logo_edit.setText(options.logo_path)
        finally:
            for widget in widgets:
                widget.blockSignals(False)
        self._show_layout_size(options.layout)

    def _show_layout_size(self, name: str) -> None:
        self.layout_size.setText(get_layout(name).describe())

    def options(self) -> BadgeOptions:
        """The options as the dialog shows them now."""
        values: dict[str, Any] = {name: box.isChecked() for name, box in self.field_boxes.items()}
        values.update({name: spin.value() for name, spin in self.size_boxes.items()})
        return dataclasses.replace(
            self._options,
            layout=self.layout_combo.currentData(),
            text_colour=self.text_colour.colour,
            band_colours={ticket: button.colour for ticket, button in self.band_buttons.items()},
            logo_path=self.logo_edit.text(),
            **values,
        )

    def _changed(self, *_: object) -> None:
        self._options = self.options()
        self._show_layout_size(self._options.layout)
        self._schedule_preview()

    def restore_defaults(self) -> None:
        self._options = BadgeOptions()
        self._show_options(self._options)
        self._schedule_preview()

    # -- the logo ---------------------------------------------------------------------------

    def choose_logo(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Choose the badge logo"),
            self.logo_edit.text(),
            self.tr("Images (*.png *.jpg *.jpeg *.gif *.bmp *.tif *.tiff);;All files (*)"),
        )
        if chosen:
            self.set_logo(chosen)

    def set_logo(self, path: str) -> bool:
        """Use `path` as the logo ("" for the event's own); a file that is not an image is refused."""
        if path:
            try:
                check_logo(path=path)
            except EventdeskError as error:
                show_error(self, str(error), title=self.tr("Badge logo"))
                return False
        self.logo_edit.setText(path)
        self._changed()
        return True

    # -- the preview ------------------------------------------------------------------------

    def _load_attendees(self) -> None:
        """Every registered attendee for "Preview of", loaded in the background.

        Reading 50,000 people takes about half a second; until they are in, the preview
        shows the attendee the service picks by itself — the same longest name.
        """
        doc = self.context.require_document()
        self.attendees_loaded = False
        self.attendee_combo.setEnabled(False)
        self.attendee_combo.lineEdit().setPlaceholderText(self.tr("The longest name (loading the list…)"))
        self.attendees_task = run_in_background(
            lambda _progress: _preview_choices(doc),
            parent=self,
            title=self.tr("Loading attendees"),
            on_result=self._fill_attendees,
            on_error=lambda message: self.attendee_combo.lineEdit().setPlaceholderText(message),
            show_progress_after_ms=_NO_PROGRESS_DIALOG_MS,
        )

    def _fill_attendees(self, choices: tuple[list[int], list[str]]) -> None:
        chosen = self.preview_attendee_id()
        self._attendee_ids, labels = choices
        self.attendee_combo.blockSignals(True)
        self.attendee_model.setStringList(labels)
        self.attendee_combo.setCurrentIndex(0 if labels else -1)
        self.attendee_combo.lineEdit().setCursorPosition(0)
        self.attendee_combo.blockSignals(False)
        self.attendee_combo.setEnabled(bool(labels))
        self.attendee_combo.lineEdit().setPlaceholderText(self.tr("Type a name…"))
        self.attendees_loaded = True
        self.attendees_ready.emit()
        if chosen is not None and self.preview_attendee_id() != chosen:
            self._schedule_preview()

    def preview_attendee_id(self) -> int | None:
        index = self.attendee_combo.currentIndex()
        return self._attendee_ids[index] if 0 <= index < len(self._attendee_ids) else None

    def choose_preview_attendee(self, attendee_id: int) -> None:
        if attendee_id in self._attendee_ids:
            self.attendee_combo.setCurrentIndex(self._attendee_ids.index(attendee_id))

    def _schedule_preview(self, *_: object) -> None:
        self._timer.start()

    def _render_preview(self) -> None:
        doc = self.context.document
        if doc is None or not self.isVisible():
            return
        options = self._options
        attendee_id = self.preview_attendee_id()
        layout = get_layout(options.layout)
        width_in, height_in = layout.badge_mm[0] / 25.4, layout.badge_mm[1] / 25.4
        box = self.preview.size()
        ratio = self.devicePixelRatioF()
        fit = min((box.width() - 24) / width_in, (box.height() - 24) / height_in)
        dpi = max(30.0, min(fit * ratio, _MAX_PREVIEW_DPI))
        self._generation += 1
        generation = self._generation
        self._preview_ratio = ratio
        QThreadPool.globalInstance().start(
            _PreviewRender(
                self._relay,
                generation,
                lambda: render_badge_preview(doc=doc, options=options, attendee_id=attendee_id, dpi=dpi),
            )
        )

    @Slot(int, object)
    def _preview_rendered(self, generation: int, png: bytes) -> None:
        if generation < self._shown_generation:
            return
        self._shown_generation = generation
        pixmap = QPixmap()
        pixmap.loadFromData(png, "PNG")
        pixmap.setDevicePixelRatio(self._preview_ratio)
        self.preview.setPixmap(pixmap)
        layout = get_layout(self._options.layout)
        self.preview_caption.setText(
            self.tr("Actual size {w:g} × {h:g} mm. This is the badge exactly as it will print.").format(
                w=layout.badge_mm[0], h=layout.badge_mm[1]
            )
        )
        self.preview_updated.emit()

    @Slot(int, str)
    def _preview_failed(self, generation: int, message: str) -> None:
        if generation < self._shown_generation:
            return
        self._shown_generation = generation
        self.preview.setPixmap(QPixmap())
        self.preview.setText(message)
        self.preview_caption.setText("")
        self.preview_updated.emit()

    def preview_pixmap(self) -> QPixmap:
        return self.preview.pixmap()

    # -- OK ---------------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._schedule_preview()

    def done(self, result: int) -> None:
        self._timer.stop()
        super().done(result)

    def accept(self) -> None:
        try:
            store_badge_options(settings=self.context.settings, options=self.options())
        except EventdeskError as error:
            show_error(self, str(error), title=self.windowTitle())
            return
        super().accept()
