"""Run a fresh child process and measure what a person waits for and what it costs in memory.

Peak memory is the child's `ru_maxrss` from wait4(). Linux folds the high-water mark of the
process image that exec() replaces into that figure, and a forked child starts as a copy of
its parent: measured straight from the benchmark runner (hundreds of MB after the other
benchmarks), every child would report at least the runner's size. So a tiny spawner (Python
without site packages, a few MB) starts the child with posix_spawn and reports the child's
own rusage and wall time.
"""

from __future__ import annotations

import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

SPAWNER = """
import json, os, sys, time
argv, errors, output = json.loads(sys.argv[1]), sys.argv[2], sys.argv[3]
actions = [
    (os.POSIX_SPAWN_OPEN, 0, os.devnull, os.O_RDONLY, 0),
    (os.POSIX_SPAWN_OPEN, 1, output, os.O_WRONLY | os.O_TRUNC, 0),
    (os.POSIX_SPAWN_OPEN, 2, errors, os.O_WRONLY | os.O_TRUNC, 0),
]
started = time.perf_counter()
pid = os.posix_spawnp(argv[0], argv, dict(os.environ), file_actions=actions)
_, status, usage = os.wait4(pid, 0)
seconds = time.perf_counter() - started
print(json.dumps({
    "seconds": seconds,
    "cpu_seconds": usage.ru_utime + usage.ru_stime,
    "peak_kib": usage.ru_maxrss,
    "exit_code": os.waitstatus_to_exitcode(status),
}))
"""


@dataclass(frozen=True)
class ChildRun:
    seconds: float
    cpu_seconds: float  # user + system: what the start costs whatever else the machine is doing
    peak_mb: float
    output: str = ""  # what the child printed (e.g. `ready in 0.512 s`)


def run_child(argv: Sequence[str], *, env: Mapping[str, str] | None = None, timeout: float = 300) -> ChildRun:
    with (
        tempfile.NamedTemporaryFile(prefix="eventdesk-bench-", suffix=".stderr") as errors,
        tempfile.NamedTemporaryFile(prefix="eventdesk-bench-", suffix=".stdout") as output,
    ):
        spawner = subprocess.Popen(
            [sys.executable, "-I", "-S", "-c", SPAWNER, json.dumps(list(argv)), errors.name, output.name],
            env=env,
            stdout=subprocess.PIPE,
            text=True,
            start_new_session=True,  # one process group: a timeout ends the child as well
        )
        try:
            out, _ = spawner.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(spawner.pid, signal.SIGKILL)
            spawner.wait()
            raise RuntimeError(f"{' '.join(argv)} did not finish within {timeout:.0f} s") from None
        if spawner.returncode != 0:
            raise RuntimeError(
                f"the benchmark spawner failed (exit {spawner.returncode}) for {' '.join(argv)}"
            )
        result = json.loads(out)
        if result["exit_code"] != 0:
            tail = errors.read().decode("utf-8", "replace")[-2000:]
            raise RuntimeError(f"{' '.join(argv)} exited {result['exit_code']}:\n{tail}")
        printed = output.read().decode("utf-8", "replace")
    # Linux reports ru_maxrss in KiB.
    return ChildRun(
        seconds=result["seconds"],
        cpu_seconds=result["cpu_seconds"],
        peak_mb=result["peak_kib"] / 1024,
        output=printed,
    )


@dataclass(frozen=True)
class Repeated:
    seconds: float  # medians, each on its own
    cpu_seconds: float
    peak_mb: float
    runs: int
    outputs: tuple[str, ...] = ()


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
        outputs=tuple(r.output for r in runs),
    )
