"""Import of a 50,000-row attendee CSV, validation included.

The file is an Eventbrite attendee report (its real column layout) of the 50,000 people of
a demo event (written first, not timed): names with diacritics and particles, e-mails,
phone numbers as people type them ("06 12345678", "+45 20 12 34 56"), companies, job
titles, ticket types, statuses and barcodes. The figure is one `import_file` into a new,
empty event (in-process; Python start-up and imports not counted), median of 3: reading
and decoding, recognising the layout, splitting names, validating every e-mail
(email-validator), normalising every phone (phonenumbers), mapping statuses and ticket
types, de-duplicating, writing attendees and codes in one transaction, recording undo.

The baseline, in the same run, is the naive importer: `csv.DictReader` and one
`session.add(Attendee(...))` per row with no validation, normalisation or duplicate
check, one commit, into another empty event. The second row re-imports the same file into
the event it was imported into (every person matched and unchanged): what a weekly
re-import of an updated export costs. Both rows also give the process's CPU time: on a
shared machine the wall-clock figure includes waiting for a core.
"""

from __future__ import annotations

import csv
import statistics
import tempfile
import time
from datetime import datetime
from pathlib import Path

from sqlalchemy import select

from benchmarks.table import Row
from eventdesk.domain.event import EventDraft
from eventdesk.persistence.document import EventDocument
from eventdesk.persistence.tables import Attendee, ExternalCode
from eventdesk.services.demo import DemoSpec, generate_demo
from eventdesk.services.events import create_event
from eventdesk.services.importing import import_file

TARGET_SECONDS = 3.0
HEADER = [
    "Order #", "Order Date", "First Name", "Last Name", "Email", "Quantity", "Ticket Type", "Attendee #",
    "Attendee Status", "Home Country", "Cell Phone", "Job Title", "Company", "Barcode #",
]  # fmt: skip
DRAFT = EventDraft("Import benchmark", "Jaarbeurs", datetime(2027, 3, 12, 9), datetime(2027, 3, 12, 17))
STATUS = {"registered": "Attending", "cancelled": "Refunded"}
TICKETS = {
    "visitor": "General Admission",
    "exhibitor": "Exhibitor staff",
    "speaker": "Speaker",
    "press": "Press",
}


def write_report(source: EventDocument, path: Path) -> int:
    """An Eventbrite-layout CSV of the source event's people, phones written as typed."""
    with source.session() as session:
        codes = dict(session.execute(select(ExternalCode.attendee_id, ExternalCode.code)).all())
        people = session.execute(
            select(
                Attendee.id,
                Attendee.given_name,
                Attendee.family_name,
                Attendee.email,
                Attendee.ticket_type,
                Attendee.status,
                Attendee.phone,
                Attendee.job_title,
                Attendee.organisation,
            )
        ).all()
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        for n, (pid, given, family, email, ticket, status, phone, job, org) in enumerate(people):
            typed = phone.replace("+31", "0", 1) if n % 2 and phone.startswith("+31") else phone
            writer.writerow(
                [
                    100000 + pid, "2027-01-10 09:12:44+01:00", given, family, email or "", 1,
                    TICKETS.get(ticket, "General Admission"), 200000 + pid, STATUS.get(status, "Attending"),
                    "NL" if typed.startswith("0") else "", typed, job, org, codes.get(pid, f"EB{pid:012d}"),
                ]
            )  # fmt: skip
    return len(people)


def _naive_import(path: Path, target: Path) -> float:
    """csv.DictReader + ORM inserts, no validation: the floor of the naive approach."""
    doc = create_event(target=target, draft=DRAFT)
    try:
        started = time.perf_counter()
        with doc.session() as session, path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                session.add(
                    Attendee(
                        given_name=row["First Name"],
                        family_name=row["Last Name"],
                        email=row["Email"] or None,
                        phone=row["Cell Phone"],
                        organisation=row["Company"],
                        job_title=row["Job Title"],
                    )
                )
        return time.perf_counter() - started
    finally:
        doc.close()


def run(quick: bool) -> list[Row]:
    attendees = 10_000 if quick else 50_000
    times = 1 if quick else 3
    with tempfile.TemporaryDirectory(prefix="eventdesk-bench-") as name:
        folder = Path(name)
        source = generate_demo(
            target=folder / "source.eventdesk", spec=DemoSpec(attendees=attendees, companies=40, seed=2027)
        )
        csv_path = folder / "eventbrite-attendees.csv"
        try:
            rows = write_report(source, csv_path)
        finally:
            source.close()
        durations, cpu = [], []
        last = None
        for n in range(times):
            doc = create_event(target=folder / f"import-{n}.eventdesk", draft=DRAFT)
            started, used = time.perf_counter(), time.process_time()
            report = import_file(doc=doc, path=csv_path).report
            durations.append(time.perf_counter() - started)
            cpu.append(time.process_time() - used)
            assert report.created + report.merged + report.rejected + report.skipped == rows, report.summary
            if last is not None:
                last.close()
            last = doc
        assert last is not None
        started, used = time.perf_counter(), time.process_time()
        again = import_file(doc=last, path=csv_path).report
        reimport, reimport_cpu = time.perf_counter() - started, time.process_time() - used
        last.close()
        baseline = _naive_import(csv_path, folder / "naive.eventdesk")
    median = statistics.median(durations)
    return [
        Row(
            figure=f"Import of a {rows:,}-row Eventbrite CSV, validation included (median of {times})",
            measured=f"{median:.2f} s ({statistics.median(cpu):.2f} s CPU; {report.created:,} created)",
            target=f"≤ {TARGET_SECONDS:.0f} s",
            baseline=f"{baseline:.2f} s csv.DictReader + ORM inserts, no validation",
            met=median <= TARGET_SECONDS,
        ),
        Row(
            figure=f"Re-import of the same {rows:,} rows (all matched, {again.unchanged:,} unchanged)",
            measured=f"{reimport:.2f} s ({reimport_cpu:.2f} s CPU)",
            target=f"≤ {TARGET_SECONDS:.0f} s",
            baseline="same file, first import above",
            met=reimport <= TARGET_SECONDS,
        ),
    ]
