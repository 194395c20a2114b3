"""The open lead at the booth: who it is (as far as they agreed to share), a rating, notes, tags.

Made for the keyboard: after a scan the notes have the focus, Alt+H/W/C or Alt+1…5 rate,
Tab reaches the tags, Ctrl+Enter saves and Esc drops what was typed. The rating is one
value on the core's scale (hot/warm/cold or a score from 1 to 5, or none): the buttons are
one exclusive row, and pressing the chosen one again clears it.

The Alt keys are taken from the editor's own key events rather than registered as
shortcuts: Alt+H is also the menu bar's Help, and two shortcuts on one key fire neither.
While the focus is in the editor, accepting the key's ShortcutOverride gives it to the editor.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, QStringListModel, Qt, Signal
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QCompleter,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from eventdesk.services.leads.booth import RATING_SCORES, RATING_WORDS, LeadEdit, LeadSource, LeadView

_SAVE_KEYS = ("Ctrl+Return", "Ctrl+Enter")
RATING_KEYS = {
    Qt.Key.Key_H: "hot",
    Qt.Key.Key_W: "warm",
    Qt.Key.Key_C: "cold",
    Qt.Key.Key_1: "1",
    Qt.Key.Key_2: "2",
    Qt.Key.Key_3: "3",
    Qt.Key.Key_4: "4",
    Qt.Key.Key_5: "5",
}
_KEY_OF_RATING = {value: key for key, value in RATING_KEYS.items()}


def tags_from_text(text: str) -> list[str]:
    return [part for part in (piece.strip() for piece in text.split(",")) if part]


class _TagCompleter(QCompleter):
    """Completes the tag being typed after the last comma, keeping the ones before it."""

    def splitPath(self, path: str) -> list[str]:
        return [path.rsplit(",", 1)[-1].strip()]

    def pathFromIndex(self, index: QModelIndex | QPersistentModelIndex) -> str:
        tag = super().pathFromIndex(index)
        widget = self.widget()
        text = widget.text() if isinstance(widget, QLineEdit) else ""
        head = text.rsplit(",", 1)[0] + ", " if "," in text else ""
        return f"{head}{tag}"


class LeadEditor(QFrame):
    """Shows one `LeadView` and hands back a `LeadEdit`; the screen saves it through the core."""

    save_requested = Signal()
    discard_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        self._lead: LeadView | None = None
        self._rating = ""

        self.name_label = QLabel()
        self.name_label.setObjectName("leadName")
        self.name_label.setStyleSheet("font-size: 17pt; font-weight: 600;")
        self.name_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.name_label.setWordWrap(True)  # a 60-letter double-barrelled name must not widen the window
        self.details_label = QLabel()
        self.details_label.setObjectName("leadDetails")
        self.details_label.setWordWrap(True)
        self.details_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.meta_label = QLabel()
        self.meta_label.setObjectName("emptyHint")
        self.meta_label.setWordWrap(True)

        self.rating_buttons: dict[str, QPushButton] = {}
        # The chosen rating must read at a glance: the accent colour, not Fusion's pressed grey.
        self.setStyleSheet(
            "QPushButton[rating='true']:checked { background: #0f766e; color: white; border-color: #0b5e58; }"
        )
        rating_row = QHBoxLayout()
        rating_row.setSpacing(4)
        words = {"hot": self.tr("Hot"), "warm": self.tr("Warm"), "cold": self.tr("Cold")}
        for value in (*RATING_WORDS, *reversed(RATING_SCORES)):
            text = words.get(value, value)
            button = QPushButton(text)
            button.setObjectName(f"rating_{value}")
            button.setCheckable(True)
            button.setProperty("rating", True)
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            button.setFixedWidth(64 if value in words else 36)
            shortcut = QKeySequence(Qt.KeyboardModifier.AltModifier | _KEY_OF_RATING[value]).toString(
                QKeySequence.SequenceFormat.NativeText
            )
            tip = self.tr("Rate {rating}").format(rating=value if value in words else f"{value}/5")
            button.setToolTip(f"{tip} ({shortcut})")
            button.clicked.connect(lambda _checked=False, chosen=value: self.set_rating(chosen, toggle=True))
            self.rating_buttons[value] = button
            rating_row.addWidget(button)
            if value == RATING_WORDS[-1]:
                rating_row.addSpacing(14)
        rating_row.addStretch(1)

        self.notes = QPlainTextEdit()
        self.notes.setObjectName("leadNotes")
        self.notes.setTabChangesFocus(True)
        self.notes.setPlaceholderText(self.tr("What you talked about, what to follow up (Ctrl+Enter saves)"))
        self.notes.setMinimumHeight(70)
        self.tags = QLineEdit()
        self.tags.setObjectName("leadTags")
        self.tags.setPlaceholderText(self.tr("Separated by commas, e.g. PhD, QA, relocation"))
        self._known_tags = QStringListModel(self)
        completer = _TagCompleter(self._known_tags, self.tags)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.tags.setCompleter(completer)
        self.tags.returnPressed.connect(self.save_requested)  # the last field: Enter is done

        self.save_button = QPushButton(self.tr("Save lead"))
        self.save_button.setObjectName("primaryAction")
        self.save_button.setToolTip(self.tr("Save the rating, notes and tags (Ctrl+Enter)"))
        self.save_button.clicked.connect(self.save_requested)
        self.discard_button = QPushButton(self.tr("Discard changes"))
        self.discard_button.setToolTip(self.tr("Forget what was typed since the last save (Esc)"))
        self.discard_button.clicked.connect(self.discard_requested)
        self.state_label = QLabel()
        self.state_label.setObjectName("emptyHint")

        save = QAction(self)
        save.setShortcuts([QKeySequence(keys) for keys in _SAVE_KEYS])
        save.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        save.triggered.connect(self.save_requested)
        self.addAction(save)
        discard = QAction(self)
        discard.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        discard.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        discard.triggered.connect(self.discard_requested)
        self.addAction(discard)

        form = QGridLayout()
        form.setHorizontalSpacing(10)
        form.setVerticalSpacing(6)
        rating_label = QLabel(self.tr("Rating"))
        notes_label = QLabel(self.tr("&Notes"))
        notes_label.setBuddy(self.notes)
        tags_label = QLabel(self.tr("&Tags"))
        tags_label.setBuddy(self.tags)
        for row, (label, field) in enumerate(((rating_label, rating_row), (notes_label, self.notes))):
            label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
            form.addWidget(label, row, 0)
            if isinstance(field, QHBoxLayout):
                form.addLayout(field, row, 1)
            else:
                form.addWidget(field, row, 1)
        tags_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        form.addWidget(tags_label, 2, 0)
        form.addWidget(self.tags, 2, 1)
        form.setColumnStretch(1, 1)
        form.setRowStretch(1, 1)

        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.discard_button)
        buttons.addSpacing(8)
        buttons.addWidget(self.state_label, 1)

        self.placeholder = QLabel(
            self.tr(
                "Scan a visitor's badge (or choose a lead in the list) to rate it and add notes. "
                "Ctrl+Enter saves, and the booth is ready for the next scan."
            )
        )
        self.placeholder.setObjectName("emptyHint")
        self.placeholder.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 10)
        layout.setSpacing(6)
        layout.addWidget(self.name_label)
        layout.addWidget(self.details_label)
        layout.addWidget(self.meta_label)
        layout.addWidget(self.placeholder)
        layout.addLayout(form, 1)
        layout.addLayout(buttons)

        for widget in (self, self.notes, self.tags, *self.rating_buttons.values()):
            widget.installEventFilter(self)
        self.setTabOrder(self.notes, self.tags)
        self.setFocusProxy(self.notes)
        self.notes.textChanged.connect(self._update_state)
        self.tags.textChanged.connect(self._update_state)
        self.clear()

    # -- what it shows --------------------------------------------------------------------------

    @property
    def lead(self) -> LeadView | None:
        return self._lead

    @property
    def lead_id(self) -> str | None:
        return self._lead.id if self._lead is not None else None

    def set_known_tags(self, tags: list[str]) -> None:
        self._known_tags.setStringList(sorted(set(tags), key=str.casefold))

    def show_lead(self, lead: LeadView, *, focus: bool = True) -> None:
        """Open `lead`: its stored rating, notes and tags replace whatever was shown."""
        self._lead = lead
        self._set_enabled(True)
        self.placeholder.hide()
        self.name_label.setText(lead.label)
        self.name_label.show()
        if lead.shared:
            details = [" · ".join(p for p in (lead.job_title, lead.organisation) if p)]
            details.append("  ·  ".join(p for p in (lead.email, lead.phone) if p))
            self.details_label.setText("\n".join(d for d in details if d))
            self.name_label.setStyleSheet("font-size: 17pt; font-weight: 600;")
        else:
            self.details_label.setText(
                self.tr("This visitor did not agree to share their contact details with exhibitors.")
            )
            self.name_label.setStyleSheet("font-size: 17pt; font-weight: 600; color: #52606d;")
        self.details_label.setVisible(bool(self.details_label.text()))
        self.meta_label.setText(self._meta(lead))
        self.meta_label.show()
        self.set_rating(lead.rating)
        self.notes.setPlainText(lead.notes)
        self.tags.setText(", ".join(lead.tags))
        self._update_state()
        if focus:
            self.notes.setFocus(Qt.FocusReason.OtherFocusReason)
            cursor = self.notes.textCursor()
            cursor.movePosition(cursor.MoveOperation.End)
            self.notes.setTextCursor(cursor)

    def _meta(self, lead: LeadView) -> str:
        first = f"{lead.captured_at:%a %d %b %H:%M}"
        if lead.source == LeadSource.MEETING.value:
            text = self.tr("From the meeting at {time}").format(time=first)
        elif lead.staff:
            text = self.tr("First scanned {time} by {staff}").format(time=first, staff=lead.staff)
        else:
            text = self.tr("First scanned {time}").format(time=first)
        if lead.visits > 1:
            text += " · " + self.tr("{visits} visits, last at {time}").format(
                visits=lead.visits, time=f"{lead.last_seen_at:%H:%M}"
            )
        return text

    def clear(self) -> None:
        """No lead open: the booth waits for the next scan."""
        self._lead = None
        self.name_label.setText("")
        self.name_label.hide()
        self.details_label.hide()
        self.meta_label.hide()
        self.placeholder.show()
        self.set_rating("")
        self.notes.setPlainText("")
        self.tags.setText("")
        self._set_enabled(False)
        self.state_label.setText("")

    def _set_enabled(self, enabled: bool) -> None:
        for widget in (*self.rating_buttons.values(), self.notes, self.tags, self.save_button):
            widget.setEnabled(enabled)
        self.discard_button.setEnabled(enabled)

    # -- editing --------------------------------------------------------------------------------

    @property
    def rating(self) -> str:
        return self._rating

    def set_rating(self, rating: str, *, toggle: bool = False) -> None:
        if toggle and rating == self._rating:
            rating = ""
        self._rating = rating
        for value, button in self.rating_buttons.items():
            button.setChecked(value == rating)
        self._update_state()

    def edit(self) -> LeadEdit:
        return LeadEdit(
            rating=self._rating, notes=self.notes.toPlainText(), tags=tags_from_text(self.tags.text())
        )

    @property
    def is_dirty(self) -> bool:
        lead = self._lead
        if lead is None:
            return False
        edit = self.edit()
        return (
            edit.rating != lead.rating
            or (edit.notes or "").strip() != lead.notes
            or tuple(edit.tags or ()) != lead.tags
        )

    def _update_state(self, *_: Any) -> None:
        if self._lead is None:
            return
        self.state_label.setText(self.tr("Not saved yet") if self.is_dirty else "")
        self.discard_button.setEnabled(self.is_dirty)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress) and self._lead is not None:
            assert isinstance(event, QKeyEvent)
            rating = self._rating_key(event)
            if rating is not None:
                if kind == QEvent.Type.KeyPress:
                    self.set_rating(rating, toggle=True)
                event.accept()
                return True
        return super().eventFilter(watched, event)

    @staticmethod
    def _rating_key(event: QKeyEvent) -> str | None:
        modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if modifiers != Qt.KeyboardModifier.AltModifier:
            return None
        return RATING_KEYS.get(Qt.Key(event.key()))

    def say(self, text: str) -> None:
        self.state_label.setText(text)
