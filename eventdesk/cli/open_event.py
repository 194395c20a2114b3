"""`eventdesk open EVENT`: the desktop app on that event."""

from __future__ import annotations

import argparse

from eventdesk import startup_gc
from eventdesk.cli.display import require_display


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("open", help="open EVENT in the desktop app")
    parser.add_argument("event", metavar="EVENT", help="a .eventdesk file or a PostgreSQL URL")
    parser.add_argument(
        "--exit-when-ready",
        action="store_true",
        help="quit as soon as the main window is usable (smoke tests, start-up benchmark)",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    require_display()
    startup_gc.hold()  # before the app's imports; the window releases it once usable
    from eventdesk.app import run_gui

    return run_gui(open_target=args.event, exit_when_ready=args.exit_when_ready)
