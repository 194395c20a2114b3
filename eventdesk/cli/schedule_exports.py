"""The schedule's export kinds for `eventdesk export`: `schedule` (PDF per attendee, per
company or the master grid), `ics` (a folder of calendar files) and `meetings` (CSV).

Plain functions with the `ExportKind` signature; `cli.export` lists them in its registry.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from eventdesk.domain.progress import Progress
from eventdesk.persistence.document import EventDocument
from eventdesk.services.matchmaking.exports import (
    PerWhat,
    export_calendars,
    export_meetings_csv,
    export_schedule_pdf,
)

_WHAT = {PerWhat.ATTENDEE: "people", PerWhat.COMPANY: "companies", PerWhat.GRID: "tables"}


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
    line = f"Wrote {result.pages:,} pages ({result.items:,} {_WHAT[per]}) to {result.path}."
    if per is PerWhat.ATTENDEE and result.missing_qr:
        line += " This copy of the event has no signing key, so the pages carry no badge QR."
    return line


def write_calendars(doc: EventDocument, out: Path, args: argparse.Namespace, progress: Progress) -> str:
    files = export_calendars(doc=doc, folder=out, progress=progress)
    return f"Wrote {len(files):,} calendar files (.ics) to {out}."


def write_meetings(doc: EventDocument, out: Path, args: argparse.Namespace, progress: Progress) -> str:
    result = export_meetings_csv(doc=doc, output=out, progress=progress)
    return f"Wrote {result.items:,} meetings to {result.path}."
