"""The core people search, driven from a list's search box.

Building the search index reads every attendee (about a second for 50,000), so it is done
once per open event on the thread pool, quietly, as soon as a list that searches is
shown; until then the box says it is getting ready and keeps what is typed. After that a
query is answered on the GUI thread in a few milliseconds: no worker round trip per
keystroke. Services that change attendees keep the index up to date themselves.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QObject, Signal

from eventdesk.domain.progress import Progress
from eventdesk.services.search import SearchResult, people_index, search_people
from eventdesk.ui.context import EventContext
from eventdesk.ui.worker import BackgroundTask, run_in_background


class PeopleSearch(QObject):
    ready = Signal()
    """The index is loaded: searches are answered from now on."""

    def __init__(self, context: EventContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self._ready = False
        self._task: BackgroundTask | None = None
        self.failure = ""

    @property
    def is_ready(self) -> bool:
        return self._ready

    @property
    def task(self) -> BackgroundTask | None:
        """The loading job while it runs (tests wait for it)."""
        return self._task

    def prepare(self) -> None:
        """Start loading the index of the open event, once."""
        if self._ready or self._task is not None:
            return
        doc = self.context.require_document()

        def load(_progress: Progress) -> int:
            return len(people_index(doc))

        self._task = run_in_background(
            load,
            parent=None,
            title=self.tr("Preparing the people search"),
            on_result=self._loaded,
            on_error=self._failed,
            show_progress_after_ms=None,
        )

    def _loaded(self, _count: int) -> None:
        if not shiboken6.isValid(self):
            return
        self._ready = True
        self._task = None
        self.ready.emit()

    def _failed(self, message: str) -> None:
        # The event was closed while the index loaded, or the file went away: the list
        # that wanted it is gone too, or will say so when it next reads.
        if shiboken6.isValid(self):
            self._task = None
            self.failure = message

    def search(self, query: str) -> SearchResult | None:
        """Everyone matching `query` (ids only are needed), or None before the index is ready."""
        if not self._ready:
            return None
        return search_people(doc=self.context.require_document(), query=query, limit=0)
