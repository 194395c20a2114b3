"""Badges: until the badge printer arrives (issue 4), says what it will print and for whom."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

from eventdesk.services.events import event_stats
from eventdesk.ui.screens.base import EmptyStateScreen


class BadgesScreen(EmptyStateScreen):
    key = "badges"
    title = QT_TRANSLATE_NOOP("Screens", "Badges")
    icon_name = "badges"

    def describe(self) -> tuple[str, str, str, str | None, str]:
        stats = event_stats(doc=self.context.require_document())
        registered = self.locale().toString(stats.registered)
        if stats.registered == 0:
            return (
                self.tr("No one to print a badge for yet"),
                self.tr(
                    "Badges carry a signed QR code that the door verifies offline. They are printed "
                    "for registered attendees, so the first step is the attendee list."
                ),
                "",
                self.tr("Go to Attendees"),
                "attendees",
            )
        return (
            self.tr("Print signed QR badges for {n} registered attendees").format(n=registered),
            self.tr(
                "Choose a layout (A6, card, label or roll) and who to print: everyone, those not "
                "printed yet, a ticket type or one company. Each badge carries a QR code signed "
                "with this event's key, which the door verifies offline."
            ),
            self.tr("Check names and organisations in the attendee list first: a badge is printed once."),
            self.tr("Review the attendee list"),
            "attendees",
        )
