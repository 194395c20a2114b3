"""An import from start to end: look at the file, map its columns, read, merge, report.

`inspect_file` is what the wizard's first pages show (format, encoding, a preview, the
proposed mapping); `import_file` does the work in one transaction: a crash, a bad line
found halfway or a press on Cancel leaves the event exactly as it was. A dry run does all
the work, reports, and rolls back.
"""

from __future__ import annotations

import contextlib
import gc
import itertools
import os
from collections import deque
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from sqlmodel import Session, select

from eventdesk.domain.changes import Changes
from eventdesk.domain.contact import region_for_timezone
from eventdesk.domain.progress import NO_PROGRESS, Progress
from eventdesk.i18n import ngettext
from eventdesk.persistence.document import EventDocument
from eventdesk.persistence.tables import Event
from eventdesk.services.importing.errors import MappingError, MergeReviewNeeded
from eventdesk.services.importing.fields import FieldSpec
from eventdesk.services.importing.kinds import ImportContext, ReadsAhead
from eventdesk.services.importing.mapping import (
    ColumnMapping,
    MappingOrigin,
    header_labels,
    proposed_mapping,
    remember_mapping,
)
from eventdesk.services.importing.platforms import Platform
from eventdesk.services.importing.registry import get_kind
from eventdesk.services.importing.report import ImportReport, report_controls
from eventdesk.services.importing.roles import SAMPLE_ROWS, ColumnNote, checked_mapping, consent_notes
from eventdesk.services.importing.rows import FieldColumns, MappedRow
from eventdesk.services.importing.sources import RawRow, SourceInfo, open_table
from eventdesk.services.search import attendees_changed
from eventdesk.services.undo import StepRecorder, history

PREVIEW_ROWS = 20
PROGRESS_EVERY_ROWS = 250
# Files from this size on are read ahead, for sinks that can start work on rows early
# (below it, a worker process would cost more than it saves): chunks of READ_AHEAD_ROWS rows,
# READ_AHEAD_CHUNKS of them ahead of the row being imported (some 5,000 rows held at most).
READ_AHEAD_FROM_BYTES = 1 << 20
READ_AHEAD_ROWS = 500
READ_AHEAD_CHUNKS = 10

Row = tuple[RawRow, MappedRow | None]  # a file row, and the same seen through the mapping unless empty


@dataclass(frozen=True)
class FilePreview:
    source: SourceInfo
    headers: list[str]
    sample: list[RawRow]
    platform_key: str
    platform_label: str
    mapping: ColumnMapping
    origin: MappingOrigin
    fields: tuple[FieldSpec, ...]
    notes: tuple[ColumnNote, ...] = ()
    """Guesses refused because of the column's values, and consent columns left out."""

    @property
    def labels(self) -> list[str]:
        return header_labels(self.headers)


