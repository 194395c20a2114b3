"""Find a person by name and choose them with the keyboard: type, ↑ ↓, Enter.

For a place that otherwise reads badges (a booth whose visitor left their badge at home):
the results appear only while something is typed, the first one is chosen already, and
Enter hands its attendee id to `chosen`. The people search index (`services.search`) is
loaded off the GUI thread when `prepare()` is first called; until then typing waits.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QLabel, QLineEdit, QListView, QVBoxLayout, QWidget

from eventdesk.domain.progress import Progress
from eventdesk.persistence.document import EventDocument
from eventdesk.services.search import people_index, search_people
from eventdesk.ui.models.people_hits import PeopleHitsModel, PersonHitRole
from eventdesk.ui.worker import BackgroundTask, run_in_background

SEARCH_LIMIT = 30


class PersonPicker(QWidget):
    chosen = Signal(int)
    """The attendee id of the person chosen with Enter or a double click."""

    def __init__(self, title: str, ready_hint: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ready_hint = ready_hint
        self._doc: EventDocument | None = None
        self._task: BackgroundTask | None = None
        self.search = QLineEdit()
        self.search.setObjectName("personSearch")
        self.search.setPlaceholderText(self.tr("Name, e-mail or organisation…"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._search_changed)
        self.search.installEventFilter(self)
        label = QLabel(title)
        label.setObjectName("sectionTitle")
        label.setBuddy(self.search)
        self.hits = PeopleHitsModel(self)
        self.hit_list = QListView()
        self.hit_list.setObjectName("personHits")
        self.hit_list.setModel(self.hits)
        self.hit_list.setUniformItemSizes(True)
        self.hit_list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.hit_list.activated.connect(self._choose)
        self.hit_list.installEventFilter(self)
        self.hit_list.setMinimumHeight(150)
        self.hit_list.hide()
        self.hint = QLabel()
        self.hint.setObjectName("emptyHint")
        self.hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(label)
        layout.addWidget(self.search)
        layout.addWidget(self.hit_list, 1)
        layout.addWidget(self.hint)
        self.setFocusProxy(self.search)

    @property
    def index_task(self) -> BackgroundTask | None:
        return self._task

    def prepare(self, doc: EventDocument) -> None:
        """Load the search index for `doc` in the background (once per document)."""
        if self._doc is doc:
            return
        self._doc = doc

        def load(_progress: Progress) -> int:
            return len(people_index(doc))

        self.hint.setText(self.tr("Getting the name search ready…"))
        self._task = run_in_background(
            load,
            parent=self,
            title=self.tr("Preparing the name search"),
            on_result=lambda _count: self._ready(),
            on_error=self.hint.setText,
            show_progress_after_ms=None,
        )

    @property
    def is_ready(self) -> bool:
        return self._doc is not None and self._task is not None and not self._task.is_running

    def _ready(self) -> None:
        self.hint.setText(self._ready_hint)
        if self.search.text().strip():
            self._search_changed(self.search.text())

    def _search_changed(self, text: str) -> None:
        query = text.strip()
        if not query or not self.is_ready or self._doc is None:
            self.hits.set_hits([])
            self.hit_list.hide()
            if self.is_ready:
                self.hint.setText(self._ready_hint)
            return
        result = search_people(doc=self._doc, query=query, limit=SEARCH_LIMIT)
        self.hits.set_hits(result.hits)
        self.hit_list.setVisible(bool(result.hits))
        if not result.hits:
            self.hint.setText(self.tr("Nobody matches “{query}”.").format(query=query))
            return
        self.hit_list.setCurrentIndex(self.hits.index(0, 0))
        more = result.total - len(result.hits)
        self.hint.setText(
            self.tr("{more} more; type more of the name.").format(more=self.locale().toString(more))
            if more > 0
            else self.tr("↑ ↓ to choose, Enter to add, Esc to clear.")
        )

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and watched in (self.search, self.hit_list):
            assert isinstance(event, QKeyEvent)
            return self._key(event)
        return super().eventFilter(watched, event)

    def _key(self, event: QKeyEvent) -> bool:
        key = event.key()
        count = self.hits.rowCount()
        current = self.hit_list.currentIndex().row()
        if key in (Qt.Key.Key_Down, Qt.Key.Key_Up) and count:
            step = 1 if key == Qt.Key.Key_Down else -1
            self.hit_list.setCurrentIndex(self.hits.index(min(max(current + step, 0), count - 1), 0))
            return True
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.modifiers():
            if count:
                self._choose(self.hits.index(max(current, 0), 0))
            return True
        if key == Qt.Key.Key_Escape and self.search.text():
            self.search.clear()
            return True
        return False

    def _choose(self, index: QModelIndex) -> None:
        attendee_id = index.data(PersonHitRole.ATTENDEE_ID)
        if attendee_id is not None:
            self.chosen.emit(int(attendee_id))

    def clear(self) -> None:
        self.search.clear()
