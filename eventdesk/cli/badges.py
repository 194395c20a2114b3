"""`eventdesk badges EVENT -o OUT.pdf`: badge PDFs without the window (the night before, in bulk).

Layout, fields and colours come from this machine's badge settings (the same ones the
Badges screen uses); `--layout` overrides the layout for one run.
"""

from __future__ import annotations

import argparse
import dataclasses

from eventdesk.cli.terminal import progress_line
from eventdesk.domain.errors import EventdeskError
from eventdesk.exports.badges.layouts import layout_listing
from eventdesk.i18n import _, ngettext
from eventdesk.i18n.values import Count, Fixed
from eventdesk.persistence.document import EventDocument
from eventdesk.services.badges.batches import BadgeSelection, badge_options, create_badge_pdf
from eventdesk.settings import Settings


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(_("expected a number, got “{text}”", text=text)) from None
    if value < 1:
        raise argparse.ArgumentTypeError(_("expected a number ≥ 1, got {text}", text=text))
    return value


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "badges",
        help="write a PDF of signed QR badges",
        description="Write one PDF with a badge for each selected attendee and record them as printed.",
    )
    parser.add_argument("event", metavar="EVENT", nargs="?", help="a .eventdesk file or a PostgreSQL URL")
    parser.add_argument("-o", "--output", metavar="OUT.pdf", help="the PDF to write")
    parser.add_argument("--layout", metavar="NAME", help="badge layout (see --list-layouts)")
    parser.add_argument("--list-layouts", action="store_true", help="list the badge layouts and exit")
    parser.add_argument("--only-unprinted", action="store_true", help="only badges not printed yet")
    parser.add_argument(
        "--attendee",
        metavar="ID",
        type=_positive,
        nargs="+",
        action="extend",
        default=[],
        help="these attendees",
    )
    parser.add_argument("--ticket-type", metavar="T", help="visitor, exhibitor, speaker, organiser or press")
    parser.add_argument("--company", metavar="ID", type=_positive, help="the staff of this company")
    parser.add_argument(
        "--reprint", action="store_true", help="issue new badge versions; the badges people hold stop working"
    )
    crop = parser.add_mutually_exclusive_group()
    crop.add_argument("--crop-marks", dest="crop_marks", action="store_true", default=None)
    crop.add_argument("--no-crop-marks", dest="crop_marks", action="store_false")
    parser.add_argument(
        "--processes", metavar="N", type=_positive, help="worker processes (default: automatic)"
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    if args.list_layouts:
        print(layout_listing())
        return 0
    if not args.event or not args.output:
        raise EventdeskError(_("Give the event and the PDF to write: eventdesk badges EVENT -o OUT.pdf."))
    options = badge_options(settings=Settings())
    if args.layout:
        options = dataclasses.replace(options, layout=args.layout)
    if args.crop_marks is not None:
        options = dataclasses.replace(options, crop_marks=args.crop_marks)
    selection = BadgeSelection(
        only_unprinted=args.only_unprinted,
        ticket_type=args.ticket_type,
        company_id=args.company,
        attendee_ids=tuple(args.attendee),
    )
    doc = EventDocument.open(args.event)
    with progress_line() as progress:
        try:
            result = create_badge_pdf(
                doc=doc,
                output=args.output,
                selection=selection,
                options=options,
                reprint=args.reprint,
                progress=progress,
                processes=args.processes,
            )
        finally:
            doc.close()
    for note in result.notes:
        print(
            _(
                "attendee {id} ({name}): {problem}",
                id=note.attendee_id,
                name=note.name,
                problem=note.message,
            )
        )
    if result.output is None:
        print(_("Nothing to print: no attendee matches (cancelled tickets get no badge)."))
        return 0
    reprinted = (
        ngettext(
            "; {n} reprinted, its older badge revoked",
            "; {n} reprinted, their older badges revoked",
            result.reprinted,
        )
        if result.reprinted
        else ""
    )
    print(
        ngettext(
            "Wrote {file}: {n} badge",
            "Wrote {file}: {n} badges",
            result.badges,
            file=result.output,
        )
        + ngettext(" on {n} page", " on {n} pages", result.pages)
        + _(
            ", layout {layout}, {size} KB in {seconds} s",
            layout=result.layout,
            size=Count(round(result.bytes_written / 1024)),
            seconds=Fixed(result.seconds),
        )
        + reprinted
        + "."
    )
    return 0
