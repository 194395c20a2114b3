"""`eventdesk stats EVENT [--json]`: what an event holds, for scripts and quick checks."""

from __future__ import annotations

import argparse
import json

from eventdesk.domain.enums import TicketType
from eventdesk.i18n import _
from eventdesk.persistence.document import EventDocument
from eventdesk.services.events import event_stats


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("stats", help="count attendees, companies and check-ins")
    parser.add_argument("event", metavar="EVENT")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    doc = EventDocument.open(args.event)
    try:
        stats = event_stats(doc=doc)
    finally:
        doc.close()
    if args.json:
        print(json.dumps(stats.as_dict(), ensure_ascii=False, indent=2))
        return 0
    rows = [
        (_("Event"), stats.event),
        (_("Location"), stats.location),
        (_("Attendees"), stats.attendees),
        ("  " + _("registered"), stats.registered),
        ("  " + _("cancelled"), stats.cancelled),
        (_("Checked in"), stats.checked_in),
        (_("Consent to share contact"), stats.consenting),
        (_("Companies"), stats.companies),
        (_("Exhibitor staff"), stats.exhibitor_staff),
        (_("Platform ticket codes"), stats.external_codes),
        (_("Scans logged"), stats.scans),
    ]
    rows += [(f"  {_ticket_label(kind)}", count) for kind, count in stats.by_ticket_type.items()]
    width = max(len(label) for label, _value in rows)
    for label, value in rows:
        print(f"{label:<{width}}  {value}")
    return 0


def _ticket_label(kind: str) -> str:
    """The ticket type as the badge names it; a value a newer eventdesk wrote stays as stored."""
    try:
        return TicketType(kind).label
    except ValueError:
        return kind
