"""The one benchmark runner: `python -m benchmarks.run [--quick] [--only NAME] [--write-readme]`.

Every `benchmarks/bench_<name>.py` module has `run(quick: bool) -> list[Row]`; the runner
imports each, collects their rows and prints one Markdown table. `--write-readme` also puts
that table into benchmarks/README.md between the two marker lines, with when and where it ran.
"""

from __future__ import annotations

import argparse
import importlib
import os
import platform
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

from benchmarks.table import Row, render

HERE = Path(__file__).resolve().parent
README = HERE / "README.md"
TABLE_START = "<!-- benchmark-table:start -->"
TABLE_END = "<!-- benchmark-table:end -->"


def benchmark_names() -> list[str]:
    return sorted(path.stem.removeprefix("bench_") for path in HERE.glob("bench_*.py"))


def run_benchmarks(names: list[str], *, quick: bool) -> list[Row]:
    rows: list[Row] = []
    for name in names:
        module = importlib.import_module(f"benchmarks.bench_{name}")
        started = time.perf_counter()
        print(f"running bench_{name}{' (quick)' if quick else ''} …", file=sys.stderr, flush=True)
        rows.extend(module.run(quick))
        print(f"  bench_{name} took {time.perf_counter() - started:.0f} s", file=sys.stderr, flush=True)
    return rows


def machine_line(*, quick: bool) -> str:
    cpu = platform.processor() or platform.machine()
    return (
        f"Measured {datetime.now(UTC):%Y-%m-%d %H:%M} UTC on {platform.system()} {platform.machine()} "
        f"({os.cpu_count()} cores{', ' + cpu if cpu != platform.machine() else ''}), "
        f"Python {platform.python_version()}{', --quick' if quick else ''}."
    )


def write_readme(table: str, *, quick: bool) -> None:
    text = README.read_text("utf-8")
    if TABLE_START not in text or TABLE_END not in text:
        raise SystemExit(f"{README} has no {TABLE_START} … {TABLE_END} markers to put the table between.")
    before, rest = text.split(TABLE_START, 1)
    _, after = rest.split(TABLE_END, 1)
    README.write_text(
        f"{before}{TABLE_START}\n{table}\n\n{machine_line(quick=quick)}\n{TABLE_END}{after}", "utf-8"
    )


def main(argv: list[str] | None = None) -> int:
    known = benchmark_names()
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="smaller events and fewer repeats")
    parser.add_argument("--only", action="append", choices=known, metavar="NAME", help=f"one of {known}")
    parser.add_argument("--write-readme", action="store_true", help="put the table into benchmarks/README.md")
    args = parser.parse_args(argv)

    rows = run_benchmarks(args.only or known, quick=args.quick)
    table = render(rows)
    print(table)
    if args.write_readme:
        write_readme(table, quick=args.quick)
        print(f"\nwrote the table into {README.relative_to(HERE.parent)}", file=sys.stderr)
    return 0 if all(row.met for row in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
