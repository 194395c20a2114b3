"""`eventdesk stats EVENT [--json]`: what an event holds, for scripts and quick checks."""

from __future__ import annotations

import argparse
import json

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
        ("Event", stats.event),
        ("Location", stats.location),
        ("Attendees", stats.attendees),
        ("  registered", stats.registered),
        ("  cancelled", stats.cancelled),
        ("Checked in", stats.checked_in),
        ("Consent to share contact", stats.consenting),
        ("Companies", stats.companies),
        ("Exhibitor staff", stats.exhibitor_staff),
        ("Platform ticket codes", stats.external_codes),
        ("Scans logged", stats.scans),
    ]
    rows += [(f"  {kind}", count) for kind, count in stats.by_ticket_type.items()]
    width = max(len(label) for label, _ in rows)
    for label, value in rows:
        print(f"{label:<{width}}  {value}")
    return 0
