"""`eventdesk people history EVENT ATTENDEE`: a person's edit history, as the attendee dialog shows it."""

from __future__ import annotations

import argparse

from eventdesk.cli.listing import print_json, read_records
from eventdesk.i18n import _, ngettext
from eventdesk.services.people.history import HistoryEntry, person_history


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "people",
        help="one person's records: the edit history desks and the organiser made",
        description="What was recorded about one attendee.",
    )
    actions = parser.add_subparsers(dest="people_command", metavar="ACTION", required=True)
    history = actions.add_parser(
        "history",
        help="every field changed at a desk or on the hub, old → new, by whom, when, and which value won",
        description=(
            "Print the person's edit history, newest first. When two desks edited the same field "
            "offline, the later edit won and the other is listed as outvoted."
        ),
    )
    history.add_argument("event", metavar="EVENT")
    history.add_argument("attendee", type=int, metavar="ATTENDEE_ID")
    history.add_argument("--json", action="store_true", help="print the history as JSON")
    history.set_defaults(handler=run_history)


def run_history(args: argparse.Namespace) -> int:
    entries = read_records(args.event, lambda doc: person_history(doc=doc, attendee_id=args.attendee))
    if args.json:
        print_json(entries)
        return 0
    if not entries:
        print(_("No edits of attendee {id} have been recorded.", id=args.attendee))
        return 0
    print(
        ngettext(
            "{n} edit of attendee {id}, newest first:",
            "{n} edits of attendee {id}, newest first:",
            len(entries),
            id=args.attendee,
        )
    )
    for entry in entries:
        print(line(entry))
    return 0


def line(entry: HistoryEntry) -> str:
    return _(
        "{when} · {desk} · {field}: {previous} → {value} ({outcome})",
        when=entry.when,
        desk=entry.desk,
        field=entry.label,
        previous=entry.previous,
        value=entry.value,
        outcome=entry.outcome,
    )
