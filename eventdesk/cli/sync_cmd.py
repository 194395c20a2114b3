"""`eventdesk sync DESK.eventdesk`: one sync round; exit 0 only when the hub was reached."""

from __future__ import annotations

import argparse
import json

from eventdesk.persistence.document import EventDocument

EXIT_UNREACHABLE = 1


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "sync",
        help="send this desk's scans and edits to the hub and fetch everyone else's (one round)",
        description="One sync round for a desk replica: push its queue, pull the hub's changes. "
        "Exit status 0 means the hub was reached.",
    )
    parser.add_argument("desk", metavar="DESK.eventdesk")
    parser.add_argument("--json", action="store_true", help="print what was sent and received as JSON")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from eventdesk.sync.rounds import DeskSync

    doc = EventDocument.open(args.desk)
    try:
        desk = DeskSync(doc)
        try:
            report = desk.run_round()
            status = desk.status
        finally:
            desk.close()
    finally:
        doc.close()
    if args.json:
        print(
            json.dumps(
                {
                    "reached": report.reached,
                    "problem": report.problem,
                    "sent": report.sent.__dict__,
                    "received": {"rows": report.received.rows, "deleted": report.received.deleted},
                    "cursor": report.received.cursor,
                    "unsent_scans": status.unsent_scans,
                    "unsent_edits": status.unsent_edits,
                    "status": status.text(),
                }
            )
        )
    else:
        print(report.summary())
    return 0 if report.reached else EXIT_UNREACHABLE
