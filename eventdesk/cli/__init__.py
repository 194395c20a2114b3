"""The `eventdesk` command: headless subcommands, and the desktop app when none is given.

Each subcommand lives in its own module with a `register(subparsers)` function that adds its
parser and sets `handler`; a handler returns the exit code. Expected failures are
`EventdeskError`s: one sentence on stderr, no traceback, a non-zero exit code.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from eventdesk import __version__
from eventdesk.cli import badges, checkin, demo, export, import_cmd, leads, open_event, schedule, stats
from eventdesk.domain.errors import EventdeskError

SUBCOMMANDS = (open_event, demo, stats, import_cmd, export, checkin, badges, leads, schedule)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="eventdesk",
        description=(
            "Run a career fair offline: events, attendees, QR badges, check-in desks, "
            "matchmaking and exhibitor leads. Without a command, starts the desktop app."
        ),
        epilog="EVENT is a .eventdesk file or a postgresql+psycopg://user@host/db URL.",
    )
    parser.add_argument("--version", action="version", version=f"eventdesk {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in SUBCOMMANDS:
        module.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command is None:
            from eventdesk.app import run_gui

            return run_gui()
        return int(args.handler(args))
    except EventdeskError as error:
        print(f"eventdesk: {error}", file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        print("eventdesk: interrupted; nothing half-written was kept.", file=sys.stderr)
        return 130
