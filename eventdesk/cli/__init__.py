"""The `eventdesk` command: headless subcommands, and the desktop app when none is given.

Each subcommand lives in its own module with a `register(subparsers)` function that adds its
parser and sets `handler`; a handler returns the exit code. Expected failures are
`EventdeskError`s: one sentence on stderr, no traceback, a non-zero exit code.

Only the module of the command being run is imported: the subcommands pull in reportlab,
OR-Tools, openpyxl and icalendar, and the desktop app must not pay for them at start-up.
`--help` (or an unknown command) imports them all to list them.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import logging
import os
import signal
import sys
from collections.abc import Sequence

from eventdesk import __version__
from eventdesk.domain.errors import EventdeskError
from eventdesk.i18n import (
    LANGUAGE_VARIABLE,
    _,
    current_language,
    normalise_language,
    resolve_language,
    set_language,
)

# command name → module in this package, in the order `--help` lists them
COMMANDS = {
    "open": "open_event",
    "demo": "demo",
    "stats": "stats",
    "import": "import_cmd",
    "export": "export",
    "people": "people",
    "checkin": "checkin",
    "badges": "badges",
    "leads": "leads",
    "schedule": "schedule",
    "host": "host",
    "join": "join",
    "sync": "sync_cmd",
    "desks": "desks",
    "privacy": "privacy",
    "selfcheck": "selfcheck",
}


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The parser for every command, or for `only` that one when it is a known command."""
    parser = argparse.ArgumentParser(
        prog="eventdesk",
        description=(
            "Run a career fair offline: events, attendees, QR badges, check-in desks, "
            "matchmaking and exhibitor leads. Without a command, starts the desktop app."
        ),
        epilog="EVENT is a .eventdesk file or a postgresql+psycopg://user@host/db URL.",
    )
    parser.add_argument("--version", action="version", version=f"eventdesk {__version__}")
    parser.add_argument(
        "--lang",
        metavar="LANG",
        help="language of the output and the window: en, nl, fr, de, da or sv "
        f"(default: ${LANGUAGE_VARIABLE}, the language chosen in the app, the system's)",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    names = [only] if only in COMMANDS else list(COMMANDS)
    for name in names:
        importlib.import_module(f"eventdesk.cli.{COMMANDS[name]}").register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run a command; when the reader of its output goes away (`eventdesk stats EVENT | head`),
    stop quietly as a command killed by SIGPIPE would, with no traceback on stderr."""
    try:
        code = _run(argv)
        sys.stdout.flush()  # here, so a closed pipe is noticed now and not at interpreter exit
        return code
    except BrokenPipeError:
        # Python ignores SIGPIPE, so the write fails instead; the interpreter would fail again
        # flushing what is still buffered on its way out. Point stdout at /dev/null first.
        with contextlib.suppress(OSError, ValueError):
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        return 128 + signal.SIGPIPE if hasattr(signal, "SIGPIPE") else 1


class _SayOnStderr(logging.Handler):
    """Warnings of the core (a leftover `.part` removed) as one "eventdesk: …" line each."""

    def emit(self, record: logging.LogRecord) -> None:
        with contextlib.suppress(OSError, ValueError):
            print(f"eventdesk: {record.getMessage()}", file=sys.stderr)


def _run(argv: Sequence[str] | None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    core = logging.getLogger("eventdesk.leftovers")
    if not any(isinstance(handler, _SayOnStderr) for handler in core.handlers):
        core.addHandler(_SayOnStderr(logging.WARNING))
    command = next(
        (
            a
            for i, a in enumerate(arguments)
            if not a.startswith("-") and (i == 0 or arguments[i - 1] != "--lang")
        ),
        None,
    )
    parser = build_parser(only=command)
    args = parser.parse_args(arguments)
    before = current_language()
    try:
        _choose_language(args.lang)
        if args.command is None:
            from eventdesk.cli.display import require_display

            require_display()
            from eventdesk import startup_gc

            startup_gc.hold()  # before the app's imports; the window releases it once usable
            from eventdesk.app import run_gui

            return run_gui()
        return int(args.handler(args))
    except EventdeskError as error:
        print(f"eventdesk: {error}", file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        print(_("eventdesk: interrupted; nothing half-written was kept."), file=sys.stderr)
        return 130
    finally:
        set_language(before)


def _choose_language(explicit: str | None) -> None:
    """Set the language for this run (the window started from here uses it too)."""
    if explicit:
        code = normalise_language(explicit)
        if code is None:
            raise EventdeskError(
                _("--lang {value}: not a language eventdesk has (en, nl, fr, de, da, sv).", value=explicit)
            )
    from eventdesk.settings import LANGUAGE, Settings

    set_language(resolve_language(explicit, Settings().get(LANGUAGE)), chosen=True)
