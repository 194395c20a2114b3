"""`eventdesk demo PATH`: a realistic life-science career fair to try, test and benchmark on."""

from __future__ import annotations

import argparse
import time

from eventdesk.cli.terminal import progress_line
from eventdesk.services.demo import DemoSpec, generate_demo
from eventdesk.services.search import store_people_index


def _positive(text: str) -> int:
    value = int(text)
    if value < 0:
        raise argparse.ArgumentTypeError(f"expected a number ≥ 0, got {text}")
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
            progress.report(0, 0, "Preparing the people search…")
            store_people_index(doc=doc)
        finally:
            doc.close()
    print(
        f"Wrote {location}: {spec.attendees} attendees, {spec.companies} companies "
        f"(seed {spec.seed}) in {written:.1f} s; people search prepared in "
        f"{time.perf_counter() - started - written:.1f} s."
    )
    if args.open:
        from eventdesk.cli.display import require_display

        require_display()
        from eventdesk.app import run_gui

        return run_gui(open_target=location)
    return 0
