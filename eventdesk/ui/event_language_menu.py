"""Event › Printed in: the language of what is printed for attendees without one of their own.

Badges, personal schedules and calendar files use the attendee's language where it is set
(import column or attendee dialog) and this one otherwise; company lists, the master grid
and the fire marshal's list always use this one. It is the event's, not the desk's: every
desk and the organiser print the same.
"""

from __future__ import annotations

from PySide6.QtGui import QActionGroup
from PySide6.QtWidgets import QMenu, QWidget

from eventdesk.domain.errors import EventdeskError
from eventdesk.i18n import LANGUAGES, language_name
from eventdesk.services.events import set_event_language
from eventdesk.ui.context import EventContext
from eventdesk.ui.messages import show_error


class EventLanguageMenu(QMenu):
    def __init__(self, context: EventContext, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Printed &in"), parent)
        self.setObjectName("eventLanguageMenu")
        self.context = context
        group = QActionGroup(self)
        group.setExclusive(True)
        for code in LANGUAGES:
            action = self.addAction(language_name(code))
            action.setData(code)
            action.setCheckable(True)
            group.addAction(action)
        group.triggered.connect(lambda action: self.choose(str(action.data())))
        self.aboutToShow.connect(self._refresh)

    def _refresh(self) -> None:
        current = self.context.summary.language if self.context.has_document else ""
        for action in self.actions():
            action.setChecked(action.data() == current)
        self.setEnabled(self.context.has_document and not self.context.is_kit)

    def choose(self, code: str) -> None:
        try:
            changes = set_event_language(doc=self.context.require_document(), language=code)
        except EventdeskError as error:
            show_error(self.parentWidget(), str(error))
            return
        self.context.notify(changes)
