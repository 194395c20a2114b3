"""`eventdesk selfcheck`: try the desktop features that load libraries at run time."""

from __future__ import annotations

import argparse
from pathlib import Path


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "selfcheck", help="check that the camera stack, charts and printing work on this machine"
    )
    parser.add_argument("--print", dest="print_pdf", type=Path, metavar="PDF", help="also print this PDF")
    parser.add_argument("-o", "--output", type=Path, metavar="FILE", help="where the printed PDF goes")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from eventdesk.ui.selfcheck import run_checks

    results = run_checks(print_pdf=args.print_pdf, printed=args.output)
    for result in results:
        print(f"{'ok  ' if result.ok else 'FAIL'} {result.name}: {result.detail}")
    return 0 if all(result.ok for result in results) else 1
