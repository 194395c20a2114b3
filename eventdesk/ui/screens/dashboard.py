"""The first screen of an open event: what it is, where and when, and how many people it holds."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QLabel,
    QProgressBar,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from eventdesk.domain.changes import Entity
from eventdesk.domain.enums import TicketType
from eventdesk.domain.progress import Progress
from eventdesk.services.events import EventStats, event_stats
from eventdesk.ui.context import EventContext
from eventdesk.ui.models.attendees import ticket_label
from eventdesk.ui.screens.base import Screen
from eventdesk.ui.widgets.door_activity import DoorActivity, DoorFigures, door_figures
from eventdesk.ui.widgets.hub_desks import HubDesks
from eventdesk.ui.worker import BackgroundTask, run_in_background


class _Card(QFrame):
    """One figure with its label, e.g. "312" over "checked in"."""

    def __init__(self, label: str) -> None:
        super().__init__()
        self.setObjectName("card")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        self.value = QLabel("–")
        self.value.setObjectName("cardValue")
        self.label = QLabel(label)
        self.label.setObjectName("cardLabel")
        self.detail = QLabel()
        self.detail.setObjectName("cardLabel")
        layout.addWidget(self.value)
        layout.addWidget(self.label)
        layout.addWidget(self.detail)
        layout.addStretch(1)

    def set(self, value: str, detail: str = "") -> None:
        self.value.setText(value)
        # An empty detail keeps its line, so every card's figure and label line up.
        self.detail.setText(detail)


class DashboardScreen(Screen):
    key = "dashboard"
    title = QT_TRANSLATE_NOOP("Screens", "Dashboard")
    icon_name = "dashboard"
    watches = frozenset({Entity.EVENT, Entity.ATTENDEES, Entity.COMPANIES, Entity.SCANS})

    figures_shown = Signal()
    """The counts and the door section show what the event holds now."""

    def __init__(self, context: EventContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self._figures_task: BackgroundTask | None = None
        self._figures_again = False
        content = QWidget()
        layout = QVBoxLayout(content)
        layout.setContentsMargins(28, 24, 28, 24)
        layout.setSpacing(10)

        self.event_name = QLabel()
        self.event_name.setObjectName("screenTitle")
        self.event_name.setWordWrap(True)
        self.event_name.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.when_where = QLabel()
        self.when_where.setObjectName("screenSubtitle")
        self.when_where.setWordWrap(True)
        layout.addWidget(self.event_name)
        layout.addWidget(self.when_where)
        layout.addSpacing(12)

        self.cards = {
            "registered": _Card(self.tr("registered attendees")),
            "checked_in": _Card(self.tr("checked in")),
            "cancelled": _Card(self.tr("cancelled")),
            "companies": _Card(self.tr("companies")),
            "exhibitor_staff": _Card(self.tr("exhibitor staff")),
            "consenting": _Card(self.tr("share contact with exhibitors")),
        }
        grid = QGridLayout()
        grid.setSpacing(12)
        for position, card in enumerate(self.cards.values()):
            grid.addWidget(card, position // 3, position % 3)
        layout.addLayout(grid)
        layout.addSpacing(12)

        by_type = QFrame()
        by_type.setObjectName("card")
        type_layout = QGridLayout(by_type)
        type_layout.setContentsMargins(16, 12, 16, 12)
        type_layout.setHorizontalSpacing(16)
        heading = QLabel(self.tr("Registered attendees by ticket type"))
        heading.setObjectName("sectionTitle")
        type_layout.addWidget(heading, 0, 0, 1, 3)
        self.type_rows: dict[str, tuple[QLabel, QProgressBar]] = {}
        for row, ticket in enumerate(TicketType, start=1):
            name = QLabel(ticket_label(ticket.value))
            count = QLabel("–")
            count.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            bar = QProgressBar()
            bar.setTextVisible(False)
            bar.setFixedHeight(8)
            type_layout.addWidget(name, row, 0)
            type_layout.addWidget(count, row, 1)
            type_layout.addWidget(bar, row, 2)
            self.type_rows[ticket.value] = (count, bar)
        type_layout.setColumnStretch(2, 1)
        layout.addWidget(by_type)
        layout.addSpacing(12)
        self.door = DoorActivity(context)
        layout.addWidget(self.door)
        layout.addSpacing(12)
        self.hub_desks = HubDesks(context)
        layout.addWidget(self.hub_desks)

        self.location = QLabel()
        self.location.setObjectName("emptyHint")
        self.location.setWordWrap(True)
        self.location.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addSpacing(6)
        layout.addWidget(self.location)
        layout.addStretch(1)

        scroll = QScrollArea()
        scroll.setWidget(content)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

    def refresh(self) -> None:
        """The event's name at once; its figures from the pool (see `_load_figures`)."""
        summary = self.context.summary
        self.event_name.setText(summary.name)
        parts = [summary.venue] if summary.venue else []
        parts.append(f"{summary.when} ({summary.timezone})")
        parts.append(self.tr("event code {code}").format(code=summary.code))
        self.when_where.setText("  ·  ".join(parts))
        self._load_figures()

    @property
    def loading(self) -> bool:
        """The figures are being read (tests and the start-up benchmark wait for this)."""
        return self._figures_task is not None

    def _load_figures(self) -> None:
        """Count the event's people and read the scan log on the thread pool.

        These are full-table counts (~40 ms for 50,000 people, more on a shared PostgreSQL
        event) and the dashboard is the first screen of every open: on the GUI thread they
        would hold back the first paint of the window. The cards show "–" for that moment.
        One read at a time; changes that arrive meanwhile ask for one more afterwards.
        """
        if self._figures_task is not None:
            self._figures_again = True
            return
        doc = self.context.require_document()

        def read(_progress: Progress) -> tuple[EventStats, DoorFigures]:
            return event_stats(doc=doc), door_figures(doc=doc)

        self._figures_again = False
        self._figures_task = run_in_background(
            read,
            parent=None,
            title=self.tr("Counting the event's people"),
            on_result=self._figures_loaded,
            on_error=self._figures_failed,
            show_progress_after_ms=None,
        )

    def _figures_loaded(self, figures: tuple[EventStats, DoorFigures]) -> None:
        if not shiboken6.isValid(self):  # the event was closed while its figures were read
            return
        self._figures_task = None
        if self._figures_again:
            self._load_figures()
            return
        stats, door = figures
        self._show_stats(stats)
        self.door.show_figures(stats, door)
        self.location.setText(self.tr("Stored in {location}").format(location=stats.location))
        self.figures_shown.emit()

    def _figures_failed(self, message: str) -> None:
        # The event closed under the read, or a shared database is out of reach for a moment:
        # the next change or the door's poll reads again.
        if shiboken6.isValid(self):
            self._figures_task = None
            self.location.setText(message)

    def _show_stats(self, stats: EventStats) -> None:
        number = self.locale().toString
        registered = stats.registered

        def share(part: int, whole: int) -> str:
            return self.tr("{percent}% of {whole}").format(
                percent=round(100 * part / whole), whole=number(whole)
            )

        self.cards["registered"].set(
            number(registered), self.tr("{n} in total").format(n=number(stats.attendees))
        )
        self.cards["checked_in"].set(
            number(stats.checked_in), share(stats.checked_in, registered) if registered else ""
        )
        self.cards["cancelled"].set(number(stats.cancelled))
        self.cards["companies"].set(number(stats.companies))
        self.cards["exhibitor_staff"].set(number(stats.exhibitor_staff))
        consenting_of = share(stats.consenting, stats.attendees) if stats.attendees else ""
        self.cards["consenting"].set(number(stats.consenting), consenting_of)
        for ticket, (count, bar) in self.type_rows.items():
            value = stats.by_ticket_type.get(ticket, 0)
            count.setText(number(value))
            bar.setRange(0, max(registered, 1))
            bar.setValue(value)
