"""Import each file of a folder in its own forked process; report time, peak memory and outcome.

    python -m tests.services.importing.hostile_probe CORPUS_DIR WORK_DIR [NAME ...]

prints one JSON object per file. The parent imports eventdesk and writes one small demo event
once, then forks a child per file: the child copies the event, imports the file into it and
compares the event before and after when the import fails. Forking a warm parent keeps a
file's cost to what the import itself takes (about a tenth of a second of start-up is not
paid forty times); the child's peak resident size from wait4() includes the interpreter and
libraries it inherited, which is what an import process really holds. A child that outlives
`KILL_AFTER_S` is killed and reported as such.
"""

from __future__ import annotations

import gc
import json
import os
import shutil
import signal
import sys
import time
import traceback
from pathlib import Path

KILL_AFTER_S = 60.0


def _child(path: Path, template: Path, work: Path) -> dict[str, object]:
    from eventdesk.domain.errors import EventdeskError
    from eventdesk.persistence.document import EventDocument
    from eventdesk.services.importing import import_file
    from tests.services.importing.support import snapshot

    event = work / f"{path.name}.eventdesk"
    shutil.copyfile(template, event)
    doc = EventDocument.open(event)
    before = snapshot(doc)
    try:
        report = import_file(doc=doc, path=path).report
    except EventdeskError as error:
        return {"outcome": "refused", "message": str(error), "unchanged": snapshot(doc) == before}
    except BaseException as error:  # the defect this probe is looking for
        return {
            "outcome": "crashed",
            "message": f"{type(error).__name__}: {error}",
            "traceback": traceback.format_exc(),
        }
    counted = (
        report.created + report.updated + report.unchanged + report.merged + report.skipped + report.rejected
    )
    return {
        "outcome": "imported",
        "rows": report.rows_read,
        "counted": counted,
        "reasons": sorted({entry.reason for entry in report.entries}),
    }


def probe(path: Path, template: Path, work: Path) -> dict[str, object]:
    read, write = os.pipe()
    started = time.perf_counter()
    pid = os.fork()
    if pid == 0:  # the child: report through the pipe, never return into the caller
        os.close(read)
        try:
            result = _child(path, template, work)
        except BaseException as error:
            result = {"outcome": "crashed", "message": repr(error), "traceback": traceback.format_exc()}
        with os.fdopen(write, "w") as out:
            json.dump(result, out)
        os._exit(0)
    os.close(write)
    killed = False
    while True:
        done, status, usage = os.wait4(pid, os.WNOHANG)
        if done:
            break
        if time.perf_counter() - started > KILL_AFTER_S:
            os.kill(pid, signal.SIGKILL)
            killed = True
        time.sleep(0.01)
    seconds = time.perf_counter() - started
    with os.fdopen(read) as incoming:
        text = incoming.read()
    result = json.loads(text) if text else {"outcome": "killed" if killed else "died", "status": status}
    result.update(
        name=path.name,
        seconds=round(seconds, 3),
        cpu_seconds=round(usage.ru_utime + usage.ru_stime, 3),
        peak_mb=round(usage.ru_maxrss / 1024, 1),
    )
    return result


def main(argv: list[str]) -> int:
    corpus, work, *names = argv
    corpus_dir, work_dir = Path(corpus), Path(work)
    work_dir.mkdir(parents=True, exist_ok=True)
    import eventdesk.services.importing  # noqa: F401  (loaded once, before the forks)
    from tests.factories import EventFactory

    template = EventFactory(work_dir).demo(attendees=20, companies=3)
    template_path = Path(template.display_location)
    template.close()
    # One small import in this process before the forks, so that what an import loads and
    # compiles on first use (phone and e-mail rules, SQL statements) is not paid by every child;
    # the collector's objects frozen so the children do not copy every page by touching them.
    warm = work_dir / "warm-up.csv"
    warm.write_text("First name,Last name,Email,Phone\nAnna,Berg,anna@example.se,+46701234567\n", "utf-8")
    _child(warm, template_path, work_dir)
    gc.freeze()
    files = [corpus_dir / name for name in names] if names else sorted(corpus_dir.iterdir())
    for path in files:
        print(json.dumps(probe(path, template_path, work_dir)), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
