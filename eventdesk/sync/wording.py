"""How a sync report names the rows it moved: "3 leads", not "3 lead" (the table's name).

A desk's volunteer reads these counts on the status line and from `eventdesk sync`; the
tables' names are the database's words, so each table the sync moves has its own plural
message here. A table added to the sync later shows as "N table_name" until it gets one.
"""

from __future__ import annotations

from eventdesk.i18n import _, ngettext


def rows_moved(table: str, n: int) -> str:
    if table == "event":
        return ngettext("{n} event setting", "{n} event settings", n)
    if table == "company":
        return ngettext("{n} company", "{n} companies", n)
    if table == "attendee":
        return ngettext("{n} attendee", "{n} attendees", n)
    if table == "external_code":
        return ngettext("{n} ticket code", "{n} ticket codes", n)
    if table == "badge_print":
        return ngettext("{n} badge print", "{n} badge prints", n)
    if table == "lead":
        return ngettext("{n} lead", "{n} leads", n)
    if table == "attendee_edit":
        return ngettext("{n} edit history entry", "{n} edit history entries", n)
    if table == "scan":
        return ngettext("{n} scan", "{n} scans", n)
    if table in ("export_audit", "export"):
        return ngettext("{n} record of an export", "{n} records of exports", n)
    if table == "attendee removed":
        return ngettext("{n} deleted attendee", "{n} deleted attendees", n)
    if table == "company removed":
        return ngettext("{n} deleted company", "{n} deleted companies", n)
    if table == "lead removed":
        return ngettext("{n} deleted lead", "{n} deleted leads", n)
    if table == "ticket code removed":
        return ngettext("{n} removed ticket code", "{n} removed ticket codes", n)
    return _("{n} {table}", n=n, table=table)
