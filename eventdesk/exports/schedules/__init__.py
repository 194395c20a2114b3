"""Schedule printouts (reportlab, bundled fonts): per attendee, per company, master grid.

The services build the plain records of `sheet` from the event; the writers here know
nothing of the database. Pages are drawn straight onto the canvas (no flowables) because
the per-attendee batch is 2,000 pages and has to take seconds, not minutes.
"""

from eventdesk.exports.schedules.attendee import write_attendee_schedules
from eventdesk.exports.schedules.company import write_company_schedules
from eventdesk.exports.schedules.grid import write_master_grid
from eventdesk.exports.schedules.sheet import (
    CompanyMeeting,
    CompanySheet,
    GridColumn,
    PersonMeeting,
    PersonSheet,
    ScheduleSheet,
    SheetSlot,
)

__all__ = [
    "CompanyMeeting",
    "CompanySheet",
    "GridColumn",
    "PersonMeeting",
    "PersonSheet",
    "ScheduleSheet",
    "SheetSlot",
    "write_attendee_schedules",
    "write_company_schedules",
    "write_master_grid",
]
