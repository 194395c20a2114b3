"""Leads: until booth scanning arrives (issue 7), says what exhibitors will take home."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

from eventdesk.services.events import event_stats
from eventdesk.ui.screens.base import EmptyStateScreen


class LeadsScreen(EmptyStateScreen):
    key = "leads"
    title = QT_TRANSLATE_NOOP("Screens", "Leads")
    icon_name = "leads"

    def describe(self) -> tuple[str, str, str, str | None, str]:
        stats = event_stats(doc=self.context.require_document())
        number = self.locale().toString
        body = self.tr(
            "Exhibitors scan visitors' badges at their booth, rate each lead and add notes, and "
            "take home a lead list. Contact details are included only for people who agreed to "
            "share them with exhibitors."
        )
        if stats.companies == 0:
            return (
                self.tr("Leads are collected by exhibiting companies"),
                body,
                self.tr("Add the companies first; each one gets its own booth kit."),
                self.tr("Go to Companies"),
                "companies",
            )
        return (
            self.tr("Collect leads for {companies} exhibiting companies").format(
                companies=number(stats.companies)
            ),
            body,
            self.tr("{consenting} of {attendees} attendees agreed to share their contact details.").format(
                consenting=number(stats.consenting), attendees=number(stats.attendees)
            ),
            self.tr("Review companies"),
            "companies",
        )
