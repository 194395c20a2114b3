"""The attendee list as a Qt table: an adapter over `services.people.lists.list_attendee_rows`.

Issue-3 work (editing, bulk actions, undo, people search) extends this model through its
roles rather than by reading widgets: a view asks for `RecordRole.ID` of the selected rows
and hands those ids to a service.
"""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor, QFont

from eventdesk.domain.enums import AttendeeStatus, TicketType
from eventdesk.services.people.lists import AttendeeRow
from eventdesk.ui.models.records import Column, FoldCache, RecordRole, RecordTableModel


class AttendeeRole(IntEnum):
    COMPANY_ID = RecordRole.FIRST_FREE + 1
    TICKET_TYPE = RecordRole.FIRST_FREE + 2
    """The stored ticket type value (`TicketType`), not its label."""
    STATUS = RecordRole.FIRST_FREE + 3
    """The stored status value (`AttendeeStatus`)."""
    CONSENT = RecordRole.FIRST_FREE + 4
    CHECKED_IN = RecordRole.FIRST_FREE + 5


class AttendeeColumn(IntEnum):
    NAME = 0
    ORGANISATION = 1
    EMAIL = 2
    TICKET_TYPE = 3
    STATUS = 4
    CONSENT = 5
    COMPANY = 6
    CHECKED_IN = 7


def _tr(text: str) -> str:
    return QCoreApplication.translate("AttendeeTableModel", text)


def ticket_label(value: str) -> str:
    """The ticket type as people say it; an unknown stored value shows as stored."""
    try:
        return _tr(TicketType(value).label)
    except ValueError:
        return value


def status_label(value: str) -> str:
    labels = {
        AttendeeStatus.REGISTERED.value: _tr("Registered"),
        AttendeeStatus.CANCELLED.value: _tr("Cancelled"),
    }
    return labels.get(value, value)


_CANCELLED_COLOUR = QColor("#8a979f")
# Plain values for `row_data`, which runs for every cell and role on screen (see records).
_CANCELLED = AttendeeStatus.CANCELLED.value
_FOREGROUND_ROLE = int(Qt.ItemDataRole.ForegroundRole)
_FONT_ROLE = int(Qt.ItemDataRole.FontRole)
_TOOLTIP_ROLE = int(Qt.ItemDataRole.ToolTipRole)
_FIRST_ATTENDEE_ROLE = int(AttendeeRole.COMPANY_ID)
_NAME_COLUMN = int(AttendeeColumn.NAME)


class AttendeeTableModel(RecordTableModel):
    """One row per attendee; cancelled people stay in the list, greyed and struck through.

    The name column sorts by family name, then given name, with accents folded so that
    Ødegård sorts among the O's rather than after Z.
    """

    def __init__(self, rows: list[AttendeeRow] | None = None, parent: Any = None) -> None:
        fold_name = FoldCache()
        yes, no = _tr("Yes"), _tr("No")
        inside = _tr("✓ Inside")
        ticket_labels = {t.value: ticket_label(t.value) for t in TicketType}
        status_labels = {s.value: status_label(s.value) for s in AttendeeStatus}
        self.columns = (
            Column(
                _tr("Name"),
                lambda r: r.name,
                sort_key=lambda r: (fold_name(r.family_name), fold_name(r.given_name), r.id),
                tooltip=_tr("Sorted by family name, then given name"),
            ),
            Column(_tr("Organisation"), lambda r: r.organisation),
            Column(_tr("E-mail"), lambda r: r.email, sort_key=lambda r: r.email.casefold()),
            Column(
                _tr("Ticket type"), lambda r: ticket_labels.get(r.ticket_type) or ticket_label(r.ticket_type)
            ),
            Column(_tr("Status"), lambda r: status_labels.get(r.status) or status_label(r.status)),
            Column(
                _tr("Consent"),
                lambda r: yes if r.consent_share else no,
                sort_key=lambda r: not r.consent_share,
                tooltip=_tr("Agreed to share contact details with exhibitors"),
            ),
            Column(_tr("Company"), lambda r: r.company_name),
            Column(
                _tr("Checked in"),
                lambda r: inside if r.checked_in else "",
                sort_key=lambda r: not r.checked_in,
                tooltip=_tr("Inside now, according to the scans at the door"),
            ),
        )
        super().__init__(rows or (), parent)
        self._strike = QFont()
        self._strike.setStrikeOut(True)

    def search_text_at(self, row: int) -> str:
        return self._rows[row].search_text

    def row_data(self, record: AttendeeRow, column: int, role: int) -> Any:
        if role == _FOREGROUND_ROLE:
            return _CANCELLED_COLOUR if record.status == _CANCELLED else None
        if role == _FONT_ROLE:
            return self._strike if column == _NAME_COLUMN and record.status == _CANCELLED else None
        if role == _TOOLTIP_ROLE:
            return record.name if column == _NAME_COLUMN else None
        if role < _FIRST_ATTENDEE_ROLE:
            return None
        if role == AttendeeRole.COMPANY_ID:
            return record.company_id
        if role == AttendeeRole.TICKET_TYPE:
            return record.ticket_type
        if role == AttendeeRole.STATUS:
            return record.status
        if role == AttendeeRole.CONSENT:
            return record.consent_share
        if role == AttendeeRole.CHECKED_IN:
            return record.checked_in
        return None

    def roleNames(self) -> dict[int, bytes]:
        names = super().roleNames()
        names.update({int(role): role.name.lower().encode() for role in AttendeeRole})
        return names
