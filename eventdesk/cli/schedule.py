"""`eventdesk schedule EVENT`: generate the matchmaking schedule without the window.

Options override the stored setup for this run *and* are kept in it, so the next run (and
the Matchmaking screen) starts from what was last used. The report — meetings, score, the
proven upper bound and the quality against it, people by number of meetings, table
utilisation, seconds — is printed as a table or, with `--json`, as JSON.
"""

from __future__ import annotations

import argparse
import json
from datetime import time

from eventdesk.cli.terminal import progress_line
from eventdesk.domain.matchmaking.model import Objective
from eventdesk.domain.matchmaking.scoring import ScoreMode
from eventdesk.i18n import _, current_language, gettext, ngettext
from eventdesk.i18n.formats import format_fixed, format_number
from eventdesk.i18n.values import Count, Fixed
from eventdesk.persistence.document import EventDocument
from eventdesk.services.matchmaking.plan import ScheduleReport, SetupOverrides, generate_schedule


def _count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(_("expected a whole number, got “{text}”", text=text)) from None
    if value < 0:
        raise argparse.ArgumentTypeError(_("expected a number ≥ 0, got {text}", text=text))
    return value


def _clock(text: str) -> time:
    try:
        hours, minutes = text.split(":")
        return time(int(hours), int(minutes))
    except ValueError:
        raise argparse.ArgumentTypeError(_("expected a time as HH:MM, got “{text}”", text=text)) from None


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "schedule",
        help="generate the 1:1 matchmaking schedule",
        description=(
            "Generate the matchmaking schedule: who meets which company, at which table, when. "
            "Options override the setup and are kept in it."
        ),
    )
    parser.add_argument("event", metavar="EVENT", help="a .eventdesk file or a PostgreSQL URL")
    parser.add_argument(
        "--objective",
        choices=[o.value for o in Objective],
        help="fair: first everyone a meeting, then a second, …; total: the highest sum of scores",
    )
    parser.add_argument(
        "--score",
        choices=[m.value for m in ScoreMode],
        help="what makes a good pair: tags, wishes and imported scores (combined), tags only, imported only",
    )
    parser.add_argument("--slots", type=_count, metavar="N", help="number of meeting slots")
    parser.add_argument("--start", type=_clock, metavar="HH:MM", help="start of the first slot (local time)")
    parser.add_argument("--minutes", type=_count, metavar="M", help="length of a meeting")
    parser.add_argument("--gap", type=_count, metavar="G", help="minutes between meetings")
    parser.add_argument(
        "--tables", type=_count, metavar="T", help="meeting tables per company (all companies)"
    )
    parser.add_argument("--max-meetings", type=_count, metavar="K", help="meetings per attendee at most")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    overrides = SetupOverrides(
        objective=Objective(args.objective) if args.objective else None,
        score_mode=ScoreMode(args.score) if args.score else None,
        slot_count=args.slots,
        start=args.start,
        meeting_minutes=args.minutes,
        gap_minutes=args.gap,
        tables=args.tables,
        max_meetings=args.max_meetings,
    )
    doc = EventDocument.open(args.event)
    with progress_line(quiet=args.json, pad=40) as progress:
        try:
            result = generate_schedule(doc=doc, overrides=overrides, progress=progress)
        finally:
            doc.close()
    if args.json:
        print(json.dumps(result.as_dict(), ensure_ascii=False, indent=2))
    else:
        print(render(result))
    return 0


def _left_out(count: int) -> str:
    if not count:
        return _("nobody (every registered visitor has interests or wishes)")
    return ngettext(
        "{n} registered visitor with no interests and no wishes: nothing to match them on",
        "{n} registered visitors with no interests and no wishes: nothing to match them on",
        count,
    )


def render(report: ScheduleReport) -> str:
    """The same figures as the window's Result, in the same words."""
    people = " · ".join(f"{k}: {v}" for k, v in report.people_by_meetings.items())
    best = report.best_possible_score
    best_text = (
        _("not measured for this version") if best is None else format_fixed(best, 2, current_language())
    )
    if report.score_percent is not None:
        best_text += " " + _("(the score is {percent} % of it)", percent=Fixed(report.score_percent))
    if report.optimal:
        certified = _("yes — {meaning}", meaning=gettext(report.certified))
    else:
        certified = _(
            "no — within {gap} % of the best the {objective} objective allows",
            gap=Fixed(100 - report.quality_percent, 2),
            objective=report.objective,
        )
    if report.unplaced:
        certified += " " + ngettext(
            "{n} chosen meeting found no free slot.",
            "{n} chosen meetings found no free slot.",
            report.unplaced,
        )
    rows = [
        (
            _("Schedule version"),
            _(
                "{version} ({objective} objective, {mode} scores)",
                version=report.version,
                objective=report.objective,
                mode=report.score_mode,
            ),
        ),
        (
            _("Participants"),
            ", ".join(
                (
                    ngettext("{n} person", "{n} people", report.participants),
                    ngettext("{n} company", "{n} companies", report.companies),
                    ngettext("{n} slot", "{n} slots", report.slots),
                )
            ),
        ),
        (_("Left out"), _left_out(report.left_out)),
        (_("Meetings"), format_number(report.meetings, current_language())),
        (
            _("People with a meeting"),
            ngettext(
                "{people} of {participants} ({n} without any)",
                "{people} of {participants} ({n} without any)",
                report.people_without_meetings,
                people=Count(report.people_with_meetings),
                participants=Count(report.participants),
            ),
        ),
        (_("Total score"), format_fixed(report.total_score, 2, current_language())),
        (_("Best possible score"), best_text),
        (_("Certified"), certified),
        (_("People by meetings"), people),
        (
            _("Table utilisation"),
            ngettext(
                "{percent} % of {n} table slot",
                "{percent} % of {n} table slots",
                report.table_slots,
                percent=Fixed(report.table_utilisation_percent),
            ),
        ),
        (_("Seconds"), format_fixed(report.seconds, 2, current_language())),
    ]
    width = max(len(label) for label, _value in rows)
    return "\n".join(f"{label:<{width}}  {value}" for label, value in rows)
