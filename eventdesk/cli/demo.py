"""`eventdesk demo PATH`: a realistic life-science career fair to try, test and benchmark on."""

from __future__ import annotations

import argparse
import time

from eventdesk.cli.terminal import progress_line
from eventdesk.i18n import _, ngettext
from eventdesk.i18n.values import Fixed
from eventdesk.services.demo import DemoSpec, generate_demo
from eventdesk.services.search import store_people_index


def _positive(text: str) -> int:
    value = int(text)
    if value < 0:
        raise argparse.ArgumentTypeError(_("expected a number ≥ 0, got {text}", text=text))
    return value


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("demo", help="write a demo career-fair event")
    parser.add_argument("event", metavar="PATH", help="the .eventdesk file (or PostgreSQL URL) to write")
    parser.add_argument("--attendees", type=_positive, default=DemoSpec.attendees, metavar="N")
    parser.add_argument("--companies", type=_positive, default=DemoSpec.companies, metavar="M")
    parser.add_argument("--seed", type=int, default=DemoSpec.seed, metavar="S")
    parser.add_argument("--force", action="store_true", help="replace PATH if it exists")
    parser.add_argument("--open", action="store_true", help="open the event in the app afterwards")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    spec = DemoSpec(attendees=args.attendees, companies=args.companies, seed=args.seed)
    started = time.perf_counter()
    with progress_line() as progress:
        doc = generate_demo(target=args.event, spec=spec, overwrite=args.force, progress=progress)
        location = doc.display_location
        written = time.perf_counter() - started
        try:
            progress.report(0, 0, _("Preparing the people search…"))
            store_people_index(doc=doc)
        finally:
            doc.close()
    attendees = ngettext("{n} attendee", "{n} attendees", spec.attendees)
    companies = ngettext("{n} company", "{n} companies", spec.companies)
    print(
        _(
            "Wrote {location}: {attendees}, {companies} (seed {seed}) in {seconds} s; "
            "people search prepared in {search_seconds} s.",
            location=location,
            attendees=attendees,
            companies=companies,
            seed=spec.seed,
            seconds=Fixed(written),
            search_seconds=Fixed(time.perf_counter() - started - written),
        )
    )
    if args.open:
        from eventdesk.cli.display import require_display

        require_display()
        from eventdesk import startup_gc

        startup_gc.hold()  # before the app's imports; the window releases it once usable
        from eventdesk.app import run_gui

        return run_gui(open_target=location)
    return 0
