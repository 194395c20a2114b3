"""Writing a demo career fair: an event document full of realistic, made-up people.

The plan is made in memory first (eventdesk.demo.event), so that cancelling the slow
part touches no file. Rows then go in with SQLAlchemy core `insert()` executemany batches in
one session: the ORM's per-object bookkeeping would cost seconds at 50,000 attendees.

A SQLite demo is filled under a temporary `*.demo-part.eventdesk` name beside the target and
moved into place only once complete, so a failure, a cancel or a crash never leaves a
half-filled event under the real name, and `--force` keeps the old file until the new one
is whole. A PostgreSQL database is emptied again if filling it fails.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Any

from sqlalchemy import MetaData, Table, insert, text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from eventdesk.demo.event import DemoPlan, plan_demo
from eventdesk.domain.errors import EventFileError, ValidationError
from eventdesk.domain.progress import NO_PROGRESS, Progress
from eventdesk.domain.text import email_key, search_text
from eventdesk.persistence.document import FILE_SUFFIX, EventDocument, is_database_url, remove_sqlite_files
from eventdesk.persistence.leftovers import remove_part
from eventdesk.persistence.tables import Attendee, Company, ExternalCode
from eventdesk.services.events import create_event

BATCH = 5_000
STAGING_SUFFIX = ".demo-part"
# Progress is reported in thousandths: planning is the first half, writing the second.
PROGRESS_TOTAL = 1_000


@dataclass(frozen=True)
class DemoSpec:
    attendees: int = 400
    companies: int = 40
    seed: int = 1


def generate_demo(
    *,
    target: str | os.PathLike[str],
    spec: DemoSpec,
    overwrite: bool = False,
    progress: Progress = NO_PROGRESS,
) -> EventDocument:
    """A new event at `target` holding `spec`'s made-up companies and attendees.

    The same seed gives the same event, companies and people (ids included); only the
    event's signing key and code differ, because those must never be guessable.
    """
    if spec.attendees < 0 or spec.companies < 0:
        raise ValidationError(
            f"A demo needs zero or more attendees and companies, not {spec.attendees} and {spec.companies}."
        )
    if is_database_url(target):
        plan = _plan(spec, progress)
        return _fill_database(str(target), plan, progress)
    final = _final_path(target)
    if final.exists() and not overwrite:
        raise EventFileError(f"{final} already exists; choose another name or allow overwriting.")
    if not final.parent.is_dir():
        raise EventFileError(f"The folder {final.parent} does not exist.")
    plan = _plan(spec, progress)
    return _fill_file(final, plan, progress)


def _final_path(target: str | os.PathLike[str]) -> Path:
    path = Path(target).expanduser()
    return path if path.suffix == FILE_SUFFIX else path.with_name(path.name + FILE_SUFFIX)


def staging_path(final: Path) -> Path:
    """Where a demo is filled before it is moved to `final`."""
    return final.with_name(final.stem + STAGING_SUFFIX + FILE_SUFFIX)


def _plan(spec: DemoSpec, progress: Progress) -> DemoPlan:
    def halve(done: int, total: int, message: str) -> None:
        progress.report(done * (PROGRESS_TOTAL // 2) // max(total, 1), PROGRESS_TOTAL, message)

    planning = Progress(on_report=halve, is_cancelled=progress.is_cancelled)
    return plan_demo(attendees=spec.attendees, companies=spec.companies, seed=spec.seed, progress=planning)


def _fill_file(final: Path, plan: DemoPlan, progress: Progress) -> EventDocument:
    staging = staging_path(final)
    remove_part(staging)  # a demo killed half-way left it; this one owns it, and says so
    doc = create_event(target=staging, draft=plan.draft, overwrite=True)
    try:
        _write_rows(doc, plan, progress)
        doc.close()
        _fold_wal(staging)
        remove_sqlite_files(final)
        staging.replace(final)
    except BaseException:
        doc.close()
        remove_sqlite_files(staging)
        raise
    remove_sqlite_files(staging)
    return EventDocument.open(final)


def _fill_database(url: str, plan: DemoPlan, progress: Progress) -> EventDocument:
    doc = create_event(target=url, draft=plan.draft)
    try:
        _write_rows(doc, plan, progress)
    except BaseException:
        # If the server went away, there is nothing we can clean; the first error is the news.
        with contextlib.suppress(SQLAlchemyError):
            _drop_everything(doc)
        doc.close()
        raise
    return doc


def _write_rows(doc: EventDocument, plan: DemoPlan, progress: Progress) -> None:
    """Companies, attendees and their platform codes in one transaction, in batches.

    Ids are given explicitly (the database is new and empty) so that staff can point at
    their company and codes at their attendee without reading ids back.
    """
    total_rows = len(plan.companies) + len(plan.attendees) + plan.code_count
    written = 0

    def advance(count: int) -> None:
        nonlocal written
        written += count
        half = PROGRESS_TOTAL // 2
        progress.report(half + written * half // max(total_rows, 1), PROGRESS_TOTAL, "Writing the event")

    with doc.session() as session:
        for table, rows in (
            (_table(Company), _company_rows(plan)),
            (_table(Attendee), _attendee_rows(plan)),
            (_table(ExternalCode), _code_rows(plan)),
        ):
            for batch in _batches(rows, BATCH):
                session.execute(insert(table), batch)
                advance(len(batch))
        if not doc.is_sqlite:
            _advance_sequences(session, ("company", "attendee", "external_code"))
        progress.check()


def _table(model: type[Any]) -> Table:
    return model.__table__  # type: ignore[no-any-return]


def _company_rows(plan: DemoPlan) -> Iterator[dict[str, Any]]:
    for number, company in enumerate(plan.companies, start=1):
        yield {
            "id": number,
            "name": company.name,
            "sector": company.sector,
            "booth": company.booth,
            "meeting_tables": company.meeting_tables,
            "hiring_tags": company.hiring_tags,
            "website": company.website,
            "description": company.description,
            "contact_name": company.contact_name,
            "contact_email": company.contact_email,
            "contact_phone": company.contact_phone,
            "created_at": company.signed_up_at,
            "updated_at": company.signed_up_at,
        }


def _attendee_rows(plan: DemoPlan) -> Iterator[dict[str, Any]]:
    # Names and organisations repeat across thousands of people: fold each text once.
    folded: dict[str, str] = {}

    def once(part: str) -> str:
        found = folded.get(part)
        if found is None:
            found = folded[part] = search_text([part])
        return found

    for number, person in enumerate(plan.attendees, start=1):
        name = person.name
        parts = [once(name.given), once(name.family), search_text([person.email]), once(person.organisation)]
        if name.given_latin != name.given or name.family_latin != name.family:
            # "olena" should find Олена: the Latin spelling is searchable too.
            parts += [once(name.given_latin), once(name.family_latin)]
        parts += [search_text([code]) for _, code in person.codes]
        yield {
            "id": number,
            "given_name": name.given,
            "family_name": name.family,
            "email": person.email,
            "phone": person.phone,
            "organisation": person.organisation,
            "job_title": person.job_title,
            "degree": person.degree,
            "field_of_work": person.field_of_work,
            "interests": person.interests,
            "ticket_type": person.ticket_type,
            "status": person.status,
            "consent_share": person.consent_share,
            "company_id": None if person.company is None else person.company + 1,
            "email_key": email_key(person.email),
            # Equal to search_text() of all these parts, which the tests check.
            "search_text": " ".join(p for p in parts if p),
            "badge_version": 1,
            "created_at": person.registered_at,
            "updated_at": person.updated_at,
        }


def _code_rows(plan: DemoPlan) -> Iterator[dict[str, Any]]:
    number = 0
    for attendee_id, person in enumerate(plan.attendees, start=1):
        for platform, code in person.codes:
            number += 1
            yield {"id": number, "attendee_id": attendee_id, "platform": platform, "code": code}


def _batches(rows: Iterable[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    iterator = iter(rows)
    while batch := list(islice(iterator, size)):
        yield batch


def _advance_sequences(session: Session, tables: Iterable[str]) -> None:
    """PostgreSQL hands out ids from a sequence that explicit ids do not move; move it past them."""
    for name in tables:
        session.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), "
                f"(SELECT COALESCE(MAX(id), 0) + 1 FROM {name}), false)"
            )
        )


def _drop_everything(doc: EventDocument) -> None:
    """Give the database back as it was lent to us: empty (create_event insisted it was)."""
    with doc.engine.begin() as conn:
        found = MetaData()
        found.reflect(conn)
        found.drop_all(conn)
        if conn.dialect.name == "postgresql":
            # The sync feed's trigger functions outlive their tables; the next event made in
            # this database would fail on "function already exists".
            owned = conn.execute(
                text(
                    "SELECT p.oid::regprocedure::text FROM pg_proc p "
                    "JOIN pg_namespace n ON n.oid = p.pronamespace "
                    "WHERE n.nspname = current_schema() AND p.proname LIKE :ours"
                ),
                {"ours": "eventdesk\\_%"},
            ).scalars()
            for signature in list(owned):
                conn.exec_driver_sql(f"DROP FUNCTION IF EXISTS {signature}")


def _fold_wal(path: Path) -> None:
    """One self-contained file: whatever is still in the write-ahead log goes into it."""
    conn = sqlite3.connect(path)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()
