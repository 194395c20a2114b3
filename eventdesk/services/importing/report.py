"""What an import did, row by row where it matters, in a form a dialog, a CSV and JSON share.

Counts add up: every data row of the file is exactly one of created, updated, unchanged
(the first row of a person), merged (a further row of the same person), skipped (not a
person) or rejected (a person that cannot be stored). Warnings are extra: a row can be
created and still have its invalid e-mail left out.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from enum import StrEnum
from pathlib import Path

from eventdesk.exports.spreadsheet import write_table


class Outcome(StrEnum):
    CREATED = "created"
    UPDATED = "updated"
    UNCHANGED = "unchanged"
    MERGED = "merged"
    SKIPPED = "skipped"
    REJECTED = "rejected"
    WARNING = "warning"


@dataclass(frozen=True)
class ReportEntry:
    """One row's story. `last_line` is set when consecutive rows share it (empty rows)."""

    line: int
    outcome: Outcome
    reason: str
    column: str = ""
    last_line: int | None = None

    @property
    def lines(self) -> str:
        return (
            f"{self.line}–{self.last_line}"
            if self.last_line and self.last_line != self.line
            else str(self.line)
        )


@dataclass
class ImportReport:
    file: str
    kind: str
    source: str = ""
    platform: str = ""
    mapping: dict[str, str | None] = field(default_factory=dict)
    dry_run: bool = False
    rows_read: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    merged: int = 0
    skipped: int = 0
    rejected: int = 0
    entries: list[ReportEntry] = field(default_factory=list)

    @property
    def warnings(self) -> int:
        return sum(1 for e in self.entries if e.outcome is Outcome.WARNING)

    def add(self, line: int, outcome: Outcome, reason: str, column: str = "") -> None:
        if outcome is Outcome.SKIPPED:
            self.skipped += 1
        elif outcome is Outcome.REJECTED:
            self.rejected += 1
        elif outcome is Outcome.MERGED:
            self.merged += 1
        self.entries.append(ReportEntry(line, outcome, reason, column))

    def add_empty_row(self, line: int) -> None:
        """Consecutive empty rows (Excel's trailing ";;;;" lines) become one entry."""
        self.skipped += 1
        last = self.entries[-1] if self.entries else None
        if (
            last is not None
            and last.outcome is Outcome.SKIPPED
            and last.reason == EMPTY_ROW
            and (last.last_line or last.line) == line - 1
        ):
            self.entries[-1] = ReportEntry(last.line, last.outcome, last.reason, last.column, line)
        else:
            self.entries.append(ReportEntry(line, Outcome.SKIPPED, EMPTY_ROW))

    def sorted_entries(self) -> list[ReportEntry]:
        return sorted(self.entries, key=lambda e: (e.line, list(Outcome).index(e.outcome)))

    @property
    def summary(self) -> str:
        verb = "Would import" if self.dry_run else "Imported"
        text = (
            f"{verb} {self.file}: {self.rows_read} rows read, {self.created} created, "
            f"{self.updated} updated, {self.unchanged} unchanged, {self.merged} merged, "
            f"{self.skipped} skipped, {self.rejected} rejected, {self.warnings} warnings."
        )
        return text

    def as_dict(self) -> dict[str, object]:
        data = asdict(self)
        data["warnings"] = self.warnings
        data["entries"] = [
            {
                "line": e.line,
                "last_line": e.last_line,
                "outcome": e.outcome.value,
                "column": e.column,
                "reason": e.reason,
            }
            for e in self.sorted_entries()
        ]
        return data

    def write_csv(self, path: str | Path) -> Path:
        """The entries as a spreadsheet the organiser can sort and fix the source file with."""
        rows = [[e.lines, e.outcome.value, e.column, e.reason] for e in self.sorted_entries()]
        return write_table(path, ["Line", "Outcome", "Column", "Reason"], rows, title="Import report")


EMPTY_ROW = "empty row"
