"""`eventdesk export KIND EVENT -o OUT`: write part of an event to a file.

The kinds are a registry (`EXPORT_KINDS`): each says what it writes, which suffixes it
takes, and how; one may add its own options. Another export (schedules, iCalendar,
meetings, check-ins) is one `ExportKind` added to the tuple.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from eventdesk.cli import schedule_exports
from eventdesk.cli.terminal import progress_line
from eventdesk.domain.errors import ValidationError
from eventdesk.domain.progress import Progress
from eventdesk.i18n import _, ngettext
from eventdesk.persistence.document import EventDocument
from eventdesk.services.door.inside_export import export_people_inside
from eventdesk.services.people.export import export_attendees, export_companies


@dataclass(frozen=True)
class ExportKind:
    name: str
    help: str
    # Writes the file and returns the line to print, e.g. "Wrote 5,000 rows to OUT.csv."
    write: Callable[[EventDocument, Path, argparse.Namespace, Progress], str]
    suffixes: tuple[str, ...] = (".csv", ".xlsx")
    """The suffixes OUT may have; empty: OUT is a folder."""
    add_arguments: Callable[[argparse.ArgumentParser], None] | None = None


def _attendees(doc: EventDocument, out: Path, args: argparse.Namespace, progress: Progress) -> str:
    return export_attendees(doc=doc, path=out, progress=progress).summary


def _companies(doc: EventDocument, out: Path, args: argparse.Namespace, progress: Progress) -> str:
    return export_companies(doc=doc, path=out, progress=progress).summary


def _checkins(doc: EventDocument, out: Path, args: argparse.Namespace, progress: Progress) -> str:
    path, count = export_people_inside(doc=doc, path=out)
    return ngettext(
        "Wrote {n} person inside to {path}.", "Wrote {n} people inside to {path}.", count, path=path
    )


EXPORT_KINDS: tuple[ExportKind, ...] = (
    ExportKind(
        "attendees",
        "every attendee with every field, check-in state and platform ticket codes",
        _attendees,
    ),
    ExportKind("companies", "every company with its staff count", _companies),
    ExportKind(
        "schedule",
        "the matchmaking schedule as a PDF: per attendee, per company or the master grid",
        schedule_exports.write_schedule,
        suffixes=(".pdf",),
        add_arguments=schedule_exports.add_schedule_arguments,
    ),
    ExportKind(
        "ics",
        "an iCalendar file per attendee with meetings, into a folder",
        schedule_exports.write_calendars,
        (),
    ),
    ExportKind("meetings", "every meeting of the schedule, one row each", schedule_exports.write_meetings),
    ExportKind(
        "checkins",
        "who is inside now (checked in, not undone), for the fire marshal, as CSV or PDF",
        _checkins,
        suffixes=(".csv", ".pdf", ".xlsx"),
    ),
)


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "export",
        help="write attendees, companies … to CSV or XLSX",
        description=(
            "Write part of EVENT to OUT; the format follows OUT's suffix. Spreadsheet cells that Excel "
            "would run as formulas are neutralised."
        ),
    )
    kinds = parser.add_subparsers(dest="export_kind", metavar="KIND", required=True)
    for kind in EXPORT_KINDS:
        sub = kinds.add_parser(
            kind.name, help=kind.help, description=kind.help[:1].upper() + kind.help[1:] + "."
        )
        sub.add_argument("event", metavar="EVENT")
        suffixes = "|".join(kind.suffixes)
        sub.add_argument("-o", "--output", required=True, metavar=f"OUT{{{suffixes}}}" if suffixes else "DIR")
        if kind.add_arguments is not None:
            kind.add_arguments(sub)
        sub.set_defaults(handler=run, export=kind)


def run(args: argparse.Namespace) -> int:
    kind: ExportKind = args.export
    out = Path(args.output).expanduser()
    if kind.suffixes and out.suffix.lower() not in kind.suffixes:
        raise ValidationError(
            _(
                "{file}: {kind} can be exported as {suffixes}.",
                file=out.name,
                kind=kind.name,
                suffixes=", ".join(kind.suffixes),
            )
        )
    doc = EventDocument.open(args.event)
    with progress_line() as progress:
        try:
            line = kind.write(doc, out, args, progress)
        finally:
            doc.close()
    print(line)
    return 0
