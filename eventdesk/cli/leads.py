"""`eventdesk leads …`: exhibitor kits, merging them back, lead exports and scriptable booth scans."""

from __future__ import annotations

import argparse
import json

from eventdesk.i18n import _
from eventdesk.persistence.document import EventDocument
from eventdesk.services.leads.booth import BoothScan, LeadScanner
from eventdesk.services.leads.export import export_leads
from eventdesk.services.leads.kits import make_kit, merge_kits

# A refused booth scan (another event's badge, a forgery, not a badge) is not a usage error (2).
EXIT_REFUSED = 1


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "leads",
        help="exhibitor leads: kits for the booth, merging them back, exports, booth scans",
        description=(
            "Exhibitor lead capture. Contact details travel and are exported only for attendees "
            "who agreed to share them with exhibitors."
        ),
    )
    actions = parser.add_subparsers(dest="leads_command", metavar="ACTION", required=True)

    kit = actions.add_parser(
        "kit",
        help="write a company's exhibitor kit (an event file without the signing key)",
        description=(
            "Write KIT.eventdesk for one company: the public key, the company, its staff and meetings, "
            "and only attendees who agreed to share their details, with only what an exhibitor may see."
        ),
    )
    kit.add_argument("event", metavar="EVENT")
    kit.add_argument("--company", type=int, required=True, metavar="ID", help="the company's id")
    kit.add_argument("-o", "--output", required=True, metavar="KIT.eventdesk")
    kit.add_argument("--force", action="store_true", help="replace an existing kit file")
    kit.set_defaults(handler=run_kit)

    merge = actions.add_parser(
        "merge",
        help="bring the leads of exhibitor kits back into the event",
        description="Merge the leads of one or more kits into EVENT; merging a kit again adds nothing twice.",
    )
    merge.add_argument("event", metavar="EVENT")
    merge.add_argument("kits", metavar="KIT", nargs="+")
    merge.set_defaults(handler=run_merge)

    export = actions.add_parser(
        "export",
        help="write a company's leads as CSV, XLSX or PDF",
        description="Export the company's leads; the format follows OUT's suffix (.csv, .xlsx or .pdf).",
    )
    export.add_argument("event", metavar="EVENT|KIT")
    export.add_argument("--company", type=int, metavar="ID", help="the company's id (a kit knows its own)")
    export.add_argument("-o", "--output", required=True, metavar="OUT")
    export.set_defaults(handler=run_export)

    scan = actions.add_parser(
        "scan",
        help="record a scanned badge as a lead (exit 0 when recorded)",
        description="Record CODE as the booth would; exit status 1 when nothing was recorded.",
    )
    scan.add_argument("event", metavar="EVENT|KIT")
    scan.add_argument("code", metavar="CODE", help="the scanned or typed badge code")
    scan.add_argument("--company", type=int, metavar="ID", help="the company's id (a kit knows its own)")
    scan.add_argument("--staff", required=True, metavar="NAME", help="who is at the booth")
    scan.add_argument("--rating", metavar="R", help="hot, warm, cold or 1–5")
    scan.add_argument("--note", default="", metavar="TEXT", help="a note added to the lead")
    scan.add_argument("--tag", action="append", default=[], metavar="TAG", help="a tag (repeatable)")
    scan.add_argument("--json", action="store_true", help="print the outcome as JSON")
    scan.set_defaults(handler=run_scan)


def run_kit(args: argparse.Namespace) -> int:
    doc = EventDocument.open(args.event)
    try:
        made = make_kit(doc=doc, company_id=args.company, path=args.output, overwrite=args.force)
    finally:
        doc.close()
    print(made.summary)
    print(_("Written to {path}", path=made.path))
    return 0


def run_merge(args: argparse.Namespace) -> int:
    doc = EventDocument.open(args.event)
    try:
        report = merge_kits(doc=doc, paths=args.kits)
    finally:
        doc.close()
    print(report.summary)
    return 0


def run_export(args: argparse.Namespace) -> int:
    doc = EventDocument.open(args.event)
    try:
        exported = export_leads(doc=doc, company_id=args.company, path=args.output)
    finally:
        doc.close()
    print(exported.summary)
    return 0


def run_scan(args: argparse.Namespace) -> int:
    doc = EventDocument.open(args.event)
    try:
        scanner = LeadScanner(doc=doc, company_id=args.company, staff=args.staff)
        result = scanner.scan(args.code, rating=args.rating, note=args.note, tags=args.tag)
    finally:
        doc.close()
    print(json.dumps(result.as_dict(), ensure_ascii=False, indent=2) if args.json else _line(result))
    return 0 if result.recorded else EXIT_REFUSED


def _line(result: BoothScan) -> str:
    return f"{result.outcome.value.upper()}: {result.message}"
