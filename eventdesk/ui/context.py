"""The open event as every screen sees it: one object, one "something changed" signal.

Screens never talk to each other about data. A mutating service returns a `Changes` record;
the worker helper passes it to `EventContext.notify`, and each screen decides from the
record's entities whether it has to reload (Anki's "operation finished" pattern).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from eventdesk.domain.changes import Changes, Entity
from eventdesk.domain.errors import EventFileError
from eventdesk.settings import Settings

if TYPE_CHECKING:
    from eventdesk.persistence.document import EventDocument
    from eventdesk.services.events import EventSummary
    from eventdesk.services.leads.kit_info import KitSummary

_NOT_READ = object()


class EventContext(QObject):
    """Holds the open `EventDocument` (or none) and the machine's `Settings`."""

    changed = Signal(object)
    """A `Changes` record: data of the open event changed; screens filter by entity."""

    document_changed = Signal()
    """An event was opened or closed (then `document` is None): rebuild what shows it."""

    def __init__(self, settings: Settings, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self._document: EventDocument | None = None
        self._summary: EventSummary | None = None
        self._kit: object = _NOT_READ
        # The window's `ui.sync_link.DeskSyncLink` while it runs a desk replica's sync (typed
        # loosely: that module imports this one).
        self.desk_sync: Any = None

    @property
    def document(self) -> EventDocument | None:
        return self._document

    @property
    def has_document(self) -> bool:
        return self._document is not None

    def require_document(self) -> EventDocument:
        if self._document is None:
            raise EventFileError("No event is open; open or create one first.")
        return self._document

    @property
    def summary(self) -> EventSummary:
        """Name, venue and local dates of the open event, read once and kept until it changes."""
        if self._summary is None:
            from eventdesk.services.events import event_summary

            self._summary = event_summary(doc=self.require_document())
        return self._summary

    @property
    def kit(self) -> KitSummary | None:
        """The exhibitor kit the open document is (its company), or None for an organiser's event.

        Read once per document: the window shows a kit as a booth (the Leads screen only)
        and hides what an exhibitor cannot do.
        """
        if self._document is None:
            return None
        if self._kit is _NOT_READ:
            from eventdesk.services.leads.kit_info import kit_info

            self._kit = kit_info(doc=self._document)
        return self._kit  # type: ignore[return-value]

    @property
    def is_kit(self) -> bool:
        return self.kit is not None

    def set_document(self, document: EventDocument, *, recent_location: str | None = None) -> None:
        """Make `document` the open event, closing the previous one, and remember it as recent."""
        previous = self._document
        self._document = document
        self._summary = None
        self._kit = _NOT_READ
        if previous is not None and previous is not document:
            previous.close()
        self.settings.add_recent_event(recent_location or document.display_location)
        self.document_changed.emit()

    def close_document(self) -> None:
        if self._document is None:
            return
        document, self._document, self._summary = self._document, None, None
        self._kit = _NOT_READ
        document.close()
        self.document_changed.emit()

    def notify(self, changes: Changes) -> None:
        """Tell every screen what a finished operation changed."""
        if changes.touches(Entity.EVENT):
            self._summary = None
        self.changed.emit(changes)
