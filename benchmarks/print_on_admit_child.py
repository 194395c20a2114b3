"""Child process of `bench_print_on_admit` (and its test): scans admitted at a desk with
"Print badge on admit", each timed until its badge job is in the CUPS queue.

Run with CUPS_SERVER pointing at a private cupsd (benchmarks/cups_server.py) and
QT_QPA_PLATFORM=offscreen. Arguments: EVENT N [--pause]. Prints one JSON object:
the seconds from each scan to its job listed by `lpstat`, the same for a plain `lp` of the
same badge PDF (the spooler's own share, the baseline), and with --pause, what the desk said
when the printer was paused and whether the admission stood.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

from PySide6.QtCore import QEventLoop
from PySide6.QtWidgets import QApplication


def _jobs() -> set[str]:
    out = subprocess.run(["lpstat", "-W", "all", "-o"], capture_output=True, text=True, timeout=10).stdout
    return {line.split()[0] for line in out.splitlines() if line.strip()}


def _wait_for_new_job(app: QApplication, before: set[str], timeout: float = 20.0) -> float | None:
    started = time.perf_counter()
    while time.perf_counter() - started < timeout:
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 10)
        if _jobs() - before:
            return time.perf_counter() - started
        time.sleep(0.01)
    return None


def main() -> int:
    event, count = sys.argv[1], int(sys.argv[2])
    pause = "--pause" in sys.argv
    app = QApplication([])
    from sqlalchemy import select

    from eventdesk.domain.tokens import encode_token
    from eventdesk.persistence.document import EventDocument
    from eventdesk.persistence.tables import Attendee, BadgePrint, Event
    from eventdesk.services.badges.batches import badge_options, badge_pdf_bytes
    from eventdesk.services.privacy.keys import unseal
    from eventdesk.settings import PRINT_ON_ADMIT, PRINTERS, Settings
    from eventdesk.ui.context import EventContext
    from eventdesk.ui.desk import DeskController

    printer = os.environ.get("EVENTDESK_BENCH_PRINTER", "eventdesk-badges")
    settings = Settings()
    layout = badge_options(settings=settings).layout
    settings.set(PRINTERS, {layout: printer})  # the printer remembered for the layout
    settings.set(PRINT_ON_ADMIT, True)
    context = EventContext(settings)
    context.set_document(EventDocument.open(event))
    doc = context.require_document()
    with doc.session() as session:
        row = session.execute(select(Event)).scalar_one()
        printed = (
            select(BadgePrint.id)
            .where(BadgePrint.attendee_id == Attendee.id, BadgePrint.version == Attendee.badge_version)
            .exists()
        )
        # People whose badge was never printed: the only ones printed for on admission.
        people = session.execute(
            select(Attendee.id, Attendee.badge_version)
            .where(Attendee.status == "registered", ~printed)
            .order_by(Attendee.id)
            .limit(count + 2)
        ).all()
        key = unseal(row.signing_key, row.public_key)
        tokens = [
            encode_token(event_code=row.code, serial=p.id, version=p.badge_version, private_key=key)
            for p in people
        ]
    desk = DeskController(context)
    said: list[str] = []
    desk.print_failed.connect(lambda message: said.append(message))
    result: dict[str, object] = {}
    if pause:
        subprocess.run(["cupsdisable", "-r", "paused by the test", printer], check=True, timeout=10)
        before = _jobs()
        verdict = desk.scan(tokens[-1])
        deadline = time.perf_counter() + 15
        while not said and time.perf_counter() < deadline:
            app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 10)
            time.sleep(0.01)
        result["paused_said"] = list(said)
        result["paused_admitted"] = bool(verdict and verdict.admitted)
        result["paused_new_jobs"] = len(_jobs() - before)
        result["paused_print_outcomes"] = [job.outcome for job in desk.print_jobs]
        subprocess.run(["cupsenable", printer], check=True, timeout=10)
        said.clear()
    scan_seconds: list[float] = []
    cpu_started = time.process_time()
    for token in tokens[:count]:
        before = _jobs()
        started = time.perf_counter()
        verdict = desk.scan(token)
        assert verdict is not None and verdict.admitted, verdict
        waited = _wait_for_new_job(app, before)
        if waited is None:
            result["error"] = f"no job reached the queue; the desk said {said}"
            break
        scan_seconds.append(time.perf_counter() - started)
        # Let the job finish sending (recording the print) before the next person.
        for job in list(desk.print_jobs):
            while not job.outcome:
                app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 10)
    result["cpu_seconds"] = time.process_time() - cpu_started
    result["scan_to_queue"] = scan_seconds
    # Baseline: the same badge's PDF given to the spooler by `lp`, nothing else.
    data, _printed = badge_pdf_bytes(
        doc=doc, attendee_ids=[people[0].id], options=badge_options(settings=settings)
    )
    pdf = Path(os.environ.get("TMPDIR", "/tmp")) / f"eventdesk-bench-badge-{os.getpid()}.pdf"
    pdf.write_bytes(data)
    baseline: list[float] = []
    try:
        for _ in range(min(count, 10)):
            before = _jobs()
            started = time.perf_counter()
            subprocess.run(["lp", "-d", printer, str(pdf)], check=True, capture_output=True, timeout=10)
            while not (_jobs() - before):
                time.sleep(0.01)
            baseline.append(time.perf_counter() - started)
    finally:
        pdf.unlink(missing_ok=True)
    result["lp_to_queue"] = baseline
    result["said"] = said
    print(json.dumps(result))
    context.close_document()
    return 0


if __name__ == "__main__":
    sys.exit(main())
