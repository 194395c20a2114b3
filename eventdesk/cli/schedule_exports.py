"""The schedule's export kinds for `eventdesk export`: `schedule` (PDF per attendee, per
company or the master grid), `ics` (a folder of calendar files) and `meetings` (CSV).

Plain functions with the `ExportKind` signature; `cli.export` lists them in its registry.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from eventdesk.domain.progress import Progress
from eventdesk.i18n import _, ngettext
from eventdesk.persistence.document import EventDocument
from eventdesk.services.matchmaking.exports import (
    PerWhat,
    export_calendars,
    export_meetings_csv,
    export_schedule_pdf,
)


def add_schedule_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--per",
        choices=[p.value for p in PerWhat],
        default=PerWhat.ATTENDEE.value,
        help="a page per attendee (marks them printed), per company table, or the master grid",
    )


def write_schedule(doc: EventDocument, out: Path, args: argparse.Namespace, progress: Progress) -> str:
    per = PerWhat(args.per)
    result = export_schedule_pdf(doc=doc, per=per, output=out, progress=progress)
    pages = ngettext("Wrote {n} page", "Wrote {n} pages", result.pages)
    if per is PerWhat.ATTENDEE:
        items = ngettext("({n} person) to {path}.", "({n} people) to {path}.", result.items, path=result.path)
    elif per is PerWhat.COMPANY:
        items = ngettext(
            "({n} company) to {path}.", "({n} companies) to {path}.", result.items, path=result.path
        )
    else:
        items = ngettext("({n} table) to {path}.", "({n} tables) to {path}.", result.items, path=result.path)
    line = f"{pages} {items}"
    if per is PerWhat.ATTENDEE and result.missing_qr:
        line += " " + _("This copy of the event has no signing key, so the pages carry no badge QR.")
    return line


def write_calendars(doc: EventDocument, out: Path, args: argparse.Namespace, progress: Progress) -> str:
    files = export_calendars(doc=doc, folder=out, progress=progress)
    return ngettext(
        "Wrote {n} calendar file (.ics) to {folder}.",
        "Wrote {n} calendar files (.ics) to {folder}.",
        len(files),
        folder=out,
    )


def write_meetings(doc: EventDocument, out: Path, args: argparse.Namespace, progress: Progress) -> str:
    result = export_meetings_csv(doc=doc, output=out, progress=progress)
    return ngettext(
        "Wrote {n} meeting to {path}.", "Wrote {n} meetings to {path}.", result.items, path=result.path
    )
