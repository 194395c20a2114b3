"""Run a fresh child process and measure what a person waits for and what it costs in memory.

Peak memory is the child's own `ru_maxrss` from wait4(): per child, unlike
getrusage(RUSAGE_CHILDREN), which keeps the largest of all children reaped so far.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import tempfile
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class ChildRun:
    seconds: float
    cpu_seconds: float  # user + system: what the start costs whatever else the machine is doing
    peak_mb: float


def run_child(argv: Sequence[str], *, env: Mapping[str, str] | None = None, timeout: float = 300) -> ChildRun:
    with tempfile.TemporaryFile() as errors:
        started = time.perf_counter()
        child = subprocess.Popen(
            argv, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=errors
        )
        deadline = started + timeout
        while True:
            pid, status, usage = os.wait4(child.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                child.kill()
                os.wait4(child.pid, 0)
                raise RuntimeError(f"{' '.join(argv)} did not finish within {timeout:.0f} s")
            time.sleep(0.002)
        seconds = time.perf_counter() - started
        child.returncode = os.waitstatus_to_exitcode(status)
        if child.returncode != 0:
            errors.seek(0)
            tail = errors.read().decode("utf-8", "replace")[-2000:]
            raise RuntimeError(f"{' '.join(argv)} exited {child.returncode}:\n{tail}")
    # Linux reports ru_maxrss in KiB.
    return ChildRun(
        seconds=seconds, cpu_seconds=usage.ru_utime + usage.ru_stime, peak_mb=usage.ru_maxrss / 1024
    )


@dataclass(frozen=True)
class Repeated:
    seconds: float  # medians, each on its own
    cpu_seconds: float
    peak_mb: float
    runs: int


def repeat_child(
    argv: Sequence[str], *, times: int, warmup: int = 1, env: Mapping[str, str] | None = None
) -> Repeated:
    """The median of `times` runs after `warmup` discarded ones (which write __pycache__ and
    bring the files into the page cache, as any second start of the app finds them)."""
    for _ in range(warmup):
        run_child(argv, env=env)
    runs = [run_child(argv, env=env) for _ in range(times)]
    return Repeated(
        seconds=statistics.median(r.seconds for r in runs),
        cpu_seconds=statistics.median(r.cpu_seconds for r in runs),
        peak_mb=statistics.median(r.peak_mb for r in runs),
        runs=times,
    )
