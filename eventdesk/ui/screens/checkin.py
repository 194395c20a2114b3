"""Check-in: until the desk arrives (issue 5), says how the door will work and where things stand."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

from eventdesk.services.events import event_stats
from eventdesk.ui.screens.base import EmptyStateScreen


class CheckInScreen(EmptyStateScreen):
    key = "checkin"
    title = QT_TRANSLATE_NOOP("Screens", "Check-in")
    icon_name = "checkin"

    def describe(self) -> tuple[str, str, str, str | None, str]:
        stats = event_stats(doc=self.context.require_document())
        number = self.locale().toString
        body = self.tr(
            "Scan a badge or a platform e-ticket with a USB scanner or the camera, or search by "
            "name: the verdict shows here in large letters, with the last ten scans and a live counter."
        )
        if stats.registered == 0:
            return (
                self.tr("Nobody is registered yet"),
                body,
                self.tr("The desk admits registered attendees, so start with the attendee list."),
                self.tr("Go to Attendees"),
                "attendees",
            )
        return (
            self.tr("{checked} of {registered} registered attendees checked in").format(
                checked=number(stats.checked_in), registered=number(stats.registered)
            ),
            body,
            self.tr("Print the badges before the doors open; platform e-tickets are accepted as well."),
            self.tr("Go to Badges"),
            "badges",
        )
