"""`eventdesk join CODE -o DESK.eventdesk`: make this desk's replica of a hub's event."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from eventdesk.i18n import _, ngettext
from eventdesk.settings import Settings


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "join",
        help="join a hub: make this desk's own copy of its event (works on when the network fails)",
        description="Verify the hub the join code names, register this desk, and copy the event into "
        "DESK.eventdesk; the desk then scans from its copy and syncs with the hub.",
    )
    parser.add_argument("code", metavar="CODE", help="the join code the host shows (EDJ1-…)")
    parser.add_argument(
        "-o", "--output", required=True, metavar="DESK.eventdesk", help="the replica to write"
    )
    parser.add_argument("--desk", help="this desk's name (default: the machine's desk name)")
    parser.add_argument("--overwrite", action="store_true", help="replace an existing file")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from eventdesk.sync.replica import join

    desk = args.desk or Settings().desk_name()
    joined = join(args.code, Path(args.output), desk_name=desk, overwrite=args.overwrite)
    if args.json:
        print(
            json.dumps(
                {
                    "path": str(joined.path),
                    "desk": joined.desk_name,
                    "desk_number": joined.desk_number,
                    "attendees": joined.attendees,
                    "cursor": joined.cursor,
                    "may_print_badges": joined.may_print,
                }
            )
        )
    else:
        joined_line = ngettext(
            "Joined as desk “{desk}” (#{number}): {n} attendee in {path}",
            "Joined as desk “{desk}” (#{number}): {n} attendees in {path}",
            joined.attendees,
            desk=joined.desk_name,
            number=joined.desk_number,
            path=joined.path,
        )
        printing = (
            _("this desk may print badges.")
            if joined.may_print
            else _("this desk cannot print badges (no signing key).")
        )
        print(f"{joined_line}; {printing}")
    return 0
