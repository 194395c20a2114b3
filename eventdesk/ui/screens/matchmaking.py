"""Matchmaking: until the scheduler arrives (issue 6), says what it will plan with this event."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

from eventdesk.domain.enums import TicketType
from eventdesk.services.events import event_stats
from eventdesk.services.people import list_company_rows
from eventdesk.ui.screens.base import EmptyStateScreen


class MatchmakingScreen(EmptyStateScreen):
    key = "matchmaking"
    title = QT_TRANSLATE_NOOP("Screens", "Matchmaking")
    icon_name = "matchmaking"

    def describe(self) -> tuple[str, str, str, str | None, str]:
        doc = self.context.require_document()
        stats = event_stats(doc=doc)
        companies = list_company_rows(doc=doc)
        tables = sum(company.meeting_tables for company in companies)
        visitors = stats.by_ticket_type.get(TicketType.VISITOR.value, 0)
        number = self.locale().toString
        body = self.tr(
            "Plan short 1:1 interviews between job seekers and companies in fixed slots: the best "
            "schedule the tables allow, fair to everyone, with a PDF per person, per company and a "
            "master grid."
        )
        if not companies or tables == 0:
            return (
                self.tr("Matchmaking needs companies with meeting tables"),
                body,
                self.tr("Add the exhibiting companies and how many meeting tables each one has."),
                self.tr("Go to Companies"),
                "companies",
            )
        return (
            self.tr("Schedule meetings between {visitors} visitors and {companies} companies").format(
                visitors=number(visitors), companies=number(len(companies))
            ),
            body,
            self.tr(
                "{tables} meeting tables are available per slot; check them on the Companies screen."
            ).format(tables=number(tables)),
            self.tr("Review companies and tables"),
            "companies",
        )
