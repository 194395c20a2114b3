"""All meetings as one CSV: the columns the issue fixes, times in ISO 8601 with the offset.

Written through `spreadsheet.write_table` (UTF-8 with BOM, CRLF, formula-like cells
neutralised, written atomically). Times are formatted here rather than as datetime cells,
because the shared writer puts a space between date and time and the format asked for is
the ISO 8601 "T" form with the event's UTC offset.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from eventdesk.domain.progress import NO_PROGRESS, Progress
from eventdesk.exports.spreadsheet import write_table

HEADERS = (
    "attendee_id",
    "attendee_email",
    "attendee_name",
    "company_id",
    "company",
    "slot_start",
    "slot_end",
    "table",
    "score",
)


@dataclass(frozen=True)
class MeetingLine:
    attendee_id: int
    attendee_email: str
    attendee_name: str
    company_id: int
    company: str
    start: datetime
    """Aware, in the event's time zone."""
    end: datetime
    table: int
    score: float


def write_meetings_csv(
    path: Path, meetings: Sequence[MeetingLine], *, progress: Progress = NO_PROGRESS
) -> Path:
    if not path.suffix:
        path = path.with_suffix(".csv")
    rows = (
        (
            m.attendee_id,
            m.attendee_email,
            m.attendee_name,
            m.company_id,
            m.company,
            m.start.isoformat(timespec="minutes"),
            m.end.isoformat(timespec="minutes"),
            m.table,
            round(m.score, 2),
        )
        for m in meetings
    )
    return write_table(path, HEADERS, rows, title="Meetings", total=len(meetings), progress=progress)
