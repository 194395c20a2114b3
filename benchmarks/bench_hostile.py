"""The slowest and the largest file of the hostile corpus (`tests/services/importing/hostile_corpus.py`).

The whole corpus is generated (not timed) and imported file by file, each in a child forked
from one warm process (`hostile_probe.py`: eventdesk imported and one small import done
first, so a child pays only for its file). The slowest file is the one with the longest wall
time in this run, the largest the one with the highest peak resident size; targets: ≤ 10 s
and ≤ 300 MB. The baseline, in the same run, is a three-person CSV imported the same way:
what any import in such a process costs before the file's own content. CPU time (user +
system of the child) is shown beside the wall clock: on a shared machine the wall clock
grows with the load.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from benchmarks.table import Row
from tests.services.importing.hostile_corpus import HEADER, PEOPLE, build

ROOT = Path(__file__).parents[1]
TARGET_SECONDS = 10.0
TARGET_MB = 300.0
BASELINE = "baseline_three_people.csv"


def _probe(corpus: Path, work: Path) -> list[dict[str, object]]:
    paths = [str(ROOT), os.environ.get("PYTHONPATH", "")]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in paths if p)}
    done = subprocess.run(
        [sys.executable, "-m", "tests.services.importing.hostile_probe", str(corpus), str(work)],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    return [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]


def _shown(result: dict[str, object]) -> str:
    return f"{result['seconds']:.2f} s ({result['cpu_seconds']:.2f} s CPU), {result['peak_mb']:.0f} MB peak"


def run(quick: bool) -> list[Row]:
    with tempfile.TemporaryDirectory(prefix="eventdesk-bench-hostile-") as name:
        corpus, work = Path(name) / "corpus", Path(name) / "work"
        build(corpus)
        (corpus / BASELINE).write_text("\n".join(",".join(row) for row in [HEADER, *PEOPLE]) + "\n", "utf-8")
        results = _probe(corpus, work)
    by_name = {str(r["name"]): r for r in results}
    baseline = by_name.pop(BASELINE)
    broken = [r for r in by_name.values() if r["outcome"] not in ("refused", "imported")]
    slowest = max(by_name.values(), key=lambda r: float(r["seconds"]))
    largest = max(by_name.values(), key=lambda r: float(r["peak_mb"]))
    rows = []
    for label, result in (("Slowest", slowest), ("Largest (peak memory)", largest)):
        rows.append(
            Row(
                figure=f"{label} of {len(by_name)} hostile files: {result['name']} ({result['outcome']})",
                measured=_shown(result),
                target=f"≤ {TARGET_SECONDS:.0f} s, ≤ {TARGET_MB:.0f} MB",
                baseline=f"3-person CSV: {_shown(baseline)}",
                met=float(result["seconds"]) <= TARGET_SECONDS
                and float(result["peak_mb"]) <= TARGET_MB
                and not broken,
            )
        )
    return rows
