"""Attendee rows read in a second process while this one merges and writes the rows before them.

Reading a row (splitting names, validating the e-mail, and above all normalising the phone
with phonenumbers, which is pure Python) costs about as much as everything else an import
does with it, and most computers have two cores or more. So a large import hands the rows it
has read ahead to one worker process, a chunk at a time, and finds them read when their turn
comes. The worker is spawned, not forked (forking a process that runs Qt threads can
deadlock), so, as with every spawned worker, a script that imports large files keeps its
work under `if __name__ == "__main__":`.

A chunk goes to the worker only while it has few chunks left to do; the others are read here
when their turn comes. So a worker that is still starting, or that a busy machine gives no
core, leaves the import about as fast as it would be without it, and a row is read once. A
chunk given to the worker is near the front of its queue and is waited for (Cancel still
works while waiting); a worker that dies, or takes far too long, is given up and its rows
are read here. Either way the same `RowReader` reads every row: which process read a row
changes nothing in the import.

The worker is one `multiprocessing.Process` with a pipe each way, not a `Pool`: a pool whose
worker is killed can hang the process that terminates it (the dead worker may hold the task
queue's lock), and its three helper threads would compete with this process's own work for
the interpreter lock. This process only ever sends work the worker is always ready to take
(a thread in the worker receives it), so neither side can block the other for good.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import queue
import sys
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess

from eventdesk.domain.progress import Progress
from eventdesk.services.importing.attendee_rows import Packed, Read, ReadSettings, RowReader, unpack
from eventdesk.services.importing.rows import MappedRow

# How many chunks the worker may have waiting or in hand before further chunks are read
# here instead. The limit adapts between 1 and MAX_BACKLOG: it goes down each time this
# process reaches a chunk the worker has not finished, and up each time the chunk is ready,
# so that both processes stay busy and neither waits long for the other.
MAX_BACKLOG = 8
# While a chunk is waited for: how often the wait looks at Cancel and at the worker's health,
# and how long a chunk of a few hundred rows (tens of milliseconds of work) may take at most
# before the worker is given up and its rows are read here.
WAIT_STEP_SECONDS = 0.05
WAIT_AT_MOST_SECONDS = 10.0

Work = tuple[int, list[tuple[int, list[str]]]]  # (first line, [(line, cells), …]) of a chunk
Done = tuple[int, list[Packed]]  # (first line, what the worker read) of a chunk


def _serve(settings: ReadSettings, inbox: Connection, outbox: Connection) -> None:
    """The worker: reads the chunks it is sent, in order, until it is sent None."""
    # It lives for one import, and reading rows makes no reference cycles: the collector's
    # passes over each chunk's rows would only slow it down by a quarter.
    gc.disable()
    reader = RowReader(settings)
    work: queue.SimpleQueue[Work | None] = queue.SimpleQueue()

    def receive() -> None:
        # Always ready to take work, even while the worker waits to hand a result over.
        try:
            while True:
                chunk = inbox.recv()
                work.put(chunk)
                if chunk is None:
                    return
        except EOFError:
            work.put(None)

    threading.Thread(target=receive, daemon=True).start()
    outbox.send(os.getpid())
    while (chunk := work.get()) is not None:
        first, rows = chunk
        outbox.send((first, reader.read_cells(rows)))


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
    done: list[Packed] | None = None


class RowWorker:
    """`read(row)` is `reader.read(row)`; `ahead(rows)` lets a worker process read rows early.

    Chunks read ahead wait, in file order, until the worker can take one; the worker takes
    them in order too, but never the next one this process is about to reach, which this
    process reads itself when it gets there.
    """

    def __init__(self, reader: RowReader, *, progress: Progress) -> None:
        self.reader = reader
        self.progress = progress
        self._process: BaseProcess | None = None
        self._to_worker: Connection | None = None
        self._from_worker: Connection | None = None
        self._started = False
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
            if self._process is None:
                self._start()
            self._waiting.append(_Chunk(rows))
        self._hand_out()

    def read(self, row: MappedRow) -> Read:
        packed = self._read.pop(row.line, None)
        if packed is None:
            chunk = self._given.get(row.line)
            if chunk is not None:
                self._collect()
                ready = chunk.done is not None
                self._limit = min(MAX_BACKLOG, self._limit + 1) if ready else max(1, self._limit - 1)
                if not ready:
                    self._wait(chunk)
                self._given.pop(row.line, None)
                if chunk.done is not None:
                    self._read.update(zip((r.line for r in chunk.rows), chunk.done, strict=True))
                    packed = self._read.pop(row.line)
            elif self._waiting and self._waiting[0].rows[0].line <= row.line:
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
        if self._process is not None:
            self._process.terminate()
            self._process.join(timeout=5)
            if self._process.is_alive():
                self._process.kill()
                self._process.join()
            self._process = None
        for connection in (self._to_worker, self._from_worker):
            if connection is not None:
                connection.close()
        self._to_worker = self._from_worker = None

    def _start(self) -> None:
        context = multiprocessing.get_context("spawn")
        inbox, self._to_worker = context.Pipe(duplex=False)
        self._from_worker, outbox = context.Pipe(duplex=False)
        self._process = context.Process(
            target=_serve,
            args=(self.reader.settings, inbox, outbox),
            name="eventdesk-row-reader",
            daemon=True,
        )
        self._process.start()
        # The worker's ends belong to the worker now: a worker that dies then reads as EOF here.
        inbox.close()
        outbox.close()

    def _hand_out(self) -> None:
        """Give the worker waiting chunks, but for the next one, while it has few enough to do."""
        if not self._collect() or self._to_worker is None:
            return
        while len(self._waiting) > 1 and self._backlog() < self._limit:
            chunk = self._waiting.pop(1)
            first = chunk.rows[0].line
            try:
                self._to_worker.send((first, [(row.line, row.cells) for row in chunk.rows]))
            except OSError:  # the worker is gone
                self.close()
                return
            self._given[first] = chunk
            self.rows_given += len(chunk.rows)

    def _backlog(self) -> int:
        return sum(1 for chunk in self._given.values() if chunk.done is None)

    def _collect(self) -> bool:
        """Take in what the worker has finished; False until it has started (or once it is gone)."""
        connection = self._from_worker
        try:
            while connection is not None and connection.poll():
                message: int | Done = connection.recv()
                if isinstance(message, int):
                    self._started = True  # its process id: it is ready for work
                    continue
                first, done = message
                chunk = self._given.get(first)
                if chunk is not None:
                    chunk.done = done
        except (EOFError, OSError):
            self.close()
            return False
        return self._started and self._usable

    def _wait(self, chunk: _Chunk) -> None:
        """Until the worker has read the chunk, or is given up (its rows are then read here)."""
        deadline = time.monotonic() + WAIT_AT_MOST_SECONDS
        while chunk.done is None and self._from_worker is not None:
            self.progress.check()
            if time.monotonic() > deadline:
                self.close()
                return
            self._from_worker.poll(WAIT_STEP_SECONDS)
            self._collect()
