"""Hostile and broken files: each ends within seconds and bounded memory, with one sentence or a
full report, and a refused file leaves the event as it was.

The corpus is generated (`hostile_corpus.py`) and imported file by file in forked children of
one subprocess (`hostile_probe.py`), which measures each child's CPU time and peak resident
size with wait4(). CPU time is asserted rather than the wall clock: on a machine shared with
other work the wall clock says how busy the machine was. The wall times are in the benchmark
(`python -m benchmarks.run --only hostile`).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.services.importing.hostile_corpus import CASES, HostileFile, build

ROOT = Path(__file__).parents[3]
pytestmark = pytest.mark.skipif(not hasattr(os, "wait4"), reason="the probe forks and reads wait4() (POSIX)")
CPU_SECONDS = 10.0
PEAK_MB = 300.0


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, object]]:
    corpus = tmp_path_factory.mktemp("hostile")
    build(corpus)
    work = tmp_path_factory.mktemp("hostile-events")
    paths = [str(ROOT), os.environ.get("PYTHONPATH", "")]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in paths if p)}
    done = subprocess.run(
        [sys.executable, "-m", "tests.services.importing.hostile_probe", str(corpus), str(work)],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
        check=True,
    )
    results = [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]
    return {str(result["name"]): result for result in results}


def _one_sentence(message: str, spec: HostileFile) -> None:
    assert "\n" not in message and "Traceback" not in message
    assert message.startswith(spec.name) and message.endswith("."), message


@pytest.mark.parametrize("spec", [spec for spec, _ in CASES], ids=lambda spec: spec.name)
def test_a_hostile_file_ends_quickly_with_one_sentence_or_a_full_report(
    outcomes: dict[str, dict[str, object]], spec: HostileFile
) -> None:
    result = outcomes[spec.name]
    assert result["outcome"] in ("refused", "imported"), result.get("traceback", result)
    assert float(result["cpu_seconds"]) <= CPU_SECONDS, result
    assert float(result["peak_mb"]) <= PEAK_MB, result
    if spec.outcome != "either":
        assert result["outcome"] == spec.outcome, result
    if result["outcome"] == "refused":
        message = str(result["message"])
        _one_sentence(message, spec)
        assert spec.words in message
        assert result["unchanged"] is True
    else:
        # Every data row is accounted for exactly once in the report's counts.
        assert result["counted"] == result["rows"]
        if spec.rows is not None:
            assert result["rows"] == spec.rows
        if spec.words:
            assert any(spec.words in reason for reason in result["reasons"]), result["reasons"]
