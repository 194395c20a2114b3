"""Attendee rows read in a second process while this one merges and writes the rows before them.

Reading a row (splitting names, validating the e-mail, and above all normalising the phone
with phonenumbers, which is pure Python) costs about as much as everything else an import
does with it, and computers have two cores or more. So a large import hands the rows it has
read ahead to one worker process, a chunk at a time, and finds them read when their turn
comes. The worker is spawned, not forked (forking a process that runs Qt threads can
deadlock), so, as with every spawned worker, a script that imports large files keeps its
work under `if __name__ == "__main__":`.

A chunk goes to the worker only while it has few chunks left to do; the others are read here
when their turn comes. So a worker that is still starting, or that a busy machine gives no
core, leaves the import as fast as it would be without it, and neither process ever reads a
row the other has read. A chunk given to the worker is near the front of its queue and is
waited for (the wait can be cancelled); a worker that dies is noticed and its rows are read
here. Either way the same `RowReader` reads every row: which process read it changes nothing.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from multiprocessing.pool import AsyncResult, Pool

from eventdesk.domain.progress import Progress
from eventdesk.services.importing.attendee_rows import Packed, Read, ReadSettings, RowReader, unpack
from eventdesk.services.importing.rows import MappedRow

# How many chunks the worker may have waiting or in hand before further chunks are read
# here instead. The limit adapts between 1 and MAX_BACKLOG: it goes down each time this
# process reaches a chunk the worker has not finished, and up each time the chunk is ready,
# so that both processes stay busy and neither waits long for the other.
MAX_BACKLOG = 8
# While a chunk is waited for: how often the wait looks at Cancel and at the worker's health.
WAIT_STEP_SECONDS = 0.05

_reader: RowReader | None = None  # the worker process's own reader


def _start(settings: ReadSettings) -> None:
    global _reader
    _reader = RowReader(settings)
    # The worker lives for one import, and reading rows makes no reference cycles: the
    # collector's passes over each chunk's rows would only slow it down by a quarter.
    gc.disable()


def _read(rows: list[tuple[int, list[str]]]) -> list[Packed]:
    assert _reader is not None, "the worker was started without its settings"
    return _reader.read_cells(rows)


def can_use_worker() -> bool:
    """Not in a frozen app (its spawned worker would start the app again unless every entry
    point called freeze_support), not inside a worker process, and not on one core."""
    return (
        not getattr(sys, "frozen", False)
        and multiprocessing.parent_process() is None
        and (os.cpu_count() or 1) > 1
    )


@dataclass(eq=False)
class _Chunk:
    rows: Sequence[MappedRow]
    result: AsyncResult[list[Packed]] | None = None


class RowWorker:
    """`read(row)` is `reader.read(row)`; `ahead(rows)` lets a worker process read rows early.

    Chunks read ahead wait, in file order, until the worker can take one; the worker takes
    them in order too, but never the next one this process is about to reach, which this
    process reads itself when it gets there.
    """

    def __init__(self, reader: RowReader, *, progress: Progress) -> None:
        self.reader = reader
        self.progress = progress
        self._pool: Pool | None = None
        self._started: AsyncResult[int] | None = None
        self._pid: int | None = None
        self._waiting: list[_Chunk] = []  # not given to the worker (yet), in file order
        self._given: dict[int, _Chunk] = {}  # given to the worker, by the line of their first row
        self._read: dict[int, Packed] = {}  # what the worker read, by line, until asked for
        self._limit = MAX_BACKLOG // 2
        self._usable = can_use_worker()
        self.rows_given = 0  # how many rows went to the worker: a figure for benchmarks and tests

    def ahead(self, rows: Sequence[MappedRow]) -> None:
        """Rows whose turn comes soon, in file order (none: only a chance to hand out chunks)."""
        if not self._usable:
            return
        if rows:
            if self._pool is None:
                self._pool = multiprocessing.get_context("spawn").Pool(
                    1, initializer=_start, initargs=(self.reader.settings,)
                )
                self._started = self._pool.apply_async(os.getpid)
            self._waiting.append(_Chunk(rows))
        self._hand_out()

    def read(self, row: MappedRow) -> Read:
        packed = self._read.pop(row.line, None)
        if packed is None:
            chunk = self._given.pop(row.line, None)
            if chunk is not None:
                assert chunk.result is not None
                ready = chunk.result.ready()
                self._limit = min(MAX_BACKLOG, self._limit + 1) if ready else max(1, self._limit - 1)
                answers = self._wait(chunk.result)
                if answers is not None:
                    self._read.update(zip((r.line for r in chunk.rows), answers, strict=True))
                    packed = self._read.pop(row.line)
            else:
                # Chunks this process has reached are its own to read.
                while self._waiting and self._waiting[0].rows[0].line <= row.line:
                    del self._waiting[0]
                self._hand_out()
        return self.reader.read(row) if packed is None else unpack(packed)

    def close(self) -> None:
        """Stop the worker at once: after a cancel or an error it may be in the middle of a chunk."""
        self._usable = False
        self._waiting.clear()
        self._given.clear()
        self._read.clear()
        if self._pool is not None:
            self._pool.terminate()
            self._pool = None

    def _hand_out(self) -> None:
        """Give the worker waiting chunks, but for the next one, while it has few enough to do."""
        if self._pid is None:
            if self._started is None or not self._started.ready():
                return
            self._pid = self._started.get()
        while len(self._waiting) > 1 and self._backlog() < self._limit:
            chunk = self._waiting.pop(1)
            assert self._pool is not None
            cells = [(row.line, row.cells) for row in chunk.rows]
            chunk.result = self._pool.apply_async(_read, (cells,))
            self._given[chunk.rows[0].line] = chunk
            self.rows_given += len(chunk.rows)

    def _backlog(self) -> int:
        return sum(
            1 for chunk in self._given.values() if chunk.result is not None and not chunk.result.ready()
        )

    def _wait(self, result: AsyncResult[list[Packed]]) -> list[Packed] | None:
        """The worker's reading of a chunk; None when it cannot give it (the rows are read here)."""
        while not result.ready():
            self.progress.check()
            if self._pid not in {child.pid for child in multiprocessing.active_children()}:
                self.close()
                return None
            result.wait(WAIT_STEP_SECONDS)
        if not result.successful():
            # Reading here fails the same way, with this process's traceback.
            self.close()
            return None
        return result.get()
