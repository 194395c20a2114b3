"""A company's leads as a Qt table: an adapter over `services.leads.booth.list_leads`.

What a row shows is what the core's `LeadView` carries: for someone who did not agree to
share their details that is the core's neutral label and no organisation, so this model
cannot show more than the exports would.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from eventdesk.domain.text import fold
from eventdesk.services.leads.booth import LeadSource, LeadView
from eventdesk.ui.models.records import Column, RecordRole, RecordTableModel

NOTE_EXCERPT_CHARS = 80
_GREY = QBrush(QColor("#6b7a83"))
# Hot and 5/5 are the leads a company calls first; words and scores share one scale.
_RATING_RANK = {"hot": 5, "5": 5, "4": 4, "warm": 3, "3": 3, "2": 2, "cold": 1, "1": 1, "": 0}
_RATING_COLOURS = {"hot": "#b42318", "5": "#b42318", "4": "#c2410c", "warm": "#c2410c", "cold": "#1d4ed8"}


class LeadRole(IntEnum):
    LEAD = RecordRole.FIRST_FREE + 1
    """The `LeadView` of the row (the same object as `RecordRole.ROW`)."""
    SHARED = RecordRole.FIRST_FREE + 2
    """Whether the person agreed to share their details: False rows show no name."""
    RATING = RecordRole.FIRST_FREE + 3
    """The stored rating: "", hot/warm/cold or "1"–"5"."""


class LeadColumn(IntEnum):
    NAME = 0
    ORGANISATION = 1
    RATING = 2
    TAGS = 3
    NOTES = 4
    TIME = 5
    STAFF = 6
    SOURCE = 7
    VISITS = 8


def _tr(text: str) -> str:
    return QCoreApplication.translate("LeadTableModel", text)


def note_excerpt(notes: str) -> str:
    """The notes on one line, cut at a word: a table row is no place for a paragraph."""
    flat = " ".join(notes.split())
    if len(flat) <= NOTE_EXCERPT_CHARS:
        return flat
    return flat[:NOTE_EXCERPT_CHARS].rsplit(" ", 1)[0] + "…"


def source_label(source: str) -> str:
    return _tr("Meeting") if source == LeadSource.MEETING.value else _tr("Scan")


def rating_rank(rating: str) -> int:
    return _RATING_RANK.get(rating, 0)


class LeadFilter(IntEnum):
    """The "Show" choices above the lead list."""

    ALL = 0
    HOT = 1
    WARM = 2
    COLD = 3
    UNRATED = 4
    MEETINGS = 5
    VISITS = 6

    def label(self) -> str:
        return {
            LeadFilter.ALL: _tr("All leads"),
            LeadFilter.HOT: _tr("Hot, 4/5 and 5/5"),
            LeadFilter.WARM: _tr("Warm and 3/5"),
            LeadFilter.COLD: _tr("Cold, 1/5 and 2/5"),
            LeadFilter.UNRATED: _tr("Not rated yet"),
            LeadFilter.MEETINGS: _tr("From meetings"),
            LeadFilter.VISITS: _tr("Visits without details"),
        }[self]

    def accepts(self) -> Callable[[LeadView], bool] | None:
        if self is LeadFilter.ALL:
            return None
        if self is LeadFilter.HOT:
            return lambda lead: rating_rank(lead.rating) >= 4
        if self is LeadFilter.WARM:
            return lambda lead: rating_rank(lead.rating) == 3
        if self is LeadFilter.COLD:
            return lambda lead: rating_rank(lead.rating) in (1, 2)
        if self is LeadFilter.UNRATED:
            return lambda lead: not lead.rating
        if self is LeadFilter.MEETINGS:
            return lambda lead: lead.source == LeadSource.MEETING.value
        return lambda lead: not lead.shared


class LeadTableModel(RecordTableModel):
    """Newest first until a header is clicked; visits without details greyed and in italics."""

    def __init__(self, rows: Iterable[LeadView] = (), parent: Any = None) -> None:
        self._one_day = True
        self.columns = (
            Column(_tr("Name"), lambda r: r.label),
            Column(_tr("Organisation"), lambda r: r.organisation),
            Column(
                _tr("Rating"),
                lambda r: r.rating_label if r.rating else "",
                sort_key=lambda r: (rating_rank(r.rating), r.rating),
            ),
            Column(_tr("Tags"), lambda r: ", ".join(r.tags)),
            Column(_tr("Note"), lambda r: note_excerpt(r.notes)),
            Column(_tr("Time"), self._time_text, sort_key=lambda r: r.captured_at),
            Column(_tr("Staff"), lambda r: r.staff),
            Column(_tr("Source"), lambda r: source_label(r.source)),
            Column(
                _tr("Visits"),
                lambda r: str(r.visits),
                sort_key=lambda r: r.visits,
                numeric=True,
                tooltip=_tr("How often this person was scanned at the booth"),
            ),
        )
        super().__init__((), parent)
        self.set_rows(rows)

    def set_rows(self, rows: Iterable[Any]) -> None:
        rows = list(rows)
        # A one-day fair shows 10:42; a longer one needs the day too.
        self._one_day = len({lead.captured_at.date() for lead in rows}) <= 1
        super().set_rows(rows)

    def _time_text(self, lead: LeadView) -> str:
        return f"{lead.captured_at:%H:%M}" if self._one_day else f"{lead.captured_at:%a %d %b %H:%M}"

    def put(self, lead: LeadView) -> None:
        """Show `lead` as the core now has it: its row is replaced, or it is added.

        A booth reloads nothing after its own scan or save: reading a company's 2,000 leads
        back from the database takes a quarter of a second, the person is typing by then.
        """
        rows = self.all_rows()
        for number, shown in enumerate(rows):
            if shown.id == lead.id:
                rows[number] = lead
                break
        else:
            rows.insert(0, lead)
        self.set_rows(rows)

    def remove(self, lead_id: str) -> None:
        self.set_rows([lead for lead in self.all_rows() if lead.id != lead_id])

    def search_text_at(self, row: int) -> str:
        lead: LeadView = self._rows[row]
        parts = (lead.label, lead.organisation, lead.job_title, lead.notes, lead.staff, *lead.tags)
        return fold(" ".join(parts))

    def row_of_lead(self, lead_id: str) -> int | None:
        for number, lead in enumerate(self._rows):
            if lead.id == lead_id:
                return number
        return None

    def row_data(self, record: LeadView, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == LeadColumn.NAME and not record.shared:
                return _GREY
            if column == LeadColumn.RATING and record.rating in _RATING_COLOURS:
                return QBrush(QColor(_RATING_COLOURS[record.rating]))
            return None
        if role == Qt.ItemDataRole.FontRole:
            if column == LeadColumn.NAME and not record.shared:
                font = QFont()
                font.setItalic(True)
                return font
            if column == LeadColumn.RATING and rating_rank(record.rating) >= 4:
                font = QFont()
                font.setBold(True)
                return font
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(record, column)
        if role == LeadRole.LEAD:
            return record
        if role == LeadRole.SHARED:
            return record.shared
        if role == LeadRole.RATING:
            return record.rating
        return None

    def _tooltip(self, lead: LeadView, column: int) -> str | None:
        if column == LeadColumn.NAME and not lead.shared:
            return _tr("This visitor did not agree to share their contact details with exhibitors.")
        if column == LeadColumn.NAME and lead.job_title:
            return f"{lead.name}\n{lead.job_title}"
        if column == LeadColumn.NOTES and lead.notes:
            return lead.notes
        if column == LeadColumn.TIME:
            first = f"{lead.captured_at:%a %d %b %H:%M}"
            if lead.visits > 1:
                return _tr("First seen {first}, last seen {last} ({visits} visits)").format(
                    first=first, last=f"{lead.last_seen_at:%a %d %b %H:%M}", visits=lead.visits
                )
            return _tr("Seen {first}").format(first=first)
        return None

    def roleNames(self) -> dict[int, bytes]:
        names = super().roleNames()
        names.update({int(role): role.name.lower().encode() for role in LeadRole})
        return names
