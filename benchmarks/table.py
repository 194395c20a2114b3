"""One row of the benchmark table: a figure, what it measured, its target, and a baseline
measured in the same run (so a slow machine shows up in both columns, not as a regression)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Row:
    figure: str
    measured: str
    target: str
    baseline: str
    met: bool


def render(rows: list[Row]) -> str:
    """A Markdown table, pasted as is into benchmarks/README.md."""
    header = ("Figure", "Measured", "Target", "Baseline (same run)", "Met")
    lines = [header, *((r.figure, r.measured, r.target, r.baseline, "yes" if r.met else "NO") for r in rows)]
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    out = []
    for n, line in enumerate(lines):
        out.append("| " + " | ".join(cell.ljust(w) for cell, w in zip(line, widths, strict=True)) + " |")
        if n == 0:
            out.append("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    return "\n".join(out)
