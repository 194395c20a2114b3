"""The dashboard's view of the door: who is inside per ticket type, arrivals per quarter hour, desks.

Everything comes from the scan log (`services.door.arrivals`), so desks on a shared PostgreSQL
event see each other's arrivals: besides reloading on every change of this window, the
section polls the log's mark every few seconds while it is visible.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCharts import QBarCategoryAxis, QBarSeries, QBarSet, QChart, QChartView, QValueAxis
from PySide6.QtCore import QMargins, Qt, QTimer
from PySide6.QtGui import QColor, QFont, QHideEvent, QPainter, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMainWindow,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from eventdesk.domain.changes import Changes, Entity
from eventdesk.domain.enums import TicketType
from eventdesk.i18n import ngettext
from eventdesk.services.door.arrivals import (
    ArrivalBucket,
    DeskActivity,
    arrivals_by_quarter,
    checked_in_by_ticket_type,
    desks_seen,
    scan_log_mark,
)
from eventdesk.services.events import EventStats
from eventdesk.settings import LAST_FOLDER
from eventdesk.ui.context import EventContext
from eventdesk.ui.models.list_table import ListTableModel
from eventdesk.ui.worker import BackgroundTask, run_in_background

if TYPE_CHECKING:
    from eventdesk.persistence.document import EventDocument

POLL_MS = 5000


@dataclass(frozen=True)
class DoorFigures:
    """What the door section shows, read in one go (on the thread pool, by the dashboard)."""

    inside: dict[str, int]
    buckets: list[ArrivalBucket]
    desks: list[DeskActivity]
    mark: tuple[int, Any] | None


def door_figures(*, doc: EventDocument) -> DoorFigures:
    return DoorFigures(
        inside=dict(checked_in_by_ticket_type(doc=doc)),
        buckets=list(arrivals_by_quarter(doc=doc)),
        desks=list(desks_seen(doc=doc)),
        mark=scan_log_mark(doc=doc),
    )


class DesksModel(ListTableModel):
    """Desks seen in the scan log: an adapter over `services.door.arrivals.desks_seen`."""

    DESK_ROLE = Qt.ItemDataRole.UserRole + 1

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.headers = (self.tr("Desk"), self.tr("Scans"), self.tr("Admitted"), self.tr("Last scan"))

    def set_desks(self, desks: Sequence[DeskActivity]) -> None:
        self.set_rows(desks)

    def cell(self, desk: DeskActivity, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return (desk.desk, f"{desk.scans:,}", f"{desk.admitted:,}", f"{desk.last_scan:%a %H:%M}")[column]
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (1, 2):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == self.DESK_ROLE:
            return desk
        return None


class ArrivalsChart(QChartView):
    """Admissions per quarter hour as bars; hours labelled, quarters in between left quiet."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("arrivalsChart")
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumHeight(240)
        self.buckets: list[ArrivalBucket] = []
        chart = QChart()
        chart.legend().hide()
        chart.setBackgroundRoundness(0)
        chart.setMargins(QMargins(4, 4, 4, 4))
        chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        self.setChart(chart)

    def set_buckets(self, buckets: Sequence[ArrivalBucket]) -> None:
        """Show the day of the latest arrival: a test scan a week before the doors opened
        would otherwise stretch the chart over hundreds of empty quarters."""
        day = buckets[-1].starts.date() if buckets else None
        self.buckets = [bucket for bucket in buckets if bucket.starts.date() == day]
        chart = self.chart()
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)
        bars = QBarSet(self.tr("Admitted"))
        bars.setColor(QColor("#0f766e"))
        bars.setBorderColor(QColor("#0f766e"))
        labels: list[str] = []
        for bucket in self.buckets:
            bars.append(bucket.admitted)
            # Category labels must differ; a quarter that is not on the hour shows its minutes.
            labels.append(f"{bucket.starts:%H:%M}")
        series = QBarSeries()
        series.setBarWidth(0.85)
        series.append(bars)
        chart.addSeries(series)
        x_axis = QBarCategoryAxis()
        x_axis.append(labels)
        small = QFont(self.font())
        small.setPointSizeF(max(6.5, small.pointSizeF() * (0.8 if len(labels) > 16 else 0.9)))
        x_axis.setLabelsFont(small)
        if len(labels) > 16:
            x_axis.setLabelsAngle(-90)
        y_axis = QValueAxis()
        top = max((b.admitted for b in self.buckets), default=0)
        y_axis.setRange(0, max(5, top + max(1, top // 10)))
        y_axis.setLabelFormat("%d")
        y_axis.setLabelsFont(small)
        y_axis.applyNiceNumbers()
        y_axis.setLabelFormat("%d")
        chart.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(y_axis, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(x_axis)
        series.attachAxis(y_axis)


class DoorActivity(QFrame):
    """A card on the dashboard; `refresh(stats)` is called by the dashboard's own refresh."""

    def __init__(self, context: EventContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        self.context = context
        heading = QLabel(self.tr("At the door"))
        heading.setObjectName("sectionTitle")
        self.export_button = QPushButton(self.tr("Who is inside…"))
        self.export_button.setToolTip(
            self.tr("The list of people inside, as CSV or PDF, for the fire marshal")
        )
        self.export_button.clicked.connect(self.choose_and_export)
        top = QHBoxLayout()
        top.addWidget(heading, 1)
        top.addWidget(self.export_button)

        self.by_type = QGridLayout()
        self.by_type.setHorizontalSpacing(18)
        self.type_labels: dict[str, QLabel] = {}
        for column, ticket in enumerate(TicketType):
            value = QLabel("–")
            value.setObjectName("cardValue")
            value.setStyleSheet("font-size: 15pt;")
            name = QLabel(self.tr(ticket.label))
            name.setObjectName("cardLabel")
            self.by_type.addWidget(value, 0, column)
            self.by_type.addWidget(name, 1, column)
            self.type_labels[ticket.value] = value

        self.chart_title = chart_title = QLabel(self.tr("Arrivals per 15 minutes"))
        chart_title.setObjectName("cardLabel")
        self.chart = ArrivalsChart()
        self.empty = QLabel(self.tr("No one has been checked in yet: the chart fills as people arrive."))
        self.empty.setObjectName("emptyHint")
        self.desks = DesksModel(self)
        self.desk_view = QTableView()
        self.desk_view.setObjectName("desksSeen")
        self.desk_view.setModel(self.desks)
        self.desk_view.verticalHeader().hide()
        self.desk_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.desk_view.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.desk_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.desk_view.setMaximumHeight(150)
        desks_title = QLabel(self.tr("Desks seen"))
        desks_title.setObjectName("cardLabel")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addLayout(top)
        layout.addLayout(self.by_type)
        layout.addSpacing(6)
        layout.addWidget(chart_title)
        layout.addWidget(self.chart)
        layout.addWidget(self.empty)
        layout.addWidget(desks_title)
        layout.addWidget(self.desk_view)

        self._mark: tuple[int, Any] | None = None
        self.poll = QTimer(self)
        self.poll.setInterval(POLL_MS)
        self.poll.timeout.connect(self.look_for_new_scans)

    def refresh(self, stats: EventStats) -> None:
        """Read the scan log and show it (on the calling thread; the dashboard reads it on the
        pool with `door_figures` and calls `show`)."""
        self.show_figures(stats, door_figures(doc=self.context.require_document()))

    def show_figures(self, stats: EventStats, figures: DoorFigures) -> None:
        number = self.locale().toString
        for ticket, label in self.type_labels.items():
            inside = figures.inside.get(ticket, 0)
            label.setText(f"{number(inside)} / {number(stats.by_ticket_type.get(ticket, 0))}")
        buckets = figures.buckets
        self.chart.set_buckets(buckets)
        if self.chart.buckets:
            self.chart_title.setText(
                self.tr("Arrivals per 15 minutes, {day}").format(
                    day=f"{self.chart.buckets[0].starts:%a %d %b}"
                )
            )
        self.chart.setVisible(bool(buckets))
        self.empty.setVisible(not buckets)
        self.desks.set_desks(figures.desks)
        self._mark = figures.mark

    def look_for_new_scans(self) -> None:
        """Scans written by other desks (another machine on the same database) show up here."""
        doc = self.context.document
        if doc is None or not self.isVisible():
            return
        try:
            mark = scan_log_mark(doc=doc)
        except Exception:  # the shared database out of reach for a moment: the next tick retries
            return
        if self._mark is not None and mark != self._mark:
            self._mark = mark
            self.context.notify(Changes.of(Entity.SCANS, summary=self.tr("Scans at other desks")))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.poll.start()

    def hideEvent(self, event: QHideEvent) -> None:
        self.poll.stop()
        super().hideEvent(event)

    # -- the fire marshal's list --------------------------------------------------------------

    def choose_and_export(self) -> None:
        folder = Path(self.context.settings.get(LAST_FOLDER) or Path.home())
        chosen, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Who is inside"),
            str(folder / self.tr("People inside.pdf")),
            self.tr("PDF to print (*.pdf);;CSV spreadsheet (*.csv)"),
        )
        if chosen:
            self.context.settings.set(LAST_FOLDER, str(Path(chosen).parent))
            self.export(Path(chosen))

    def export(self, path: Path) -> BackgroundTask:
        doc = self.context.require_document()
        return run_in_background(
            lambda _progress: _export(doc, path),
            parent=self,
            title=self.tr("Writing the list of people inside"),
            on_result=self._exported,
        )

    def _exported(self, result: tuple[Path, int]) -> None:
        path, count = result
        window = self.window()
        if isinstance(window, QMainWindow):
            window.statusBar().showMessage(
                ngettext(
                    "{n} person inside, written to {path}",
                    "{n} people inside, written to {path}",
                    count,
                    path=path,
                ),
                10_000,
            )


def _export(doc: Any, path: Path) -> tuple[Path, int]:
    # reportlab comes with this export; the dashboard shows first without it.
    from eventdesk.services.door.inside_export import export_people_inside

    return export_people_inside(doc=doc, path=path)
