"""`eventdesk import EVENT FILE`: import attendees or companies from a spreadsheet, headless.

The kinds come from `services.importing.registry`, so a new kind (matchmaking wishes, …)
appears here as a `--kind` choice without touching this module. Output: a short summary
and the rows that were skipped, rejected, merged or warned about, each with its line
and column; `--json` prints the whole report, `--report FILE` writes it as CSV or XLSX.

An import that would merge many rows into other people is refused (exit 2, nothing
written) until `--allow-merges` confirms it; the merges are listed grouped by reason first,
since a misread column shows as one large group ("same ticket code Yes: 35").
"""

from __future__ import annotations

import argparse
import json

from eventdesk.cli.terminal import progress_line
from eventdesk.domain.errors import EventdeskError
from eventdesk.domain.sharing import CONSENT_RULE
from eventdesk.i18n import gettext, ngettext
from eventdesk.persistence.document import EventDocument
from eventdesk.services.importing import IMPORT_KINDS, ImportReport, Outcome, import_file, load_overrides
from eventdesk.services.search import store_people_index

SHOWN_ENTRIES = 40
SHOWN_GROUPS = 10
SHOWN_LINES = 8


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "import",
        help="import attendees or companies from CSV, TSV or XLSX",
        description=(
            "Import FILE into EVENT. Exports of Eventbrite, pretix, Tito, Luma, Meetup, Google Forms and "
            "Microsoft Forms are recognised from their headers; other files get a mapping guessed from the "
            "column names (English, Dutch, French, German, Danish, Swedish), which --mapping corrects. "
            "All or nothing: on any error the event is left as it was."
        ),
    )
    parser.add_argument("event", metavar="EVENT")
    parser.add_argument("file", metavar="FILE", help="a .csv, .tsv, .txt or .xlsx file")
    parser.add_argument(
        "--kind",
        choices=sorted(IMPORT_KINDS),
        default="attendees",
        help="what the file holds (default: attendees)",
    )
    parser.add_argument("--dry-run", action="store_true", help="report what would happen; change nothing")
    parser.add_argument("--json", action="store_true", help="print the full report as JSON")
    parser.add_argument(
        "--mapping",
        metavar="JSON",
        help='column overrides, inline or a file: \'{"Voornaam": "given_name", "Notes": null}\'',
    )
    parser.add_argument("--report", metavar="OUT", help="also write the report's rows to OUT (.csv or .xlsx)")
    parser.add_argument(
        "--allow-merges",
        action="store_true",
        help="go ahead when more than 5%% of the rows (or more than 20) would be merged into other people",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    overrides = load_overrides(args.mapping) if args.mapping else None
    doc = EventDocument.open(args.event)
    with progress_line(quiet=args.json) as progress:
        try:
            outcome = import_file(
                doc=doc,
                path=args.file,
                kind=args.kind,
                overrides=overrides,
                dry_run=args.dry_run,
                progress=progress,
                allow_merges=args.allow_merges,
            )
            if not args.dry_run:
                # The window's search reads the cache this leaves (services.search).
                progress.report(0, 0, "Preparing the people search…")
                store_people_index(doc=doc)
        except EventdeskError as error:
            # A kind that refuses a whole file (wishes, availability) still says what was wrong
            # with every row, then the one-sentence error follows on stderr.
            refused = getattr(error, "report", None)
            if isinstance(refused, ImportReport):
                _print_report(refused, args, refused=True)
            raise
        finally:
            doc.close()
    report = outcome.report
    _print_report(report, args)
    return 0


def _print_report(report: ImportReport, args: argparse.Namespace, *, refused: bool = False) -> None:
    if args.report:
        report.write_csv(args.report)
    if args.json:
        print(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
        return
    if not refused or report.mass_merge:
        # Refused for its merges, the columns are what to check: one of them may be misread.
        layout = report.platform or gettext("Unrecognised layout (columns guessed)")
        print(f"{layout} · {report.source}")
        mapped = [f"{column} → {field}" for column, field in report.mapping.items() if field]
        print(gettext("Columns: {columns}", columns="; ".join(mapped)))
        for note in report.column_notes:
            print("  " + gettext("Note: {note}", note=note))
    if not refused:
        print(report.summary)
        if report.kind == "attendees":
            print(gettext(CONSENT_RULE))
        if report.dry_run and report.mass_merge:
            print(gettext("Without --allow-merges this import stops: {why}", why=report.mass_merge))
    if report.mass_merge:
        print(gettext("Merges by reason:"))
        for reason, entries in report.merge_groups()[:SHOWN_GROUPS]:
            lines = ", ".join(e.lines for e in entries[:SHOWN_LINES])
            if len(entries) > SHOWN_LINES:
                lines += ", " + gettext("… ({n} more)", n=len(entries) - SHOWN_LINES)
            print(f"  {len(entries):>6}  " + gettext("{reason}: lines {lines}", reason=reason, lines=lines))
        if refused:
            return
    listed = [e for e in report.sorted_entries() if e.outcome is not Outcome.UPDATED]
    for entry in listed[:SHOWN_ENTRIES]:
        where = gettext("line {line}", line=entry.lines)
        column = f" [{entry.column}]" if entry.column else ""
        print(f"  {where:<14} {entry.outcome.label:<8}{column} {entry.reason}")
    if len(listed) > SHOWN_ENTRIES:
        more = len(listed) - SHOWN_ENTRIES
        print(
            "  "
            + ngettext(
                "… and {n} more (--report FILE or --json lists them all)",
                "… and {n} more (--report FILE or --json lists them all)",
                more,
            )
        )
