"""What an import did, row by row where it matters, in a form a dialog, a CSV and JSON share.

Counts add up: every data row of the file is exactly one of created, updated, unchanged
(the first row of a person), merged (a further row of the same person), skipped (not a
person) or rejected (a person that cannot be stored). Warnings and notes are extra: a row can be created and
still have its invalid e-mail left out (a warning), or share a group order's e-mail with
another ticket (a note: nothing is wrong, but it is worth knowing why they are two people).

Merges are what loses people when a column is misread, so they carry a `group` (the reason
with its value: "same ticket code Yes") for the review page, and `mass_merge` says when an
import merges so many rows that a person must confirm it first (`merge_guard`).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from eventdesk.exports.spreadsheet import write_table
from eventdesk.i18n import C_, N_, gettext, ngettext, pgettext

if TYPE_CHECKING:
    from collections.abc import Sequence


class Outcome(StrEnum):
    CREATED = "created"
    UPDATED = "updated"
    UNCHANGED = "unchanged"
    MERGED = "merged"
    SKIPPED = "skipped"
    REJECTED = "rejected"
    WARNING = "warning"
    NOTE = "note"

    @property
    def label(self) -> str:
        """The outcome in the current language (the value stays English in JSON)."""
        return pgettext("import outcome", _OUTCOME_LABELS[self])


# More merged rows than this share of the file, or than this many, and the import stops for
# a person to look: a real export repeats a person now and then, a misread column repeats
# one "person" on most rows.
MASS_MERGE_SHARE = 0.05
MASS_MERGE_ROWS = 20
# The share counts from this many merged rows on: one repeated registration in a list of
# ten is 10 % and no sign of a misread column.
MASS_MERGE_MIN_ROWS = 3


@dataclass(frozen=True)
class SamePersonQuestion:
    """A row whose e-mail belongs to someone already in the event under another name, with
    no ticket code to tell: a renamed person or a second person at a shared address. Only a
    person can say; until they do, the row is imported as another person."""

    line: int
    name: str
    email: str
    attendee_id: int
    existing_name: str


_OUTCOME_LABELS = {
    Outcome.CREATED: C_("import outcome", "created"),
    Outcome.UPDATED: C_("import outcome", "updated"),
    Outcome.UNCHANGED: C_("import outcome", "unchanged"),
    Outcome.MERGED: C_("import outcome", "merged"),
    Outcome.SKIPPED: C_("import outcome", "skipped"),
    Outcome.REJECTED: C_("import outcome", "rejected"),
    Outcome.WARNING: C_("import outcome", "warning"),
    Outcome.NOTE: C_("import outcome", "note"),
}


@dataclass(frozen=True)
class ReportEntry:
    """One row's story. `last_line` is set when consecutive rows share it (empty rows)."""

    line: int
    outcome: Outcome
    reason: str
    column: str = ""
    last_line: int | None = None
    group: str = ""
    name: str = ""
    """The person a merged row was merged into, for the review page."""

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
    column_notes: list[str] = field(default_factory=list)
    """What the preview said about columns: a guess refused by its values, consent left out."""
    questions: list[SamePersonQuestion] = field(default_factory=list)
    mass_merge: str = ""
    """Set when the import merges too many rows to go ahead unconfirmed (see `merge_guard`)."""
    matchmaking_left_out: int = 0
    """Visitors of this import with no interests and no wishes: matchmaking cannot place them."""

    @property
    def notes(self) -> int:
        return sum(1 for e in self.entries if e.outcome is Outcome.NOTE)

    @property
    def warnings(self) -> int:
        return sum(1 for e in self.entries if e.outcome is Outcome.WARNING)

    def add(
        self, line: int, outcome: Outcome, reason: str, column: str = "", *, group: str = "", name: str = ""
    ) -> None:
        if outcome is Outcome.SKIPPED:
            self.skipped += 1
        elif outcome is Outcome.REJECTED:
            self.rejected += 1
        elif outcome is Outcome.MERGED:
            self.merged += 1
        self.entries.append(ReportEntry(line, outcome, reason, column, group=group, name=name))

    def merge_groups(self) -> list[tuple[str, list[ReportEntry]]]:
        """The merged rows by reason, the largest group first (a misread column is one
        group holding most of the file)."""
        groups: dict[str, list[ReportEntry]] = {}
        for entry in self.sorted_entries():
            if entry.outcome is Outcome.MERGED:
                groups.setdefault(entry.group or entry.reason, []).append(entry)
        return sorted(groups.items(), key=lambda item: -len(item[1]))

    def merge_guard(self) -> str:
        """Why this import must be confirmed before it is written, or "" when it need not be."""
        by_share = self.merged >= MASS_MERGE_MIN_ROWS and self.merged > MASS_MERGE_SHARE * self.rows_read
        if self.merged <= MASS_MERGE_ROWS and not by_share:
            return ""
        groups = "; ".join(f"{reason}: {len(entries)}" for reason, entries in self.merge_groups()[:3])
        share = f"{MASS_MERGE_SHARE:.0%}"
        return ngettext(
            "{file}: {merged} of {n} row would be merged into other people ({groups}), more than "
            "{share} of the file or {most} rows; nothing was imported. Check that no column was taken for "
            "the wrong field (a yes/no question read as a ticket code), then confirm the merges "
            "(eventdesk import --allow-merges).",
            "{file}: {merged} of {n} rows would be merged into other people ({groups}), more than "
            "{share} of the file or {most} rows; nothing was imported. Check that no column was taken for "
            "the wrong field (a yes/no question read as a ticket code), then confirm the merges "
            "(eventdesk import --allow-merges).",
            self.rows_read,
            file=self.file,
            merged=self.merged,
            groups=groups,
            share=share,
            most=MASS_MERGE_ROWS,
        )

    def add_empty_row(self, line: int, *, last_line: int = 0) -> None:
        """Consecutive empty rows (Excel's trailing ";;;;" lines) become one entry; a workbook's
        skipped stretch of rows comes as one call with its `last_line`."""
        through = last_line or line
        self.skipped += through - line + 1
        last = self.entries[-1] if self.entries else None
        if (
            last is not None
            and last.outcome is Outcome.SKIPPED
            and last.reason == gettext(EMPTY_ROW)
            and (last.last_line or last.line) == line - 1
        ):
            self.entries[-1] = ReportEntry(last.line, last.outcome, last.reason, last.column, through)
        else:
            self.entries.append(
                ReportEntry(
                    line, Outcome.SKIPPED, gettext(EMPTY_ROW), last_line=through if through != line else None
                )
            )

    def sorted_entries(self) -> list[ReportEntry]:
        return sorted(self.entries, key=lambda e: (e.line, list(Outcome).index(e.outcome)))

    def count_phrases(self) -> list[str]:
        """Each count with its words in the form the count needs ("1 row read", "2 rows read");
        the CLI summary and the wizard both say them."""
        return [
            ngettext("{n} row read", "{n} rows read", self.rows_read),
            ngettext("{n} created", "{n} created", self.created),
            ngettext("{n} updated", "{n} updated", self.updated),
            ngettext("{n} unchanged", "{n} unchanged", self.unchanged),
            ngettext("{n} merged", "{n} merged", self.merged),
            ngettext("{n} skipped", "{n} skipped", self.skipped),
            ngettext("{n} rejected", "{n} rejected", self.rejected),
            ngettext("{n} warning", "{n} warnings", self.warnings),
        ]

    @property
    def summary(self) -> str:
        counts = ", ".join(self.count_phrases())
        if self.dry_run:
            text = gettext("Would import {file}: {counts}.", file=self.file, counts=counts)
        else:
            text = gettext("Imported {file}: {counts}.", file=self.file, counts=counts)
        return " ".join([text, *self.extra_sentences()])

    def extra_sentences(self) -> list[str]:
        """Notes and who matchmaking leaves out: said only when there are any."""
        sentences = []
        if notes := self.notes:
            sentences.append(
                ngettext("{n} note on a row (see the list).", "{n} notes on rows (see the list).", notes)
            )
        if left_out := self.matchmaking_left_out:
            if "interests" in self.mapping.values():
                sentences.append(
                    ngettext(
                        "{n} visitor has no interests and no wishes: matchmaking leaves them out "
                        "until they have some.",
                        "{n} visitors have no interests and no wishes: matchmaking leaves them out "
                        "until they have some.",
                        left_out,
                    )
                )
            else:
                sentences.append(
                    ngettext(
                        "{n} visitor has no interests and no wishes (no column of this file is "
                        "Interests): matchmaking leaves them out until they have some.",
                        "{n} visitors have no interests and no wishes (no column of this file is "
                        "Interests): matchmaking leaves them out until they have some.",
                        left_out,
                    )
                )
        return sentences

    def as_dict(self) -> dict[str, object]:
        data = asdict(self)
        data["warnings"] = self.warnings
        data["notes"] = self.notes
        data["entries"] = [
            {
                "line": e.line,
                "last_line": e.last_line,
                "outcome": e.outcome.value,
                "column": e.column,
                "reason": e.reason,
                "group": e.group,
                "name": e.name,
            }
            for e in self.sorted_entries()
        ]
        return data

    def write_csv(self, path: str | Path) -> Path:
        """The entries as a spreadsheet the organiser can sort and fix the source file with."""
        rows = [[e.lines, e.outcome.label, e.column, e.reason] for e in self.sorted_entries()]
        headers = [gettext("Line"), gettext("Outcome"), gettext("Column"), gettext("Reason")]
        return write_table(path, headers, rows, title=gettext("Import report"))


EMPTY_ROW = N_("empty row")
CONTROL_CHARACTERS = N_("control characters (such as NUL) were removed from the cell")


def report_controls(report: ImportReport, line: int, controls: Sequence[int], labels: Sequence[str]) -> None:
    """A warning per cell that had control characters taken out, naming its column."""
    for column in controls:
        label = labels[column] if column < len(labels) else gettext("Column {number}", number=column + 1)
        report.add(line, Outcome.WARNING, gettext(CONTROL_CHARACTERS), label)
