"""`eventdesk checkin EVENT CODE`: the door's verdict from a script; exit 0 only when admitted."""

from __future__ import annotations

import argparse
import json
import sys

from eventdesk.domain.errors import ValidationError
from eventdesk.i18n import _, ngettext
from eventdesk.persistence.document import EventDocument
from eventdesk.services.door.checkin import CheckInDesk, Verdict
from eventdesk.services.door.server_desk import ServerDesk
from eventdesk.settings import Settings

# Distinct non-zero codes so a script can tell "refused at the door" from a usage error (2).
EXIT_REFUSED = 1


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "checkin",
        help="check in a scanned badge or ticket code (exit 0 only when admitted)",
        description=(
            "Judge CODE as a desk would and log the scan. Exit status 0 means admitted, 1 refused, "
            "3 kept for later (a server event whose server does not answer; sent by the next run)."
        ),
    )
    parser.add_argument("event", metavar="EVENT")
    parser.add_argument("code", metavar="CODE", nargs="?", help="the scanned or typed code")
    parser.add_argument("--desk", help="desk name written into the scan log (default: this machine's)")
    parser.add_argument("--undo", type=int, metavar="ATTENDEE_ID", help="undo this attendee's check-in")
    parser.add_argument("--reason", default="", help="why the check-in is undone (with --undo)")
    parser.add_argument("--json", action="store_true", help="print the verdict as JSON")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    if (args.code is None) == (args.undo is None):
        raise ValidationError(_("Give either a CODE to check in or --undo ATTENDEE_ID, not both."))
    doc = EventDocument.open(args.event)
    try:
        from eventdesk.sync.replica import replica_info

        if replica_info(doc) is not None:
            verdict = _at_replica(doc, args)
        else:
            desk = CheckInDesk(doc=doc, desk=args.desk or Settings().desk_name())
            if args.undo is not None:
                verdict = desk.undo(args.undo, reason=args.reason)
            elif doc.is_sqlite:
                verdict = desk.scan(args.code)
            else:
                # On a server event, scans an earlier run kept while the server was away go first.
                on_server = ServerDesk(desk)
                waiting = on_server.waiting
                verdict = on_server.scan(args.code)
                if waiting:
                    print(
                        ngettext(
                            "Sent {n} scan that was waiting.", "Sent {n} scans that were waiting.", waiting
                        ),
                        file=sys.stderr,
                    )
    finally:
        doc.close()
    print(json.dumps(verdict.as_dict(), ensure_ascii=False, indent=2) if args.json else _line(verdict))
    if args.undo is not None:
        return 0
    return 0 if verdict.admitted else EXIT_REFUSED


def _at_replica(doc: EventDocument, args: argparse.Namespace) -> Verdict:
    """A desk replica decides as its window does: in the hub when it answers within the
    budget, else on its own (the scan then waits in the outbox for `eventdesk sync`)."""
    from eventdesk.sync.door import ReplicaDoor
    from eventdesk.sync.rounds import DeskSync

    sync = DeskSync(doc)
    door = ReplicaDoor(doc=doc, sync=sync, desk=args.desk, always_ask_hub=True)
    try:
        return door.undo(args.undo, reason=args.reason) if args.undo is not None else door.scan(args.code)
    finally:
        door.close()
        sync.close()


def _line(verdict: Verdict) -> str:
    who = f" — {verdict.name}" if verdict.name else ""
    org = f", {verdict.organisation}" if verdict.organisation else ""
    ticket = f" ({verdict.ticket_label})" if verdict.ticket_type else ""
    offline = _(" [decided offline: the hub did not answer in time]") if verdict.decided_offline else ""
    return f"{verdict.headline}{who}{org}{ticket}: {verdict.reason}{offline}"
