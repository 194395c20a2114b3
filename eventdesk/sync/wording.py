"""How a sync report names the rows it moved: "3 leads", not "3 lead" (the table's name).

A desk's volunteer reads these counts on the status line and from `eventdesk sync`; the
tables' names are the database's words, so each table the sync moves has its own plural
message here. A table added to the sync later shows as "N table_name" until it gets one.
"""

from __future__ import annotations

from collections.abc import Callable

from eventdesk.i18n import _, ngettext

# One plural message per table; each a call of its own so the catalogues extract both forms.
_ROWS: dict[str, Callable[[int], str]] = {
    "event": lambda n: ngettext("{n} event setting", "{n} event settings", n),
    "company": lambda n: ngettext("{n} company", "{n} companies", n),
    "attendee": lambda n: ngettext("{n} attendee", "{n} attendees", n),
    "external_code": lambda n: ngettext("{n} ticket code", "{n} ticket codes", n),
    "badge_print": lambda n: ngettext("{n} badge print", "{n} badge prints", n),
    "lead": lambda n: ngettext("{n} lead", "{n} leads", n),
    "attendee_edit": lambda n: ngettext("{n} edit history entry", "{n} edit history entries", n),
    "scan": lambda n: ngettext("{n} scan", "{n} scans", n),
    "export_audit": lambda n: ngettext("{n} record of an export", "{n} records of exports", n),
    "attendee removed": lambda n: ngettext("{n} deleted attendee", "{n} deleted attendees", n),
    "company removed": lambda n: ngettext("{n} deleted company", "{n} deleted companies", n),
    "lead removed": lambda n: ngettext("{n} deleted lead", "{n} deleted leads", n),
    "ticket code removed": lambda n: ngettext("{n} removed ticket code", "{n} removed ticket codes", n),
}
_ROWS["export"] = _ROWS["export_audit"]  # the feed's older name for the same rows


def rows_moved(table: str, n: int) -> str:
    """The count of `n` rows of `table` in the desk's language, such as "3 leads"."""
    words = _ROWS.get(table)
    return words(n) if words is not None else _("{n} {table}", n=n, table=table)
