"""Attendee rows read in a second process while this one merges and writes the rows before them.

Reading a row (splitting names, validating the e-mail, and above all normalising the phone
with phonenumbers, which is pure Python) costs about as much as everything else an import
does with it, and most computers have two cores or more. So a large import hands the rows it
has read ahead to one worker process, a chunk at a time, and finds them read when their turn
comes. The worker is spawned, not forked (forking a process that runs Qt threads can
deadlock), so, as with every spawned worker, a script that imports large files keeps its
work under `if __name__ == "__main__":`.

This process hardly ever waits for the worker. A chunk goes to the worker only while it has
few chunks left to do, and the others are read here when their turn comes; when this
process reaches a chunk the worker has not sent back yet, it waits a few milliseconds at
most, then reads the rows itself until the worker's reading arrives. The worker runs at a
lower priority, so it mostly uses a core no one else wants; on a busy machine it falls
behind, and after a few late chunks in a row it is stopped and the import goes on alone. A
worker that dies is simply no longer asked. The same `RowReader` reads every row in either
process, so which process read a row changes nothing in the import.

The worker is one `multiprocessing.Process` with a pipe each way, not a `Pool`: a pool whose
worker is killed can hang the process that terminates it (the dead worker may hold the task
queue's lock), and its three helper threads would compete with this process's own work for
the interpreter lock. Here one thread sends the work, so that this process never waits at a
full pipe, and this process reads the answers itself, in order; neither side can block the
other for good.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import queue
import signal
import sys
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from multiprocessing.reduction import ForkingPickler

from eventdesk.i18n import current_language, set_language
from eventdesk.parent_watch import exit_when_parent_dies
from eventdesk.services.importing.attendee_rows import Packed, Read, ReadSettings, RowReader, unpack
from eventdesk.services.importing.rows import MappedRow

# How many chunks the worker may have waiting or in hand before further chunks are read
# here instead. The limit adapts between 1 and MAX_BACKLOG: it goes down each time this
# process reaches a chunk the worker has not finished, and up each time the chunk is ready,
# so that both processes stay busy and neither waits long for the other.
MAX_BACKLOG = 8
# How long this process waits, at most, for a chunk the worker has not sent back yet before
# it reads the rows itself (a chunk is some 15 ms of the worker's work).
BRIEF_WAIT_SECONDS = 0.01
# When this many chunks in a row were not back in time, the last ones although the worker had
# only one chunk to do at a time, the machine has no core to spare for it: the worker is
# stopped and this process goes on alone.
LATE_CHUNKS_BEFORE_GIVING_UP = 6
# The worker's lower scheduling priority (POSIX "nice" value, 0 normal to 19 lowest).
WORKER_NICENESS = 10

Work = tuple[int, list[tuple[int, list[str]]]]  # (first line, [(line, cells), …]) of a chunk
Done = tuple[int, list[Packed]]  # (first line, what the worker read) of a chunk


def _serve(settings: ReadSettings, inbox: Connection, outbox: Connection, language: str) -> None:
    """The worker: reads the chunks it is sent, in order, until it is sent None."""
    # Between two chunks it notices a dead importer by the pipe's end; in the middle of one
    # it would read on for a second or more.
    exit_when_parent_dies()
    # Spawned, so it does not inherit the importer's language: its report lines need it.
    set_language(language)
    # Ctrl+C in a terminal reaches the whole process group: the importer handles it (and stops
    # this worker); the worker itself should not print a traceback of its own.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # It lives for one import, and reading rows makes no reference cycles: the collector's
    # passes over each chunk's rows would only slow it down by a quarter.
    gc.disable()
    # Mostly time no one else wants: on a machine with no core to spare, the importing process
    # reads the rows itself (the worker falls behind, and gets fewer chunks) at full speed.
    if hasattr(os, "nice"):
        os.nice(WORKER_NICENESS)
    reader = RowReader(settings)
    outbox.send(os.getpid())
    try:
        while (chunk := inbox.recv()) is not None:
            first, rows = chunk
            outbox.send((first, reader.read_cells(rows)))
    except (EOFError, OSError):  # the importing process has gone or given this worker up
        return


def _send_all(outgoing: queue.SimpleQueue[memoryview | None], connection: Connection) -> None:
    """This process's sending thread: a chunk is more than a pipe holds, and the worker takes
    it only between two chunks of its own, so waiting for that is this thread's job."""
    try:
        while (data := outgoing.get()) is not None:
            connection.send_bytes(data)
    except OSError:  # the worker is gone; the importer notices on its side
        return


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

    def __init__(self, reader: RowReader) -> None:
        self.reader = reader
        self._process: BaseProcess | None = None
        self._to_worker: Connection | None = None
        self._from_worker: Connection | None = None
        self._outgoing: queue.SimpleQueue[memoryview | None] = queue.SimpleQueue()
        self._sender: threading.Thread | None = None
        self._started = False
        self._waiting: list[_Chunk] = []  # not given to the worker (yet), in file order
        self._given: dict[int, _Chunk] = {}  # given to the worker, by the line of their first row
        self._read: dict[int, Packed] = {}  # what the worker read, by line, until asked for
        self._current: _Chunk | None = None  # the worker's chunk this process is in, not yet back
        self._late = 0  # chunks in a row that the worker had not sent back in time
        self.late_chunks = 0  # all of them: a figure for benchmarks and tests
        self._limit = MAX_BACKLOG // 2
        self._usable = can_use_worker()
        # How many rows went to the worker, and how many it has sent back read: figures for
        # benchmarks and tests.
        self.rows_given = 0
        self.rows_back = 0

    def ahead(self, rows: Sequence[MappedRow]) -> None:
        """Rows whose turn comes soon, in file order (none: only a chance to hand out chunks)."""
        if not self._usable:
            return
        if rows:
            if self._process is None and not self._start():
                return
            self._waiting.append(_Chunk(rows))
        self._hand_out()

    def read(self, row: MappedRow) -> Read:
        line = row.line
        packed = self._read.pop(line, None)
        if packed is None:
            reached = self._given.pop(line, None)
            if reached is not None:
                self._current = reached
                self._collect()
                ready = reached.done is not None
                self._limit = min(MAX_BACKLOG, self._limit + 1) if ready else max(1, self._limit - 1)
                if not ready:
                    self._wait_briefly(reached)
                if reached.done is not None:
                    self._late = 0
                else:
                    self._late += 1
                    self.late_chunks += 1
                    if self._late >= LATE_CHUNKS_BEFORE_GIVING_UP and self._limit == 1:
                        self.close()
            chunk = self._current
            if chunk is not None and line <= chunk.rows[-1].line:
                # The worker's chunk: its reading if it is back, else this row is read here
                # and the next one asks again.
                if chunk.done is None:
                    self._collect()
                if chunk.done is not None:
                    for later, done in zip(chunk.rows, chunk.done, strict=True):
                        if later.line > line:
                            self._read[later.line] = done
                        elif later.line == line:
                            packed = done
                    self._current = None
            elif self._waiting and self._waiting[0].rows[0].line <= line:
                # Chunks this process has reached are its own to read.
                self._current = None
                while self._waiting and self._waiting[0].rows[0].line <= line:
                    del self._waiting[0]
                self._hand_out()
        return self.reader.read(row) if packed is None else unpack(packed)

    def close(self) -> None:
        """Stop the worker at once: after a cancel or an error it may be in the middle of a chunk."""
        self._usable = False
        self._waiting.clear()
        self._given.clear()
        self._read.clear()
        self._current = None
        self._outgoing.put(None)
        if self._process is not None:
            self._process.terminate()  # a send under way then fails, and the sending thread ends
            self._process.join(timeout=5)
            if self._process.is_alive():
                self._process.kill()
                self._process.join()
            self._process = None
        if self._sender is not None:
            self._sender.join(timeout=5)
            self._sender = None
        for connection in (self._to_worker, self._from_worker):
            if connection is not None:
                connection.close()
        self._to_worker = self._from_worker = None

    def _start(self) -> bool:
        """Start the worker; False when the system refuses another process (process limit,
        no memory), and this process then reads every row itself: the worker is a speed-up,
        never a condition of importing."""
        context = multiprocessing.get_context("spawn")
        inbox, self._to_worker = context.Pipe(duplex=False)
        self._from_worker, outbox = context.Pipe(duplex=False)
        process = context.Process(
            target=_serve,
            args=(self.reader.settings, inbox, outbox, current_language()),
            name="eventdesk-row-reader",
            daemon=True,
        )
        try:
            process.start()
        except OSError:
            for connection in (inbox, outbox, self._to_worker, self._from_worker):
                connection.close()
            self._to_worker = self._from_worker = None
            self._usable = False
            return False
        self._process = process
        # The worker's ends belong to the worker now: a worker that dies then reads as EOF here.
        inbox.close()
        outbox.close()
        self._sender = threading.Thread(
            target=_send_all, args=(self._outgoing, self._to_worker), name="eventdesk-row-sender", daemon=True
        )
        self._sender.start()
        return True

    def _hand_out(self) -> None:
        """Give the worker waiting chunks, but for the next one, while it has few enough to do."""
        if not self._collect():
            return
        while len(self._waiting) > 1 and self._backlog() < self._limit:
            chunk = self._waiting.pop(1)
            first = chunk.rows[0].line
            work: Work = (first, [(row.line, row.cells) for row in chunk.rows])
            self._outgoing.put(ForkingPickler.dumps(work))
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
                if chunk is None and self._current is not None and self._current.rows[0].line == first:
                    chunk = self._current
                if chunk is not None:
                    chunk.done = done
                self.rows_back += len(done)
        except (EOFError, OSError):
            self.close()
            return False
        return self._started and self._usable

    def _wait_briefly(self, chunk: _Chunk) -> None:
        """A worker that is nearly done with the chunk is worth waiting for, a little."""
        deadline = time.monotonic() + BRIEF_WAIT_SECONDS
        while chunk.done is None and self._from_worker is not None:
            left = deadline - time.monotonic()
            if left <= 0 or not self._from_worker.poll(left):
                return
            self._collect()
