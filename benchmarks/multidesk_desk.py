"""One desk process of `bench_multidesk`: its replica, its sync loop, a queue of scans.

`python -m benchmarks.multidesk_desk DESK.eventdesk TOKENS.json OUT.json` scans every token
in TOKENS.json through `ReplicaDoor` (as the window's check-in desk does), with the sync loop
running on its thread, then keeps syncing until its outbox is empty, and writes one record
per scan (UUID, verdict, offline or not, milliseconds of wall clock and of CPU on the
threads that worked on it) and its CPU seconds to OUT.json.
"""

from __future__ import annotations

import json
import resource
import sys
import time
from pathlib import Path


def main() -> int:
    desk_path, tokens_path, out_path = (Path(a) for a in sys.argv[1:4])
    from eventdesk.persistence.document import EventDocument
    from eventdesk.sync.door import ReplicaDoor
    from eventdesk.sync.loop import SyncLoop
    from eventdesk.sync.rounds import DeskSync

    tokens = json.loads(tokens_path.read_text())
    doc = EventDocument.open(desk_path)
    sync = DeskSync(doc)
    loop = SyncLoop(sync).start()
    door = ReplicaDoor(doc=doc, sync=sync)
    deadline = time.monotonic() + 10
    while not sync.status.online and time.monotonic() < deadline:
        time.sleep(0.05)
    records = []
    for token in tokens:
        started = time.perf_counter()
        verdict = door.scan(token)
        took = time.perf_counter() - started
        records.append(
            {
                "id": verdict.scan_id,
                "attendee": verdict.attendee_id,
                "verdict": verdict.verdict.value,
                "offline": verdict.decided_offline,
                "asked_hub": door.last_waited_for_hub,
                "ms": 1000 * took,
                "cpu_ms": 1000 * door.last_cpu_s,
            }
        )
        time.sleep(0.004)  # a queue at the door, not a tight loop: the other desks get the CPU too
    door.close()
    loop.stop()
    final_deadline = time.monotonic() + 120
    while time.monotonic() < final_deadline:
        report = sync.run_round()
        if report.reached and sync.status.unsent_scans == 0 and sync.status.unsent_edits == 0:
            break
        time.sleep(0.5)
    usage = resource.getrusage(resource.RUSAGE_SELF)
    out_path.write_text(
        json.dumps(
            {
                "records": records,
                "unsent": sync.status.unsent_scans,
                "cpu_s": usage.ru_utime + usage.ru_stime,
            }
        )
    )
    sync.close()
    doc.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