@dataclass(frozen=True)
class ImportOutcome:
    report: ImportReport
    changes: Changes


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """No cyclic garbage collection while rows are read: an import creates a few container
    objects per row and no cycles, and the collector's repeated passes over them cost a
    fifth of a 50,000-row import."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@contextlib.contextmanager
def _bigger_page_cache(session: Session) -> Iterator[None]:
    """A 64 MB SQLite page cache for the import's connection, then the old size back: the
    e-mail, name and ticket-code indexes are updated in random order, and with the default
    2 MB cache a 50,000-row import spends a tenth of its time re-reading index pages."""
    connection = session.connection()
    if connection.dialect.name != "sqlite":
        yield
        return
    previous = connection.exec_driver_sql("PRAGMA cache_size").scalar()
    connection.exec_driver_sql("PRAGMA cache_size=-65536")
    try:
        yield
    finally:
        connection.exec_driver_sql(f"PRAGMA cache_size={int(previous)}")


def _read_ahead(rows: Iterator[Row], show: Callable[[list[MappedRow]], None]) -> Iterator[Row]:
    """The same rows in the same order, each chunk of them shown to `show` a few chunks
    before it is yielded. A file that turns out unreadable further on fails only after the
    rows before the bad one are yielded, so the import fails exactly as it would without reading ahead."""
    chunks: deque[list[Row]] = deque()
    failure: Exception | None = None
    while failure is None:
        chunk: list[Row] = []
        try:
            for row in itertools.islice(rows, READ_AHEAD_ROWS):
                chunk.append(row)  # one by one: the rows before a failure are kept
        except Exception as exc:  # raised again below, in its turn
            failure = exc
        if chunk:
            show([row for _, row in chunk if row is not None])
            chunks.append(chunk)
        elif failure is None:
            break
        if len(chunks) > READ_AHEAD_CHUNKS:
            yield from chunks.popleft()
    while chunks:
        yield from chunks.popleft()
    if failure is not None:
        raise failure


def _checked_proposal(
    headers: list[str], sample: list[list[str]], *, kind: str
) -> tuple[ColumnMapping, Platform | None, MappingOrigin, tuple[ColumnNote, ...]]:
    """The proposed mapping with every guess tested on the sample's values (`roles`): the
    columns a recognised platform documents are trusted, the rest must look like their field."""
    spec = get_kind(kind)
    mapping, platform, origin = proposed_mapping(
        headers, kind=spec.name, specs=spec.fields, platforms=spec.platforms
    )
    trusted: set[int] = set()
    if platform is not None and origin is MappingOrigin.PLATFORM:
        trusted = {i for i, f in enumerate(platform.map_headers(headers)) if f}
    checked, notes = checked_mapping(mapping, sample, trusted=trusted, fields=spec.fields)
    return checked, platform, origin, notes


def _peek(rows: Iterator[RawRow], count: int) -> tuple[list[RawRow], Iterator[RawRow]]:
    """The first `count` rows, and an iterator that yields them again followed by the rest."""
    head = list(itertools.islice(rows, count))
    return head, itertools.chain(head, rows)


def _stop_for_review(
    report: ImportReport, *, allow_merges: bool, decisions: Mapping[int, int | None] | None
) -> None:
    """Raise (so the transaction is rolled back) when a person must look first."""
    if report.mass_merge and not allow_merges:
        raise MergeReviewNeeded(report.mass_merge, report)
    if decisions is not None:
        open_questions = [q for q in report.questions if q.line not in decisions]
        if open_questions:
            text = ngettext(
                "{file}: {n} row has the e-mail of someone already in the event under another name; "
                "say whether it is the same person.",
                "{file}: {n} rows have the e-mail of someone already in the event under another name; "
                "say for each whether it is the same person.",
                len(open_questions),
                file=report.file,
            )
            raise MergeReviewNeeded(text, report)


def inspect_file(*, path: str | os.PathLike[str], kind: str = "attendees") -> FilePreview:
    spec = get_kind(kind)
    with open_table(Path(path)) as table:
        head, _rest = _peek(table.rows(), SAMPLE_ROWS)
        sample = [row for row in head if not row.is_empty()]
        mapping, platform, origin, notes = _checked_proposal(
            table.header, [row.cells for row in sample], kind=spec.name
        )
        return FilePreview(
            source=table.info,
            headers=table.header,
            sample=sample[:PREVIEW_ROWS],
            platform_key=platform.key if platform else "",
            platform_label=platform.label if platform else "",
            mapping=mapping,
            origin=origin,
            fields=spec.fields,
            notes=notes,
        )


def import_file(
    *,
    doc: EventDocument,
    path: str | os.PathLike[str],
    kind: str = "attendees",
    mapping: ColumnMapping | None = None,
    overrides: Mapping[str, str | None] | None = None,
    dry_run: bool = False,
    progress: Progress = NO_PROGRESS,
    allow_merges: bool = False,
    decisions: Mapping[int, int | None] | None = None,
) -> ImportOutcome:
    """Import a file into the event; all or nothing. See the module docstring.

    An import that would merge many rows into other people (`ImportReport.merge_guard`)
    raises MergeReviewNeeded, with nothing written, unless `allow_merges`: a misread column
    looks exactly like that. `decisions` is the wizard's answers to the report's
    `SamePersonQuestion`s (line → the attendee they are, or None: keep both); given, a
    question not answered yet stops the import the same way. Without it (headless) such a
    row is imported as another person, with a warning. A dry run never stops: its report
    says what would.
    """
    spec = get_kind(kind)
    path = Path(path)
    with doc.session() as session:
        timezone = session.exec(select(Event.timezone)).one()
    with open_table(path) as table:
        head, file_rows = _peek(table.rows(), SAMPLE_ROWS)
        proposal, platform, origin, notes = _checked_proposal(
            table.header, [row.cells for row in head if not row.is_empty()], kind=spec.name
        )
        if mapping is not None:
            if tuple(mapping.headers) != tuple(table.header):
                raise MappingError(f"{path.name}: the column mapping was made for a file with other columns.")
            origin = MappingOrigin.GIVEN if mapping != proposal else origin
            proposal = mapping
        final = proposal.overridden(overrides, spec.fields) if overrides else proposal
        if overrides and final != proposal:
            origin = MappingOrigin.GIVEN
        if mapping is not None or overrides:
            # The person's own choices stand; what they chose differently needs no note.
            chosen = {c for c, f in enumerate(final.fields) if f}
            notes = tuple(n for n in notes if n.field != "consent" and n.column not in chosen)
            notes = (*notes, *consent_notes(final, fields=spec.fields))
        if not any(final.columns_for(name) for name in spec.needs_one_of):
            wanted = ", ".join(f.label for f in spec.fields if f.name in spec.needs_one_of)
            raise MappingError(
                f"{path.name}: no column was recognised as any of: {wanted}; "
                "choose the columns in the mapping step (or pass --mapping)."
            )
        report = ImportReport(
            file=path.name,
            kind=spec.name,
            source=table.info.description,
            platform=platform.label if platform else "",
            mapping=final.to_json(),
            dry_run=dry_run,
            column_notes=[note.text for note in notes],
        )
        recorder = StepRecorder(f"Import {spec.label.lower()} from {path.name}", *spec.entities)
        columns = FieldColumns(final)
        with doc.session() as session, _collector_paused():
            with _bigger_page_cache(session):
                context = ImportContext(
                    path=path,
                    report=report,
                    recorder=recorder,
                    platform=platform,
                    region=region_for_timezone(timezone),
                    progress=progress,
                    same_person={line: a for line, a in (decisions or {}).items() if a is not None},
                )
                sink = spec.start(session, context)
                message = f"Reading {path.name}"
                rows: Iterator[Row] = (
                    (raw, None if raw.is_empty() else MappedRow(raw.line, raw.cells, columns))
                    for raw in file_rows
                )
                if isinstance(sink, ReadsAhead) and table.info.size >= READ_AHEAD_FROM_BYTES:
                    rows = _read_ahead(rows, sink.ahead)
                try:
                    for count, (raw, row) in enumerate(rows, start=1):
                        report.rows_read += raw.lines
                        if row is None:
                            report.add_empty_row(raw.line, last_line=raw.last_line)
                        else:
                            if raw.controls:
                                report_controls(report, raw.line, raw.controls, columns.labels)
                            sink.add(row)
                        if count % PROGRESS_EVERY_ROWS == 0:
                            done, total = table.progress()
                            progress.report(done, total, message)
                    done, total = table.progress()
                    progress.report(total or done, total or done, f"Saving {report.rows_read} rows")
                    result = sink.finish()
                    progress.check()
                    report.mass_merge = report.merge_guard()
                    if not dry_run:
                        _stop_for_review(report, allow_merges=allow_merges, decisions=decisions)
                finally:
                    if isinstance(sink, ReadsAhead):
                        sink.close()
                    # Its people and indexes freed now, while the collector is paused: the
                    # collector's first pass after the pause would otherwise visit them all.
                    del sink
            if dry_run:
                session.rollback()
    if dry_run:
        return ImportOutcome(report, Changes())
    history(doc).push(recorder.step())
    if result.attendee_ids:
        attendees_changed(doc, result.attendee_ids)
    if origin in (MappingOrigin.GUESSED, MappingOrigin.GIVEN):
        remember_mapping(kind=spec.name, mapping=final)
    return ImportOutcome(report, Changes.of(*spec.entities, summary=report.summary))
