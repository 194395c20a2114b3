"""The company list as a Qt table: an adapter over `services.people.lists.list_company_rows`.

Sectors and hiring tags are stored as taxonomy keys and shown by their labels.
"""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt

from eventdesk.domain.taxonomy import sector_label, tag_label
from eventdesk.services.people.lists import CompanyRow
from eventdesk.ui.models.records import Column, RecordRole, RecordTableModel


class CompanyRole(IntEnum):
    HIRING_TAGS = RecordRole.FIRST_FREE + 1
    """The hiring tags as a tuple, for filters and matchmaking views."""
    STAFF_COUNT = RecordRole.FIRST_FREE + 2


class CompanyColumn(IntEnum):
    NAME = 0
    SECTOR = 1
    BOOTH = 2
    TABLES = 3
    HIRING = 4
    STAFF = 5


def _tr(text: str) -> str:
    return QCoreApplication.translate("CompanyTableModel", text)


def _booth_key(row: CompanyRow) -> tuple[str, int, str]:
    # "B2" before "B10": booths are numbered by people, so sort the digits as a number.
    letters = "".join(ch for ch in row.booth if not ch.isdigit())
    digits = "".join(ch for ch in row.booth if ch.isdigit())
    return (letters.casefold(), int(digits) if digits else -1, row.booth)


class CompanyTableModel(RecordTableModel):
    def __init__(self, rows: list[CompanyRow] | None = None, parent: Any = None) -> None:
        self.columns = (
            Column(_tr("Company"), lambda r: r.name),
            Column(_tr("Sector"), lambda r: sector_label(r.sector)),
            Column(_tr("Booth"), lambda r: r.booth, sort_key=_booth_key),
            Column(
                _tr("Tables"),
                lambda r: str(r.meeting_tables),
                sort_key=lambda r: r.meeting_tables,
                numeric=True,
                tooltip=_tr("Meeting tables for 1:1 interviews"),
            ),
            Column(_tr("Hiring"), lambda r: ", ".join(tag_label(tag) for tag in r.hiring_tags)),
            Column(
                _tr("Staff"),
                lambda r: str(r.staff_count),
                sort_key=lambda r: r.staff_count,
                numeric=True,
                tooltip=_tr("Exhibitor staff registered for this company"),
            ),
        )
        super().__init__(rows or (), parent)

    def row_data(self, record: CompanyRow, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole and column == CompanyColumn.HIRING and record.hiring_tags:
            return "\n".join(tag_label(tag) for tag in record.hiring_tags)
        if role == CompanyRole.HIRING_TAGS:
            return record.hiring_tags
        if role == CompanyRole.STAFF_COUNT:
            return record.staff_count
        return None

    def roleNames(self) -> dict[int, bytes]:
        names = super().roleNames()
        names.update({int(role): role.name.lower().encode() for role in CompanyRole})
        return names
