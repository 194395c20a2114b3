"""What can be imported, as a registry: attendees and companies here; others add their own.

A kind says which fields a column can go to, which platforms' exports it recognises, and
how rows become stored things (`start` returns a sink that takes mapped rows one by one,
inside the import's single transaction, and records its undo information). The reading of
files, encodings, mapping, report and all-or-nothing transaction are shared, so a new kind
(matchmaking wishes, availability) is one module and one line in `registry.KINDS`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol, runtime_checkable

from sqlmodel import Session

from eventdesk.domain.changes import Entity
from eventdesk.domain.progress import Progress
from eventdesk.services.importing.fields import FieldSpec
from eventdesk.services.importing.platforms import Platform
from eventdesk.services.importing.report import ImportReport
from eventdesk.services.importing.rows import MappedRow
from eventdesk.services.undo import StepRecorder


@dataclass
class ImportContext:
    path: Path
    report: ImportReport
    recorder: StepRecorder
    platform: Platform | None
    region: str
    progress: Progress
    # Rows (by line) the person said are someone already in the event (by id), though the
    # names differ: see `report.SamePersonQuestion`.
    same_person: Mapping[int, int] = field(default_factory=dict)


@dataclass
class SinkResult:
    """What the import touched, for the search index and the changes record."""

    attendee_ids: set[int] = field(default_factory=set)


class RowSink(Protocol):
    def add(self, row: MappedRow) -> None: ...

    def finish(self) -> SinkResult: ...


@runtime_checkable
class ReadsAhead(Protocol):
    """A sink that starts work on rows before it gets them: on a large file the import reads
    ahead and shows it each chunk of rows early; `close` ends that work, whatever happened."""

    def ahead(self, rows: Sequence[MappedRow]) -> None: ...

    def close(self) -> None: ...


@dataclass(frozen=True)
class ImportKind:
    name: str
    label: str
    fields: tuple[FieldSpec, ...]
    platforms: tuple[Platform, ...]
    entities: frozenset[Entity]
    start: Callable[[Session, ImportContext], RowSink]
    # A mapping must give at least one of these fields, or there is nothing to import.
    needs_one_of: tuple[str, ...] = ()
