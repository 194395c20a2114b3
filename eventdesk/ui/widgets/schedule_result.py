"""What the last generation or re-plan reported, in the organiser's terms: meetings, people
with at least one meeting, the total score beside the best score any schedule of this setup
could reach, whether that is certified, table use, and the meetings-per-person bars.

The figures are the core's `ScheduleReport.figures()`, exactly as `eventdesk schedule --json`
gives them; the panel lays them out with a tooltip saying what each one means. (The fair
objective's own bound is not a bound on the score, so it is never shown beside the score.)
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from eventdesk.domain.event import to_local
from eventdesk.i18n import ngettext
from eventdesk.services.matchmaking.plan import ScheduleReport
from eventdesk.ui.theme import ACCENT


class MeetingsHistogram(QWidget):
    """Bars of people by number of meetings; the 0 bar is red, since it is what `fair` fights."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("meetingsHistogram")
        self._counts: dict[int, int] = {}
        self.setMinimumHeight(180)
        self.setMaximumHeight(320)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def set_counts(self, counts: dict[int, int]) -> None:
        self._counts = dict(counts)
        self.setToolTip(
            "\n".join(
                ngettext(
                    "{n} person with {meetings}",
                    "{n} people with {meetings}",
                    people,
                    meetings=ngettext("{n} meeting", "{n} meetings", meetings),
                )
                for meetings, people in sorted(self._counts.items())
            )
        )
        self.update()

    def counts(self) -> dict[int, int]:
        return dict(self._counts)

    def sizeHint(self) -> QSize:
        return QSize(420, 200)

    def paintEvent(self, event: QPaintEvent) -> None:
        if not self._counts:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        metrics = painter.fontMetrics()
        top_pad, bottom_pad = metrics.height() + 6, metrics.height() + 8
        keys = list(range(0, max(self._counts) + 1))
        peak = max(self._counts.values()) or 1
        width = self.width() / max(len(keys), 1)
        bar = min(56.0, width * 0.7)
        height = self.height() - top_pad - bottom_pad
        painter.setPen(QPen(QColor("#dde3e8"), 1))
        painter.drawLine(0, int(top_pad + height), self.width(), int(top_pad + height))
        for n, meetings in enumerate(keys):
            people = self._counts.get(meetings, 0)
            x = n * width + (width - bar) / 2
            h = height * people / peak
            colour = QColor("#d1453b") if meetings == 0 else QColor(ACCENT)
            painter.fillRect(QRectF(x, top_pad + height - h, bar, h), colour)
            painter.setPen(QColor("#1c2b33"))
            painter.drawText(
                QRectF(n * width, top_pad + height - h - metrics.height() - 2, width, metrics.height()),
                Qt.AlignmentFlag.AlignCenter,
                self.locale().toString(people),
            )
            painter.setPen(QColor("#5b6b75"))
            painter.drawText(
                QRectF(n * width, top_pad + height + 4, width, metrics.height()),
                Qt.AlignmentFlag.AlignCenter,
                str(meetings),
            )
        painter.end()


class ScheduleResultPanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("scheduleResult")
        self.report: ScheduleReport | None = None
        self.headline = QLabel()
        self.headline.setObjectName("sectionTitle")
        self.headline.setWordWrap(True)
        self.quality_note = QLabel()
        self.quality_note.setObjectName("countLabel")
        self.quality_note.setWordWrap(True)

        self.figures: dict[str, QLabel] = {}
        cards = QGridLayout()
        cards.setSpacing(10)
        titles = (
            ("meetings", self.tr("Meetings"), self.tr("Meetings in the schedule, locked ones included.")),
            (
                "people_with_meetings",
                self.tr("People with a meeting"),
                self.tr("Participants with at least one meeting, of everyone taking part."),
            ),
            (
                "total_score",
                self.tr("Total score"),
                self.tr(
                    "The sum of every meeting's score: shared interests, wishes and shortlists, weighted."
                ),
            ),
            (
                "best_possible_score",
                self.tr("Best possible score"),
                self.tr(
                    "A proven upper bound: no schedule this setup allows (tables, slots, meetings "
                    "per person, must and never) reaches a higher total score."
                ),
            ),
            (
                "utilisation",
                self.tr("Table utilisation"),
                self.tr("Meetings as a share of every table in every slot."),
            ),
            ("seconds", self.tr("Seconds"), self.tr("How long generating the schedule took.")),
        )
        for n, (key, title, tip) in enumerate(titles):
            card = QFrame()
            card.setObjectName("card")
            card.setToolTip(tip)
            inner = QVBoxLayout(card)
            value = QLabel("—")
            value.setObjectName("cardValue")
            caption = QLabel(title)
            caption.setObjectName("cardLabel")
            caption.setWordWrap(True)
            inner.addWidget(value)
            inner.addWidget(caption)
            self.figures[key] = value
            self.figures[f"{key}_caption"] = caption
            cards.addWidget(card, n // 3, n % 3)

        self.histogram_title = QLabel(self.tr("People by number of meetings"))
        self.histogram_title.setObjectName("sectionTitle")
        self.histogram = MeetingsHistogram()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.headline)
        layout.addWidget(self.quality_note)
        layout.addLayout(cards)
        layout.addSpacing(8)
        layout.addWidget(self.histogram_title)
        layout.addWidget(self.histogram, 1)
        self.histogram_axis = QLabel(self.tr("meetings per person"))
        self.histogram_axis.setObjectName("countLabel")
        self.histogram_axis.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.histogram_axis)
        layout.addStretch(1)

    def show_report(self, report: ScheduleReport | None, *, timezone: str) -> None:
        self.report = report
        has = report is not None
        for widget in (self.histogram, self.histogram_title, self.histogram_axis):
            widget.setVisible(has)
        if report is None:
            self.headline.setText(self.tr("No schedule yet. Check the setup, then press Generate schedule."))
            self.quality_note.setText("")
            for key, label in self.figures.items():
                if not key.endswith("_caption"):
                    label.setText("—")
            self.histogram.set_counts({})
            return
        number = self.locale().toString
        when = to_local(report.generated_at, timezone)
        kind = self.tr("re-planned") if report.kind == "replanned" else self.tr("generated")
        self.headline.setText(
            self.tr(
                "Version {version}, {kind} {when} — {objective} objective, {mode} scores; "
                "{people}, {companies}, {slots}."
            ).format(
                version=report.version,
                kind=kind,
                when=f"{when:%d %b %H:%M}",
                objective=report.objective,
                mode=report.score_mode,
                people=ngettext("{n} participant", "{n} participants", report.participants),
                companies=ngettext("{n} company", "{n} companies", report.companies),
                slots=ngettext("{n} slot", "{n} slots", report.slots),
            )
        )
        figures = report.figures()
        decimal = self.locale().toString
        self.figures["meetings"].setText(number(report.meetings))
        self.figures["people_with_meetings"].setText(
            self.tr("{people} of {participants}").format(
                people=number(report.people_with_meetings), participants=number(report.participants)
            )
        )
        self.figures["total_score"].setText(decimal(report.total_score, "f", 2))
        best = report.best_possible_score
        self.figures["best_possible_score"].setText("—" if best is None else decimal(best, "f", 2))
        percent = report.score_percent
        self.figures["best_possible_score_caption"].setText(
            self.tr("Best possible score")
            if percent is None
            else self.tr("Best possible score (the schedule reaches {percent} %)").format(
                percent=decimal(percent, "f", 1)
            )
        )
        self.figures["utilisation"].setText(f"{decimal(report.table_utilisation_percent, 'f', 1)} %")
        self.figures["seconds"].setText(decimal(report.seconds, "f", 2))
        self.figures["utilisation_caption"].setText(
            ngettext(
                "Table utilisation ({n} table slot)",
                "Table utilisation ({n} table slots)",
                report.table_slots,
            )
        )
        if report.optimal and report.objective == "total":
            note = self.tr("Certified optimum: no schedule this setup allows has a higher total score.")
        elif report.optimal:
            note = self.tr(
                "Certified fairest: no schedule this setup allows gives more people a first meeting, "
                "then a second, and so on; among the fairest, none has a higher total score."
            )
        else:
            note = self.tr(
                "Not certified: within {gap} % of the best the {objective} objective allows."
            ).format(gap=decimal(100 - report.quality_percent, "f", 2), objective=report.objective)
        if report.people_without_meetings:
            note += " " + ngettext(
                "{n} participant has no meeting.",
                "{n} participants have no meeting.",
                report.people_without_meetings,
            )
        if report.unplaced:
            note += " " + ngettext(
                "{n} chosen meeting found no free slot.",
                "{n} chosen meetings found no free slot.",
                report.unplaced,
            )
        self.quality_note.setText(note)
        self.quality_note.setToolTip(str(figures["certified_means"]))
        self.histogram.set_counts(report.people_by_meetings)
